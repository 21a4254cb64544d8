//! The findings about single measures (docs/format.md, "Equity", "Measures over time",
//! "Benchmarks and currency"): an equity gap, a deteriorating or consistently failing
//! process, a value worse than its benchmark, a figure more than three years old.

use super::currency::{Date, below_benchmark, measure_is_stale};
use super::equity;
use super::findings::{Finding, FindingKind, Severity};
use super::spc::{self, Assurance, Variation};
use super::{PathwayAnalysis, Target};
use crate::model::{Measure, Pathway, Phase};

/// Adds the measure findings of pathway `index` to `found`.
pub(super) fn measure_findings(
    index: usize,
    pathway: &Pathway,
    analysis: &PathwayAnalysis,
    reference: Option<Date>,
    found: &mut Vec<Finding>,
) {
    let components = pathway.components();
    for (i, (c, a)) in components.iter().zip(&analysis.components).enumerate() {
        let owner = Owner {
            pathway: index,
            target: Target::Component(i),
            phase: c.phase,
            impact: a.impact,
            reach: a.reach,
        };
        owner.judge(&c.measures, reference, found);
    }
    for (j, (l, a)) in pathway.links().iter().zip(&analysis.links).enumerate() {
        if l.measures.is_empty() {
            continue;
        }
        let Some((from, _)) = pathway.link_ends(j) else {
            continue;
        };
        let owner = Owner {
            pathway: index,
            target: Target::Link(j),
            phase: components[from].phase,
            impact: a.impact,
            reach: a.reach,
        };
        owner.judge(&l.measures, reference, found);
    }
}

/// The component or link whose measures are judged.
struct Owner {
    pathway: usize,
    target: Target,
    phase: Phase,
    impact: Option<f64>,
    reach: f64,
}

impl Owner {
    fn judge(&self, measures: &[Measure], reference: Option<Date>, found: &mut Vec<Finding>) {
        for (k, m) in measures.iter().enumerate() {
            let k = k as u32;
            for (b, breakdown) in m.breakdowns.iter().enumerate() {
                let gap = equity::gap(m, breakdown);
                if equity::is_gap(gap) {
                    let mut f = self.finding(FindingKind::EquityGap, Severity::Medium, k);
                    f.impact = Some(gap * self.reach);
                    f.breakdown = Some(b as u32);
                    found.push(f);
                }
            }
            if let Some(chart) = spc::chart(m) {
                if chart.variation == Variation::Concern {
                    found.push(self.finding(FindingKind::Deteriorating, Severity::Medium, k));
                }
                if chart.assurance == Assurance::ConsistentlyFail {
                    found.push(self.finding(FindingKind::ConsistentlyFailing, Severity::Medium, k));
                }
            }
            if below_benchmark(m) {
                found.push(self.finding(FindingKind::BelowBenchmark, Severity::Low, k));
            }
            if measure_is_stale(m, reference) {
                found.push(self.finding(FindingKind::StaleData, Severity::Low, k));
            }
        }
    }

    /// A finding about measure `k`: it takes its owner's impact, 0 when that has none.
    fn finding(&self, kind: FindingKind, severity: Severity, k: u32) -> Finding {
        Finding {
            kind,
            severity,
            pathway: self.pathway,
            target: Some(self.target),
            impact: Some(self.impact.unwrap_or(0.0)),
            phase: self.phase,
            measure: Some(k),
            breakdown: None,
        }
    }
}
