//! The orders of the README's rules (status and weakest links): findings by severity, impact, pathway, phase and id; the
//! weakest links by impact, pathway, phase and id.
//!
//! A network of 60,000 components has some 84,000 findings and 56,000 measured parts,
//! so each is given a key of plain numbers: no string is compared while sorting. A
//! component's id is its rank among the pathway's ids; a link's is its two ends' ranks,
//! so links sort by `from`, then `to`.

use super::{Finding, Target, WeakLink};
use crate::model::{Network, Pathway, Phase};

/// An impact for ranking, highest first and none last. Equal impacts worked out along
/// different paths differ in their last bits (0.3 vs 0.30000000000000004), which must not
/// decide the order before the phase and id do: impacts lie in [0, 1], and 1e-9 apart is
/// "equal".
fn impact_rank(impact: Option<f64>) -> u64 {
    const SCALE: f64 = 1e9;
    match impact {
        Some(x) => (SCALE - (x.clamp(0.0, 1.0) * SCALE).round()) as u64,
        None => SCALE as u64 + 1,
    }
}

/// Each component's place in its pathway when sorted by id, from 1 (0 is left for "no
/// id": a finding about the whole pathway). Ids are sorted by their first 16 bytes as
/// one number, and by the whole id only where those are equal.
pub(super) fn id_ranks(pathway: &Pathway) -> Vec<u32> {
    let components = pathway.components();
    let mut by_prefix: Vec<(u128, u32)> = components
        .iter()
        .zip(0..)
        .map(|(c, i)| (prefix(&c.id), i))
        .collect();
    by_prefix.sort_unstable();
    let mut ranks = vec![0; components.len()];
    for run in by_prefix.chunk_by_mut(|a, b| a.0 == b.0) {
        if run.len() > 1 {
            run.sort_unstable_by(|a, b| {
                components[a.1 as usize]
                    .id
                    .cmp(&components[b.1 as usize].id)
            });
        }
    }
    for ((_, i), rank) in by_prefix.into_iter().zip(1..) {
        ranks[i as usize] = rank;
    }
    ranks
}

/// The first 16 bytes of an id as a big-endian number, zero-padded: it orders as the
/// ids do wherever it differs.
pub(super) fn prefix(id: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let n = id.len().min(16);
    bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
    u128::from_be_bytes(bytes)
}

/// Pathway, phase and id as one number that sorts as they do, from the high bits:
/// pathway (32 bits), phase (3), then the id as ranks (30 bits each): a component is
/// (its rank, 0), a link (its `from`'s rank, its `to`'s rank) and a finding about the
/// whole pathway (0, 0). Exact for fewer than 2^32 pathways and 2^30 components in a
/// pathway (a 64 MiB file holds under a million); past that, ties may fall otherwise.
fn place(
    ranks: &[Vec<u32>],
    network: &Network,
    p: usize,
    phase: Phase,
    target: Option<Target>,
) -> u128 {
    const ID_BITS: u32 = 30;
    let rank = |i: usize| u128::from(ranks[p][i].min((1 << ID_BITS) - 1));
    let (first, second) = match target {
        None => (0, 0),
        Some(Target::Component(i)) => (rank(i), 0),
        Some(Target::Link(j)) => {
            let (a, b) = network.pathways()[p]
                .link_ends(j)
                .expect("edge j of a validated pathway is link j");
            (rank(a), rank(b))
        }
    };
    let pathway = u128::from(u32::try_from(p).unwrap_or(u32::MAX));
    pathway << (3 + 2 * ID_BITS)
        | (phase.index() as u128) << (2 * ID_BITS)
        | first << ID_BITS
        | second
}

/// Impact, highest first, in the 30 bits above `place`'s 95.
fn with_impact(impact: Option<f64>, place: u128) -> u128 {
    u128::from(impact_rank(impact)) << 95 | place
}

/// Severity, then impact (highest first, none last), pathway, phase, id, kind, then
/// measure; a stable sort keeps a measure's breakdowns in the author's order.
pub(super) fn findings(
    network: &Network,
    ranks: &[Vec<u32>],
    mut found: Vec<Finding>,
) -> Vec<Finding> {
    found.sort_by_cached_key(|f| {
        let place = place(ranks, network, f.pathway, f.phase, f.target);
        (
            (f.severity as u128) << 125 | with_impact(f.impact, place),
            f.kind,
            f.measure,
        )
    });
    found
}

/// Impact (highest first), then pathway, phase and id.
pub(super) fn weakest(
    network: &Network,
    ranks: &[Vec<u32>],
    mut list: Vec<(WeakLink, Phase)>,
) -> Vec<WeakLink> {
    list.sort_by_cached_key(|(w, phase)| {
        with_impact(
            Some(w.impact),
            place(ranks, network, w.pathway, *phase, Some(w.target)),
        )
    });
    list.into_iter().map(|(w, _)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Component, Condition};

    #[test]
    fn id_ranks_follow_the_ids_past_sixteen_bytes() {
        let ids = [
            "b",
            "a-long-id-sharing-sixteen-2",
            "a",
            "a-long-id-sharing-sixteen-10",
            "0",
            "a-long-id-sharing-sixteen",
            "a-",
        ];
        let mut n = Network::new("n");
        n.add_pathway(Pathway::new("p", "P", Condition::LongTerm))
            .unwrap();
        for id in ids {
            n.add_component("p", Component::new(id, id, Phase::Management), None)
                .unwrap();
        }
        let ranks = id_ranks(&n.pathways()[0]);
        let mut sorted = ids;
        sorted.sort_unstable();
        for (i, id) in ids.iter().enumerate() {
            let place = sorted.iter().position(|s| s == id).unwrap() + 1;
            assert_eq!(ranks[i] as usize, place, "{id}");
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
