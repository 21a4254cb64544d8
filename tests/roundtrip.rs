//! Canonical form (docs/format.md): load → save → load gives an equal network, and what carepath
//! writes is a byte-for-byte fixed point of load and save.

use std::path::Path;

use carepath::model::{
    Action, ActionStatus, Answer, Breakdown, Checklist, Component, Condition, Direction, Domain,
    Integration, Level, Link, LinkKind, Measure, MeasureOwner, Network, Organisation, Pathway,
    Phase, Sector,
};
use carepath::storage::{load, parse, save, to_canonical_string};
use proptest::prelude::*;

/// The canonical text of `network` reads back as an equal network, whose canonical text is
/// the same bytes; so does the same text laid out differently.
fn assert_round_trip(network: &Network) -> String {
    let text = to_canonical_string(network);
    let again = parse(&text, Path::new("canonical.ron"))
        .unwrap_or_else(|e| panic!("canonical text does not load: {e}\n{text}"));
    assert_eq!(&again, network, "{text}");
    assert_eq!(to_canonical_string(&again), text, "not a fixed point");

    // One line, no `implicit_some` line: the same network. No canonical line starts inside
    // a string (strings never hold a raw newline), so joining lines changes only layout.
    let compact: String = text
        .lines()
        .filter(|l| !l.starts_with("#!["))
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join(" ");
    let from_compact = parse(&compact, Path::new("compact.ron"))
        .unwrap_or_else(|e| panic!("compact text does not load: {e}\n{compact}"));
    assert_eq!(&from_compact, network);
    assert_eq!(to_canonical_string(&from_compact), text);
    text
}

#[test]
fn example_files_round_trip() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/pathways"));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return; // no examples in this checkout
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let network = load(&path).unwrap_or_else(|e| panic!("{e}"));
            assert_round_trip(&network);
        }
    }
}

/// A network with every kind of item and every awkward string and number, built through
/// the checked operations.
fn hand_written() -> Network {
    let mut n = Network::new("North region children's \"diabetes\" network \\ ✓");
    n.id = "north-diabetes".to_string();
    n.population = "Children and young people 0-19\nwith type 1 diabetes\t(0–19)".to_string();
    n.notes = "Control: \u{0}\u{1}\u{7}\u{1b}[31m \u{7f}\u{85}\u{200b}\u{feff} e\u{301} 🧒🏽".into();
    let mut gp = Organisation::new("gp", "General practices", Sector::Health, Level::Primary);
    gp.notes = "It's 'quoted' \\' and \"double\"".to_string();
    n.add_organisation(gp).unwrap();
    for (id, sector, level) in [
        ("pdu", Sector::Health, Level::Secondary),
        ("school", Sector::Education, Level::Community),
        ("yot", Sector::CriminalJustice, Level::Tertiary),
    ] {
        n.add_organisation(Organisation::new(id, id, sector, level))
            .unwrap();
    }
    let mut t1d = Pathway::new("t1d", "Type 1 diabetes", Condition::LongTerm);
    t1d.notes = "r#\"raw\"# is not a raw string here".to_string();
    n.add_pathway(t1d).unwrap();
    n.add_pathway(Pathway::new("dka", "DKA", Condition::ShortTerm))
        .unwrap();

    let mut rec = Component::new(
        "gp-recognition",
        "Recognition in general practice",
        Phase::Recognition,
    );
    rec.provider = Some("gp".to_string());
    rec.checklist = Checklist {
        evidence_based: Answer::Yes,
        competent_team: Answer::Partly,
        measurement: Answer::No,
        ..Checklist::default()
    };
    n.add_component("t1d", rec, None).unwrap();
    let mut assess = Component::new("pdu-assessment", "Assessment", Phase::Assessment);
    assess.provider = Some("pdu".to_string());
    assess.notes = "Line one\r\nline two".to_string();
    n.add_component("t1d", assess, None).unwrap();
    // Inserted before the others: author order is kept, not phase order.
    n.add_component(
        "t1d",
        Component::new("school-plan", "School plan", Phase::Management),
        Some(0),
    )
    .unwrap();
    n.add_component(
        "dka",
        Component::new("ed", "Emergency department", Phase::Recognition),
        None,
    )
    .unwrap();

    let mut dka = Measure::new(
        "dka-at-diagnosis",
        "New cases in DKA",
        Domain::Safety,
        Direction::LowerIsBetter,
        15.0,
    );
    dka.unit = "%".to_string();
    dka.amber = Some(20.0);
    dka.value = Some(25.6);
    dka.period = Some("2021/22".to_string());
    dka.source = Some("NPDA".to_string());
    dka.history = vec![
        ("2019/20".to_string(), 1e300),
        ("2020/21".to_string(), -0.0),
        ("".to_string(), 1e-300),
        ("\"q\"".to_string(), 5e-324),
    ];
    let owner = MeasureOwner::Component("gp-recognition".to_string());
    n.add_measure(&owner, dka).unwrap();
    let mut seen = Measure::new(
        "seen",
        "Seen in 2 weeks",
        Domain::Experience,
        Direction::HigherIsBetter,
        1e-300,
    );
    seen.amber = Some(-1e300);
    seen.value = Some(f64::MAX);
    n.add_measure(&owner, seen).unwrap();

    let mut link = Link::new("gp-recognition", "pdu-assessment");
    link.integration = Some(Integration::ManagedIntegration);
    link.notes = "same day".to_string();
    link.measures.push(Measure::new(
        "wait",
        "Wait",
        Domain::Efficiency,
        Direction::LowerIsBetter,
        -0.0,
    ));
    n.add_link("t1d", link).unwrap();
    let mut back = Link::new("pdu-assessment", "gp-recognition");
    back.kind = LinkKind::Discharge;
    n.add_link("t1d", back).unwrap();
    let mut self_loop = Link::new("school-plan", "school-plan");
    self_loop.kind = LinkKind::Transition;
    n.add_link("t1d", self_loop).unwrap();

    n.add_action(Action {
        id: "a1".to_string(),
        component: "gp-recognition".to_string(),
        text: "Agree a \"fast-track\" referral".to_string(),
        owner: "Network lead".to_string(),
        due: Some("2025-03-31".to_string()),
        status: ActionStatus::InProgress,
    })
    .unwrap();
    n.add_action(Action {
        id: "a2".to_string(),
        component: "ed".to_string(),
        text: String::new(),
        owner: String::new(),
        due: None,
        status: ActionStatus::Done,
    })
    .unwrap();
    n
}

#[test]
fn hand_written_network_round_trips() {
    let network = hand_written();
    let text = assert_round_trip(&network);
    assert!(text.starts_with("#![enable(implicit_some)]\nNetwork(\n    format: 1,\n"));
    assert!(text.ends_with(")\n"));
    // Apostrophes are written bare; numbers in their shortest exact form.
    assert!(text.contains(r#"name: "North region children's \"diabetes\" network \\ ✓","#));
    for number in [
        "1e300",
        "-0.0",
        "1e-300",
        "5e-324",
        "1.7976931348623157e308",
        "15.0",
        "25.6",
    ] {
        assert!(text.contains(number), "{number} in\n{text}");
    }
    // Defaults are left out.
    for default in [
        "kind: Referral",
        "condition: LongTerm",
        "Unknown",
        "owner: \"\"",
    ] {
        assert!(!text.contains(default), "{default} in\n{text}");
    }
}

#[test]
fn save_then_load_gives_the_same_network_and_bytes() {
    let network = hand_written();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("north.ron");
    save(&path, &network).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(bytes, to_canonical_string(&network).as_bytes());
    let loaded = load(&path).unwrap();
    assert_eq!(loaded, network);
    save(&path, &loaded).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn empty_network_round_trips() {
    let text = assert_round_trip(&Network::new(""));
    assert_eq!(
        text,
        "#![enable(implicit_some)]\nNetwork(\n    format: 1,\n    name: \"\",\n    pathways: [],\n)\n"
    );
}

// ----- generated networks -----

/// Strings that are hard to write: quotes, backslashes, apostrophes, unicode, newlines and
/// control characters, and anything at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 '\"\\\\\n\r\t\u{0}-\u{1f}\u{7f}-\u{a0}é✓\u{301}\u{200b}\u{2028}\u{feff}🧒#{}()\\[\\]:,]{0,16}",
        1 => any::<String>(),
        1 => Just(String::new()),
    ]
}

/// A real calendar date `YYYY-MM-DD`, leap days included.
fn date() -> impl Strategy<Value = String> {
    (1900i32..2100, 1u32..=12, 1u32..=31)
        .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
        .prop_filter("a real date", |d| carepath::model::parse_date(d).is_some())
}

fn id() -> impl Strategy<Value = String> {
    "[a-z0-9][a-z0-9-]{0,6}"
}

/// Finite numbers of every magnitude, both zeros, and integral values.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        (-1_000_000i64..1_000_000).prop_map(|v| v as f64),
        prop::sample::select(vec![
            0.0,
            -0.0,
            1e300,
            -1e300,
            1e-300,
            -1e-300,
            5e-324,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            0.1,
            1e15,
            1e16,
            1e21,
            123456789.0,
        ]),
    ]
}

fn answer() -> impl Strategy<Value = Answer> {
    prop::sample::select(vec![
        Answer::Unknown,
        Answer::No,
        Answer::Partly,
        Answer::Yes,
    ])
}

fn measure() -> impl Strategy<Value = Measure> {
    (
        (
            id(),
            text(),
            prop::sample::select(Domain::ALL.to_vec()),
            text(),
            any::<bool>(),
        ),
        (
            number(),
            prop::option::of(number()),
            prop::option::of(number()),
        ),
        (prop::option::of(text()), prop::option::of(text())),
        (prop::collection::vec((text(), number()), 0..3), text()),
        (
            prop::option::of((text(), number())),
            prop::collection::vec(breakdown(), 0..2),
        ),
    )
        .prop_map(
            |(
                (id, name, domain, unit, higher),
                (a, amber, value),
                (period, source),
                (history, notes),
                (benchmark, breakdowns),
            )| {
                let direction = if higher {
                    Direction::HigherIsBetter
                } else {
                    Direction::LowerIsBetter
                };
                let mut target = a;
                if higher && target <= 0.0 {
                    target = if target < 0.0 { -target } else { 1.0 };
                }
                let mut amber = amber;
                // Amber on the better side: swap it with the target, which keeps both rules.
                if let Some(x) = amber {
                    let better = if higher { x > target } else { x < target };
                    if better {
                        amber = Some(target);
                        target = x;
                    }
                }
                Measure {
                    id,
                    name,
                    domain,
                    unit,
                    direction,
                    target,
                    amber,
                    value,
                    period,
                    source,
                    benchmark,
                    history,
                    breakdowns,
                    notes,
                }
            },
        )
}

/// A breakdown of two to four groups with distinct, non-empty labels.
fn breakdown() -> impl Strategy<Value = Breakdown> {
    (text(), prop::collection::vec(number(), 2..5)).prop_map(|(by, values)| Breakdown {
        by,
        groups: values
            .into_iter()
            .enumerate()
            .map(|(i, v)| (format!("group {i}"), v))
            .collect(),
    })
}

/// A yearly count of children: finite and 0 or more, of every magnitude.
fn children() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(number().prop_map(f64::abs))
}

fn checklist() -> impl Strategy<Value = Checklist> {
    prop::collection::vec(answer(), 7).prop_map(|a| Checklist {
        evidence_based: a[0],
        competent_team: a[1],
        right_place: a[2],
        right_time: a[3],
        admin_and_it: a[4],
        investigations: a[5],
        measurement: a[6],
    })
}

/// A component, with its provider as an index into the organisations, if any.
type ComponentPlan = (Component, Option<usize>, Option<usize>);

fn component() -> impl Strategy<Value = ComponentPlan> {
    (
        (
            id(),
            text(),
            prop::sample::select(Phase::ALL.to_vec()),
            text(),
        ),
        (prop::collection::vec(measure(), 0..3), checklist()),
        (prop::option::of(0usize..8), prop::option::of(0usize..8)),
        children(),
    )
        .prop_map(
            |((id, name, phase, notes), (measures, checklist), (provider, at), children)| {
                let c = Component {
                    id,
                    name,
                    phase,
                    provider: None,
                    children,
                    notes,
                    measures,
                    checklist,
                };
                (c, provider, at)
            },
        )
}

/// A link between the `from`-th and `to`-th components of its pathway (modulo their count).
fn link() -> impl Strategy<Value = (usize, usize, Link)> {
    (
        (0usize..8, 0usize..8),
        (
            prop::sample::select(LinkKind::ALL.to_vec()),
            prop::option::of(prop::sample::select(Integration::ALL.to_vec())),
        ),
        (prop::collection::vec(measure(), 0..2), text()),
        children(),
    )
        .prop_map(
            |((from, to), (kind, integration), (measures, notes), children)| {
                let link = Link {
                    from: String::new(),
                    to: String::new(),
                    kind,
                    integration,
                    children,
                    measures,
                    notes,
                };
                (from, to, link)
            },
        )
}

type PathwayPlan = (Pathway, Vec<ComponentPlan>, Vec<(usize, usize, Link)>);

fn pathway() -> impl Strategy<Value = PathwayPlan> {
    (
        (id(), text(), any::<bool>(), text()),
        prop::collection::vec(component(), 0..6),
        prop::collection::vec(link(), 0..6),
        children(),
    )
        .prop_map(|((id, name, short, notes), components, links, children)| {
            let condition = if short {
                Condition::ShortTerm
            } else {
                Condition::LongTerm
            };
            let mut p = Pathway::new(&id, &name, condition);
            p.notes = notes;
            p.children = children;
            (p, components, links)
        })
}

fn organisation() -> impl Strategy<Value = Organisation> {
    (
        id(),
        text(),
        prop::sample::select(Sector::ALL.to_vec()),
        prop::sample::select(Level::ALL.to_vec()),
        text(),
    )
        .prop_map(|(id, name, sector, level, notes)| Organisation {
            id,
            name,
            sector,
            level,
            notes,
        })
}

fn action() -> impl Strategy<Value = (usize, Action)> {
    (
        0usize..64,
        (id(), text(), text(), prop::option::of(text())),
        prop::sample::select(vec![
            ActionStatus::Open,
            ActionStatus::InProgress,
            ActionStatus::Done,
        ]),
    )
        .prop_map(|(component, (id, text, owner, due), status)| {
            let action = Action {
                id,
                component: String::new(),
                text,
                owner,
                due,
                status,
            };
            (component, action)
        })
}

/// A network built from a plan through the checked operations. Ids are drawn at random, so
/// some operations are refused as duplicates; the rest make a valid network.
fn network() -> impl Strategy<Value = Network> {
    (
        (
            prop::option::of(id()),
            text(),
            text(),
            text(),
            prop::option::of(date()),
        ),
        prop::collection::vec(organisation(), 0..4),
        prop::collection::vec(pathway(), 0..3),
        prop::collection::vec(action(), 0..4),
    )
        .prop_map(
            |((nid, name, population, notes, as_of), orgs, pathways, actions)| {
                let mut n = Network::new(&name);
                n.as_of = as_of;
                n.id = nid.unwrap_or_default();
                n.population = population;
                n.notes = notes;
                for o in orgs {
                    let _ = n.add_organisation(o);
                }
                let org_ids: Vec<String> = n.organisations().iter().map(|o| o.id.clone()).collect();
                for (p, components, links) in pathways {
                    let pid = p.id.clone();
                    if n.add_pathway(p).is_err() {
                        continue;
                    }
                    for (mut c, provider, at) in components {
                        if !org_ids.is_empty() {
                            c.provider = provider.map(|i| org_ids[i % org_ids.len()].clone());
                        }
                        let _ = n.add_component(&pid, c, at);
                    }
                    let ids: Vec<String> = n
                        .pathway(&pid)
                        .unwrap()
                        .components()
                        .iter()
                        .map(|c| c.id.clone())
                        .collect();
                    if ids.is_empty() {
                        continue;
                    }
                    for (from, to, mut link) in links {
                        link.from = ids[from % ids.len()].clone();
                        link.to = ids[to % ids.len()].clone();
                        let _ = n.add_link(&pid, link);
                    }
                }
                let all: Vec<String> = n
                    .pathways()
                    .iter()
                    .flat_map(|p| p.components().iter().map(|c| c.id.clone()))
                    .collect();
                if !all.is_empty() {
                    for (c, mut action) in actions {
                        action.component = all[c % all.len()].clone();
                        let _ = n.add_action(action);
                    }
                }
                n
            },
        )
}

proptest! {
    #[test]
    fn generated_networks_round_trip(network in network()) {
        prop_assert!(network.validate().is_empty(), "{:?}", network.validate());
        assert_round_trip(&network);
    }

    #[test]
    fn generated_measures_keep_every_bit(m in measure()) {
        prop_assert!(m.check().is_ok(), "{:?}", m.check());
        let mut n = Network::new("m");
        n.add_pathway(Pathway::new("p", "p", Condition::LongTerm)).unwrap();
        let mut c = Component::new("c", "c", Phase::Review);
        c.measures.push(m.clone());
        n.add_component("p", c, None).unwrap();
        let text = assert_round_trip(&n);
        let back = parse(&text, Path::new("m.ron")).unwrap();
        let got = &back.pathways()[0].components()[0].measures[0];
        prop_assert_eq!(got.target.to_bits(), m.target.to_bits());
        prop_assert_eq!(got.amber.map(f64::to_bits), m.amber.map(f64::to_bits));
        prop_assert_eq!(got.value.map(f64::to_bits), m.value.map(f64::to_bits));
        let bits = |h: &[(String, f64)]| h.iter().map(|(_, v)| v.to_bits()).collect::<Vec<_>>();
        prop_assert_eq!(bits(&got.history), bits(&m.history));
    }
}

#[test]
fn generator_makes_rich_networks() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = network();
    let (mut components, mut links, mut actions, mut measures, mut providers) = (0, 0, 0, 0, 0);
    for _ in 0..200 {
        let n = strategy.new_tree(&mut runner).unwrap().current();
        for p in n.pathways() {
            components += p.components().len();
            links += p.links().len();
            measures += p
                .components()
                .iter()
                .map(|c| c.measures.len())
                .sum::<usize>();
            measures += p.links().iter().map(|l| l.measures.len()).sum::<usize>();
            providers += p
                .components()
                .iter()
                .filter(|c| c.provider.is_some())
                .count();
        }
        actions += n.actions().len();
    }
    println!(
        "{components} components, {links} links, {measures} measures, {actions} actions, {providers} providers"
    );
    assert!(components > 200 && links > 100 && measures > 200 && actions > 50 && providers > 50);
}
