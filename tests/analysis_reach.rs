//! DESIGN §5: entries, exits, journeys, reach and impact. Every small graph has its
//! answers worked out by hand in the comments; property tests cover random graphs, and
//! one layered network of 60,000 components has more journeys than u64 or f64 can hold.

mod common;

use carepath::analysis::{analyse, journeys};
use carepath::model::{Condition, Network, Phase};
use common::{Builder, assert_close, graph, link_reach, reach, strength};
use proptest::prelude::*;

use Phase::{Assessment, Management, Prevention, Recognition, Review, Transition};

/// Asserts the reach of every component (in author order) and every link.
#[track_caller]
fn assert_reaches(network: &Network, components: &[(&str, f64)], links: &[(&str, &str, f64)]) {
    let analysis = analyse(network);
    let pathway = &network.pathways()[0];
    assert_eq!(
        components.len(),
        pathway.components().len(),
        "every component"
    );
    assert_eq!(links.len(), pathway.links().len(), "every link");
    for &(id, want) in components {
        let got = reach(network, &analysis, id);
        assert!(
            (got - want).abs() < 1e-12,
            "reach of {id}: {got}, expected {want}"
        );
    }
    for &(from, to, want) in links {
        let got = link_reach(network, &analysis, from, to);
        assert!(
            (got - want).abs() < 1e-12,
            "reach of {from} → {to}: {got}, expected {want}"
        );
    }
}

#[track_caller]
fn assert_journeys(network: &Network, count: f64) {
    let j = journeys(&network.pathways()[0]);
    assert_close(j.total(), count);
    if count == 0.0 {
        assert_eq!(j.ln_total, f64::NEG_INFINITY);
    } else {
        assert_close(j.ln_total, count.ln());
    }
}

/// The ids of the components flagged in `flags`, in author order.
fn flagged<'a>(network: &'a Network, flags: &[bool]) -> Vec<&'a str> {
    network.pathways()[0]
        .components()
        .iter()
        .zip(flags)
        .filter(|(_, f)| **f)
        .map(|(c, _)| c.id.as_str())
        .collect()
}

#[test]
fn chain() {
    // rec → ass → man → rev → tra: one journey through everything.
    let network = graph(
        &[
            ("rec", Recognition),
            ("ass", Assessment),
            ("man", Management),
            ("rev", Review),
            ("tra", Transition),
        ],
        &[
            ("rec", "ass"),
            ("ass", "man"),
            ("man", "rev"),
            ("rev", "tra"),
        ],
    );
    assert_journeys(&network, 1.0);
    assert_reaches(
        &network,
        &[
            ("rec", 1.0),
            ("ass", 1.0),
            ("man", 1.0),
            ("rev", 1.0),
            ("tra", 1.0),
        ],
        &[
            ("rec", "ass", 1.0),
            ("ass", "man", 1.0),
            ("man", "rev", 1.0),
            ("rev", "tra", 1.0),
        ],
    );
    let j = journeys(&network.pathways()[0]);
    assert_eq!(flagged(&network, &j.is_entry), ["rec"]);
    assert_eq!(flagged(&network, &j.is_exit), ["tra"]);
    assert!(j.loops.is_empty());
}

#[test]
fn diamond() {
    // a → b, a → c, b → d, c → d: journeys a-b-d and a-c-d. a and d are on both (1.0),
    // b and c on one each (0.5), and each link on one (0.5).
    let network = graph(
        &[
            ("a", Recognition),
            ("b", Assessment),
            ("c", Assessment),
            ("d", Management),
        ],
        &[("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")],
    );
    assert_journeys(&network, 2.0);
    assert_reaches(
        &network,
        &[("a", 1.0), ("b", 0.5), ("c", 0.5), ("d", 1.0)],
        &[
            ("a", "b", 0.5),
            ("a", "c", 0.5),
            ("b", "d", 0.5),
            ("c", "d", 0.5),
        ],
    );
}

#[test]
fn loop_is_one_step_and_its_links_take_its_reach() {
    // rec → ass → man → rev → ass (the review loop back), rev → tra; and a second route
    // rec → alt → tra. The loop {ass, man, rev} is one step, so the journeys are
    // rec-[loop]-tra and rec-alt-tra: 2. The loop's members and every link in or out of
    // it are on one of them (0.5); rec and tra are on both.
    let network = graph(
        &[
            ("rec", Recognition),
            ("ass", Assessment),
            ("man", Management),
            ("rev", Review),
            ("alt", Management),
            ("tra", Transition),
        ],
        &[
            ("rec", "ass"),
            ("ass", "man"),
            ("man", "rev"),
            ("rev", "ass"),
            ("rev", "tra"),
            ("rec", "alt"),
            ("alt", "tra"),
        ],
    );
    assert_journeys(&network, 2.0);
    assert_reaches(
        &network,
        &[
            ("rec", 1.0),
            ("ass", 0.5),
            ("man", 0.5),
            ("rev", 0.5),
            ("alt", 0.5),
            ("tra", 1.0),
        ],
        &[
            ("rec", "ass", 0.5),
            ("ass", "man", 0.5),
            ("man", "rev", 0.5),
            ("rev", "ass", 0.5),
            ("rev", "tra", 0.5),
            ("rec", "alt", 0.5),
            ("alt", "tra", 0.5),
        ],
    );
    let j = journeys(&network.pathways()[0]);
    // The loop, as component indices in author order.
    assert_eq!(j.loops, [vec![1, 2, 3]]);
    assert_eq!(flagged(&network, &j.is_entry), ["rec"]);
    assert_eq!(flagged(&network, &j.is_exit), ["tra"]);
}

#[test]
fn two_links_into_a_loop_are_one_step() {
    // rec → ass and rec → man both enter the loop {ass, man}; the loop is one step, so
    // there is one journey rec-[loop]-tra, not two. Every reach is 1.
    let network = graph(
        &[
            ("rec", Recognition),
            ("ass", Assessment),
            ("man", Management),
            ("tra", Transition),
        ],
        &[
            ("rec", "ass"),
            ("rec", "man"),
            ("ass", "man"),
            ("man", "ass"),
            ("man", "tra"),
        ],
    );
    assert_journeys(&network, 1.0);
    assert_reaches(
        &network,
        &[("rec", 1.0), ("ass", 1.0), ("man", 1.0), ("tra", 1.0)],
        &[
            ("rec", "ass", 1.0),
            ("rec", "man", 1.0),
            ("ass", "man", 1.0),
            ("man", "ass", 1.0),
            ("man", "tra", 1.0),
        ],
    );
}

#[test]
fn a_link_to_itself_is_a_loop_that_keeps_entries_and_exits() {
    // a → a (repeat visits) and a → b: a is still the entry, b the exit; one journey.
    let network = graph(
        &[("a", Recognition), ("b", Assessment)],
        &[("a", "a"), ("a", "b")],
    );
    assert_journeys(&network, 1.0);
    assert_reaches(
        &network,
        &[("a", 1.0), ("b", 1.0)],
        &[("a", "a", 1.0), ("a", "b", 1.0)],
    );
    let j = journeys(&network.pathways()[0]);
    assert_eq!(j.loops, [vec![0]]);
    assert_eq!(flagged(&network, &j.is_entry), ["a"]);
    assert_eq!(flagged(&network, &j.is_exit), ["b"]);
}

#[test]
fn a_loop_at_the_end_is_the_last_step() {
    // rec → ass → man → rev → man: ongoing care with no transition yet. The loop
    // {man, rev} is one step, and nothing leaves it, so journeys end there: one journey
    // rec-ass-[loop], through everything. Its latest member, rev, is where they end.
    let network = graph(
        &[
            ("rec", Recognition),
            ("ass", Assessment),
            ("man", Management),
            ("rev", Review),
        ],
        &[
            ("rec", "ass"),
            ("ass", "man"),
            ("man", "rev"),
            ("rev", "man"),
        ],
    );
    assert_journeys(&network, 1.0);
    assert_reaches(
        &network,
        &[("rec", 1.0), ("ass", 1.0), ("man", 1.0), ("rev", 1.0)],
        &[
            ("rec", "ass", 1.0),
            ("ass", "man", 1.0),
            ("man", "rev", 1.0),
            ("rev", "man", 1.0),
        ],
    );
    let j = journeys(&network.pathways()[0]);
    assert_eq!(flagged(&network, &j.is_entry), ["rec"]);
    assert_eq!(flagged(&network, &j.is_exit), ["rev"]);
}

#[test]
fn a_loop_at_the_start_is_the_first_step() {
    // pre ⇄ rec (prevention and recognition hand back and forth), rec → ass. The loop
    // {pre, rec} is the first step; its earliest member, pre, is where journeys start.
    // One journey; every reach is 1.
    let network = graph(
        &[
            ("pre", Prevention),
            ("rec", Recognition),
            ("ass", Assessment),
        ],
        &[("pre", "rec"), ("rec", "pre"), ("rec", "ass")],
    );
    assert_journeys(&network, 1.0);
    assert_reaches(
        &network,
        &[("pre", 1.0), ("rec", 1.0), ("ass", 1.0)],
        &[
            ("pre", "rec", 1.0),
            ("rec", "pre", 1.0),
            ("rec", "ass", 1.0),
        ],
    );
    let j = journeys(&network.pathways()[0]);
    assert_eq!(flagged(&network, &j.is_entry), ["pre"]);
    assert_eq!(flagged(&network, &j.is_exit), ["ass"]);

    // A pathway that is nothing but a loop is one step: one journey.
    let network = graph(
        &[("man", Management), ("rev", Review)],
        &[("man", "rev"), ("rev", "man")],
    );
    assert_journeys(&network, 1.0);
    assert_reaches(
        &network,
        &[("man", 1.0), ("rev", 1.0)],
        &[("man", "rev", 1.0), ("rev", "man", 1.0)],
    );
}

#[test]
fn two_entries_and_two_exits() {
    // e1 → m, e2 → m, m → x1, m → x2, and a short cut e2 → x2. Journeys:
    //   e1-m-x1, e1-m-x2, e2-m-x1, e2-m-x2, e2-x2: 5.
    // e1 is on 2 (0.4), e2 on 3 (0.6), m on 4 (0.8), x1 on 2 (0.4), x2 on 3 (0.6).
    // Links: e1→m 2, e2→m 2, m→x1 2, m→x2 2 (0.4 each); e2→x2 1 (0.2).
    let network = Builder::new(Condition::LongTerm)
        .c("e1", Recognition)
        .c("e2", Recognition)
        .c("m", Assessment)
        .c("x1", Management)
        .c("x2", Management)
        .link("e1", "m")
        .link("e2", "m")
        .link("m", "x1")
        .link("m", "x2")
        .link("e2", "x2")
        // Strengths for impact = (1 - strength) × reach.
        .measure("e1", strength(0.2))
        .measure("m", strength(0.5))
        .measure("x2", strength(1.0))
        .link_measure("e2", "x2", strength(0.0))
        .build();
    assert_journeys(&network, 5.0);
    assert_reaches(
        &network,
        &[
            ("e1", 0.4),
            ("e2", 0.6),
            ("m", 0.8),
            ("x1", 0.4),
            ("x2", 0.6),
        ],
        &[
            ("e1", "m", 0.4),
            ("e2", "m", 0.4),
            ("m", "x1", 0.4),
            ("m", "x2", 0.4),
            ("e2", "x2", 0.2),
        ],
    );
    let j = journeys(&network.pathways()[0]);
    assert_eq!(flagged(&network, &j.is_entry), ["e1", "e2"]);
    assert_eq!(flagged(&network, &j.is_exit), ["x1", "x2"]);

    let a = analyse(&network);
    let p = &a.pathways[0];
    // e1: (1 - 0.2) × 0.4 = 0.32; m: 0.5 × 0.8 = 0.4; x2: 0 × 0.6 = 0; e2, x1: no data.
    assert_close(p.components[0].impact.unwrap(), 0.32);
    assert_eq!(p.components[1].impact, None);
    assert_close(p.components[2].impact.unwrap(), 0.4);
    assert_eq!(p.components[3].impact, None);
    assert_eq!(p.components[4].impact, Some(0.0));
    // The short cut e2 → x2: (1 - 0) × 0.2 = 0.2; the other links have no data.
    assert_close(p.links[4].impact.unwrap(), 0.2);
    assert!(p.links[..4].iter().all(|l| l.impact.is_none()));
}

#[test]
fn orphan_takes_no_part_in_journeys() {
    // a → b, and o with no links: o has reach 0 and is neither entry nor exit.
    let network = graph(
        &[("a", Recognition), ("o", Assessment), ("b", Management)],
        &[("a", "b")],
    );
    assert_journeys(&network, 1.0);
    assert_reaches(
        &network,
        &[("a", 1.0), ("o", 0.0), ("b", 1.0)],
        &[("a", "b", 1.0)],
    );
    let j = journeys(&network.pathways()[0]);
    assert_eq!(flagged(&network, &j.is_orphan), ["o"]);
    assert_eq!(flagged(&network, &j.is_entry), ["a"]);
    assert_eq!(flagged(&network, &j.is_exit), ["b"]);
    // Impact of a measured orphan is 0: it is on no journey.
    let network = Builder::new(Condition::LongTerm)
        .c("a", Recognition)
        .c("o", Assessment)
        .measure("o", strength(0.0))
        .build();
    let a = analyse(&network);
    assert_eq!(a.pathways[0].components[1].impact, Some(0.0));
    // With two orphans and nothing else there are no journeys at all.
    assert_journeys(&network, 0.0);
}

#[test]
fn dead_end() {
    // rec → ass (ends there), rec → man → rev → tra. Journeys rec-ass and rec-man-rev-tra:
    // rec on both (1.0), everything else on one (0.5). ass and tra are both exits.
    let network = graph(
        &[
            ("rec", Recognition),
            ("ass", Assessment),
            ("man", Management),
            ("rev", Review),
            ("tra", Transition),
        ],
        &[
            ("rec", "ass"),
            ("rec", "man"),
            ("man", "rev"),
            ("rev", "tra"),
        ],
    );
    assert_journeys(&network, 2.0);
    assert_reaches(
        &network,
        &[
            ("rec", 1.0),
            ("ass", 0.5),
            ("man", 0.5),
            ("rev", 0.5),
            ("tra", 0.5),
        ],
        &[
            ("rec", "ass", 0.5),
            ("rec", "man", 0.5),
            ("man", "rev", 0.5),
            ("rev", "tra", 0.5),
        ],
    );
    let j = journeys(&network.pathways()[0]);
    assert_eq!(flagged(&network, &j.is_exit), ["ass", "tra"]);
}

#[test]
fn single_component_and_empty_pathways() {
    // One component, no links: it is the entry and the exit of the one journey.
    let network = graph(&[("only", Management)], &[]);
    assert_journeys(&network, 1.0);
    assert_reaches(&network, &[("only", 1.0)], &[]);
    let j = journeys(&network.pathways()[0]);
    assert_eq!(j.is_entry, [true]);
    assert_eq!(j.is_exit, [true]);
    assert_eq!(j.is_orphan, [false]);
    // No components: no journeys.
    let network = graph(&[], &[]);
    assert_journeys(&network, 0.0);
}

// ----- property tests -----

/// A pathway `p` with components c0..c(n-1) and the given links (duplicates dropped).
fn numbered(n: usize, links: &[(usize, usize)]) -> Network {
    let mut b = Builder::new(Condition::LongTerm);
    for i in 0..n {
        b = b.c(&format!("c{i}"), Phase::ALL[i % 6]);
    }
    let mut seen = std::collections::HashSet::new();
    for &(a, z) in links {
        if seen.insert((a, z)) {
            b = b.link(&format!("c{a}"), &format!("c{z}"));
        }
    }
    b.build()
}

fn any_graph() -> impl Strategy<Value = (usize, Vec<(usize, usize)>)> {
    (1usize..=9).prop_flat_map(|n| (Just(n), prop::collection::vec((0..n, 0..n), 0..=20)))
}

/// Layer widths and, for each gap between layers, a 4×4 mask of candidate links.
fn layered() -> impl Strategy<Value = (Vec<usize>, Vec<[[bool; 4]; 4]>)> {
    prop::collection::vec(1usize..=4, 2..=8).prop_flat_map(|widths| {
        let gaps = widths.len() - 1;
        (
            Just(widths),
            prop::collection::vec(any::<[[bool; 4]; 4]>(), gaps),
        )
    })
}

/// Builds a layered graph: links only from layer k to layer k + 1, every component of a
/// layer but the last has a link out and every one but the first a link in, so the
/// entries are exactly layer 0 and the exits exactly the last layer. Returns the
/// network, the component indices of each layer and the number of journeys (by DP).
fn build_layered(widths: &[usize], masks: &[[[bool; 4]; 4]]) -> (Network, Vec<Vec<usize>>, f64) {
    let mut layers = Vec::new();
    let mut next = 0;
    for &w in widths {
        layers.push((next..next + w).collect::<Vec<_>>());
        next += w;
    }
    let mut links = Vec::new();
    for (k, mask) in masks.iter().enumerate() {
        let (from, to) = (&layers[k], &layers[k + 1]);
        let mut chosen = vec![vec![false; to.len()]; from.len()];
        for (a, row) in chosen.iter_mut().enumerate() {
            for (z, cell) in row.iter_mut().enumerate() {
                *cell = mask[a][z];
            }
            if !row.iter().any(|&x| x) {
                row[a % to.len()] = true;
            }
        }
        for z in 0..to.len() {
            if !chosen.iter().any(|row| row[z]) {
                chosen[z % from.len()][z] = true;
            }
        }
        for (a, row) in chosen.iter().enumerate() {
            for (z, &on) in row.iter().enumerate() {
                if on {
                    links.push((from[a], to[z]));
                }
            }
        }
    }
    // Journeys: paths from layer 0 to the last layer, counted layer by layer (the links
    // are listed gap by gap, so each count is complete before it is passed on).
    let mut count = vec![0f64; next];
    for &i in &layers[0] {
        count[i] = 1.0;
    }
    for &(a, z) in &links {
        count[z] += count[a];
    }
    let total = layers.last().unwrap().iter().map(|&i| count[i]).sum();
    (numbered(next, &links), layers, total)
}

/// Every journey of a DAG given as `n` nodes and links, by enumeration: the number of
/// journeys, and how many pass through each node and use each link.
fn enumerate_dag(n: usize, links: &[(usize, usize)]) -> (u64, Vec<u64>, Vec<u64>) {
    let linked = |i: usize| links.iter().any(|&(a, z)| a == i || z == i);
    let orphan = |i: usize| n >= 2 && !linked(i);
    let entry = |i: usize| !orphan(i) && !links.iter().any(|&(_, z)| z == i);
    let exit = |i: usize| !orphan(i) && !links.iter().any(|&(a, _)| a == i);
    let (mut total, mut through, mut used) = (0, vec![0; n], vec![0; links.len()]);
    // Depth-first over paths; each stack entry is (node, nodes so far, links so far).
    let mut stack: Vec<(usize, Vec<usize>, Vec<usize>)> = (0..n)
        .filter(|&i| entry(i))
        .map(|i| (i, vec![i], vec![]))
        .collect();
    while let Some((at, nodes, ls)) = stack.pop() {
        if exit(at) {
            total += 1;
            nodes.iter().for_each(|&i| through[i] += 1);
            ls.iter().for_each(|&j| used[j] += 1);
        }
        for (j, &(a, z)) in links.iter().enumerate() {
            if a == at {
                let (mut nodes, mut ls) = (nodes.clone(), ls.clone());
                nodes.push(z);
                ls.push(j);
                stack.push((z, nodes, ls));
            }
        }
    }
    (total, through, used)
}

proptest! {
    #[test]
    fn reach_is_a_share_in_any_graph((n, links) in any_graph()) {
        let network = numbered(n, &links);
        let pathway = &network.pathways()[0];
        let j = journeys(pathway);
        prop_assert!(j.ln_total == f64::NEG_INFINITY || (j.ln_total.is_finite() && j.ln_total >= -1e-12));
        for (i, &r) in j.component_reach.iter().enumerate() {
            prop_assert!(r.is_finite() && (0.0..=1.0).contains(&r), "reach {r}");
            if j.is_orphan[i] {
                prop_assert_eq!(r, 0.0);
            } else {
                // Every step of the condensation lies between a first and a last step,
                // so every component with a link is on some journey.
                prop_assert!(r > 0.0, "c{i} has links but reach 0");
            }
        }
        for (l, &r) in pathway.links().iter().zip(&j.link_reach) {
            prop_assert!(r.is_finite() && (0.0..=1.0).contains(&r), "link reach {r}");
            // Journeys that use a link pass through both its ends.
            let ends = [pathway.position(&l.from).unwrap(), pathway.position(&l.to).unwrap()];
            for e in ends {
                prop_assert!(r <= j.component_reach[e] + 1e-12);
            }
        }
        let a = analyse(&network);
        for c in &a.pathways[0].components {
            if let Some(impact) = c.impact {
                prop_assert!((0.0..=1.0).contains(&impact));
            }
        }
    }

    #[test]
    fn reach_in_a_dag_matches_enumeration((n, raw) in any_graph()) {
        // Links only forwards: a DAG, where journeys can be listed one by one.
        let mut links: Vec<(usize, usize)> = raw
            .into_iter()
            .filter(|(a, z)| a != z)
            .map(|(a, z)| (a.min(z), a.max(z)))
            .collect();
        links.sort_unstable();
        links.dedup();
        let network = numbered(n, &links);
        let pathway = &network.pathways()[0];
        let j = journeys(pathway);
        let (total, through, used) = enumerate_dag(n, &links);
        prop_assert!((j.total() - total as f64).abs() < 1e-9 * total.max(1) as f64);
        let total = total as f64;
        for (i, &through) in through.iter().enumerate() {
            let want = if total == 0.0 { 0.0 } else { through as f64 / total };
            prop_assert!((j.component_reach[i] - want).abs() < 1e-9, "c{i}: {} vs {want}", j.component_reach[i]);
        }
        for (k, &(a, z)) in links.iter().enumerate() {
            let at = pathway.link_position(&format!("c{a}"), &format!("c{z}")).unwrap();
            let want = used[k] as f64 / total;
            prop_assert!((j.link_reach[at] - want).abs() < 1e-9, "c{a}→c{z}");
        }
    }

    #[test]
    fn each_layer_of_a_layered_graph_shares_all_journeys((widths, masks) in layered()) {
        let (network, layers, total) = build_layered(&widths, &masks);
        let pathway = &network.pathways()[0];
        let j = journeys(pathway);
        prop_assert!((j.total() - total).abs() < 1e-9 * total);
        // Entries are exactly layer 0, exits exactly the last layer.
        for (i, (&entry, &exit)) in j.is_entry.iter().zip(&j.is_exit).enumerate() {
            prop_assert_eq!(entry, layers[0].contains(&i));
            prop_assert_eq!(exit, layers.last().unwrap().contains(&i));
        }
        // Every journey passes through exactly one component of each layer, and uses
        // exactly one link of each gap.
        for layer in &layers {
            let sum: f64 = layer.iter().map(|&i| j.component_reach[i]).sum();
            prop_assert!((sum - 1.0).abs() < 1e-9, "layer {layer:?} sums to {sum}");
            if layer.len() == 1 {
                prop_assert!((j.component_reach[layer[0]] - 1.0).abs() < 1e-12);
            }
        }
        for (k, layer) in layers.iter().enumerate().skip(1) {
            let sum: f64 = pathway
                .links()
                .iter()
                .zip(&j.link_reach)
                .filter(|(l, _)| layer.contains(&pathway.position(&l.to).unwrap()))
                .map(|(_, r)| r)
                .sum();
            prop_assert!((sum - 1.0).abs() < 1e-9, "gap into layer {k} sums to {sum}");
        }
    }

    #[test]
    fn a_component_every_journey_passes_has_reach_one(
        (mut widths, masks) in layered(),
        cut in any::<prop::sample::Index>(),
    ) {
        // Narrow one layer to a single component: a cut vertex every journey crosses.
        let k = cut.index(widths.len());
        widths[k] = 1;
        let (network, layers, total) = build_layered(&widths, &masks);
        let a = analyse(&network);
        let cut_id = format!("c{}", layers[k][0]);
        prop_assert!((reach(&network, &a, &cut_id) - 1.0).abs() < 1e-12);
        // With two or more journeys, it is a Bottleneck.
        let bottleneck = a.findings.iter().any(|f| {
            f.kind == carepath::analysis::FindingKind::Bottleneck
                && f.component.as_deref() == Some(cut_id.as_str())
        });
        prop_assert_eq!(bottleneck, total >= 2.0);
    }
}

// ----- 60,000 components -----

/// A pathway of `layers` layers of `width` components, each linked to every component
/// of the next layer: `width^layers` journeys, every component on 1/width of them and
/// every link on 1/width².
fn full_layers(width: usize, layers: usize) -> Network {
    let mut b = Builder::new(Condition::LongTerm);
    let id = |k: usize, i: usize| format!("c{k}-{i}");
    for k in 0..layers {
        let phase = Phase::ALL[k * 6 / layers];
        for i in 0..width {
            b = b.c(&id(k, i), phase);
        }
    }
    for k in 1..layers {
        for a in 0..width {
            for z in 0..width {
                b = b.link(&id(k - 1, a), &id(k, z));
            }
        }
    }
    b.build()
}

#[test]
fn sixty_thousand_components_in_twenty_thousand_layers() {
    // 3^20000 ≈ 10^9542 journeys: far past u64 (10^19) and f64 (10^308).
    let (width, layers) = (3usize, 20_000usize);
    let network = full_layers(width, layers);
    assert_eq!(network.pathways()[0].components().len(), 60_000);
    let a = analyse(&network);
    let p = &a.pathways[0];
    let ln_total = p.journeys.ln_total;
    let want = layers as f64 * (width as f64).ln();
    assert!(ln_total.is_finite());
    assert!(
        (ln_total - want).abs() < 1e-12 * want,
        "ln journeys {ln_total}, expected {want}"
    );
    assert_eq!(
        p.journeys.total(),
        f64::INFINITY,
        "too many for f64: use ln_total"
    );
    for c in &p.components {
        assert!(c.reach.is_finite() && (0.0..=1.0).contains(&c.reach));
        assert!((c.reach - 1.0 / 3.0).abs() < 1e-8, "reach {}", c.reach);
    }
    for l in &p.links {
        assert!(l.reach.is_finite() && (0.0..=1.0).contains(&l.reach));
        assert!((l.reach - 1.0 / 9.0).abs() < 1e-8, "link reach {}", l.reach);
    }
    // Sum of reach over one layer: every journey passes exactly one component of it.
    for k in [0, 1, layers / 2, layers - 1] {
        let sum: f64 = p.components[k * width..(k + 1) * width]
            .iter()
            .map(|c| c.reach)
            .sum();
        assert!((sum - 1.0).abs() < 1e-8, "layer {k} sums to {sum}");
    }
}

#[test]
fn sixty_thousand_components_in_one_chain() {
    // One long chain: one journey through everything. The depth of the graph is 60,000.
    let n = 60_000;
    let mut b = Builder::new(Condition::LongTerm);
    for i in 0..n {
        b = b.c(&format!("c{i}"), Phase::ALL[i * 6 / n]);
    }
    for i in 1..n {
        b = b.link(&format!("c{}", i - 1), &format!("c{i}"));
    }
    let network = b.build();
    let j = journeys(&network.pathways()[0]);
    assert_eq!(j.ln_total, 0.0);
    assert!(j.component_reach.iter().all(|&r| r == 1.0));
    assert!(j.link_reach.iter().all(|&r| r == 1.0));
}

#[test]
fn journeys_in_json_stay_a_finite_number() {
    // `check --format json` on saved files: 3^20 journeys (exact, under 2^53), 3^40
    // (above 2^53: scientific notation), 2^1100 and 3^20000 (60,000 components), both
    // beyond f64: written as the largest finite f64, so that JSON readers that hold
    // numbers as f64 (serde_json refuses anything larger) can still read the report.
    let dir = tempfile::tempdir().unwrap();
    let cases: [(usize, usize, f64); 4] = [
        (3, 20, 3f64.powi(20)),
        (3, 40, 3f64.powi(40)),
        (2, 1100, f64::MAX),
        (3, 20_000, f64::MAX),
    ];
    for (width, layers, want) in cases {
        let file = dir.path().join(format!("w{width}-l{layers}.ron"));
        carepath::storage::save(&file, &full_layers(width, layers)).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_carepath"))
            .args(["check", "--format", "json"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{width}^{layers}: the report is not JSON: {e}"));
        let journeys = &json["files"][0]["pathways"][0]["journeys"];
        // The text as written: an integer up to 2^53, scientific notation above.
        let raw = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("\"journeys\": "))
            .expect("a journeys line")
            .trim_end_matches(',');
        assert_eq!(raw.contains('e'), want > 2f64.powi(53), "{raw}");
        let n = journeys.as_f64().expect("journeys is a number");
        assert!(n.is_finite(), "{width}^{layers}: {n}");
        if want <= 2f64.powi(53) {
            assert_eq!(journeys.as_u64(), Some(want as u64), "exact below 2^53");
        } else {
            assert!(
                (n - want).abs() <= 1e-6 * want,
                "{width}^{layers}: {n} vs {want}"
            );
        }
        for c in json["files"][0]["pathways"][0]["components"]
            .as_array()
            .unwrap()
        {
            let r = c["reach"].as_f64().unwrap();
            assert!((r - 1.0 / width as f64).abs() < 1e-6);
        }
    }
}
