//! `"measures"` of each component in `check --format json`: status, attainment, the
//! chart's variation, assurance and numbers, and each breakdown's gap.

use serde::Serialize;

use crate::analysis::spc::{self, Assurance, Variation};
use crate::analysis::{Status, attainment, equity, measure_status};
use crate::model::Measure;

#[derive(Serialize)]
pub(super) struct MeasureReport<'a> {
    id: &'a str,
    status: Status,
    attainment: Option<f64>,
    variation: Option<Variation>,
    assurance: Option<Assurance>,
    mean: Option<f64>,
    upl: Option<f64>,
    lpl: Option<f64>,
    equity: Vec<EquityReport<'a>>,
}

#[derive(Serialize)]
struct EquityReport<'a> {
    by: &'a str,
    gap: f64,
    /// The label of the group attaining least.
    worst: &'a str,
    best: &'a str,
}

pub(super) fn measure_reports(measures: &[Measure]) -> Vec<MeasureReport<'_>> {
    measures.iter().map(report).collect()
}

fn report(m: &Measure) -> MeasureReport<'_> {
    let chart = spc::chart(m);
    let equity = m
        .breakdowns
        .iter()
        .map(|b| {
            let e = equity::breakdown(m, b);
            let label = |i: usize| b.groups.get(i).map_or("", |g| g.0.as_str());
            EquityReport {
                by: &b.by,
                gap: e.gap,
                worst: label(e.worst),
                best: label(e.best),
            }
        })
        .collect();
    MeasureReport {
        id: &m.id,
        status: measure_status(m),
        attainment: attainment(m),
        variation: chart.as_ref().map(|c| c.variation),
        assurance: chart.as_ref().map(|c| c.assurance),
        mean: chart.as_ref().map(|c| c.mean),
        upl: chart.as_ref().map(|c| c.upl),
        lpl: chart.as_ref().map(|c| c.lpl),
        equity,
    }
}
