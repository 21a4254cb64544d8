//! A review report in GitHub-flavoured Markdown: pathway strength and status, the weakest
//! links, findings, and a measures table per phase; actions when there are any.

use std::fmt::Write;

use super::{View, md_children, one_line, strength_text};
use crate::analysis::{Messages, Severity, Status, Target, attainment, measure_status};
use crate::model::{Measure, Pathway, Phase};

/// How many weakest links the report lists.
const WEAKEST_SHOWN: usize = 10;

/// Text from the file made literal: every character Markdown could read as markup is
/// backslash-escaped (`|` included, so table cells stay whole), newlines become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out.trim().to_string()
}

fn status(s: Status) -> String {
    format!("{} {}", s.symbol(), s.word())
}

fn number(x: Option<f64>, unit: &str) -> String {
    match x {
        Some(v) if unit == "%" => format!("{v}%"),
        Some(v) if !unit.is_empty() => format!("{v} {}", escape(unit)),
        Some(v) => format!("{v}"),
        None => "–".to_string(),
    }
}

fn journeys_text(ln_total: f64) -> String {
    if ln_total == f64::NEG_INFINITY {
        "0".to_string()
    } else if ln_total < 53.0 * std::f64::consts::LN_2 {
        format!("{}", ln_total.exp().round())
    } else {
        format!("about 10^{:.0}", ln_total / std::f64::consts::LN_10)
    }
}

fn component_name(pathway: &Pathway, id: &str) -> String {
    escape(pathway.component(id).map_or(id, |c| c.name.as_str()))
}

pub fn render(view: &View, today: &str) -> String {
    let network = view.network;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&network.name));
    if !network.population.is_empty() {
        let _ = writeln!(out, "Population: {}\n", escape(&network.population));
    }
    let _ = writeln!(
        out,
        "Status is shown by symbol and word: ✓ Green (target met), ! Amber (near target), \
         ✗ Red (off target), ? No data. Strength is the lowest attainment (as a percentage) \
         among measures with data; impact is (1 − strength) × reach.\n"
    );
    pathways(&mut out, view);
    weakest(&mut out, view);
    findings(&mut out, view);
    measures(&mut out, view);
    super::md_trust::render(&mut out, view);
    super::record::report(&mut out, view);
    actions(&mut out, view, today);
    let end = out.trim_end().len();
    out.truncate(end);
    out.push('\n');
    out
}

fn pathways(out: &mut String, view: &View) {
    let _ = writeln!(out, "## Pathways\n");
    if view.network.pathways().is_empty() {
        let _ = writeln!(out, "No pathways yet.\n");
        return;
    }
    let _ = writeln!(
        out,
        "| Pathway | Status | Strength | Components | Links | Journeys |\n\
         |---|---|---:|---:|---:|---:|"
    );
    for (p, pathway) in view.pathways() {
        let a = &view.analysis.pathways[p];
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            escape(&pathway.name),
            status(a.status),
            strength_text(a.strength),
            pathway.components().len(),
            pathway.links().len(),
            journeys_text(a.journeys.ln_total)
        );
    }
    out.push('\n');
}

fn weakest(out: &mut String, view: &View) {
    let list = &view.analysis.weakest;
    let _ = writeln!(out, "## Weakest links\n");
    if list.is_empty() {
        let _ = writeln!(out, "No component or link has a measure with data.\n");
        return;
    }
    let shown = list.len().min(WEAKEST_SHOWN);
    let _ = writeln!(
        out,
        "Ranked by impact; {shown} of {} measured parts.\n",
        list.len()
    );
    let _ = writeln!(
        out,
        "| # | Where | Pathway | Status | Strength | Reach | Impact | Children affected a year |\n\
         |---:|---|---|---|---:|---:|---:|---:|"
    );
    for (rank, w) in list.iter().take(shown).enumerate() {
        let pathway = &view.network.pathways()[w.pathway];
        let place = match w.target.names(pathway) {
            Some((from, Some(to))) => format!("{} → {}", escape(from), escape(to)),
            Some((name, None)) => escape(name),
            None => String::new(),
        };
        let st = match w.target {
            Target::Component(i) => view.component_status(w.pathway, i),
            Target::Link(j) => view.link_status(w.pathway, j),
        };
        let _ = writeln!(
            out,
            "| {} | {place} | {} | {} | {:.2} | {} | {:.2} | {} |",
            rank + 1,
            escape(&pathway.name),
            status(st),
            w.strength,
            md_children::reach(w),
            w.impact,
            md_children::affected(w)
        );
    }
    out.push('\n');
    md_children::notes(out, view);
}

fn findings(out: &mut String, view: &View) {
    let all = &view.analysis.findings;
    let count = |s: Severity| all.iter().filter(|f| f.severity == s).count();
    let _ = writeln!(out, "## Findings\n");
    let _ = writeln!(
        out,
        "{} high, {} medium, {} low.\n",
        count(Severity::High),
        count(Severity::Medium),
        count(Severity::Low)
    );
    let messages = Messages::new(view.network, &view.analysis);
    for severity in [Severity::High, Severity::Medium, Severity::Low] {
        let these: Vec<_> = all.iter().filter(|f| f.severity == severity).collect();
        if these.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {}\n", severity.word());
        for f in these {
            let pathway = &view.network.pathways()[f.pathway];
            let _ = writeln!(
                out,
                "- **{}** ({}): {}",
                f.kind.label(),
                escape(&pathway.name),
                escape(&messages.of(f))
            );
        }
        out.push('\n');
    }
}

/// The measures of one phase: component measures, then link measures from that phase.
fn phase_rows<'a>(view: &View<'a>, p: usize, phase: Phase) -> Vec<(String, &'a Measure)> {
    let pathway = &view.network.pathways()[p];
    let mut rows = Vec::new();
    for c in pathway.column(phase) {
        for m in &c.measures {
            rows.push((escape(&c.name), m));
        }
    }
    for l in pathway.links() {
        if pathway.component(&l.from).map(|c| c.phase) == Some(phase) {
            for m in &l.measures {
                let place = format!(
                    "Link: {} → {}",
                    component_name(pathway, &l.from),
                    component_name(pathway, &l.to)
                );
                rows.push((place, m));
            }
        }
    }
    rows
}

fn measures(out: &mut String, view: &View) {
    let _ = writeln!(out, "## Measures\n");
    for (p, pathway) in view.pathways() {
        let _ = writeln!(out, "### {}\n", escape(&pathway.name));
        let mut any = false;
        for phase in Phase::ALL {
            let rows = phase_rows(view, p, phase);
            if rows.is_empty() {
                continue;
            }
            any = true;
            let _ = writeln!(out, "#### {}\n", phase.name());
            let _ = writeln!(
                out,
                "| Where | Measure | Domain | Value | Target | Amber | Status | Attainment | Period | Source |\n\
                 |---|---|---|---:|---:|---:|---|---:|---|---|"
            );
            for (place, m) in rows {
                let _ = writeln!(
                    out,
                    "| {place} | {} | {:?} | {} | {} | {} | {} | {} | {} | {} |",
                    escape(&m.name),
                    m.domain,
                    number(m.value, &m.unit),
                    number(Some(m.target), &m.unit),
                    number(m.amber, &m.unit),
                    status(measure_status(m)),
                    attainment(m).map_or("–".to_string(), super::percent),
                    escape(m.period.as_deref().unwrap_or("")),
                    escape(m.source.as_deref().unwrap_or("")),
                );
            }
            out.push('\n');
        }
        if !any {
            let _ = writeln!(out, "No measures yet.\n");
        }
    }
}

/// Actions by status (open, in progress, done), soonest due first within each, undated
/// last; an overdue one is marked.
fn actions(out: &mut String, view: &View, today: &str) {
    let mut list: Vec<&crate::model::Action> = view.network.actions().iter().collect();
    if list.is_empty() {
        return;
    }
    list.sort_by(|a, b| {
        let key = |x: &crate::model::Action| (x.status as u8, x.due.is_none(), x.due.clone());
        key(a).cmp(&key(b))
    });
    let _ = writeln!(out, "## Actions\n");
    let _ = writeln!(
        out,
        "| Action | Component | Owner | Due | Status |\n|---|---|---|---|---|"
    );
    for a in list {
        let component = view
            .network
            .find_component(&a.component)
            .map_or(a.component.as_str(), |(_, c)| c.name.as_str());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            escape(&a.text),
            escape(component),
            escape(&a.owner),
            super::actions::due(a, today),
            super::actions::status_word(a.status)
        );
    }
    out.push('\n');
}
