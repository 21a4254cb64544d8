//! A small network and checks shared by the tests of the model's operations.

use std::fmt::Debug;

use carepath::model::{
    Action, ActionStatus, Component, Condition, Direction, Domain, Level, Link, Measure,
    ModelError, Network, Organisation, Pathway, Phase, Sector,
};
use petgraph::graph::EdgeIndex;

/// Every rule holds, and each pathway's index and graph mirror its lists.
pub fn assert_consistent(n: &Network) {
    assert!(n.validate().is_empty(), "{:?}", n.validate());
    for p in n.pathways() {
        let g = p.graph();
        assert_eq!(g.node_count(), p.components().len(), "{}", p.id);
        assert_eq!(g.edge_count(), p.links().len(), "{}", p.id);
        for (i, c) in p.components().iter().enumerate() {
            assert_eq!(p.position(&c.id), Some(i));
        }
        for (j, l) in p.links().iter().enumerate() {
            let ends = g.edge_endpoints(EdgeIndex::new(j)).unwrap();
            assert_eq!(ends, (p.node(&l.from).unwrap(), p.node(&l.to).unwrap()));
            assert_eq!(p.link_position(&l.from, &l.to), Some(j));
        }
    }
}

/// `op` is refused, and the network is exactly as it was.
pub fn refused<T: Debug>(
    n: &mut Network,
    op: impl FnOnce(&mut Network) -> Result<T, ModelError>,
) -> ModelError {
    let before = n.clone();
    let err = op(n).expect_err("the operation must be refused");
    assert_eq!(*n, before, "a refused operation changed the network");
    assert_consistent(n);
    err
}

pub fn ids(p: &Pathway) -> Vec<&str> {
    p.components().iter().map(|c| c.id.as_str()).collect()
}

pub fn links(p: &Pathway) -> Vec<(&str, &str)> {
    p.links()
        .iter()
        .map(|l| (l.from.as_str(), l.to.as_str()))
        .collect()
}

pub fn action(id: &str, component: &str) -> Action {
    Action {
        id: id.to_string(),
        component: component.to_string(),
        text: format!("do {id}"),
        owner: String::new(),
        due: None,
        status: ActionStatus::Open,
    }
}

pub fn measure(id: &str) -> Measure {
    Measure::new(id, id, Domain::Safety, Direction::LowerIsBetter, 10.0)
}

pub fn component(id: &str, phase: Phase) -> Component {
    Component::new(id, id, phase)
}

/// p1: a (Recognition, gp) → b (Assessment, pdu) → d (Management); a → c (Assessment).
/// p2: x (Review) → y (Transition). Actions on b, a, x.
pub fn fixture() -> Network {
    let mut n = Network::new("Fixture");
    n.add_organisation(Organisation::new(
        "gp",
        "GP",
        Sector::Health,
        Level::Primary,
    ))
    .unwrap();
    n.add_organisation(Organisation::new(
        "pdu",
        "PDU",
        Sector::Health,
        Level::Secondary,
    ))
    .unwrap();
    n.add_organisation(Organisation::new(
        "la",
        "LA",
        Sector::SocialCare,
        Level::Community,
    ))
    .unwrap();
    n.add_pathway(Pathway::new("p1", "One", Condition::LongTerm))
        .unwrap();
    n.add_pathway(Pathway::new("p2", "Two", Condition::ShortTerm))
        .unwrap();
    let mut a = component("a", Phase::Recognition);
    a.provider = Some("gp".into());
    a.measures.push(measure("m1"));
    let mut b = component("b", Phase::Assessment);
    b.provider = Some("pdu".into());
    n.add_component("p1", a, None).unwrap();
    n.add_component("p1", b, None).unwrap();
    n.add_component("p1", component("c", Phase::Assessment), None)
        .unwrap();
    n.add_component("p1", component("d", Phase::Management), None)
        .unwrap();
    n.add_component("p2", component("x", Phase::Review), None)
        .unwrap();
    n.add_component("p2", component("y", Phase::Transition), None)
        .unwrap();
    let mut ab = Link::new("a", "b");
    ab.measures.push(measure("w"));
    n.add_link("p1", ab).unwrap();
    n.add_link("p1", Link::new("b", "d")).unwrap();
    n.add_link("p1", Link::new("a", "c")).unwrap();
    n.add_link("p2", Link::new("x", "y")).unwrap();
    n.add_action(action("act1", "b")).unwrap();
    n.add_action(action("act2", "a")).unwrap();
    n.add_action(action("act3", "x")).unwrap();
    assert_consistent(&n);
    n
}

pub fn p1(n: &Network) -> &Pathway {
    n.pathway("p1").unwrap()
}

pub fn invalid_id(id: &str) -> ModelError {
    ModelError::InvalidId { id: id.into() }
}

pub fn duplicate(kind: &'static str, id: &str) -> ModelError {
    ModelError::DuplicateId {
        kind,
        id: id.into(),
    }
}

pub fn not_found(kind: &'static str, id: &str) -> ModelError {
    ModelError::NotFound {
        kind,
        id: id.into(),
    }
}

/// One measure for each rule a measure can break on its own.
pub fn bad_measures() -> Vec<Measure> {
    let with = |f: &dyn Fn(&mut Measure)| {
        let mut m = measure("m");
        f(&mut m);
        m
    };
    vec![
        with(&|m| m.id = "M".into()),
        with(&|m| m.target = f64::NAN),
        with(&|m| m.target = f64::INFINITY),
        with(&|m| m.value = Some(f64::NEG_INFINITY)),
        with(&|m| m.amber = Some(f64::NAN)),
        with(&|m| m.history = vec![("q1".into(), 1.0), ("q2".into(), f64::NAN)]),
        with(&|m| {
            m.direction = Direction::HigherIsBetter;
            m.target = 0.0;
        }),
        with(&|m| {
            m.direction = Direction::HigherIsBetter;
            m.target = -1.0;
        }),
        with(&|m| {
            m.direction = Direction::HigherIsBetter;
            m.target = 90.0;
            m.amber = Some(95.0);
        }),
        with(&|m| m.amber = Some(5.0)),
    ]
}
