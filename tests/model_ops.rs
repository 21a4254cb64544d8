//! The checked operations of `Network` (src/model/network.rs): organisations, pathways and
//! adding components, each one's success and each refusal (which changes nothing).
//! Editing components, links, measures and actions is in `model_edit.rs`.

mod common;

use carepath::model::{
    Condition, Level, ModelError, Organisation, Pathway, PathwayDetails, Phase, Sector,
};
use common::fixture::*;

// ----- organisations -----

#[test]
fn add_organisation() {
    let mut n = fixture();
    n.add_organisation(Organisation::new(
        "school",
        "School",
        Sector::Education,
        Level::Community,
    ))
    .unwrap();
    assert_eq!(n.organisations().last().unwrap().id, "school");
    let org = |id: &str| Organisation::new(id, "X", Sector::Other, Level::Primary);
    assert_eq!(
        refused(&mut n, |n| n.add_organisation(org("gp"))),
        duplicate("organisation", "gp")
    );
    for bad in ["", "GP", "-gp", "g p", "g_p"] {
        assert_eq!(
            refused(&mut n, |n| n.add_organisation(org(bad))),
            invalid_id(bad)
        );
    }
    // An organisation may share an id with a component.
    n.add_organisation(org("a")).unwrap();
    assert_consistent(&n);
}

#[test]
fn update_organisation_carries_a_new_id_to_its_components() {
    let mut n = fixture();
    let mut gp = n.organisation("gp").unwrap().clone();
    gp.id = "general-practice".into();
    gp.name = "General practice".into();
    n.update_organisation("gp", gp.clone()).unwrap();
    assert_eq!(n.organisations()[0], gp);
    assert_eq!(
        p1(&n).component("a").unwrap().provider.as_deref(),
        Some("general-practice")
    );
    assert_eq!(
        p1(&n).component("b").unwrap().provider.as_deref(),
        Some("pdu")
    );
    assert_consistent(&n);
    // Same id, new details.
    let mut pdu = n.organisation("pdu").unwrap().clone();
    pdu.level = Level::Tertiary;
    n.update_organisation("pdu", pdu).unwrap();
    assert_eq!(n.organisation("pdu").unwrap().level, Level::Tertiary);

    let mut clash = n.organisation("pdu").unwrap().clone();
    clash.id = "la".into();
    assert_eq!(
        refused(&mut n, |n| n.update_organisation("pdu", clash)),
        duplicate("organisation", "la")
    );
    let mut bad = n.organisation("pdu").unwrap().clone();
    bad.id = "P D U".into();
    assert_eq!(
        refused(&mut n, |n| n.update_organisation("pdu", bad)),
        invalid_id("P D U")
    );
    let any = n.organisation("la").unwrap().clone();
    assert_eq!(
        refused(&mut n, |n| n.update_organisation("nope", any)),
        not_found("organisation", "nope")
    );
}

#[test]
fn remove_organisation_only_when_unused() {
    let mut n = fixture();
    let removed = n.remove_organisation("la").unwrap();
    assert_eq!(removed.id, "la");
    assert!(n.organisation("la").is_none());
    assert_eq!(
        refused(&mut n, |n| n.remove_organisation("gp")),
        ModelError::OrganisationInUse {
            id: "gp".into(),
            count: 1
        }
    );
    assert_eq!(
        refused(&mut n, |n| n.remove_organisation("la")),
        not_found("organisation", "la")
    );
    // Once no component uses it, it can go.
    let mut a = p1(&n).component("a").unwrap().clone();
    a.provider = None;
    n.update_component("a", a).unwrap();
    n.remove_organisation("gp").unwrap();
    assert_consistent(&n);
}

// ----- pathways -----

#[test]
fn add_pathway_with_its_contents() {
    let mut n = fixture();
    let p: Pathway = ron::from_str(
        r#"Pathway(id: "p3", name: "Three", condition: ShortTerm, notes: "n",
            components: [Component(id: "k", name: "K", phase: Prevention, provider: Some("la")),
                         Component(id: "l", name: "L", phase: Recognition)],
            links: [Link(from: "k", to: "l", kind: Escalation)])"#,
    )
    .unwrap();
    n.add_pathway(p.clone()).unwrap();
    assert_eq!(n.pathway("p3").unwrap(), &p);
    assert_eq!(n.pathways().last().unwrap().id, "p3");
    assert_consistent(&n);
}

#[test]
fn add_pathway_refusals_change_nothing() {
    let mut n = fixture();
    let empty = |id: &str| Pathway::new(id, "X", Condition::LongTerm);
    assert_eq!(
        refused(&mut n, |n| n.add_pathway(empty("p1"))),
        duplicate("pathway", "p1")
    );
    assert_eq!(
        refused(&mut n, |n| n.add_pathway(empty("P3"))),
        invalid_id("P3")
    );
    // Anything wrong inside: the half-added pathway is taken out again.
    let inside = |body: &str| -> Pathway {
        ron::from_str(&format!(r#"Pathway(id: "p3", name: "Three", {body})"#)).unwrap()
    };
    let cases = [
        (
            r#"components: [Component(id: "k", name: "K", phase: Review), Component(id: "a", name: "A", phase: Review)]"#,
            duplicate("component", "a"),
        ),
        (
            r#"components: [Component(id: "k", name: "K", phase: Review, provider: Some("nhs"))]"#,
            ModelError::UnknownProvider {
                component: "k".into(),
                provider: "nhs".into(),
            },
        ),
        (
            r#"components: [Component(id: "k", name: "K", phase: Review)], links: [Link(from: "k", to: "x")]"#,
            ModelError::UnknownLinkEnd {
                pathway: "p3".into(),
                id: "x".into(),
            },
        ),
        (
            r#"components: [Component(id: "k", name: "K", phase: Review)], links: [Link(from: "k", to: "k"), Link(from: "k", to: "k")]"#,
            ModelError::DuplicateLink {
                from: "k".into(),
                to: "k".into(),
            },
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(
            refused(&mut n, |n| n.add_pathway(inside(body))),
            expected,
            "{body}"
        );
    }
}

#[test]
fn update_pathway_details() {
    let mut n = fixture();
    let details = |id: &str| PathwayDetails {
        id: id.into(),
        name: "Renamed".into(),
        condition: Condition::ShortTerm,
        children: None,
        notes: "notes".into(),
    };
    n.update_pathway_details("p1", details("first")).unwrap();
    let p = n.pathway("first").unwrap();
    assert_eq!(
        (p.name.as_str(), p.condition, p.notes.as_str()),
        ("Renamed", Condition::ShortTerm, "notes")
    );
    assert_eq!(ids(p), ["a", "b", "c", "d"]);
    assert_eq!(n.pathways()[0].id, "first");
    n.update_pathway_details("first", details("first")).unwrap();
    assert_eq!(
        refused(&mut n, |n| n.update_pathway_details("first", details("p2"))),
        duplicate("pathway", "p2")
    );
    assert_eq!(
        refused(&mut n, |n| n
            .update_pathway_details("first", details("1 st"))),
        invalid_id("1 st")
    );
    assert_eq!(
        refused(&mut n, |n| n.update_pathway_details("p1", details("p9"))),
        not_found("pathway", "p1")
    );
    assert_consistent(&n);
}

#[test]
fn remove_pathway_takes_its_actions() {
    let mut n = fixture();
    let removed = n.remove_pathway("p1").unwrap();
    assert_eq!(ids(&removed), ["a", "b", "c", "d"]);
    assert_eq!(n.pathways().len(), 1);
    let left: Vec<&str> = n.actions().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(left, ["act3"]);
    assert!(!n.has_component("a"));
    assert_eq!(
        refused(&mut n, |n| n.remove_pathway("p1")),
        not_found("pathway", "p1")
    );
    assert_consistent(&n);
}

// ----- components -----

#[test]
fn add_component_at_a_place_or_at_the_end() {
    let mut n = fixture();
    n.add_component("p1", component("first", Phase::Management), Some(0))
        .unwrap();
    n.add_component("p1", component("third", Phase::Review), Some(2))
        .unwrap();
    n.add_component("p1", component("last", Phase::Review), Some(99))
        .unwrap();
    n.add_component("p1", component("end", Phase::Prevention), None)
        .unwrap();
    assert_eq!(
        ids(p1(&n)),
        ["first", "a", "third", "b", "c", "d", "last", "end"]
    );
    // Links still join the same components.
    assert_eq!(links(p1(&n)), [("a", "b"), ("b", "d"), ("a", "c")]);
    let column: Vec<&str> = p1(&n)
        .column(Phase::Review)
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(column, ["third", "last"]);
    assert_consistent(&n);
}

#[test]
fn add_component_refusals_change_nothing() {
    let mut n = fixture();
    let c = |id: &str| component(id, Phase::Review);
    assert_eq!(
        refused(&mut n, |n| n.add_component("p1", c("b"), None)),
        duplicate("component", "b")
    );
    // Unique in the file, not only in the pathway.
    assert_eq!(
        refused(&mut n, |n| n.add_component("p1", c("x"), None)),
        duplicate("component", "x")
    );
    assert_eq!(
        refused(&mut n, |n| n.add_component("p1", c("B"), None)),
        invalid_id("B")
    );
    assert_eq!(
        refused(&mut n, |n| n.add_component("p9", c("k"), None)),
        not_found("pathway", "p9")
    );
    let mut orphan = c("k");
    orphan.provider = Some("nhs".into());
    assert_eq!(
        refused(&mut n, |n| n.add_component("p1", orphan, None)),
        ModelError::UnknownProvider {
            component: "k".into(),
            provider: "nhs".into()
        }
    );
    let mut two = c("k");
    two.measures = vec![measure("m"), measure("m")];
    assert_eq!(
        refused(&mut n, |n| n.add_component("p1", two, Some(0))),
        ModelError::DuplicateMeasure {
            owner: "k".into(),
            id: "m".into()
        }
    );
    for bad in bad_measures() {
        let mut k = c("k");
        k.measures.push(bad.clone());
        refused(&mut n, |n| n.add_component("p1", k, None));
    }
}

#[test]
fn bad_measures_name_their_rule() {
    let messages: Vec<String> = bad_measures()
        .iter()
        .map(|m| m.check().unwrap_err().to_string())
        .collect();
    let expected = [
        "ids must match",
        "target of measure \"m\" is NaN: numbers must be finite",
        "target of measure \"m\" is inf",
        "value of measure \"m\" is -inf",
        "amber of measure \"m\" is NaN",
        "history of measure \"m\" is NaN",
        "target of measure \"m\" is 0: HigherIsBetter needs a target above 0",
        "is -1: HigherIsBetter needs a target above 0",
        "amber 95 of measure \"m\" is on the better side of target 90 (HigherIsBetter)",
        "amber 5 of measure \"m\" is on the better side of target 10 (LowerIsBetter)",
    ];
    for (message, part) in messages.iter().zip(expected) {
        assert!(message.contains(part), "{message:?} lacks {part:?}");
    }
}
