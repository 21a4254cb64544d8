//! One row per measure, RFC 4180 quoting. The `pathway`, `component`, `measure`, `value`,
//! `period` and `source` columns are the ones `carepath import` reads, so a quarter's
//! update can be made by exporting, filling in values, and importing.

use super::View;
use crate::analysis::currency::{Currency, Date};
use crate::analysis::{attainment, measure_status, spc};
use crate::model::{Measure, Phase};

pub const HEADER: [&str; 21] = [
    "pathway",
    "kind",
    "component",
    "phase",
    "measure",
    "name",
    "domain",
    "unit",
    "direction",
    "value",
    "target",
    "amber",
    "status",
    "attainment",
    "period",
    "source",
    "variation",
    "assurance",
    "benchmark",
    "benchmark_label",
    "currency",
];

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return
/// first) gets a leading `'`, which spreadsheets show as plain text. `import` takes it off.
pub fn defuse(text: &str) -> String {
    match text.chars().next() {
        // A leading `'` is guarded too, so import takes off exactly what export added.
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{text}"),
        _ => text.to_string(),
    }
}

fn number(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

fn row(
    pathway: &str,
    kind: &str,
    owner: &str,
    phase: Phase,
    m: &Measure,
    reference: Option<Date>,
) -> Vec<String> {
    let mut row = vec![
        pathway.to_string(),
        kind.to_string(),
        owner.to_string(),
        phase.name().to_string(),
        m.id.clone(),
        defuse(&m.name),
        format!("{:?}", m.domain),
        defuse(&m.unit),
        crate::model::display_name(&format!("{:?}", m.direction)),
        number(m.value),
        number(Some(m.target)),
        number(m.amber),
        measure_status(m).word().to_string(),
        // Four places are plenty for a share, and keep the sheet readable.
        number(attainment(m).map(|a| (a * 1e4).round() / 1e4)),
        defuse(m.period.as_deref().unwrap_or("")),
        defuse(m.source.as_deref().unwrap_or("")),
    ];
    row.extend(trust_columns(m, reference));
    row
}

/// `variation`, `assurance` (empty under 12 points), `benchmark`, `benchmark_label` and
/// `currency` (`stale`, `period not understood`, or empty).
fn trust_columns(m: &Measure, reference: Option<Date>) -> [String; 5] {
    let chart = spc::chart(m);
    let (label, bench) = match &m.benchmark {
        Some((label, b)) => (defuse(label), b.to_string()),
        None => (String::new(), String::new()),
    };
    [
        chart
            .as_ref()
            .map_or(String::new(), |c| c.variation.word().to_string()),
        chart
            .as_ref()
            .map_or(String::new(), |c| c.assurance.word().to_string()),
        bench,
        label,
        Currency::of(m, reference).word().to_string(),
    ]
}

pub fn render(view: &View) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let write = |w: &mut csv::Writer<Vec<u8>>, record: &[String]| {
        w.write_record(record)
            .expect("writing to memory cannot fail");
    };
    write(&mut w, &HEADER.map(str::to_string));
    let reference = view.analysis.reference;
    for (_, pathway) in view.pathways() {
        for c in pathway.components() {
            for m in &c.measures {
                write(
                    &mut w,
                    &row(&pathway.id, "component", &c.id, c.phase, m, reference),
                );
            }
        }
        for l in pathway.links() {
            let phase = pathway
                .component(&l.from)
                .map_or(Phase::Prevention, |c| c.phase);
            let owner = format!("{}->{}", l.from, l.to);
            for m in &l.measures {
                write(
                    &mut w,
                    &row(&pathway.id, "link", &owner, phase, m, reference),
                );
            }
        }
    }
    let bytes = w.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("every field is a Rust string")
}
