//! The README's rules (status and weakest links): entries, exits, journeys, reach and impact on small graphs, every answer
//! worked out by hand in the comments. Random graphs and 60,000 components are in
//! `analysis_reach_properties.rs`.

mod common;

use carepath::analysis::{analyse, journeys};
use carepath::model::{Condition, Network, Phase};
use common::{Builder, assert_close, graph, link_reach, reach, strength};

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

#[test]
fn reach_is_exactly_one_when_every_journey_passes() {
    // s → x0..x3 → m → y0..y2 → t: 4 × 3 = 12 journeys. s, m and t are on all of them:
    // reach 1.0 exactly (README: status and weakest links), though ln 12 - ln 12 in floating point need not be
    // 0. Each x is on 3 (0.25), each y on 4 (1/3); links s → x and x → m on 3, m → y
    // and y → t on 4.
    let mut b = Builder::new(Condition::LongTerm)
        .c("s", Recognition)
        .c("m", Management);
    for i in 0..4 {
        let x = format!("x{i}");
        b = b.c(&x, Assessment).link("s", &x).link(&x, "m");
    }
    b = b.c("t", Transition);
    for i in 0..3 {
        let y = format!("y{i}");
        b = b.c(&y, Review).link("m", &y).link(&y, "t");
    }
    let network = b.build();
    assert_journeys(&network, 12.0);
    let a = analyse(&network);
    for id in ["s", "m", "t"] {
        assert_eq!(reach(&network, &a, id), 1.0, "{id}");
    }
    for i in 0..4 {
        let x = format!("x{i}");
        assert_close(reach(&network, &a, &x), 0.25);
        assert_close(link_reach(&network, &a, "s", &x), 0.25);
        assert_close(link_reach(&network, &a, &x, "m"), 0.25);
    }
    for i in 0..3 {
        let y = format!("y{i}");
        assert_close(reach(&network, &a, &y), 1.0 / 3.0);
        assert_close(link_reach(&network, &a, "m", &y), 1.0 / 3.0);
        assert_close(link_reach(&network, &a, &y, "t"), 1.0 / 3.0);
    }
}
