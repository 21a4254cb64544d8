//! The words of a finding about one measure: plain English for a board paper.

use super::currency::{Date, date_text, period_end};
use super::equity;
use super::findings::{Finding, FindingKind};
use super::messages::with_unit;
use super::spc;
use crate::model::Measure;

/// "Insulin pump use at Paediatric diabetes unit: 29% in 1 most deprived against 41.1%
/// in 5 least deprived (by deprivation quintile), a gap of 0.24 of target". `owner` is
/// the component's name or "the link from A to B".
pub(super) fn measure_message(
    f: &Finding,
    m: &Measure,
    owner: &str,
    reference: Option<Date>,
) -> String {
    let name = format!("{} at {owner}", m.name);
    let unit = |x: f64| with_unit(short(x), &m.unit);
    match f.kind {
        FindingKind::EquityGap => {
            let Some(b) = f.breakdown.and_then(|b| m.breakdowns.get(b as usize)) else {
                return format!("{name}: groups of children are not served equally");
            };
            let e = equity::breakdown(m, b);
            let (worst, best) = (&b.groups[e.worst], &b.groups[e.best]);
            format!(
                "{name}: {} in {} against {} in {} (by {}), a gap of {:.2} of target",
                unit(worst.1),
                worst.0,
                unit(best.1),
                best.0,
                b.by.to_lowercase(),
                e.gap
            )
        }
        FindingKind::Deteriorating => {
            let last = spc::labels(m).last().copied().unwrap_or("");
            let when = if last.is_empty() {
                String::new()
            } else {
                format!(" ({last})")
            };
            format!("{name}: the last point{when} is a special-cause concern")
        }
        FindingKind::ConsistentlyFailing => {
            let limits = spc::chart(m)
                .map(|c| format!(", its limits are {} to {}", unit(c.lpl), unit(c.upl)))
                .unwrap_or_default();
            format!(
                "{name}: the process as it runs will not reach {}{limits}",
                unit(m.target)
            )
        }
        FindingKind::BelowBenchmark => {
            let (label, bench) = m.benchmark.clone().unwrap_or_default();
            format!(
                "{name} is {} against {} for {label}",
                unit(m.value.unwrap_or_default()),
                unit(bench)
            )
        }
        FindingKind::StaleData => {
            let period = m.period.as_deref().unwrap_or("");
            let ended = period_end(period).map(date_text).unwrap_or_default();
            let reference = reference.map(date_text).unwrap_or_default();
            format!(
                "{name}: the figure is for {period} (ended {ended}), more than three years before {reference}"
            )
        }
        _ => format!("{name}: {}", f.kind.label()),
    }
}

/// A number to at most two decimals, without trailing zeros: 29, 41.1, 0.33.
pub fn short(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r }
}
