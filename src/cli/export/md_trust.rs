//! The report's "Measures worth trusting" section: per pathway, each measure's variation
//! and assurance over time, its benchmark, its period and whether that is stale; then
//! every breakdown of every measure with its gap (docs/format.md, "How carepath reads
//! the figures").

use std::fmt::Write;

use super::View;
use super::md::escape;
use crate::analysis::currency::{Currency, date_text};
use crate::analysis::equity::{self, is_gap};
use crate::analysis::spc;
use crate::model::{Measure, Pathway};

/// Every measure of a pathway with where it is: components, then links.
fn owned(pathway: &Pathway) -> Vec<(String, &Measure)> {
    let name = |id: &str| escape(pathway.component(id).map_or(id, |c| c.name.as_str()));
    let mut rows = Vec::new();
    for c in pathway.components() {
        rows.extend(c.measures.iter().map(|m| (escape(&c.name), m)));
    }
    for l in pathway.links() {
        let place = format!("Link: {} → {}", name(&l.from), name(&l.to));
        rows.extend(l.measures.iter().map(|m| (place.clone(), m)));
    }
    rows
}

fn value(x: f64, unit: &str) -> String {
    match unit {
        "%" => format!("{x}%"),
        "" => format!("{x}"),
        u => format!("{x} {}", escape(u)),
    }
}

/// The variation and assurance of a measure's chart, or why there is none.
pub fn over_time(m: &Measure) -> (String, String) {
    match spc::chart(m) {
        Some(c) => (
            format!("{} {}", c.variation.symbol(), c.variation.word()),
            format!("{} {}", c.assurance.symbol(), c.assurance.word()),
        ),
        None => {
            let n = spc::series(m).len();
            let s = if n == 1 { "" } else { "s" };
            (format!("– ({n} point{s})"), "–".to_string())
        }
    }
}

pub fn render(out: &mut String, view: &View) {
    let reference = view.analysis.reference;
    let _ = writeln!(out, "## Measures worth trusting\n");
    let _ = writeln!(
        out,
        "Variation and assurance need 12 or more points, read as an XmR chart (*Making Data \
         Count*): ▲ improving, ▼ concern, ~ common cause; P consistently pass, F consistently \
         fail, ? hit and miss. Figures are judged at {}; a period that ended more than three \
         years before is stale. In the equity tables, ⚠ marks a gap of 0.10 or more: the \
         measure is not delivered equally.\n",
        reference.map_or("no date (no period is understood)".to_string(), date_text)
    );
    for (_, pathway) in view.pathways() {
        let rows = owned(pathway);
        let _ = writeln!(out, "### {}\n", escape(&pathway.name));
        if rows.is_empty() {
            let _ = writeln!(out, "No measures yet.\n");
            continue;
        }
        let _ = writeln!(
            out,
            "| Where | Measure | Value | Variation | Assurance | Benchmark | Period | Currency |\n\
             |---|---|---:|---|---|---|---|---|"
        );
        for (place, m) in &rows {
            let (variation, assurance) = over_time(m);
            let benchmark = m.benchmark.as_ref().map_or(String::new(), |(label, b)| {
                let worse = if crate::analysis::currency::below_benchmark(m) {
                    " (worse)"
                } else {
                    ""
                };
                format!("{} {}{worse}", value(*b, &m.unit), escape(label))
            });
            let currency = match Currency::of(m, reference) {
                Currency::Stale(end) => format!("stale (ended {})", date_text(end)),
                Currency::Current(end) => format!("ended {}", date_text(end)),
                Currency::NotUnderstood => "period not understood".to_string(),
                Currency::NoPeriod => "–".to_string(),
            };
            let _ = writeln!(
                out,
                "| {place} | {} | {} | {variation} | {assurance} | {benchmark} | {} | {currency} |",
                escape(&m.name),
                m.value.map_or("–".to_string(), |v| value(v, &m.unit)),
                escape(m.period.as_deref().unwrap_or("")),
            );
        }
        out.push('\n');
        equity_section(out, &rows);
    }
}

/// Every breakdown with its gap and its groups, worst and best named.
fn equity_section(out: &mut String, rows: &[(String, &Measure)]) {
    if rows.iter().all(|(_, m)| m.breakdowns.is_empty()) {
        return;
    }
    let _ = writeln!(out, "#### Equity\n");
    let _ = writeln!(
        out,
        "| Where | Measure | By | Gap | Least served | Best served | Groups |\n\
         |---|---|---|---:|---|---|---|"
    );
    for (place, m) in rows {
        for b in &m.breakdowns {
            let e = equity::breakdown(m, b);
            let group = |i: usize| {
                b.groups.get(i).map_or(String::new(), |(l, v)| {
                    format!("{} {}", escape(l), value(*v, &m.unit))
                })
            };
            let groups: Vec<String> = b
                .groups
                .iter()
                .zip(&e.groups)
                .map(|((l, v), g)| {
                    format!("{} {} {}", escape(l), value(*v, &m.unit), g.status.symbol())
                })
                .collect();
            let flag = if is_gap(e.gap) { " ⚠" } else { "" };
            let _ = writeln!(
                out,
                "| {place} | {} | {} | {:.2}{flag} | {} | {} | {} |",
                escape(&m.name),
                escape(&b.by),
                e.gap,
                group(e.worst),
                group(e.best),
                groups.join("; ")
            );
        }
    }
    out.push('\n');
}
