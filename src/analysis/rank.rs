//! The orders of DESIGN §5: findings by severity, impact, pathway, phase and id; the
//! weakest links by impact, pathway, phase and id.
//!
//! A network of 60,000 components has some 84,000 findings and 140,000 measured parts,
//! so each is given one number that sorts as its severity, impact, pathway and phase do,
//! and ids are compared only between entries equal in all of those.

use std::cmp::Ordering;

use super::{Finding, Target, WeakLink};
use crate::model::{Network, Phase};

/// An impact for ranking, highest first and none last. Equal impacts worked out along
/// different paths differ in their last bits (0.3 vs 0.30000000000000004), which must not
/// decide the order before the phase and id do: impacts lie in [0, 1], and 1e-9 apart is
/// "equal".
fn impact_rank(impact: Option<f64>) -> u128 {
    const SCALE: f64 = 1e9;
    match impact {
        Some(x) => (SCALE - (x.clamp(0.0, 1.0) * SCALE).round()) as u128,
        None => SCALE as u128 + 1,
    }
}

/// Pathway (bits 8-71) and phase (bits 0-7): the tail of both orders.
fn place(pathway: usize, phase: Phase) -> u128 {
    (pathway as u128) << 8 | phase.index() as u128
}

/// Compares two ids as the strings `id` and `from->to` would compare, without building
/// them.
fn compare_ids(a: (&str, Option<&str>), b: (&str, Option<&str>)) -> Ordering {
    if let ((a, None), (b, None)) = (a, b) {
        return a.cmp(b);
    }
    fn bytes<'a>((first, second): (&'a str, Option<&'a str>)) -> impl Iterator<Item = u8> + 'a {
        let tail = second
            .into_iter()
            .flat_map(|t| "->".bytes().chain(t.bytes()));
        first.bytes().chain(tail)
    }
    bytes(a).cmp(bytes(b))
}

/// The id a target is ordered by: the component's, or `from->to` for a link, as its two
/// halves so that comparing needs no new string. A pathway-wide finding has none ("").
fn id_of(network: &Network, pathway: usize, target: Option<Target>) -> (&str, Option<&str>) {
    let pathway = &network.pathways()[pathway];
    match target {
        None => ("", None),
        Some(Target::Component(i)) => (&pathway.components()[i].id, None),
        Some(Target::Link(j)) => {
            let l = &pathway.links()[j];
            (&l.from, Some(&l.to))
        }
    }
}

/// Sorts `items` by `key`, then by `tie` among equal keys, moving each item once.
fn sort_keyed<T>(
    items: Vec<T>,
    key: impl Fn(&T) -> u128,
    tie: impl Fn(&T, &T) -> Ordering,
) -> Vec<T> {
    let mut keyed: Vec<(u128, usize)> = items.iter().map(&key).zip(0..).collect();
    keyed.sort_unstable_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| tie(&items[*a], &items[*b])));
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    keyed
        .into_iter()
        .map(|(_, i)| slots[i].take().expect("each position once"))
        .collect()
}

/// Severity, then impact (highest first, none last), pathway, phase, id, kind.
pub(super) fn findings(network: &Network, found: Vec<Finding>) -> Vec<Finding> {
    sort_keyed(
        found,
        |f| (f.severity as u128) << 112 | impact_rank(f.impact) << 72 | place(f.pathway, f.phase),
        |a, b| {
            let id = |f: &Finding| id_of(network, f.pathway, f.target);
            compare_ids(id(a), id(b)).then(a.kind.cmp(&b.kind))
        },
    )
}

/// Impact (highest first), then pathway, phase and id, a component before a link.
pub(super) fn weakest(network: &Network, list: Vec<(WeakLink, Phase)>) -> Vec<WeakLink> {
    let sorted = sort_keyed(
        list,
        |(w, phase)| impact_rank(Some(w.impact)) << 72 | place(w.pathway, *phase),
        |(a, _), (b, _)| {
            let id = |w: &WeakLink| id_of(network, w.pathway, Some(w.target));
            let is_link = |w: &WeakLink| matches!(w.target, Target::Link(_));
            compare_ids(id(a), id(b)).then(is_link(a).cmp(&is_link(b)))
        },
    );
    sorted.into_iter().map(|(w, _)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_compare_as_their_strings() {
        let cases = [
            (("a", None), ("a", Some("b"))),
            (("a-b", None), ("a", Some("x"))),
            (("a", Some("b")), ("a", Some("c"))),
            (("ab", Some("c")), ("a", Some("bc"))),
            (("a", Some("b")), ("a->b", None)),
            (("", None), ("a", None)),
            (("z", None), ("a", Some("z"))),
        ];
        let text = |(a, b): (&str, Option<&str>)| match b {
            Some(b) => format!("{a}->{b}"),
            None => a.to_string(),
        };
        for (a, b) in cases {
            assert_eq!(compare_ids(a, b), text(a).cmp(&text(b)), "{a:?} {b:?}");
            assert_eq!(compare_ids(b, a), text(b).cmp(&text(a)), "{b:?} {a:?}");
        }
    }

    #[test]
    fn impacts_rank_highest_first_none_last_and_rounding_is_equal() {
        assert!(impact_rank(Some(1.0)) < impact_rank(Some(0.5)));
        assert!(impact_rank(Some(0.0)) < impact_rank(None));
        assert_eq!(
            impact_rank(Some(0.1 + 0.2)),
            impact_rank(Some(0.3)),
            "0.30000000000000004 is 0.3"
        );
        assert_ne!(impact_rank(Some(0.3)), impact_rank(Some(0.300_000_01)));
        // Out of range (not produced by the analysis) still sorts, at the ends.
        assert_eq!(impact_rank(Some(1.5)), impact_rank(Some(1.0)));
    }
}
