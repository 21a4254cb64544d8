//! Section by section comparison of two networks, matching every item by id.

use std::collections::HashMap;
use std::hash::Hash;

use super::values::{Field, FieldChange, Value, compare};
use super::{
    Change, ChecklistDiff, ComponentDiff, FindingRef, FindingsDiff, ItemDiff, LinkDiff, LinkEnds,
    MeasureDiff, Owner, StatusChange, Strength, StrengthDiff,
};
use crate::analysis::{Finding, Messages, NetworkAnalysis, measure_status};
use crate::model::{
    Action, Checklist, Component, Link, Measure, Network, Organisation, Pathway, Phase,
};

/// Pairs the items of two versions by key: the new version's order first, then the
/// items only the old version has, in its order.
fn pair<K: Eq + Hash, V: Copy>(old: Vec<(K, V)>, new: Vec<(K, V)>) -> Vec<(Option<V>, Option<V>)> {
    let mut old_by_key: HashMap<K, (usize, V)> = old
        .into_iter()
        .enumerate()
        .map(|(i, (k, v))| (k, (i, v)))
        .collect();
    let mut pairs: Vec<(Option<V>, Option<V>)> = new
        .into_iter()
        .map(|(k, v)| (old_by_key.remove(&k).map(|(_, o)| o), Some(v)))
        .collect();
    let mut removed: Vec<(usize, V)> = old_by_key.into_values().collect();
    removed.sort_by_key(|(i, _)| *i);
    pairs.extend(removed.into_iter().map(|(_, v)| (Some(v), None)));
    pairs
}

fn change_of<V>(old: &Option<V>, new: &Option<V>) -> Change {
    match (old, new) {
        (None, _) => Change::Added,
        (_, None) => Change::Removed,
        _ => Change::Changed,
    }
}

/// The newer of the two versions: the one a reader sees now, or the last one there was.
fn newer<V: Copy>(old: Option<V>, new: Option<V>) -> V {
    new.or(old).expect("a pair has at least one side")
}

pub fn network_fields(old: &Network, new: &Network) -> Vec<FieldChange> {
    let fields: &[Field<Network>] = &[
        ("name", |n| Value::text(&n.name)),
        ("id", |n| Value::text(&n.id)),
        ("population", |n| Value::text(&n.population)),
        ("as_of", |n| Value::opt_text(n.as_of.as_deref())),
        ("notes", |n| Value::text(&n.notes)),
    ];
    compare(Some(old), Some(new), fields)
}

pub fn organisations(old: &Network, new: &Network) -> Vec<ItemDiff> {
    let fields: &[Field<Organisation>] = &[
        ("name", |o| Value::text(&o.name)),
        ("sector", |o| Value::variant(o.sector)),
        ("level", |o| Value::variant(o.level)),
        ("notes", |o| Value::text(&o.notes)),
    ];
    let keyed = |n| by_id(Network::organisations(n), |o| &o.id);
    items(pair(keyed(old), keyed(new)), fields, |o| (&o.id, &o.name))
}

pub fn pathways(old: &Network, new: &Network) -> Vec<ItemDiff> {
    let fields: &[Field<Pathway>] = &[
        ("name", |p| Value::text(&p.name)),
        ("condition", |p| Value::variant(p.condition)),
        ("children", |p| Value::number(p.children)),
        ("notes", |p| Value::text(&p.notes)),
    ];
    let keyed = |n| by_id(Network::pathways(n), |p| &p.id);
    items(pair(keyed(old), keyed(new)), fields, |p| (&p.id, &p.name))
}

pub fn actions(old: &Network, new: &Network) -> Vec<ItemDiff> {
    let fields: &[Field<Action>] = &[
        ("component", |a| Value::text(&a.component)),
        ("text", |a| Value::text(&a.text)),
        ("owner", |a| Value::text(&a.owner)),
        ("due", |a| Value::opt_text(a.due.as_deref())),
        ("status", |a| Value::variant(a.status)),
    ];
    let keyed = |n| by_id(Network::actions(n), |a| &a.id);
    items(pair(keyed(old), keyed(new)), fields, |a| (&a.id, &a.text))
}

fn by_id<T>(list: &[T], id: fn(&T) -> &String) -> Vec<(String, &T)> {
    list.iter().map(|x| (id(x).clone(), x)).collect()
}

/// Organisations, pathways and actions: items with an id, a name and plain fields.
fn items<T>(
    pairs: Vec<(Option<&T>, Option<&T>)>,
    fields: &[Field<T>],
    id_name: fn(&T) -> (&String, &String),
) -> Vec<ItemDiff> {
    pairs
        .into_iter()
        .filter_map(|(old, new)| {
            let changes = compare(old, new, fields);
            if changes.is_empty() {
                return None;
            }
            let (id, name) = id_name(newer(old, new));
            Some(ItemDiff {
                change: change_of(&old, &new),
                id: id.clone(),
                name: name.clone(),
                fields: changes,
            })
        })
        .collect()
}

type Placed<'a, T> = (&'a Pathway, &'a T);

fn placed_components(n: &Network) -> Vec<(String, Placed<'_, Component>)> {
    n.pathways()
        .iter()
        .flat_map(|p| p.components().iter().map(move |c| (c.id.clone(), (p, c))))
        .collect()
}

pub fn components(old: &Network, new: &Network) -> Vec<ComponentDiff> {
    let fields: &[Field<Placed<Component>>] = &[
        ("name", |(_, c)| Value::text(&c.name)),
        ("phase", |(_, c)| Value::variant(c.phase)),
        ("provider", |(_, c)| Value::opt_text(c.provider.as_deref())),
        ("children", |(_, c)| Value::number(c.children)),
        ("notes", |(_, c)| Value::text(&c.notes)),
    ];
    let mut out = Vec::new();
    for (old, new) in pair(placed_components(old), placed_components(new)) {
        let mut changes = compare(old.as_ref(), new.as_ref(), fields);
        // A component that moved to another pathway keeps its id (ids are file-wide).
        if let (Some((po, _)), Some((pn, _))) = (old, new)
            && po.id != pn.id
        {
            changes.insert(
                0,
                FieldChange {
                    field: "pathway",
                    old: Value::text(&po.id),
                    new: Value::text(&pn.id),
                },
            );
        }
        if changes.is_empty() {
            continue;
        }
        let (p, c) = newer(old, new);
        out.push(ComponentDiff {
            change: change_of(&old, &new),
            pathway: p.id.clone(),
            id: c.id.clone(),
            name: c.name.clone(),
            fields: changes,
        });
    }
    out
}

fn placed_links(n: &Network) -> Vec<((String, String), Placed<'_, Link>)> {
    n.pathways()
        .iter()
        .flat_map(|p| {
            p.links()
                .iter()
                .map(move |l| ((l.from.clone(), l.to.clone()), (p, l)))
        })
        .collect()
}

pub fn links(old: &Network, new: &Network) -> Vec<LinkDiff> {
    let fields: &[Field<Placed<Link>>] = &[
        ("kind", |(_, l)| Value::variant(l.kind)),
        ("integration", |(_, l)| {
            l.integration.map_or(Value::None, Value::variant)
        }),
        ("children", |(_, l)| Value::number(l.children)),
        ("notes", |(_, l)| Value::text(&l.notes)),
    ];
    pair(placed_links(old), placed_links(new))
        .into_iter()
        .filter_map(|(old, new)| {
            let changes = compare(old.as_ref(), new.as_ref(), fields);
            if changes.is_empty() {
                return None;
            }
            let (p, l) = newer(old, new);
            Some(LinkDiff {
                change: change_of(&old, &new),
                pathway: p.id.clone(),
                from: l.from.clone(),
                to: l.to.clone(),
                fields: changes,
            })
        })
        .collect()
}

type OwnedMeasure<'a> = (&'a Pathway, Owner, &'a Measure);

fn owned_measures(n: &Network) -> Vec<((Owner, String), OwnedMeasure<'_>)> {
    let mut out = Vec::new();
    for p in n.pathways() {
        for c in p.components() {
            for m in &c.measures {
                let owner = Owner::Component(c.id.clone());
                out.push(((owner.clone(), m.id.clone()), (p, owner, m)));
            }
        }
        for l in p.links() {
            for m in &l.measures {
                let owner = Owner::Link {
                    from: l.from.clone(),
                    to: l.to.clone(),
                };
                out.push(((owner.clone(), m.id.clone()), (p, owner, m)));
            }
        }
    }
    out
}

fn history_text(m: &Measure) -> Value {
    let entries: Vec<String> = m
        .history
        .iter()
        .map(|(period, v)| format!("{period}: {v}"))
        .collect();
    Value::text(&entries.join("; "))
}

/// `England 2022/23: 51`.
fn benchmark_text(m: &Measure) -> Value {
    Value::opt_text(
        m.benchmark
            .as_ref()
            .map(|(label, v)| format!("{label}: {v}"))
            .as_deref(),
    )
}

/// `Deprivation quintile: 1 most deprived 29, 5 least deprived 41.1; Sex: ...`.
fn breakdowns_text(m: &Measure) -> Value {
    let entries: Vec<String> = m
        .breakdowns
        .iter()
        .map(|b| {
            let groups: Vec<String> = b.groups.iter().map(|(l, v)| format!("{l} {v}")).collect();
            format!("{}: {}", b.by, groups.join(", "))
        })
        .collect();
    Value::text(&entries.join("; "))
}

pub fn measures(old: &Network, new: &Network) -> Vec<MeasureDiff> {
    let fields: &[Field<Measure>] = &[
        ("name", |m| Value::text(&m.name)),
        ("domain", |m| Value::variant(m.domain)),
        ("unit", |m| Value::text(&m.unit)),
        ("direction", |m| Value::variant(m.direction)),
        ("value", |m| Value::number(m.value)),
        ("target", |m| Value::Number(m.target)),
        ("amber", |m| Value::number(m.amber)),
        ("period", |m| Value::opt_text(m.period.as_deref())),
        ("source", |m| Value::opt_text(m.source.as_deref())),
        ("benchmark", benchmark_text),
        ("history", history_text),
        ("breakdowns", breakdowns_text),
        ("notes", |m| Value::text(&m.notes)),
    ];
    let old_list = owned_measures(old);
    let new_list = owned_measures(new);
    let pairs = pair(
        old_list.iter().map(|(k, v)| (k, v)).collect(),
        new_list.iter().map(|(k, v)| (k, v)).collect(),
    );
    pairs
        .into_iter()
        .filter_map(|(old, new)| {
            let (om, nm) = (old.map(|o| o.2), new.map(|n| n.2));
            let changes = compare(om, nm, fields);
            if changes.is_empty() {
                return None;
            }
            let (p, owner, m) = newer(old, new);
            Some(MeasureDiff {
                change: change_of(&old, &new),
                pathway: p.id.clone(),
                owner: owner.clone(),
                id: m.id.clone(),
                name: m.name.clone(),
                status: StatusChange {
                    old: om.map(measure_status),
                    new: nm.map(measure_status),
                },
                fields: changes,
            })
        })
        .collect()
}

pub fn checklists(old: &Network, new: &Network) -> Vec<ChecklistDiff> {
    let answers = |c: &Checklist| Checklist::QUESTIONS.map(|q| (q.field, (q.answer)(c)));
    pair(placed_components(old), placed_components(new))
        .into_iter()
        .filter_map(|(old, new)| {
            let ((_, oc), (p, nc)) = (old?, new?);
            let fields: Vec<FieldChange> = answers(&oc.checklist)
                .into_iter()
                .zip(answers(&nc.checklist))
                .filter(|((_, a), (_, b))| a != b)
                .map(|((field, a), (_, b))| FieldChange {
                    field,
                    old: Value::variant(a),
                    new: Value::variant(b),
                })
                .collect();
            (!fields.is_empty()).then(|| ChecklistDiff {
                pathway: p.id.clone(),
                component: nc.id.clone(),
                fields,
            })
        })
        .collect()
}

/// What makes two findings "the same finding" across versions: kind, severity and what it
/// concerns, not its message (which quotes values that may move without changing it).
type FindingKey = (
    crate::analysis::FindingKind,
    crate::analysis::Severity,
    String,
    Option<String>,
    Option<(String, String)>,
    Option<Phase>,
    // The measure concerned and, for an equity gap, the breakdown's `by`.
    Option<(String, Option<String>)>,
);

fn finding_key(network: &Network, f: &Finding) -> FindingKey {
    let pathway = network.pathways()[f.pathway].id.clone();
    // A finding about the pathway as a whole (a missing phase) is told apart by its phase.
    let phase = f.target.is_none().then_some(f.phase);
    (
        f.kind,
        f.severity,
        pathway,
        f.component(network).map(|c| c.id.clone()),
        f.link(network).map(|l| (l.from.clone(), l.to.clone())),
        phase,
        f.measure(network).map(|m| {
            let by = f.breakdown.and_then(|b| m.breakdowns.get(b as usize));
            (m.id.clone(), by.map(|b| b.by.clone()))
        }),
    )
}

fn finding_ref(network: &Network, messages: &Messages, f: &Finding) -> FindingRef {
    FindingRef {
        kind: f.kind,
        severity: f.severity,
        pathway: network.pathways()[f.pathway].id.clone(),
        component: f.component(network).map(|c| c.id.clone()),
        link: f.link(network).map(|l| LinkEnds {
            from: l.from.clone(),
            to: l.to.clone(),
        }),
        message: messages.of(f),
    }
}

/// Findings of one side that the other side does not have (as a multiset).
fn only_in(
    side: &Network,
    side_analysis: &NetworkAnalysis,
    other: &Network,
    other_analysis: &NetworkAnalysis,
) -> Vec<FindingRef> {
    let mut counts: HashMap<FindingKey, usize> = HashMap::new();
    for f in &other_analysis.findings {
        *counts.entry(finding_key(other, f)).or_default() += 1;
    }
    let messages = Messages::new(side, side_analysis);
    side_analysis
        .findings
        .iter()
        .filter(|f| match counts.get_mut(&finding_key(side, f)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .map(|f| finding_ref(side, &messages, f))
        .collect()
}

pub fn findings(
    old: &Network,
    old_analysis: &NetworkAnalysis,
    new: &Network,
    new_analysis: &NetworkAnalysis,
) -> FindingsDiff {
    FindingsDiff {
        appeared: only_in(new, new_analysis, old, old_analysis),
        disappeared: only_in(old, old_analysis, new, new_analysis),
    }
}

pub fn strength(
    old: &Network,
    old_analysis: &NetworkAnalysis,
    new: &Network,
    new_analysis: &NetworkAnalysis,
) -> Vec<StrengthDiff> {
    let keyed =
        |n: &'_ Network, a: &NetworkAnalysis| -> Vec<(String, (String, String, Strength))> {
            n.pathways()
                .iter()
                .zip(&a.pathways)
                .map(|(p, pa)| {
                    let s = Strength {
                        strength: pa.strength,
                        status: pa.status,
                    };
                    (p.id.clone(), (p.id.clone(), p.name.clone(), s))
                })
                .collect()
        };
    let old_list = keyed(old, old_analysis);
    let new_list = keyed(new, new_analysis);
    let refs = |list: &[(String, (String, String, Strength))]| -> Vec<(String, usize)> {
        list.iter()
            .enumerate()
            .map(|(i, (k, _))| (k.clone(), i))
            .collect()
    };
    pair(refs(&old_list), refs(&new_list))
        .into_iter()
        .map(|(o, n)| {
            let old = o.map(|i| &old_list[i].1);
            let new = n.map(|i| &new_list[i].1);
            let (id, name, _) = new.or(old).expect("a pair has at least one side");
            let (os, ns) = (old.map(|x| x.2), new.map(|x| x.2));
            let change = match (os.and_then(|s| s.strength), ns.and_then(|s| s.strength)) {
                (Some(a), Some(b)) => Some(b - a),
                _ => None,
            };
            StrengthDiff {
                pathway: id.clone(),
                name: name.clone(),
                old: os,
                new: ns,
                change,
            }
        })
        .collect()
}
