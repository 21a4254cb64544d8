//! Equity: the same measure for groups of children (docs/format.md, "Equity").
//!
//! Each group of a breakdown is judged as the headline value is, with the measure's own
//! target, amber and direction; the breakdown's gap is its largest group attainment
//! minus its smallest.

use super::status::{Status, attainment, measure_status};
use crate::model::{Breakdown, Measure};

/// A gap of this much or more (to 1e-9) is an `EquityGap` finding.
pub const GAP_FINDING: f64 = 0.10;

/// One group of a breakdown, judged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Group {
    pub value: f64,
    pub attainment: f64,
    pub status: Status,
}

/// A breakdown, judged: its groups (in the author's order), its gap, and which groups
/// attain least and most (the first such in the author's order).
#[derive(Debug, Clone, PartialEq)]
pub struct Equity {
    pub groups: Vec<Group>,
    /// Largest group attainment minus smallest, in [0, 1].
    pub gap: f64,
    /// Position of the group with the smallest attainment.
    pub worst: usize,
    /// Position of the group with the largest attainment.
    pub best: usize,
}

impl Equity {
    /// Whether the gap is an `EquityGap` finding: 0.10 or more, to 1e-9.
    pub fn is_gap(&self) -> bool {
        is_gap(self.gap)
    }
}

/// Whether a gap is 0.10 or more, to 1e-9.
pub fn is_gap(gap: f64) -> bool {
    gap >= GAP_FINDING - 1e-9
}

/// The attainment and status of one group's value under `measure`'s rules.
pub fn group(measure: &Measure, value: f64) -> Group {
    let probe = Measure {
        value: Some(value),
        ..measure_rules(measure)
    };
    Group {
        value,
        attainment: attainment(&probe).unwrap_or(0.0),
        status: measure_status(&probe),
    }
}

/// Only what attainment and status read: no strings or lists are copied.
fn measure_rules(m: &Measure) -> Measure {
    Measure {
        id: String::new(),
        name: String::new(),
        domain: m.domain,
        unit: String::new(),
        direction: m.direction,
        target: m.target,
        amber: m.amber,
        value: None,
        period: None,
        source: None,
        benchmark: None,
        history: Vec::new(),
        breakdowns: Vec::new(),
        notes: String::new(),
    }
}

/// One breakdown of `measure`, judged. A validated breakdown has at least two groups;
/// one with none has a gap of 0 and `worst` = `best` = 0.
pub fn breakdown(measure: &Measure, breakdown: &Breakdown) -> Equity {
    let groups: Vec<Group> = breakdown
        .groups
        .iter()
        .map(|(_, v)| group(measure, *v))
        .collect();
    let (mut worst, mut best) = (0, 0);
    for (i, g) in groups.iter().enumerate() {
        if g.attainment < groups[worst].attainment {
            worst = i;
        }
        if g.attainment > groups[best].attainment {
            best = i;
        }
    }
    let gap = match groups.get(best).zip(groups.get(worst)) {
        Some((b, w)) => b.attainment - w.attainment,
        None => 0.0,
    };
    Equity {
        groups,
        gap,
        worst,
        best,
    }
}

/// Only the gap of a breakdown: what the findings need, with nothing allocated.
pub fn gap(measure: &Measure, breakdown: &Breakdown) -> f64 {
    let rules = measure_rules(measure);
    let (lo, hi) = breakdown
        .groups
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), (_, v)| {
            let probe = Measure {
                value: Some(*v),
                ..rules.clone()
            };
            let a = attainment(&probe).unwrap_or(0.0);
            (lo.min(a), hi.max(a))
        });
    if breakdown.groups.is_empty() {
        0.0
    } else {
        hi - lo
    }
}

/// Every breakdown of `measure`, judged, in the author's order.
pub fn breakdowns(measure: &Measure) -> Vec<Equity> {
    measure
        .breakdowns
        .iter()
        .map(|b| breakdown(measure, b))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Domain};

    fn measure(direction: Direction, target: f64, amber: Option<f64>) -> Measure {
        let mut m = Measure::new("m", "M", Domain::Equity, direction, target);
        m.amber = amber;
        m
    }

    fn split(groups: &[(&str, f64)]) -> Breakdown {
        Breakdown {
            by: "Deprivation quintile".into(),
            groups: groups.iter().map(|(l, v)| (l.to_string(), *v)).collect(),
        }
    }

    #[test]
    fn each_group_gets_attainment_and_status_by_the_measures_own_rules() {
        let m = measure(Direction::HigherIsBetter, 50.0, Some(40.0));
        let e = breakdown(&m, &split(&[("a", 55.0), ("b", 45.0), ("c", 30.0)]));
        let got: Vec<(f64, Status)> = e.groups.iter().map(|g| (g.attainment, g.status)).collect();
        assert_eq!(
            got,
            [
                (1.0, Status::Green),
                (0.9, Status::Amber),
                (0.6, Status::Red)
            ]
        );
        let lower = measure(Direction::LowerIsBetter, 10.0, None);
        let e = breakdown(&lower, &split(&[("a", 8.0), ("b", 11.0), ("c", 20.0)]));
        let got: Vec<Status> = e.groups.iter().map(|g| g.status).collect();
        assert_eq!(got, [Status::Green, Status::Amber, Status::Red]);
        assert!((e.groups[1].attainment - 10.0 / 11.0).abs() < 1e-12);
    }

    #[test]
    fn gap_is_largest_attainment_minus_smallest_with_its_groups() {
        let m = measure(Direction::HigherIsBetter, 50.0, None);
        let e = breakdown(&m, &split(&[("mid", 40.0), ("low", 29.0), ("high", 41.0)]));
        assert!((e.gap - (41.0 - 29.0) / 50.0).abs() < 1e-12);
        assert_eq!((e.worst, e.best), (1, 2));
        // Values past the target all attain 1: no gap among them.
        let e = breakdown(&m, &split(&[("a", 60.0), ("b", 90.0)]));
        assert_eq!(e.gap, 0.0);
        assert_eq!((e.worst, e.best), (0, 0), "the first among equals");
    }

    #[test]
    fn a_gap_of_exactly_a_tenth_is_a_finding_and_just_under_is_not() {
        let m = measure(Direction::HigherIsBetter, 100.0, None);
        let at = breakdown(&m, &split(&[("a", 80.0), ("b", 90.0)]));
        assert!(at.is_gap(), "{}", at.gap);
        // 0.7 - 0.6 is 0.09999999999999998 in f64: still a tenth, to 1e-9.
        let rounded = breakdown(&m, &split(&[("a", 60.0), ("b", 70.0)]));
        assert!(rounded.gap < 0.1 && rounded.is_gap());
        let under = breakdown(&m, &split(&[("a", 80.0), ("b", 89.999)]));
        assert!(!under.is_gap());
        assert!(is_gap(0.1 - 1e-10) && !is_gap(0.1 - 2e-9));
        // The allocation-free gap the findings use is the same number.
        for groups in [[("a", 80.0), ("b", 90.0)], [("a", 60.0), ("b", 70.0)]] {
            let b = split(&groups);
            assert_eq!(gap(&m, &b), breakdown(&m, &b).gap);
        }
    }

    #[test]
    fn lower_is_better_gaps_use_target_over_value() {
        let m = measure(Direction::LowerIsBetter, 18.0, None);
        let e = breakdown(&m, &split(&[("a", 18.0), ("b", 36.0)]));
        assert!((e.gap - 0.5).abs() < 1e-12);
        assert_eq!((e.worst, e.best), (1, 0));
    }

    #[test]
    fn the_headline_value_is_untouched() {
        let mut m = measure(Direction::HigherIsBetter, 50.0, None);
        m.value = Some(50.0);
        m.breakdowns = vec![split(&[("a", 10.0), ("b", 50.0)])];
        let e = breakdowns(&m);
        assert_eq!(e.len(), 1);
        assert_eq!(attainment(&m), Some(1.0));
    }
}
