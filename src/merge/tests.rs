//! One test per rule of the merge, on a small network built through the checked
//! operations.

use super::merge;
use crate::model::{
    Action, ActionStatus, Answer, Breakdown, Component, Condition, Direction, Domain, Level, Link,
    Measure, MeasureOwner, Network, Organisation, Pathway, Phase, Sector,
};

fn base() -> Network {
    let mut n = Network::new("North");
    for (id, name) in [("gp", "General practices"), ("pdu", "Paediatric unit")] {
        n.add_organisation(Organisation::new(id, name, Sector::Health, Level::Primary))
            .unwrap();
    }
    n.add_pathway(Pathway::new("t1d", "Type 1 diabetes", Condition::LongTerm))
        .unwrap();
    for (id, phase) in [
        ("gp-recognition", Phase::Recognition),
        ("r-paed", Phase::Assessment),
        ("clinic", Phase::Management),
    ] {
        let mut c = Component::new(id, id, phase);
        c.provider = Some("gp".into());
        n.add_component("t1d", c, None).unwrap();
    }
    n.add_link("t1d", Link::new("gp-recognition", "r-paed"))
        .unwrap();
    n.add_link("t1d", Link::new("r-paed", "clinic")).unwrap();
    let mut m = Measure::new(
        "seen-2-weeks",
        "Seen within 2 weeks",
        Domain::Effectiveness,
        Direction::HigherIsBetter,
        90.0,
    );
    m.value = Some(30.0);
    m.history = vec![("2022/23".into(), 20.0), ("2023/24".into(), 25.0)];
    m.breakdowns = vec![Breakdown {
        by: "Deprivation".into(),
        groups: vec![("1 most".into(), 20.0), ("5 least".into(), 40.0)],
    }];
    n.add_measure(&owner("r-paed"), m).unwrap();
    n.add_action(Action {
        id: "a1".into(),
        component: "r-paed".into(),
        text: "Triage referrals".into(),
        owner: String::new(),
        due: None,
        status: ActionStatus::Open,
    })
    .unwrap();
    n
}

fn owner(id: &str) -> MeasureOwner {
    MeasureOwner::Component(id.into())
}

fn measure(n: &mut Network, f: impl FnOnce(&mut Measure)) {
    let mut m = n.measures(&owner("r-paed")).unwrap()[0].clone();
    f(&mut m);
    n.update_measure(&owner("r-paed"), "seen-2-weeks", m)
        .unwrap();
}

fn component(n: &mut Network, id: &str, f: impl FnOnce(&mut Component)) {
    let mut c = n.find_component(id).unwrap().1.clone();
    f(&mut c);
    n.update_component(id, c).unwrap();
}

fn the_measure(n: &Network) -> &Measure {
    &n.find_component("r-paed").unwrap().1.measures[0]
}

fn conflicts(b: &Network, o: &Network, t: &Network) -> (Network, Vec<String>) {
    let merged = merge(b, o, t);
    assert!(
        merged.network.validate().is_empty(),
        "the result keeps the rules"
    );
    (
        merged.network,
        merged.conflicts.iter().map(ToString::to_string).collect(),
    )
}

#[test]
fn changes_to_different_fields_of_one_measure_are_both_taken() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    measure(&mut o, |m| m.value = Some(35.0));
    measure(&mut t, |m| m.period = Some("2024/25".into()));
    let (n, c) = conflicts(&b, &o, &t);
    assert!(c.is_empty(), "{c:?}");
    assert_eq!(the_measure(&n).value, Some(35.0));
    assert_eq!(the_measure(&n).period.as_deref(), Some("2024/25"));
}

#[test]
fn the_same_change_on_both_sides_is_taken_once() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    for side in [&mut o, &mut t] {
        measure(side, |m| m.history.push(("2024/25".into(), 31.0)));
    }
    let (n, c) = conflicts(&b, &o, &t);
    assert!(c.is_empty(), "{c:?}");
    assert_eq!(n, o);
}

#[test]
fn a_true_conflict_keeps_ours_and_is_named_in_pathway_terms() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    measure(&mut o, |m| m.value = Some(35.0));
    measure(&mut t, |m| m.value = Some(40.0));
    let (n, c) = conflicts(&b, &o, &t);
    assert_eq!(the_measure(&n).value, Some(35.0));
    assert_eq!(
        c,
        ["component r-paed, measure seen-2-weeks: value 35 (ours) vs 40 (theirs)"]
    );
}

#[test]
fn history_points_match_by_period_and_groups_by_label() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    measure(&mut o, |m| {
        m.history[0].1 = 21.0;
        m.breakdowns[0].groups[0].1 = 22.0;
    });
    measure(&mut t, |m| {
        m.history.push(("2024/25".into(), 33.0));
        m.breakdowns[0].groups.push(("3 middle".into(), 30.0));
        m.breakdowns[0].groups[1].1 = 41.0;
    });
    let (n, c) = conflicts(&b, &o, &t);
    assert!(c.is_empty(), "{c:?}");
    let m = the_measure(&n);
    assert_eq!(
        m.history,
        [
            ("2022/23".into(), 21.0),
            ("2023/24".into(), 25.0),
            ("2024/25".into(), 33.0)
        ]
    );
    assert_eq!(
        m.breakdowns[0].groups,
        [
            ("1 most".into(), 22.0),
            ("5 least".into(), 41.0),
            ("3 middle".into(), 30.0)
        ]
    );
    // A group changed differently is a conflict placed by breakdown and group.
    let (mut o2, mut t2) = (b.clone(), b.clone());
    measure(&mut o2, |m| m.breakdowns[0].groups[0].1 = 1.0);
    measure(&mut t2, |m| m.breakdowns[0].groups[0].1 = 2.0);
    let (_, c) = conflicts(&b, &o2, &t2);
    assert_eq!(
        c,
        [
            "component r-paed, measure seen-2-weeks, breakdown \"Deprivation\", group \"1 most\": value 1 (ours) vs 2 (theirs)"
        ]
    );
}

#[test]
fn additions_on_each_side_keep_ours_order_and_theirs_place() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.add_component(
        "t1d",
        Component::new("ours-new", "Ours", Phase::Review),
        None,
    )
    .unwrap();
    // Theirs adds one right after gp-recognition.
    t.add_component(
        "t1d",
        Component::new("theirs-new", "Theirs", Phase::Recognition),
        Some(1),
    )
    .unwrap();
    t.add_link("t1d", Link::new("theirs-new", "r-paed"))
        .unwrap();
    let (n, c) = conflicts(&b, &o, &t);
    assert!(c.is_empty(), "{c:?}");
    let ids: Vec<&str> = n.pathways()[0]
        .components()
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "gp-recognition",
            "theirs-new",
            "r-paed",
            "clinic",
            "ours-new"
        ]
    );
    assert!(n.pathways()[0].link("theirs-new", "r-paed").is_some());
}

#[test]
fn a_deletion_is_taken_unless_the_other_side_changed_the_item() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    t.remove_action("a1").unwrap();
    let (n, c) = conflicts(&b, &o, &t);
    assert!(c.is_empty() && n.actions().is_empty(), "{c:?}");
    // Ours changed what theirs deleted: ours kept, a conflict.
    let mut a = o.actions()[0].clone();
    a.status = ActionStatus::Done;
    o.update_action("a1", a).unwrap();
    let (n, c) = conflicts(&b, &o, &t);
    assert_eq!(n.actions()[0].status, ActionStatus::Done);
    assert_eq!(
        c,
        ["action a1: deleted (theirs) but changed (ours); ours kept"]
    );
    // Theirs changed what ours deleted: stays deleted.
    let (n, c) = conflicts(&b, &t, &o);
    assert!(n.actions().is_empty());
    assert_eq!(
        c,
        ["action a1: changed (theirs) but deleted (ours); left deleted"]
    );
}

#[test]
fn a_link_to_a_component_ours_deleted_is_left_out() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.remove_component("clinic").unwrap();
    t.add_link("t1d", Link::new("gp-recognition", "clinic"))
        .unwrap();
    let (n, c) = conflicts(&b, &o, &t);
    assert!(n.find_component("clinic").is_none());
    assert!(n.pathways()[0].link("gp-recognition", "clinic").is_none());
    assert_eq!(
        c,
        [
            "link gp-recognition → clinic: component clinic was deleted (ours) but this link uses it (theirs); link left out"
        ]
    );
}

#[test]
fn a_component_theirs_deleted_comes_back_when_ours_links_to_it() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    t.remove_component("clinic").unwrap();
    o.add_link("t1d", Link::new("gp-recognition", "clinic"))
        .unwrap();
    let (n, c) = conflicts(&b, &o, &t);
    assert!(n.find_component("clinic").is_some());
    assert!(n.pathways()[0].link("gp-recognition", "clinic").is_some());
    assert_eq!(c.len(), 1, "{c:?}");
    assert!(
        c[0].contains("component clinic was deleted (theirs)"),
        "{c:?}"
    );
}

#[test]
fn providers_and_action_components_are_kept_pointing_at_something() {
    let b = base();
    // Theirs deletes organisation pdu... after ours starts using it.
    let (mut o, mut t) = (b.clone(), b.clone());
    component(&mut o, "clinic", |c| c.provider = Some("pdu".into()));
    t.remove_organisation("pdu").unwrap();
    let (n, c) = conflicts(&b, &o, &t);
    assert!(n.organisation("pdu").is_some());
    assert_eq!(
        c,
        [
            "organisation pdu: deleted (theirs) but component clinic uses it (ours); organisation kept"
        ]
    );
    // The other way round: theirs' provider is dropped back to ours'.
    let (n, c) = conflicts(&b, &t, &o);
    assert!(n.organisation("pdu").is_none());
    assert_eq!(
        n.find_component("clinic").unwrap().1.provider.as_deref(),
        Some("gp")
    );
    assert_eq!(c.len(), 1, "{c:?}");
    // An action theirs moved to a component ours deleted stays on ours' component.
    let (mut o, mut t) = (b.clone(), b.clone());
    o.remove_component("clinic").unwrap();
    let mut a = t.actions()[0].clone();
    a.component = "clinic".into();
    t.update_action("a1", a).unwrap();
    let (n, c) = conflicts(&b, &o, &t);
    assert_eq!(n.actions()[0].component, "r-paed");
    assert!(n.find_component("clinic").is_none());
    assert_eq!(c.len(), 1, "{c:?}");
}

#[test]
fn one_component_id_added_in_two_pathways_keeps_ours() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    for side in [&mut o, &mut t] {
        side.add_pathway(Pathway::new("asthma", "Asthma", Condition::LongTerm))
            .unwrap();
    }
    o.add_component(
        "asthma",
        Component::new("school", "School", Phase::Prevention),
        None,
    )
    .unwrap();
    t.add_component(
        "t1d",
        Component::new("school", "School", Phase::Prevention),
        None,
    )
    .unwrap();
    let (n, c) = conflicts(&b, &o, &t);
    assert_eq!(n.find_component("school").unwrap().0.id, "asthma");
    assert_eq!(c.len(), 1, "{c:?}");
}

#[test]
fn fields_that_together_break_a_rule_keep_ours_measure() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    // HigherIsBetter: amber must lie below the target.
    measure(&mut o, |m| m.amber = Some(80.0));
    measure(&mut t, |m| m.target = 70.0);
    let (n, c) = conflicts(&b, &o, &t);
    assert_eq!(the_measure(&n), the_measure(&o));
    assert_eq!(c.len(), 1, "{c:?}");
    assert!(c[0].contains("break a rule"), "{c:?}");
}

#[test]
fn network_fields_and_checklists_merge_field_by_field() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.as_of = Some("2025-03-31".into());
    t.population = "Children 0-19".into();
    component(&mut o, "r-paed", |c| {
        c.checklist.evidence_based = Answer::Yes
    });
    component(&mut t, "r-paed", |c| c.checklist.right_time = Answer::No);
    let (n, c) = conflicts(&b, &o, &t);
    assert!(c.is_empty(), "{c:?}");
    assert_eq!(n.as_of.as_deref(), Some("2025-03-31"));
    assert_eq!(n.population, "Children 0-19");
    let checklist = &n.find_component("r-paed").unwrap().1.checklist;
    assert_eq!(
        (checklist.evidence_based, checklist.right_time),
        (Answer::Yes, Answer::No)
    );
    t.name = "South".into();
    o.name = "East".into();
    let (_, c) = conflicts(&b, &o, &t);
    assert_eq!(c, ["network: name \"East\" (ours) vs \"South\" (theirs)"]);
}
