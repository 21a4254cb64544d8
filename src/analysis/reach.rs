//! Entries, exits, journeys and reach (README: status and weakest links).
//!
//! Journeys are counted on the condensation of the pathway graph (each strongly connected
//! set is one step). Their number grows exponentially with the size of the graph (a
//! layered network of 60,000 components easily has more than 10^1000 journeys). Counts up
//! to 10^300 are kept as plain f64s, exact to 2^53 and to about 1e-15 relative above;
//! beyond that, every count is kept as its natural logarithm: sums become log-sum-exp,
//! products sums, and a reach `in * out / total` is `exp(ln in + ln out - ln total)`,
//! which stays in [0, 1] and exact to about 1e-9 relative on 60,000 components, however
//! many journeys there are. `Journeys::ln_total` is the logarithm either way.

use petgraph::visit::EdgeRef;

use crate::flat_lists::FlatLists;
use crate::model::Pathway;

/// `ln(0)`: no journeys.
const NONE: f64 = f64::NEG_INFINITY;

/// ln(e^a + e^b) without overflow.
fn ln_add(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    if lo == NONE {
        hi
    } else {
        hi + (lo - hi).exp().ln_1p()
    }
}

/// The journey structure of one pathway. Vectors are indexed like `components()`
/// and `links()`.
#[derive(Debug, Clone, PartialEq)]
pub struct Journeys {
    /// ln of the number of journeys; `-inf` when there are none.
    pub ln_total: f64,
    /// Share of journeys through each component, in [0, 1].
    pub component_reach: Vec<f64>,
    /// Share of journeys using each link, in [0, 1]; a link inside a loop takes the loop's.
    pub link_reach: Vec<f64>,
    /// Where journeys start: components with no incoming link (a link to itself aside),
    /// and for a loop with no link in from outside, its earliest member.
    pub is_entry: Vec<bool>,
    /// Where journeys end: components with no outgoing link (a link to itself aside),
    /// and for a loop with no link out, its latest member.
    pub is_exit: Vec<bool>,
    /// Components with no links, in a pathway of two or more: no part in journeys.
    pub is_orphan: Vec<bool>,
    /// The strongly connected sets of more than one component, or of one with a link to
    /// itself, as component indices in author order. Sorted by their first component.
    pub loops: Vec<Vec<usize>>,
}

impl Journeys {
    /// The number of journeys as a float: exact up to 2^53, approximate above, and
    /// infinite beyond f64's range (use `ln_total` there).
    pub fn total(&self) -> f64 {
        self.ln_total.exp()
    }
}

/// Each component's strongly connected set, by Tarjan's algorithm with a stack of its own
/// (a pathway 60,000 components deep must not overflow the thread's), and the number of
/// sets. Sets are numbered in reverse topological order of the condensation: every link
/// between two sets goes from a higher number to a lower.
fn strongly_connected(n: usize, successors: &FlatLists) -> (Vec<usize>, usize) {
    const UNSEEN: usize = usize::MAX;
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    // (component, how many of its successors are done)
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut set_of = vec![0; n];
    let (mut seen, mut sets) = (0, 0);
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        calls.push((root, 0));
        (order[root], low[root]) = (seen, seen);
        seen += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut done)) = calls.last_mut() {
            if let Some(&w) = successors.of(v).get(*done) {
                *done += 1;
                if order[w] == UNSEEN {
                    (order[w], low[w]) = (seen, seen);
                    seen += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(u, _)) = calls.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == order[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    set_of[w] = sets;
                    if w == v {
                        break;
                    }
                }
                sets += 1;
            }
        }
    }
    (set_of, sets)
}

/// Works out entries, exits, loops, the number of journeys and every reach.
pub fn journeys(pathway: &Pathway) -> Journeys {
    let graph = pathway.graph();
    let n = graph.node_count();
    let mut linked = vec![false; n];
    let mut ends: Vec<(usize, usize)> = Vec::with_capacity(graph.edge_count());
    for e in graph.edge_references() {
        let (a, b) = (e.source().index(), e.target().index());
        (linked[a], linked[b]) = (true, true);
        ends.push((a, b));
    }
    let is_orphan: Vec<bool> = (0..n).map(|i| n >= 2 && !linked[i]).collect();
    let successors = FlatLists::grouped(n, ends.iter().copied());

    let (scc_of, s_count) = strongly_connected(n, &successors);
    // Members of each set, in author order.
    let members = FlatLists::grouped(s_count, (0..n).map(|i| (scc_of[i], i)));
    let mut loops: Vec<Vec<usize>> = (0..s_count)
        .map(|s| members.of(s))
        .filter(|m| m.len() > 1 || successors.of(m[0]).contains(&m[0]))
        .map(<[usize]>::to_vec)
        .collect();
    loops.sort_unstable_by_key(|l| l[0]);

    // Steps of the condensation, each once (several links into one loop are one step):
    // `seen_from[t] == s` marks a step s -> t already listed.
    let mut seen_from = vec![usize::MAX; s_count];
    let mut steps = Vec::new();
    let mut scc_has_in = vec![false; s_count];
    for s in 0..s_count {
        for &m in members.of(s) {
            for &t in successors.of(m) {
                let t = scc_of[t];
                if t != s && seen_from[t] != s {
                    seen_from[t] = s;
                    steps.push((s, t));
                    scc_has_in[t] = true;
                }
            }
        }
    }
    let dag = FlatLists::grouped(s_count, steps.iter().copied());
    // Each loop is one step, so journeys start at a step with no link in from outside it
    // and end at a step with no link out. For a single component that is "no incoming
    // (outgoing) link", a link to itself aside. A loop that opens (closes) the pathway
    // has no such component; its entry (exit) is its member with the earliest (latest)
    // phase, the first in author order among equals.
    let scc_entry: Vec<bool> = (0..s_count)
        .map(|s| !scc_has_in[s] && !is_orphan[members.of(s)[0]])
        .collect();
    let scc_exit: Vec<bool> = (0..s_count)
        .map(|s| dag.of(s).is_empty() && !is_orphan[members.of(s)[0]])
        .collect();
    let components = pathway.components();
    let mut is_entry = vec![false; n];
    let mut is_exit = vec![false; n];
    for s in 0..s_count {
        let members = || members.of(s).iter().copied();
        if scc_entry[s] {
            let first = members().min_by_key(|&i| (components[i].phase, i));
            is_entry[first.expect("a strongly connected set has members")] = true;
        }
        if scc_exit[s] {
            let last = members().max_by_key(|&i| (components[i].phase, std::cmp::Reverse(i)));
            is_exit[last.expect("a strongly connected set has members")] = true;
        }
    }

    // Journeys are counted as plain numbers while they stay far inside f64's range (the
    // usual case, and the faster), and as logarithms when they do not.
    let plain = Counts::propagate(&dag, &scc_entry, &scc_exit, 0.0, 1.0, |a, b| a + b);
    let counts = if plain.total <= PLAIN_LIMIT {
        plain
    } else {
        Counts::propagate(&dag, &scc_entry, &scc_exit, NONE, 0.0, ln_add)
    };
    let ln_total = counts.ln_total();
    let share = |into: usize, out: usize| counts.share(into, out);
    let scc_reach: Vec<f64> = (0..s_count).map(|s| share(s, s)).collect();
    let component_reach = (0..n)
        .map(|i| {
            if is_orphan[i] {
                0.0
            } else {
                scc_reach[scc_of[i]]
            }
        })
        .collect();
    let link_reach = ends
        .iter()
        .map(|&(a, b)| {
            let (a, b) = (scc_of[a], scc_of[b]);
            if a == b { scc_reach[a] } else { share(a, b) }
        })
        .collect();

    Journeys {
        ln_total,
        component_reach,
        link_reach,
        is_entry,
        is_exit,
        is_orphan,
        loops,
    }
}

/// Plain counts up to here; past it, logarithms. A product of two counts is at most the
/// total (the journeys through a set are among all journeys), so it cannot overflow.
const PLAIN_LIMIT: f64 = 1e300;

/// Journeys from any entry into each set, out of each set to any exit, and in all: plain
/// numbers, or their natural logarithms.
struct Counts {
    into: Vec<f64>,
    out: Vec<f64>,
    total: f64,
    log: bool,
}

impl Counts {
    /// Sums paths over the condensation: into a set from its predecessors (which have
    /// higher numbers), out of it through its successors (lower). `none` and `one` are 0
    /// and 1 in the chosen form, `add` its sum.
    fn propagate(
        dag: &FlatLists,
        entry: &[bool],
        exit: &[bool],
        none: f64,
        one: f64,
        add: impl Fn(f64, f64) -> f64,
    ) -> Counts {
        let sets = entry.len();
        let mut into: Vec<f64> = entry.iter().map(|&e| if e { one } else { none }).collect();
        for s in (0..sets).rev() {
            let here = into[s];
            if here != none {
                for &t in dag.of(s) {
                    into[t] = add(into[t], here);
                }
            }
        }
        let mut out: Vec<f64> = exit.iter().map(|&e| if e { one } else { none }).collect();
        for s in 0..sets {
            for &t in dag.of(s) {
                out[s] = add(out[s], out[t]);
            }
        }
        let total = (0..sets)
            .filter(|&s| exit[s])
            .fold(none, |acc, s| add(acc, into[s]));
        Counts {
            into,
            out,
            total,
            log: none == NONE,
        }
    }

    fn ln_total(&self) -> f64 {
        if self.log {
            self.total
        } else {
            self.total.ln()
        }
    }

    /// The share of all journeys that come into set `a` and go on out of set `b`. A
    /// share within rounding of 1 is every journey: 1.0 exactly (README: status and weakest links), not
    /// 0.9999999999999996 from 12 / 12 summed two ways.
    fn share(&self, a: usize, b: usize) -> f64 {
        let r = if self.log {
            if self.total == NONE || self.into[a] == NONE || self.out[b] == NONE {
                return 0.0;
            }
            (self.into[a] + self.out[b] - self.total).exp()
        } else {
            if self.total == 0.0 {
                return 0.0;
            }
            self.into[a] * self.out[b] / self.total
        };
        if is_full_reach(r) {
            1.0
        } else {
            r.clamp(0.0, 1.0)
        }
    }
}

/// True when `reach` is 1.0 up to the rounding of the log form.
pub fn is_full_reach(reach: f64) -> bool {
    reach >= 1.0 - 1e-9
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `layers` layers of `width` sets, each linked to every set of the next: sets are
    /// numbered so that links go from higher numbers to lower, as the condensation's are.
    fn layered(width: usize, layers: usize) -> (FlatLists, Vec<bool>, Vec<bool>) {
        let id = |layer: usize, i: usize| (layers - 1 - layer) * width + i;
        let mut steps = Vec::new();
        for layer in 0..layers - 1 {
            for a in 0..width {
                for b in 0..width {
                    steps.push((id(layer, a), id(layer + 1, b)));
                }
            }
        }
        let sets = width * layers;
        let entry = (0..sets).map(|s| s >= (layers - 1) * width).collect();
        let exit = (0..sets).map(|s| s < width).collect();
        (FlatLists::grouped(sets, steps.into_iter()), entry, exit)
    }

    #[test]
    fn plain_and_log_counts_agree_below_the_limit() {
        // 10^200 journeys: plain, far past 2^53.
        let (dag, entry, exit) = layered(10, 200);
        let plain = Counts::propagate(&dag, &entry, &exit, 0.0, 1.0, |a, b| a + b);
        let log = Counts::propagate(&dag, &entry, &exit, NONE, 0.0, ln_add);
        assert!(plain.total <= PLAIN_LIMIT);
        assert!((plain.ln_total() - 200.0 * 10f64.ln()).abs() < 1e-9);
        assert!((plain.ln_total() - log.ln_total()).abs() < 1e-9);
        for s in [0, 5, 999, 1999] {
            let (p, l) = (plain.share(s, s), log.share(s, s));
            assert!((p - 0.1).abs() < 1e-12 && (l - 0.1).abs() < 1e-9, "{p} {l}");
        }
    }

    #[test]
    fn past_the_limit_plain_counts_overflow_and_logs_do_not() {
        // 10^400 journeys.
        let (dag, entry, exit) = layered(10, 400);
        let plain = Counts::propagate(&dag, &entry, &exit, 0.0, 1.0, |a, b| a + b);
        assert!(
            plain.total > PLAIN_LIMIT,
            "so journeys() takes the logarithms"
        );
        let log = Counts::propagate(&dag, &entry, &exit, NONE, 0.0, ln_add);
        assert!((log.ln_total() - 400.0 * 10f64.ln()).abs() < 1e-9);
        assert!((log.share(0, 0) - 0.1).abs() < 1e-9);
    }
}
