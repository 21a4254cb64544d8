//! Spreading work over threads. Each pathway is checked and analysed on its own, so a
//! large network splits into runs of whole pathways with nothing shared but the read-only
//! network.

use std::num::NonZeroUsize;
use std::ops::Range;
use std::panic;
use std::sync::Mutex;
use std::thread::{self, Scope, ScopedJoinHandle};

use crate::model::Pathway;

/// Below this many components a network is checked and analysed on one thread: starting threads
/// costs tens of microseconds, more than they save on a small network.
const PARALLEL_FROM: usize = 4_000;

/// How many threads a network of `components` components is worth.
pub(crate) fn threads_for(components: usize) -> usize {
    if components < PARALLEL_FROM {
        1
    } else {
        thread::available_parallelism().map_or(1, NonZeroUsize::get)
    }
}

/// `f` of each pathway, in order, on up to `threads` threads. Should a thread fail to
/// start, its share is done here instead; a panic in `f` is passed on as if `f` had run
/// here.
pub(crate) fn map_pathways<T, F>(pathways: &[Pathway], threads: usize, f: F) -> Vec<T>
where
    T: Send,
    F: Fn(usize, &Pathway) -> T + Sync,
{
    let shares = shares(pathways, threads);
    each(shares.len(), |k| {
        shares[k]
            .clone()
            .map(|i| f(i, &pathways[i]))
            .collect::<Vec<T>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// `f(k)` for each `k` below `n`, in order: the first here, each other on a thread of its
/// own, or here should its thread fail to start; a panic in `f` is passed on as if `f`
/// had run here.
pub(crate) fn each<T, F>(n: usize, f: F) -> Vec<T>
where
    T: Send,
    F: Fn(usize) -> T + Sync,
{
    if n < 2 {
        return (0..n).map(&f).collect();
    }
    thread::scope(|scope| {
        let f = &f;
        let others: Vec<_> = (1..n).map(|k| (k, spawn(scope, move || f(k)))).collect();
        let mut all = Vec::with_capacity(n);
        all.push(f(0));
        for (k, handle) in others {
            all.push(match handle {
                Some(handle) => join(handle),
                None => f(k),
            });
        }
        all
    })
}

/// Runs `a` on another thread and `b` here, and returns both.
pub(crate) fn both<A, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B)
where
    A: Send,
{
    // `a` waits in a slot that whichever runs it, the thread or this one, empties.
    let slot = Mutex::new(Some(a));
    let take = || slot.lock().ok().and_then(|mut a| a.take());
    thread::scope(|scope| {
        let started = spawn(scope, || take().map(|a| a()));
        let b = b();
        let a = started.and_then(join).or_else(|| take().map(|a| a()));
        (a.expect("a ran on one thread or the other"), b)
    })
}

fn spawn<'scope, 'env, T: Send + 'scope>(
    scope: &'scope Scope<'scope, 'env>,
    f: impl FnOnce() -> T + Send + 'scope,
) -> Option<ScopedJoinHandle<'scope, T>> {
    thread::Builder::new()
        .name("carepath-pathways".to_string())
        .spawn_scoped(scope, f)
        .ok()
}

fn join<T>(handle: ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|payload| panic::resume_unwind(payload))
}

/// Runs of consecutive pathways with about the same number of components each, at most
/// `threads` of them, none empty.
fn shares(pathways: &[Pathway], threads: usize) -> Vec<Range<usize>> {
    let weight = |p: &Pathway| p.components().len() + p.links().len() + 1;
    let total: usize = pathways.iter().map(weight).sum();
    let per_share = total.div_ceil(threads.max(1));
    let mut shares = Vec::new();
    let (mut start, mut load) = (0, 0);
    for (i, p) in pathways.iter().enumerate() {
        load += weight(p);
        if load >= per_share {
            shares.push(start..i + 1);
            (start, load) = (i + 1, 0);
        }
    }
    if start < pathways.len() {
        shares.push(start..pathways.len());
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Condition;

    fn pathways(n: usize) -> Vec<Pathway> {
        (0..n)
            .map(|i| Pathway::new(&format!("p{i}"), "P", Condition::LongTerm))
            .collect()
    }

    #[test]
    fn shares_cover_every_pathway_once_in_order() {
        for n in 0..9 {
            for threads in 1..5 {
                let ps = pathways(n);
                let shares = shares(&ps, threads);
                assert!(shares.len() <= threads.max(1), "{n} {threads} {shares:?}");
                let flat: Vec<usize> = shares.iter().flat_map(|r| r.clone()).collect();
                assert_eq!(flat, (0..n).collect::<Vec<_>>());
                assert!(shares.iter().all(|r| !r.is_empty()));
            }
        }
    }

    #[test]
    fn map_pathways_keeps_the_order_on_any_number_of_threads() {
        let ps = pathways(7);
        for threads in 1..4 {
            let ids = map_pathways(&ps, threads, |i, p| (i, p.id.clone()));
            let want: Vec<(usize, String)> = (0..7).map(|i| (i, format!("p{i}"))).collect();
            assert_eq!(ids, want);
        }
    }

    #[test]
    fn both_returns_both() {
        assert_eq!(both(|| 1, || "two"), (1, "two"));
    }
}
