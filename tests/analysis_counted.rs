//! Counted reach (docs/format.md, "Counted reach"): derived children, the derived cohort,
//! clamping, a zero cohort, affected, and the Bottleneck exclusions for loops and for a
//! counted reach below half the cohort.

mod common;

use carepath::analysis::{Basis, FindingKind, analyse};
use carepath::model::{Condition, Network, Phase};
use common::{Builder, findings_of, strength};
use proptest::prelude::*;

use Phase::{Assessment, Management, Recognition, Review};

/// The analysis of component `id` of the first pathway.
fn part(network: &Network, id: &str) -> carepath::analysis::ComponentAnalysis {
    let i = network.pathways()[0].position(id).expect("component");
    analyse(network).pathways[0].components[i].clone()
}

fn link_part(network: &Network, from: &str, to: &str) -> carepath::analysis::LinkAnalysis {
    let j = network.pathways()[0].link_position(from, to).expect("link");
    analyse(network).pathways[0].links[j].clone()
}

fn cohort(network: &Network) -> Option<f64> {
    analyse(network).pathways[0].cohort
}

/// rec → a, rec → b, a → man, b → man: two journeys, each of a and b on half the routes.
fn diamond() -> Builder {
    Builder::new(Condition::ShortTerm)
        .c("rec", Recognition)
        .c("a", Assessment)
        .c("b", Assessment)
        .c("man", Management)
        .link("rec", "a")
        .link("rec", "b")
        .link("a", "man")
        .link("b", "man")
}

#[test]
fn without_children_reach_is_the_share_of_routes() {
    let n = diamond().build();
    let a = part(&n, "a");
    assert_eq!(
        (a.reach, a.basis, a.children, a.affected),
        (0.5, Basis::Routes, None, None)
    );
    assert_eq!(cohort(&n), None);
}

#[test]
fn own_children_over_the_pathway_cohort_is_counted_reach() {
    let n = diamond()
        .cohort(400.0)
        .children("a", 300.0)
        .measure("a", strength(0.25))
        .build();
    let a = part(&n, "a");
    assert_eq!(
        (a.reach, a.basis, a.children),
        (0.75, Basis::Counted, Some(300.0))
    );
    // (1 - 0.25) × 300 children; impact uses the counted reach.
    assert_eq!(a.affected, Some(225.0));
    assert_eq!(a.impact, Some(0.75 * 0.75));
    // b has no children of its own and one incoming link without children: routes.
    let b = part(&n, "b");
    assert_eq!((b.reach, b.basis, b.children), (0.5, Basis::Routes, None));
}

#[test]
fn a_component_without_children_takes_the_sum_of_its_incoming_links() {
    let n = diamond()
        .cohort(1000.0)
        .link_children("a", "man", 120.0)
        .link_children("b", "man", 80.0)
        .build();
    let man = part(&n, "man");
    assert_eq!(
        (man.children, man.basis, man.reach),
        (Some(200.0), Basis::Counted, 0.2)
    );
    // Only when every incoming link has children.
    let n = diamond()
        .cohort(1000.0)
        .link_children("a", "man", 120.0)
        .build();
    let man = part(&n, "man");
    assert_eq!(
        (man.children, man.basis, man.reach),
        (None, Basis::Routes, 1.0)
    );
    // Its own figure wins over the links'.
    let n = diamond()
        .cohort(1000.0)
        .link_children("a", "man", 120.0)
        .link_children("b", "man", 80.0)
        .children("man", 900.0)
        .build();
    assert_eq!(part(&n, "man").children, Some(900.0));
}

#[test]
fn links_are_counted_by_their_own_children() {
    let n = diamond()
        .cohort(200.0)
        .link_children("rec", "a", 50.0)
        .build();
    let l = link_part(&n, "rec", "a");
    assert_eq!(
        (l.reach, l.basis, l.children),
        (0.25, Basis::Counted, Some(50.0))
    );
    let l = link_part(&n, "rec", "b");
    assert_eq!((l.reach, l.basis, l.children), (0.5, Basis::Routes, None));
}

#[test]
fn the_cohort_is_the_sum_over_entries_when_every_entry_has_children() {
    let two_entries = || {
        Builder::new(Condition::ShortTerm)
            .c("gp", Recognition)
            .c("school", Recognition)
            .c("clinic", Assessment)
            .link("gp", "clinic")
            .link("school", "clinic")
    };
    let n = two_entries()
        .children("gp", 300.0)
        .children("school", 100.0)
        .build();
    assert_eq!(cohort(&n), Some(400.0));
    let gp = part(&n, "gp");
    assert_eq!((gp.reach, gp.basis), (0.75, Basis::Counted));
    // One entry without children: no cohort, every reach on routes.
    let n = two_entries().children("gp", 300.0).build();
    assert_eq!(cohort(&n), None);
    assert_eq!(part(&n, "gp").basis, Basis::Routes);
    // The pathway's own figure wins.
    let n = two_entries()
        .children("gp", 300.0)
        .children("school", 100.0)
        .cohort(1000.0)
        .build();
    assert_eq!(cohort(&n), Some(1000.0));
    assert_eq!(part(&n, "gp").reach, 0.3);
}

#[test]
fn children_above_the_cohort_clamp_to_full_reach() {
    let n = diamond().cohort(100.0).children("a", 250.0).build();
    let a = part(&n, "a");
    assert_eq!(
        (a.reach, a.basis, a.children),
        (1.0, Basis::Counted, Some(250.0))
    );
}

#[test]
fn a_cohort_of_zero_falls_back_to_routes() {
    let n = diamond()
        .cohort(0.0)
        .children("a", 0.0)
        .measure("a", strength(0.5))
        .build();
    let a = part(&n, "a");
    assert_eq!((a.reach, a.basis), (0.5, Basis::Routes));
    assert_eq!(cohort(&n), Some(0.0));
    // Affected needs only children and a strength.
    assert_eq!(a.affected, Some(0.0));
}

#[test]
fn pathway_strength_counts_only_parts_that_children_reach() {
    // a is weak but counted at 0 children: no child meets it.
    let n = diamond()
        .cohort(100.0)
        .children("a", 0.0)
        .measure("a", strength(0.2))
        .measure("b", strength(0.9))
        .build();
    assert_eq!(analyse(&n).pathways[0].strength, Some(0.9));
}

#[test]
fn weakest_entries_carry_basis_children_and_affected() {
    let n = diamond()
        .cohort(400.0)
        .children("a", 100.0)
        .measure("a", strength(0.5))
        .measure("b", strength(0.5))
        .build();
    let analysis = analyse(&n);
    let w = &analysis.weakest;
    // b on routes (0.5) ranks above a counted at 0.25.
    assert_eq!(w.len(), 2);
    assert_eq!(
        (w[0].basis, w[0].reach, w[0].children),
        (Basis::Routes, 0.5, None)
    );
    assert_eq!(
        (w[1].basis, w[1].reach, w[1].children, w[1].affected),
        (Basis::Counted, 0.25, Some(100.0), Some(50.0))
    );
}

/// rec → tre ⇄ adm, tre → rev, rec → other → rev: the loop members are on every route
/// through the loop step.
fn looped() -> Builder {
    Builder::new(Condition::ShortTerm)
        .c("rec", Recognition)
        .c("tre", Management)
        .c("adm", Management)
        .c("rev", Review)
        .link("rec", "tre")
        .link("tre", "adm")
        .link("adm", "tre")
        .link("tre", "rev")
}

fn bottlenecks(n: &Network) -> Vec<String> {
    findings_of(n, FindingKind::Bottleneck)
        .into_iter()
        .map(|f| f.component.expect("a component"))
        .collect()
}

#[test]
fn a_loop_member_is_never_a_bottleneck() {
    // Two journeys (rec → tre/adm → rev, rec → side → rev); rec and rev are on both.
    let n = looped()
        .c("side", Management)
        .link("rec", "side")
        .link("side", "rev")
        .build();
    assert_eq!(bottlenecks(&n), ["rec", "rev"]);
    // Two journeys that both pass the loop step: its members are on every route, and
    // still not bottlenecks (a loop makes every route pass them, not every child).
    let n = looped().c("out", Review).link("adm", "out").build();
    let found = bottlenecks(&n);
    assert!(!found.contains(&"tre".to_string()) && !found.contains(&"adm".to_string()));
    assert_eq!(found, ["rec"]);
    // A link to itself makes a loop too.
    let n = diamond()
        .link("man", "man")
        .c("tra", Review)
        .link("a", "tra")
        .build();
    assert!(!bottlenecks(&n).contains(&"man".to_string()));
    assert!(bottlenecks(&n).contains(&"rec".to_string()));
}

#[test]
fn a_bottleneck_counted_below_half_the_cohort_is_not_one() {
    let n = diamond().cohort(1000.0).children("man", 499.0).build();
    assert_eq!(bottlenecks(&n), ["rec"]);
    let n = diamond().cohort(1000.0).children("man", 500.0).build();
    assert_eq!(bottlenecks(&n), ["rec", "man"]);
    // Counted at full reach, but not on every route: no bottleneck.
    let n = diamond().cohort(10.0).children("a", 10.0).build();
    assert_eq!(bottlenecks(&n), ["rec", "man"]);
}

#[test]
fn the_bottleneck_message_claims_only_routes() {
    let n = diamond().build();
    let found = findings_of(&n, FindingKind::Bottleneck);
    assert_eq!(
        found[0].message,
        "Every route in the map passes through rec"
    );
}

/// Random children on some components, links and the pathway; `None` leaves one out.
fn any_counted() -> impl Strategy<Value = (Vec<Option<f64>>, Vec<Option<f64>>, Option<f64>)> {
    let figure = prop::option::of(0.0f64..5000.0);
    (
        prop::collection::vec(figure.clone(), 6),
        prop::collection::vec(figure.clone(), 7),
        figure,
    )
}

/// rec0, rec1 → ass0, ass1 (all four links), ass0 → man, ass1 → man, man → rev.
fn counted_network(c: &[Option<f64>], l: &[Option<f64>], p: Option<f64>) -> Network {
    let ids = ["rec0", "rec1", "ass0", "ass1", "man", "rev"];
    let phases = [
        Recognition,
        Recognition,
        Assessment,
        Assessment,
        Management,
        Review,
    ];
    let links = [
        ("rec0", "ass0"),
        ("rec0", "ass1"),
        ("rec1", "ass0"),
        ("rec1", "ass1"),
        ("ass0", "man"),
        ("ass1", "man"),
        ("man", "rev"),
    ];
    let mut b = Builder::new(Condition::LongTerm);
    for (id, phase) in ids.iter().zip(phases) {
        b = b.c(id, phase);
    }
    for (from, to) in links {
        b = b.link(from, to);
    }
    for (id, v) in ids.iter().zip(c) {
        if let Some(v) = v {
            b = b.children(id, *v);
        }
    }
    for ((from, to), v) in links.iter().zip(l) {
        if let Some(v) = v {
            b = b.link_children(from, to, *v);
        }
    }
    if let Some(p) = p {
        b = b.cohort(p);
    }
    b.build()
}

proptest! {
    #[test]
    fn counted_reach_follows_the_rules((c, l, p) in any_counted()) {
        let n = counted_network(&c, &l, p);
        let pathway = &n.pathways()[0];
        let analysis = analyse(&n);
        let a = &analysis.pathways[0];
        let j = carepath::analysis::journeys(pathway);
        // Derived children: own, or the sum over incoming links when all have children.
        let mut expected = Vec::new();
        for (i, own) in c.iter().enumerate() {
            let incoming: Vec<usize> = (0..l.len())
                .filter(|&k| pathway.link_ends(k).unwrap().1 == i)
                .collect();
            let derived = own.or_else(|| {
                if incoming.is_empty() { return None; }
                incoming.iter().map(|&k| l[k]).sum::<Option<f64>>()
            });
            prop_assert_eq!(a.components[i].children, derived);
            expected.push(derived);
        }
        // The cohort: the pathway's, or the sum over entries (rec0, rec1).
        let cohort = p.or_else(|| Some(expected[0]? + expected[1]?));
        prop_assert_eq!(a.cohort, cohort);
        for (i, ca) in a.components.iter().enumerate() {
            prop_assert!((0.0..=1.0).contains(&ca.reach));
            match (expected[i], cohort) {
                (Some(k), Some(q)) if q > 0.0 => {
                    prop_assert_eq!(ca.basis, Basis::Counted);
                    prop_assert_eq!(ca.reach, (k / q).min(1.0));
                }
                _ => {
                    prop_assert_eq!(ca.basis, Basis::Routes);
                    prop_assert_eq!(ca.reach, j.component_reach[i]);
                }
            }
            if let (Some(s), Some(k)) = (ca.score.strength, ca.children) {
                prop_assert_eq!(ca.affected, Some((1.0 - s) * k));
            } else {
                prop_assert_eq!(ca.affected, None);
            }
        }
        for (k, la) in a.links.iter().enumerate() {
            prop_assert_eq!(la.children, l[k]);
            let counted = matches!((l[k], cohort), (Some(_), Some(q)) if q > 0.0);
            prop_assert_eq!(la.basis == Basis::Counted, counted);
        }
        // Bottlenecks: on every route, not in a loop, and counted at half the cohort or more.
        for f in analysis.findings.iter().filter(|f| f.kind == FindingKind::Bottleneck) {
            let i = match f.target { Some(carepath::analysis::Target::Component(i)) => i, _ => unreachable!() };
            prop_assert!(j.component_reach[i] == 1.0);
            prop_assert!(!j.loops.iter().flatten().any(|&m| m == i));
            prop_assert!(a.components[i].basis == Basis::Routes || a.components[i].reach >= 0.5);
        }
    }
}

fn example(name: &str) -> Network {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("pathways")
        .join(name);
    carepath::storage::load(&path).expect("the example loads")
}

#[test]
fn the_examples_claim_no_loop_member_as_a_bottleneck() {
    for name in ["type1-diabetes.ron", "mental-health.ron"] {
        let n = example(name);
        let analysis = analyse(&n);
        for f in analysis
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::Bottleneck)
        {
            let Some(carepath::analysis::Target::Component(i)) = f.target else {
                unreachable!("a bottleneck is a component")
            };
            let loops = &analysis.pathways[f.pathway].journeys.loops;
            assert!(!loops.iter().flatten().any(|&m| m == i), "{name}: {i}");
        }
    }
    // The eating-disorder admission sits in the treatment ⇄ admission loop.
    let n = example("mental-health.ron");
    let found = findings_of(&n, FindingKind::Bottleneck);
    assert!(
        found
            .iter()
            .all(|f| f.component.as_deref() != Some("ed-inpatient"))
    );
}

#[test]
fn the_diabetes_example_counts_its_children() {
    let n = example("type1-diabetes.ron");
    let a = &analyse(&n).pathways[0];
    assert_eq!(a.cohort, Some(31_350.0));
    let p = &n.pathways()[0];
    let at = |id: &str| &a.components[p.position(id).unwrap()];
    // Diagnosis has no figure of its own: the referral (2,889) and the DKA route (994).
    assert_eq!(at("pdu-diagnosis").children, Some(3_883.0));
    assert_eq!(at("pdu-diagnosis").basis, Basis::Counted);
    // The campaign and recognition reach the year's new cases only: no bottleneck.
    assert!((at("dka-awareness").reach - 3_883.0 / 31_350.0).abs() < 1e-12);
    assert!(findings_of(&n, FindingKind::Bottleneck).is_empty());
    // Every volume has its source in the notes.
    for c in p.components().iter().filter(|c| c.children.is_some()) {
        assert!(c.notes.contains("NPDA"), "{}", c.id);
    }
    for l in p.links().iter().filter(|l| l.children.is_some()) {
        assert!(l.notes.contains("NPDA"), "{} -> {}", l.from, l.to);
    }
}
