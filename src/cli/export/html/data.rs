//! What the page's script shows when a box or link is clicked, as JSON: every field in
//! words (display names, status words and symbols), numbers with their units.

use serde_json::{Value, json};

use super::super::{View, percent};
use crate::analysis::currency::{Currency, Date, below_benchmark};
use crate::analysis::{Status, Target, equity, measure_status, spc, with_unit};
use crate::model::{Answer, Checklist, Measure, Pathway};

/// A status by key; the page's `statuses` table gives its symbol and word.
fn status(s: Status) -> Value {
    json!(key(s))
}

fn key(s: Status) -> &'static str {
    match s {
        Status::Red => "red",
        Status::Amber => "amber",
        Status::Green => "green",
        Status::NoData => "nodata",
    }
}

/// Leaves out nulls, empty strings and empty lists, so a large network's page stays
/// small; the script reads a missing field as "none".
fn prune(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, prune(v)))
                .filter(|(_, v)| match v {
                    Value::Null => false,
                    Value::String(s) => !s.is_empty(),
                    Value::Array(a) => !a.is_empty(),
                    _ => true,
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(prune).collect()),
        other => other,
    }
}

fn answer(a: Answer) -> &'static str {
    match a {
        Answer::Unknown => "Not answered",
        Answer::No => "No",
        Answer::Partly => "Partly",
        Answer::Yes => "Yes",
    }
}

/// A measure's chart over time (docs/format.md, "Measures over time"): the limits and
/// verdict from 12 points on, which points are special cause; nothing under 12.
fn chart(m: &Measure) -> Value {
    let Some(c) = spc::chart(m) else {
        return Value::Null;
    };
    let special: Vec<usize> = (0..c.points.len()).filter(|&i| c.is_special(i)).collect();
    json!({
        "mean": c.mean,
        "upl": c.upl,
        "lpl": c.lpl,
        "special": special,
        "variation": format!("{} {}", c.variation.symbol(), c.variation.word()),
        "assurance": format!("{} {}", c.assurance.symbol(), c.assurance.word()),
    })
}

/// Each breakdown with its groups' values and statuses and its gap (docs/format.md,
/// "Equity").
fn breakdowns(m: &Measure) -> Vec<Value> {
    m.breakdowns
        .iter()
        .map(|b| {
            let e = equity::breakdown(m, b);
            json!({
                "by": b.by,
                "gap": format!("{:.2}", e.gap),
                "is_gap": e.is_gap(),
                "groups": b.groups.iter().zip(&e.groups).map(|((g, v), judged)| {
                    json!([g, with_unit(*v, &m.unit), status(judged.status)])
                }).collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn measure(m: &Measure, reference: Option<Date>) -> Value {
    let st = measure_status(m);
    let currency = match Currency::of(m, reference) {
        Currency::Stale(_) => "stale: more than three years before the network's date",
        Currency::NotUnderstood => "period not understood, so not judged for currency",
        Currency::NoPeriod | Currency::Current(_) => "",
    };
    json!({
        "name": m.name,
        "domain": format!("{:?}", m.domain),
        "unit": m.unit,
        "value": m.value,
        "shown": m.value.map(|v| with_unit(v, &m.unit)),
        "target": with_unit(m.target, &m.unit),
        "amber": m.amber.map(|a| with_unit(a, &m.unit)),
        "better": match m.direction {
            crate::model::Direction::HigherIsBetter => "higher",
            crate::model::Direction::LowerIsBetter => "lower",
        },
        "target_value": m.target,
        "status": status(st),
        "period": m.period,
        "currency": currency,
        "source": m.source,
        "benchmark": m.benchmark.as_ref().map(|(label, v)| json!({
            "label": label,
            "shown": with_unit(*v, &m.unit),
            "value": v,
            "worse": below_benchmark(m),
        })),
        "history": m.history.iter().map(|(p, v)| json!([p, v])).collect::<Vec<_>>(),
        "chart": chart(m),
        "breakdowns": breakdowns(m),
        "notes": m.notes,
    })
}

/// The answers in question order, or nothing when none is answered yet.
fn checklist(c: &Checklist) -> Value {
    let answers: Vec<Answer> = Checklist::QUESTIONS.iter().map(|q| (q.answer)(c)).collect();
    if answers.iter().all(|a| a.is_unknown()) {
        return Value::Null;
    }
    answers.into_iter().map(answer).collect()
}

fn pathway(
    view: &View,
    p: usize,
    pathway: &Pathway,
    today: &str,
    reference: Option<Date>,
) -> Value {
    let components: Vec<Value> = pathway
        .components()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let provider = c
                .provider
                .as_deref()
                .and_then(|id| view.network.organisation(id));
            let actions: Vec<Value> = view
                .network
                .actions()
                .iter()
                .filter(|a| a.component == c.id)
                .map(|a| {
                    let overdue = a.status != crate::model::ActionStatus::Done
                        && a.due.as_deref().is_some_and(|d| d < today);
                    json!({
                        "text": a.text,
                        "owner": a.owner,
                        "due": a.due,
                        "status": super::super::actions::status_word(a.status),
                        "overdue": overdue,
                    })
                })
                .collect();
            json!({
                "id": c.id,
                "name": c.name,
                "phase": c.phase.name(),
                "provider": provider.map(|o| o.name.as_str()),
                "sector": provider.map(|o| o.sector.label()),
                "status": status(view.component_status(p, i)),
                "strength": view.component_strength(p, i).map(percent),
                "rank": view.rank(p, Target::Component(i)),
                "children": c.children,
                "measures": c.measures.iter().map(|m| measure(m, reference)).collect::<Vec<_>>(),
                "checklist": checklist(&c.checklist),
                "notes": c.notes,
                "actions": actions,
            })
        })
        .collect();
    let links: Vec<Value> = pathway
        .links()
        .iter()
        .enumerate()
        .map(|(j, l)| {
            let at = |id: &str| pathway.position(id);
            let st = view.link_status(p, j);
            let strength = view.analysis.pathways[p].links[j].score.strength;
            json!({
                "from": at(&l.from),
                "to": at(&l.to),
                "kind": l.kind.label(),
                "integration": l.integration.map(|i| i.label()),
                "weak_handoff": view.is_weak_handoff(p, &l.from, &l.to),
                "status": status(st),
                "strength": strength.map(percent),
                "rank": view.rank(p, Target::Link(j)),
                "children": l.children,
                "measures": l.measures.iter().map(|m| measure(m, reference)).collect::<Vec<_>>(),
                "notes": l.notes,
            })
        })
        .collect();
    json!({
        "id": pathway.id,
        "name": pathway.name,
        "components": components,
        "links": links,
    })
}

/// The page's data: one entry per pathway, components and links indexed as in the file
/// (a link's ends are its components' indexes).
pub fn json(view: &View, today: &str) -> String {
    // Periods are judged at the network's date (docs/format.md, "Benchmarks and currency").
    let reference = view.analysis.reference;
    let pathways: Vec<Value> = view
        .pathways()
        .map(|(p, pw)| prune(pathway(view, p, pw, today, reference)))
        .collect();
    let statuses: serde_json::Map<String, Value> =
        [Status::Red, Status::Amber, Status::Green, Status::NoData]
            .into_iter()
            .map(|s| (key(s).to_string(), json!([s.symbol(), s.word()])))
            .collect();
    let questions: Vec<&str> = Checklist::QUESTIONS.iter().map(|q| q.text).collect();
    // Inside a <script> element "</" would end it early.
    serde_json::to_string(&json!({
        "statuses": statuses,
        "questions": questions,
        "pathways": pathways,
    }))
    .expect("JSON of plain values")
    .replace("</", "<\\/")
}
