//! The checked operations of `Network` that edit components, links, measures and actions:
//! success, refusals (which change nothing), cascades and order.

mod common;

use carepath::model::{Integration, Link, LinkKind, MeasureOwner, ModelError, Network, Phase};
use common::fixture::*;

fn owner(id: &str) -> MeasureOwner {
    MeasureOwner::Component(id.into())
}

fn link_owner(from: &str, to: &str) -> MeasureOwner {
    MeasureOwner::Link {
        from: from.into(),
        to: to.into(),
    }
}

fn action_components(n: &Network) -> Vec<(&str, &str)> {
    n.actions()
        .iter()
        .map(|a| (a.id.as_str(), a.component.as_str()))
        .collect()
}

// ----- components -----

#[test]
fn update_component_in_place() {
    let mut n = fixture();
    let mut b = p1(&n).component("b").unwrap().clone();
    b.name = "Assessment clinic".into();
    b.provider = Some("la".into());
    b.measures.push(measure("m2"));
    n.update_component("b", b.clone()).unwrap();
    assert_eq!(p1(&n).component("b"), Some(&b));
    assert_eq!(ids(p1(&n)), ["a", "b", "c", "d"]);
    assert_consistent(&n);
}

#[test]
fn renaming_a_component_carries_to_its_links_and_actions() {
    let mut n = fixture();
    let mut b = p1(&n).component("b").unwrap().clone();
    b.id = "assess".into();
    n.update_component("b", b).unwrap();
    assert_eq!(ids(p1(&n)), ["a", "assess", "c", "d"]);
    assert_eq!(
        links(p1(&n)),
        [("a", "assess"), ("assess", "d"), ("a", "c")]
    );
    assert_eq!(
        action_components(&n),
        [("act1", "assess"), ("act2", "a"), ("act3", "x")]
    );
    assert!(!n.has_component("b"));
    // The link keeps its measures under its new ends.
    assert_eq!(n.measures(&link_owner("a", "assess")).unwrap()[0].id, "w");
    assert!(n.measures(&link_owner("a", "b")).is_none());
    assert_consistent(&n);
}

#[test]
fn update_component_refusals_change_nothing() {
    let mut n = fixture();
    let b = p1(&n).component("b").unwrap().clone();
    let with = |f: &dyn Fn(&mut carepath::model::Component)| {
        let mut c = b.clone();
        f(&mut c);
        c
    };
    let dup = with(&|c| c.id = "c".into());
    assert_eq!(
        refused(&mut n, |n| n.update_component("b", dup)),
        duplicate("component", "c")
    );
    let across = with(&|c| c.id = "y".into());
    assert_eq!(
        refused(&mut n, |n| n.update_component("b", across)),
        duplicate("component", "y")
    );
    let bad = with(&|c| c.id = "b!".into());
    assert_eq!(
        refused(&mut n, |n| n.update_component("b", bad)),
        invalid_id("b!")
    );
    let provider = with(&|c| c.provider = Some("nhs".into()));
    assert_eq!(
        refused(&mut n, |n| n.update_component("b", provider)),
        ModelError::UnknownProvider {
            component: "b".into(),
            provider: "nhs".into()
        }
    );
    for m in bad_measures() {
        let c = with(&|c| c.measures.push(m.clone()));
        refused(&mut n, |n| n.update_component("b", c));
    }
    let missing = b.clone();
    assert_eq!(
        refused(&mut n, |n| n.update_component("zz", missing)),
        not_found("component", "zz")
    );
}

#[test]
fn remove_component_takes_its_links_and_actions() {
    let mut n = fixture();
    let removed = n.remove_component("b").unwrap();
    assert_eq!(removed.id, "b");
    assert_eq!(ids(p1(&n)), ["a", "c", "d"]);
    assert_eq!(links(p1(&n)), [("a", "c")]);
    assert_eq!(action_components(&n), [("act2", "a"), ("act3", "x")]);
    assert_eq!(
        refused(&mut n, |n| n.remove_component("b")),
        not_found("component", "b")
    );
    // The other pathway is untouched.
    assert_eq!(ids(n.pathway("p2").unwrap()), ["x", "y"]);
    assert_consistent(&n);
}

#[test]
fn set_component_phase_keeps_author_order() {
    let mut n = fixture();
    n.set_component_phase("d", Phase::Prevention).unwrap();
    assert_eq!(ids(p1(&n)), ["a", "b", "c", "d"]);
    assert_eq!(p1(&n).component("d").unwrap().phase, Phase::Prevention);
    assert_eq!(links(p1(&n)), [("a", "b"), ("b", "d"), ("a", "c")]);
    assert_eq!(
        refused(&mut n, |n| n.set_component_phase("zz", Phase::Review)),
        not_found("component", "zz")
    );
    assert_consistent(&n);
}

fn column(n: &Network, phase: Phase) -> Vec<String> {
    p1(n).column(phase).map(|c| c.id.clone()).collect()
}

#[test]
fn shift_component_moves_within_its_column() {
    let mut n = fixture();
    // p1 in author order: a (Recognition), b, c (Assessment), d (Management); add e between.
    n.add_component("p1", component("e", Phase::Management), Some(2))
        .unwrap();
    n.add_component("p1", component("f", Phase::Assessment), None)
        .unwrap();
    assert_eq!(ids(p1(&n)), ["a", "b", "e", "c", "d", "f"]);
    assert_eq!(column(&n, Phase::Assessment), ["b", "c", "f"]);

    // Down: swaps with the next of its phase, skipping others.
    assert!(n.shift_component("b", false).unwrap());
    assert_eq!(column(&n, Phase::Assessment), ["c", "b", "f"]);
    assert_eq!(ids(p1(&n)), ["a", "c", "e", "b", "d", "f"]);
    assert!(n.shift_component("b", false).unwrap());
    assert_eq!(column(&n, Phase::Assessment), ["c", "f", "b"]);
    // At the bottom: no change.
    let before = n.clone();
    assert!(!n.shift_component("b", false).unwrap());
    assert_eq!(n, before);
    // Up, back to the top.
    assert!(n.shift_component("b", true).unwrap());
    assert!(n.shift_component("b", true).unwrap());
    assert_eq!(column(&n, Phase::Assessment), ["b", "c", "f"]);
    let before = n.clone();
    assert!(!n.shift_component("b", true).unwrap());
    assert_eq!(n, before);
    // Alone in its column: nowhere to go.
    assert!(!n.shift_component("a", true).unwrap());
    assert!(!n.shift_component("a", false).unwrap());
    // Other columns keep their order; links follow their components.
    assert_eq!(column(&n, Phase::Management), ["e", "d"]);
    assert_eq!(links(p1(&n)), [("a", "b"), ("b", "d"), ("a", "c")]);
    assert_eq!(
        refused(&mut n, |n| n.shift_component("zz", true)),
        not_found("component", "zz")
    );
    assert_consistent(&n);
}

#[test]
fn reorder_components_takes_a_permutation() {
    let mut n = fixture();
    let order = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    n.reorder_components("p1", &order(&["d", "c", "a", "b"]))
        .unwrap();
    assert_eq!(ids(p1(&n)), ["d", "c", "a", "b"]);
    assert_eq!(column(&n, Phase::Assessment), ["c", "b"]);
    assert_eq!(links(p1(&n)), [("a", "b"), ("b", "d"), ("a", "c")]);
    assert_consistent(&n);

    assert_eq!(
        refused(&mut n, |n| n
            .reorder_components("p1", &order(&["a", "b", "c"]))),
        ModelError::Empty {
            what: "the new order's missing components"
        }
    );
    assert_eq!(
        refused(&mut n, |n| n
            .reorder_components("p1", &order(&["a", "b", "c", "d", "a"]))),
        duplicate("component", "a")
    );
    assert_eq!(
        refused(&mut n, |n| n
            .reorder_components("p1", &order(&["a", "b", "c", "x"]))),
        not_found("component", "x")
    );
    assert_eq!(
        refused(&mut n, |n| n.reorder_components("p9", &order(&[]))),
        not_found("pathway", "p9")
    );
    // An empty pathway takes the empty order.
    n.add_pathway(carepath::model::Pathway::new(
        "p3",
        "Three",
        carepath::model::Condition::LongTerm,
    ))
    .unwrap();
    n.reorder_components("p3", &[]).unwrap();
}

// ----- links -----

#[test]
fn add_link() {
    let mut n = fixture();
    let mut cd = Link::new("c", "d");
    cd.kind = LinkKind::SharedCare;
    cd.integration = Some(Integration::FullIntegration);
    n.add_link("p1", cd.clone()).unwrap();
    assert_eq!(p1(&n).link("c", "d"), Some(&cd));
    // The reverse of an existing link, and a link to itself, are links of their own.
    n.add_link("p1", Link::new("b", "a")).unwrap();
    n.add_link("p1", Link::new("d", "d")).unwrap();
    assert_eq!(p1(&n).links().len(), 6);
    assert_consistent(&n);
}

#[test]
fn add_link_refusals_change_nothing() {
    let mut n = fixture();
    assert_eq!(
        refused(&mut n, |n| n.add_link("p1", Link::new("a", "b"))),
        ModelError::DuplicateLink {
            from: "a".into(),
            to: "b".into()
        }
    );
    assert_eq!(
        refused(&mut n, |n| n.add_link("p1", Link::new("a", "x"))),
        ModelError::UnknownLinkEnd {
            pathway: "p1".into(),
            id: "x".into()
        }
    );
    assert_eq!(
        refused(&mut n, |n| n.add_link("p2", Link::new("a", "x"))),
        ModelError::UnknownLinkEnd {
            pathway: "p2".into(),
            id: "a".into()
        }
    );
    assert_eq!(
        refused(&mut n, |n| n.add_link("p1", Link::new("zz", "a"))),
        ModelError::UnknownLinkEnd {
            pathway: "p1".into(),
            id: "zz".into()
        }
    );
    assert_eq!(
        refused(&mut n, |n| n.add_link("p9", Link::new("a", "b"))),
        not_found("pathway", "p9")
    );
    let mut twice = Link::new("c", "d");
    twice.measures = vec![measure("w"), measure("w")];
    assert_eq!(
        refused(&mut n, |n| n.add_link("p1", twice)),
        ModelError::DuplicateMeasure {
            owner: "c -> d".into(),
            id: "w".into()
        }
    );
    for m in bad_measures() {
        let mut l = Link::new("c", "d");
        l.measures.push(m);
        refused(&mut n, |n| n.add_link("p1", l));
    }
}

#[test]
fn update_link_in_place_and_to_new_ends() {
    let mut n = fixture();
    let mut ab = p1(&n).link("a", "b").unwrap().clone();
    ab.kind = LinkKind::Handoff;
    n.update_link("a", "b", ab.clone()).unwrap();
    assert_eq!(p1(&n).link("a", "b"), Some(&ab));
    // New ends, same place in the list.
    let mut ad = ab.clone();
    ad.to = "d".into();
    n.update_link("a", "b", ad.clone()).unwrap();
    assert_eq!(links(p1(&n)), [("a", "d"), ("b", "d"), ("a", "c")]);
    assert!(p1(&n).link("a", "b").is_none());
    assert_eq!(p1(&n).link("a", "d"), Some(&ad));
    assert_consistent(&n);

    let onto = |from: &str, to: &str| Link::new(from, to);
    assert_eq!(
        refused(&mut n, |n| n.update_link("a", "d", onto("b", "d"))),
        ModelError::DuplicateLink {
            from: "b".into(),
            to: "d".into()
        }
    );
    assert_eq!(
        refused(&mut n, |n| n.update_link("a", "d", onto("a", "y"))),
        ModelError::UnknownLinkEnd {
            pathway: "p1".into(),
            id: "y".into()
        }
    );
    assert_eq!(
        refused(&mut n, |n| n.update_link("a", "b", onto("a", "b"))),
        not_found("link", "a -> b")
    );
}

#[test]
fn remove_link() {
    let mut n = fixture();
    let removed = n.remove_link("b", "d").unwrap();
    assert_eq!((removed.from.as_str(), removed.to.as_str()), ("b", "d"));
    assert_eq!(links(p1(&n)), [("a", "b"), ("a", "c")]);
    assert_eq!(ids(p1(&n)), ["a", "b", "c", "d"]);
    assert_eq!(
        refused(&mut n, |n| n.remove_link("b", "d")),
        not_found("link", "b -> d")
    );
    assert_eq!(
        refused(&mut n, |n| n.remove_link("zz", "d")),
        not_found("component", "zz")
    );
    assert_consistent(&n);
}

// ----- measures -----

#[test]
fn measures_on_components_and_links() {
    let mut n = fixture();
    for o in [owner("a"), link_owner("a", "b")] {
        n.add_measure(&o, measure("new")).unwrap();
        let got: Vec<&str> = n
            .measures(&o)
            .unwrap()
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(got.last(), Some(&"new"));
        let mut renamed = measure("renamed");
        renamed.value = Some(12.0);
        n.update_measure(&o, "new", renamed.clone()).unwrap();
        assert_eq!(n.measures(&o).unwrap().last(), Some(&renamed));
        n.remove_measure(&o, "renamed").unwrap();
        assert!(n.measures(&o).unwrap().iter().all(|m| m.id != "renamed"));
    }
    // Measure ids are unique per owner, not in the file.
    n.add_measure(&owner("b"), measure("m1")).unwrap();
    n.add_measure(&link_owner("b", "d"), measure("m1")).unwrap();
    assert_consistent(&n);
}

#[test]
fn measure_refusals_change_nothing() {
    let mut n = fixture();
    for (o, existing, name) in [
        (owner("a"), "m1", "a"),
        (link_owner("a", "b"), "w", "a -> b"),
    ] {
        let dup = ModelError::DuplicateMeasure {
            owner: name.into(),
            id: existing.into(),
        };
        assert_eq!(
            refused(&mut n, |n| n.add_measure(&o, measure(existing))),
            dup
        );
        n.add_measure(&o, measure("other")).unwrap();
        assert_eq!(
            refused(&mut n, |n| n.update_measure(&o, "other", measure(existing))),
            dup
        );
        for m in bad_measures() {
            refused(&mut n, |n| n.add_measure(&o, m.clone()));
            refused(&mut n, |n| n.update_measure(&o, existing, m));
        }
        assert_eq!(
            refused(&mut n, |n| n.update_measure(&o, "none", measure("x"))),
            not_found("measure", "none")
        );
        assert_eq!(
            refused(&mut n, |n| n.remove_measure(&o, "none")),
            not_found("measure", "none")
        );
    }
    assert_eq!(
        refused(&mut n, |n| n.add_measure(&owner("zz"), measure("x"))),
        not_found("component", "zz")
    );
    assert_eq!(
        refused(&mut n, |n| n
            .add_measure(&link_owner("c", "a"), measure("x"))),
        not_found("link", "c -> a")
    );
    assert!(n.measures(&owner("zz")).is_none());
}

// ----- actions -----

#[test]
fn actions() {
    let mut n = fixture();
    n.add_action(action("act4", "y")).unwrap();
    let mut changed = action("act-four", "c");
    changed.owner = "Lead".into();
    changed.due = Some("2026-01-31".into());
    n.update_action("act4", changed.clone()).unwrap();
    assert_eq!(n.actions().last(), Some(&changed));
    let removed = n.remove_action("act1").unwrap();
    assert_eq!(removed.id, "act1");
    assert_eq!(
        action_components(&n),
        [("act2", "a"), ("act3", "x"), ("act-four", "c")]
    );
    assert_eq!(
        refused(&mut n, |n| n.add_action(action("act2", "a"))),
        duplicate("action", "act2")
    );
    assert_eq!(
        refused(&mut n, |n| n.add_action(action("Act5", "a"))),
        invalid_id("Act5")
    );
    let unknown = ModelError::UnknownActionComponent {
        action: "act5".into(),
        component: "p1".into(),
    };
    assert_eq!(
        refused(&mut n, |n| n.add_action(action("act5", "p1"))),
        unknown
    );
    assert_eq!(
        refused(&mut n, |n| n.update_action("act2", action("act3", "a"))),
        duplicate("action", "act3")
    );
    assert_eq!(
        refused(&mut n, |n| n.update_action("act2", action("act2", "zz"))),
        ModelError::UnknownActionComponent {
            action: "act2".into(),
            component: "zz".into()
        }
    );
    assert_eq!(
        refused(&mut n, |n| n.update_action("act1", action("act1", "a"))),
        not_found("action", "act1")
    );
    assert_eq!(
        refused(&mut n, |n| n.remove_action("act1")),
        not_found("action", "act1")
    );
    assert_consistent(&n);
}

// ----- fresh ids -----

#[test]
fn fresh_ids_are_valid_and_unused() {
    let mut n = fixture();
    assert_eq!(n.new_component_id("A"), "a-2");
    assert_eq!(n.new_component_id("Review clinic"), "review-clinic");
    assert_eq!(n.new_component_id("!!!"), "component");
    assert_eq!(n.new_organisation_id("GP"), "gp-2");
    assert_eq!(n.new_pathway_id("P1"), "p1-2");
    assert_eq!(n.new_action_id(), "action-1");
    n.add_action(action("action-1", "a")).unwrap();
    assert_eq!(n.new_action_id(), "action-2");
    let id = n.new_component_id("x");
    n.add_component("p2", component(&id, Phase::Review), None)
        .unwrap();
    assert_eq!(n.new_component_id("x"), "x-3");
    assert_consistent(&n);
}
