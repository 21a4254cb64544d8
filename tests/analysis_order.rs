//! The README's rules (status and weakest links): the order of findings (severity, impact, pathway, phase, id) and the
//! weakest-links list (measured components and links by impact, highest first).

mod common;

use carepath::analysis::{FindingKind, Severity, Target, analyse};
use carepath::model::{Condition, Network, Phase};
use common::{Builder, named_m, seen, strength};

use FindingKind::*;
use Phase::{Assessment, Management, Prevention, Recognition};
use Severity::{High, Low, Medium};

/// Two pathways whose findings exercise every step of the order. Impacts, all with
/// reach exactly 1 or exactly the same reach:
///   one: pre 0.95 (Amber, 0.05), rec 0.5, ass 0.2, man 0.5 (Red: 0.5, 0.8, 0.5);
///        link rec → ass 0.7 (Red, 0.3).
///   two: pre2 → rec2 → {zz, aa} → man2: pre2 0.5 (0.5), rec2 0.1 (0.9), zz and aa 0.2
///        with reach 0.5 (0.4 each), man2 no data.
fn ordered() -> Network {
    Builder::named("Order")
        .pathway("one", "One", Condition::ShortTerm)
        .c("pre", Prevention)
        .c("rec", Recognition)
        .c("ass", Assessment)
        .c("man", Management)
        .chain(&["pre", "rec", "ass", "man"])
        .measure("pre", strength(0.95))
        .measure("rec", strength(0.5))
        .measure("ass", strength(0.2))
        .measure("man", strength(0.5))
        .link_measure("rec", "ass", strength(0.7))
        .pathway("two", "Two", Condition::ShortTerm)
        .c("pre2", Prevention)
        .c("rec2", Recognition)
        .c("zz", Assessment)
        .c("aa", Assessment)
        .c("man2", Management)
        .chain(&["pre2", "rec2", "zz", "man2"])
        .link("rec2", "aa")
        .link("aa", "man2")
        .measure("pre2", strength(0.5))
        .measure("rec2", strength(0.1))
        .measure("zz", strength(0.2))
        .measure("aa", strength(0.2))
        .measure("man2", named_m("x", "X", "", 1.0, None))
        .build()
}

#[test]
fn findings_order_severity_impact_pathway_phase_id() {
    let network = ordered();
    let got: Vec<(FindingKind, Severity, usize, String)> = seen(&network)
        .iter()
        .map(|f| {
            let id = match (&f.component, &f.link) {
                (Some(c), _) => c.clone(),
                (None, Some((x, y))) => format!("{x}->{y}"),
                (None, None) => String::new(),
            };
            (f.kind, f.severity, f.pathway, id)
        })
        .collect();
    let want: Vec<(FindingKind, Severity, usize, String)> = [
        // High: impact first (0.9, 0.8), then the three at 0.5 by pathway, then phase
        // (two's pre2 is in an earlier phase than one's man, but comes after it); then
        // zz and aa at 0.4 in id order, not author order; then the link at 0.3.
        (WeakComponent, High, 1, "rec2"),
        (WeakComponent, High, 0, "ass"),
        (WeakComponent, High, 0, "rec"),
        (WeakComponent, High, 0, "man"),
        (WeakComponent, High, 1, "pre2"),
        (WeakComponent, High, 1, "aa"),
        (WeakComponent, High, 1, "zz"),
        (WeakLink, High, 0, "rec->ass"),
        (WeakComponent, Medium, 0, "pre"),
        // Low: bottlenecks of two (2 journeys) by impact, then those without data.
        (Bottleneck, Low, 1, "rec2"),
        (Bottleneck, Low, 1, "pre2"),
        (Unmeasured, Low, 1, "man2"),
        (Bottleneck, Low, 1, "man2"),
    ]
    .into_iter()
    .map(|(k, s, p, id)| (k, s, p, id.to_string()))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn weakest_links_rank_measured_parts_by_impact() {
    let network = ordered();
    let a = analyse(&network);
    let got: Vec<(usize, String, f64)> = a
        .weakest
        .iter()
        .map(|w| {
            let pathway = &network.pathways()[w.pathway];
            let id = match w.target {
                Target::Component(i) => pathway.components()[i].id.clone(),
                Target::Link(j) => {
                    let l = &pathway.links()[j];
                    format!("{}->{}", l.from, l.to)
                }
            };
            (w.pathway, id, (w.impact * 1e9).round() / 1e9)
        })
        .collect();
    let c = |p: usize, id: &str, impact: f64| (p, id.to_string(), impact);
    let link = "rec->ass".to_string();
    // man2 (a measure without data) and every unmeasured link are left out.
    assert_eq!(
        got,
        [
            c(1, "rec2", 0.9),
            c(0, "ass", 0.8),
            c(0, "rec", 0.5),
            c(0, "man", 0.5),
            c(1, "pre2", 0.5),
            c(1, "aa", 0.4),
            c(1, "zz", 0.4),
            (0, link, 0.3),
            c(0, "pre", 0.05),
        ]
    );
    for w in &a.weakest {
        assert!((w.impact - (1.0 - w.strength) * w.reach).abs() < 1e-12);
    }
    // Nothing measured, or measures without data: an empty list.
    let network = Builder::new(Condition::ShortTerm)
        .c("a", Prevention)
        .c("b", Recognition)
        .link("a", "b")
        .measure("b", named_m("x", "X", "", 1.0, None))
        .link_measure("a", "b", named_m("y", "Y", "", 1.0, None))
        .build();
    assert!(analyse(&network).weakest.is_empty());
}

/// Impacts equal but for rounding (0.1 + 0.2 against 0.3) are equal for ranking: the
/// phase and then the id decide, not the last bits.
#[test]
fn rounding_noise_does_not_decide_the_order() {
    use carepath::model::{
        Component, Condition, Direction, Domain, Measure, Network, Pathway, Phase,
    };
    let mut n = Network::new("n");
    n.add_pathway(Pathway::new("p", "P", Condition::ShortTerm))
        .unwrap();
    // Strength 3/10 and a hair below 0.3: impacts 0.7 and 0.7000000000000001.
    let measure = |value: f64, target: f64| {
        let mut m = Measure::new("m", "M", Domain::Safety, Direction::HigherIsBetter, target);
        m.value = Some(value);
        m
    };
    let mut later = Component::new("b-late", "Late", Phase::Management);
    later.measures.push(measure(0.299_999_999_999_999_93, 1.0));
    let mut earlier = Component::new("z-early", "Early", Phase::Prevention);
    earlier.measures.push(measure(3.0, 10.0));
    n.add_component("p", later, None).unwrap();
    n.add_component("p", earlier, None).unwrap();
    n.add_link("p", carepath::model::Link::new("z-early", "b-late"))
        .unwrap();
    let found = seen(&n);
    let weak: Vec<&str> = found
        .iter()
        .filter(|f| f.kind == carepath::analysis::FindingKind::WeakComponent)
        .filter_map(|f| f.component.as_deref())
        .collect();
    assert_eq!(
        weak,
        ["z-early", "b-late"],
        "phase order decides between equal impacts"
    );
}
