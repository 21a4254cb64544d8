//! What the page's script shows when a box or link is clicked, as JSON: every field in
//! words (display names, status words and symbols), numbers with their units.
//!
//! Written straight from the network as it is serialised: fields in alphabetical order,
//! and no field that is missing, empty text or an empty list, so a large network's page
//! stays small (the script reads a missing field as "none").

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::super::{View, percent};
use crate::analysis::currency::{Currency, Date, below_benchmark};
use crate::analysis::{Status, Target, equity, measure_status, spc, with_unit};
use crate::model::{Action, Answer, Checklist, Direction, Measure, Pathway};

fn blank(s: &&str) -> bool {
    s.is_empty()
}

fn none_or_blank(s: &Option<&str>) -> bool {
    s.is_none_or(str::is_empty)
}

fn none_or_empty(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(str::is_empty)
}

/// JSON has no NaN or infinity: such a number is left out, as a missing one is.
fn no_number(v: &Option<f64>) -> bool {
    !v.is_some_and(f64::is_finite)
}

fn not_finite(v: &f64) -> bool {
    !v.is_finite()
}

/// A status by key; the page's `statuses` table gives its symbol and word.
fn key(s: Status) -> &'static str {
    match s {
        Status::Red => "red",
        Status::Amber => "amber",
        Status::Green => "green",
        Status::NoData => "nodata",
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

#[derive(Serialize)]
struct Page<'v, 'a> {
    pathways: Pathways<'v, 'a>,
    questions: Vec<&'static str>,
    statuses: BTreeMap<&'static str, [&'static str; 2]>,
}

#[derive(Serialize)]
struct PathwayData<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    components: Vec<ComponentData<'a>>,
    #[serde(skip_serializing_if = "blank")]
    id: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<LinkData<'a>>,
    #[serde(skip_serializing_if = "blank")]
    name: &'a str,
}

#[derive(Serialize)]
struct ComponentData<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actions: Vec<ActionData<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    checklist: Option<Vec<&'static str>>,
    #[serde(skip_serializing_if = "no_number")]
    children: Option<f64>,
    #[serde(skip_serializing_if = "blank")]
    id: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    measures: Vec<MeasureData<'a>>,
    #[serde(skip_serializing_if = "blank")]
    name: &'a str,
    #[serde(skip_serializing_if = "blank")]
    notes: &'a str,
    #[serde(skip_serializing_if = "blank")]
    phase: &'static str,
    #[serde(skip_serializing_if = "none_or_blank")]
    provider: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rank: Option<usize>,
    #[serde(skip_serializing_if = "none_or_blank")]
    sector: Option<&'static str>,
    status: &'static str,
    #[serde(skip_serializing_if = "none_or_empty")]
    strength: Option<String>,
}

#[derive(Serialize)]
struct ActionData<'a> {
    #[serde(skip_serializing_if = "none_or_blank")]
    due: Option<&'a str>,
    overdue: bool,
    #[serde(skip_serializing_if = "blank")]
    owner: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "blank")]
    text: &'a str,
}

#[derive(Serialize)]
struct LinkData<'a> {
    #[serde(skip_serializing_if = "no_number")]
    children: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<usize>,
    #[serde(skip_serializing_if = "none_or_blank")]
    integration: Option<&'static str>,
    #[serde(skip_serializing_if = "blank")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    measures: Vec<MeasureData<'a>>,
    #[serde(skip_serializing_if = "blank")]
    notes: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rank: Option<usize>,
    status: &'static str,
    #[serde(skip_serializing_if = "none_or_empty")]
    strength: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<usize>,
    weak_handoff: bool,
}

#[derive(Serialize)]
struct MeasureData<'a> {
    #[serde(skip_serializing_if = "none_or_empty")]
    amber: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    benchmark: Option<BenchmarkData<'a>>,
    better: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    breakdowns: Vec<BreakdownData<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chart: Option<ChartData>,
    #[serde(skip_serializing_if = "blank")]
    currency: &'static str,
    domain: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    history: Vec<(&'a str, f64)>,
    #[serde(skip_serializing_if = "blank")]
    name: &'a str,
    #[serde(skip_serializing_if = "blank")]
    notes: &'a str,
    #[serde(skip_serializing_if = "none_or_blank")]
    period: Option<&'a str>,
    #[serde(skip_serializing_if = "none_or_empty")]
    shown: Option<String>,
    #[serde(skip_serializing_if = "none_or_blank")]
    source: Option<&'a str>,
    status: &'static str,
    #[serde(skip_serializing_if = "String::is_empty")]
    target: String,
    #[serde(skip_serializing_if = "not_finite")]
    target_value: f64,
    #[serde(skip_serializing_if = "blank")]
    unit: &'a str,
    #[serde(skip_serializing_if = "no_number")]
    value: Option<f64>,
}

#[derive(Serialize)]
struct BenchmarkData<'a> {
    #[serde(skip_serializing_if = "blank")]
    label: &'a str,
    shown: String,
    #[serde(skip_serializing_if = "not_finite")]
    value: f64,
    worse: bool,
}

/// Each breakdown with its groups' values and statuses and its gap (docs/format.md,
/// "Equity").
#[derive(Serialize)]
struct BreakdownData<'a> {
    #[serde(skip_serializing_if = "blank")]
    by: &'a str,
    gap: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    groups: Vec<(&'a str, String, &'static str)>,
    is_gap: bool,
}

/// A measure's chart over time (docs/format.md, "Measures over time"): the limits and
/// verdict from 12 points on, which points are special cause; nothing under 12.
#[derive(Serialize)]
struct ChartData {
    assurance: String,
    #[serde(skip_serializing_if = "not_finite")]
    lpl: f64,
    #[serde(skip_serializing_if = "not_finite")]
    mean: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    special: Vec<usize>,
    #[serde(skip_serializing_if = "not_finite")]
    upl: f64,
    variation: String,
}

fn chart(m: &Measure) -> Option<ChartData> {
    let c = spc::chart(m)?;
    Some(ChartData {
        assurance: format!("{} {}", c.assurance.symbol(), c.assurance.word()),
        lpl: c.lpl,
        mean: c.mean,
        special: (0..c.points.len()).filter(|&i| c.is_special(i)).collect(),
        upl: c.upl,
        variation: format!("{} {}", c.variation.symbol(), c.variation.word()),
    })
}

fn breakdowns(m: &Measure) -> Vec<BreakdownData<'_>> {
    m.breakdowns
        .iter()
        .map(|b| {
            let e = equity::breakdown(m, b);
            BreakdownData {
                by: &b.by,
                gap: format!("{:.2}", e.gap),
                groups: b
                    .groups
                    .iter()
                    .zip(&e.groups)
                    .map(|((g, v), judged)| {
                        (g.as_str(), with_unit(*v, &m.unit), key(judged.status))
                    })
                    .collect(),
                is_gap: e.is_gap(),
            }
        })
        .collect()
}

fn measure(m: &Measure, reference: Option<Date>) -> MeasureData<'_> {
    let currency = match Currency::of(m, reference) {
        Currency::Stale(_) => "stale: more than three years before the network's date",
        Currency::NotUnderstood => "period not understood, so not judged for currency",
        Currency::NoPeriod | Currency::Current(_) => "",
    };
    MeasureData {
        amber: m.amber.map(|a| with_unit(a, &m.unit)),
        benchmark: m.benchmark.as_ref().map(|(label, v)| BenchmarkData {
            label,
            shown: with_unit(*v, &m.unit),
            value: *v,
            worse: below_benchmark(m),
        }),
        better: match m.direction {
            Direction::HigherIsBetter => "higher",
            Direction::LowerIsBetter => "lower",
        },
        breakdowns: breakdowns(m),
        chart: chart(m),
        currency,
        domain: format!("{:?}", m.domain),
        history: m.history.iter().map(|(p, v)| (p.as_str(), *v)).collect(),
        name: &m.name,
        notes: &m.notes,
        period: m.period.as_deref(),
        shown: m.value.map(|v| with_unit(v, &m.unit)),
        source: m.source.as_deref(),
        status: key(measure_status(m)),
        target: with_unit(m.target, &m.unit),
        target_value: m.target,
        unit: &m.unit,
        value: m.value,
    }
}

/// The answers in question order, or nothing when none is answered yet.
fn checklist(c: &Checklist) -> Option<Vec<&'static str>> {
    let answers: Vec<Answer> = Checklist::QUESTIONS.iter().map(|q| (q.answer)(c)).collect();
    if answers.iter().all(|a| a.is_unknown()) {
        return None;
    }
    Some(answers.into_iter().map(answer).collect())
}

/// What `pathway` needs besides the pathway: the date, and the actions by component.
struct Context<'a> {
    today: &'a str,
    reference: Option<Date>,
    actions: HashMap<&'a str, Vec<&'a Action>>,
}

fn pathway<'a>(
    view: &View<'a>,
    p: usize,
    pathway: &'a Pathway,
    context: &Context<'a>,
) -> PathwayData<'a> {
    let reference = context.reference;
    let components = pathway
        .components()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let provider = c
                .provider
                .as_deref()
                .and_then(|id| view.network.organisation(id));
            let actions = context.actions.get(c.id.as_str());
            let actions = actions.into_iter().flatten().map(|a| ActionData {
                due: a.due.as_deref(),
                overdue: a.status != crate::model::ActionStatus::Done
                    && a.due.as_deref().is_some_and(|d| d < context.today),
                owner: &a.owner,
                status: super::super::actions::status_word(a.status),
                text: &a.text,
            });
            ComponentData {
                actions: actions.collect(),
                checklist: checklist(&c.checklist),
                children: c.children,
                id: &c.id,
                measures: c.measures.iter().map(|m| measure(m, reference)).collect(),
                name: &c.name,
                notes: &c.notes,
                phase: c.phase.name(),
                provider: provider.map(|o| o.name.as_str()),
                rank: view.rank(p, Target::Component(i)),
                sector: provider.map(|o| o.sector.label()),
                status: key(view.component_status(p, i)),
                strength: view.component_strength(p, i).map(percent),
            }
        })
        .collect();
    let links = pathway
        .links()
        .iter()
        .enumerate()
        .map(|(j, l)| LinkData {
            children: l.children,
            from: pathway.position(&l.from),
            integration: l.integration.map(|i| i.label()),
            kind: l.kind.label(),
            measures: l.measures.iter().map(|m| measure(m, reference)).collect(),
            notes: &l.notes,
            rank: view.rank(p, Target::Link(j)),
            status: key(view.link_status(p, j)),
            strength: view.analysis.pathways[p].links[j]
                .score
                .strength
                .map(percent),
            to: pathway.position(&l.to),
            weak_handoff: view.is_weak_link(p, j),
        })
        .collect();
    PathwayData {
        components,
        id: &pathway.id,
        links,
        name: &pathway.name,
    }
}

/// The page's data, one entry per pathway, components and links indexed as in the file
/// (a link's ends are its components' indexes), written to `out` as it is made.
pub fn write(out: &mut impl std::io::Write, view: &View<'_>, today: &str) -> std::io::Result<()> {
    let mut context = Context {
        today,
        // Periods are judged at the network's date (docs/format.md, "Benchmarks and
        // currency").
        reference: view.analysis.reference,
        actions: HashMap::new(),
    };
    for a in view.network.actions() {
        context
            .actions
            .entry(a.component.as_str())
            .or_default()
            .push(a);
    }
    let statuses = [Status::Red, Status::Amber, Status::Green, Status::NoData]
        .into_iter()
        .map(|s| (key(s), [s.symbol(), s.word()]))
        .collect();
    let page = Page {
        pathways: Pathways {
            view,
            context: &context,
        },
        questions: Checklist::QUESTIONS.iter().map(|q| q.text).collect(),
        statuses,
    };
    let mut serializer = serde_json::Serializer::with_formatter(out, InScript);
    page.serialize(&mut serializer)
        .map_err(std::io::Error::from)
}

/// Each pathway's data, made as it is written: only one is in memory at a time.
struct Pathways<'v, 'a> {
    view: &'v View<'a>,
    context: &'v Context<'a>,
}

impl Serialize for Pathways<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let view = self.view;
        serializer.collect_seq(
            view.pathways()
                .map(|(p, pw)| pathway(view, p, pw, self.context)),
        )
    }
}

/// JSON for inside a `<script>` element, where "</" would end it early: written "<\/".
/// Only strings can hold it, and `/` is never escaped, so it is never split between two
/// fragments.
struct InScript;

impl serde_json::ser::Formatter for InScript {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut pieces = fragment.split("</");
        w.write_all(pieces.next().unwrap_or_default().as_bytes())?;
        for piece in pieces {
            w.write_all(b"<\\/")?;
            w.write_all(piece.as_bytes())?;
        }
        Ok(())
    }
}
