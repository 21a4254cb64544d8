//! Measures against targets: attainment, status, strength (README: status and weakest links).

use serde::Serialize;

use crate::model::{Direction, Measure};

/// A RAG status. `Red` < `Amber` < `Green` when taking the worst; `NoData` means no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Status {
    Red,
    Amber,
    Green,
    NoData,
}

impl Status {
    /// The word shown beside the symbol, so status is never shown by colour alone.
    pub fn word(self) -> &'static str {
        match self {
            Status::Red => "Red",
            Status::Amber => "Amber",
            Status::Green => "Green",
            Status::NoData => "No data",
        }
    }

    /// A symbol of its own for each status.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Red => "✗",
            Status::Amber => "!",
            Status::Green => "✓",
            Status::NoData => "?",
        }
    }

    /// The worse of two statuses; `NoData` gives way to any status with data.
    pub fn worst(self, other: Status) -> Status {
        match (self, other) {
            (Status::NoData, s) | (s, Status::NoData) => s,
            (a, b) => {
                if a.rank() <= b.rank() {
                    a
                } else {
                    b
                }
            }
        }
    }

    /// Worst first: Red 0, Amber 1, Green 2, NoData 3.
    pub fn rank(self) -> u8 {
        match self {
            Status::Red => 0,
            Status::Amber => 1,
            Status::Green => 2,
            Status::NoData => 3,
        }
    }
}

/// How far a value goes towards its target, in [0, 1]; `None` without a value.
///
/// `LowerIsBetter` with a target at or below 0 has no ratio to speak of when the value
/// is above 0 (the README's rules make it 0); when both are below 0, `v / t` keeps the meaning
/// "1 at the target, falling as the value moves away".
pub fn attainment(m: &Measure) -> Option<f64> {
    let (v, t) = (m.value?, m.target);
    let a = match m.direction {
        Direction::HigherIsBetter => v / t,
        Direction::LowerIsBetter if v <= t => 1.0,
        Direction::LowerIsBetter if t > 0.0 => t / v,
        Direction::LowerIsBetter if v > 0.0 => 0.0,
        Direction::LowerIsBetter => v / t,
    };
    Some(a.clamp(0.0, 1.0))
}

/// Green when the target is met; Amber at or inside `amber` (or attainment >= 0.9 without
/// one); otherwise Red. No value: NoData.
pub fn measure_status(m: &Measure) -> Status {
    let Some(v) = m.value else {
        return Status::NoData;
    };
    let at_or_better = |edge: f64| match m.direction {
        Direction::HigherIsBetter => v >= edge,
        Direction::LowerIsBetter => v <= edge,
    };
    if at_or_better(m.target) {
        Status::Green
    } else if match m.amber {
        Some(amber) => at_or_better(amber),
        None => attainment(m).is_some_and(|a| a >= 0.9),
    } {
        Status::Amber
    } else {
        Status::Red
    }
}

/// The strength and status of a component or link from its measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// The smallest attainment among measures with data; `None` when none has data.
    pub strength: Option<f64>,
    /// The worst status among measures with data; `NoData` when none has data.
    pub status: Status,
}

impl Score {
    pub fn of(measures: &[Measure]) -> Score {
        measures.iter().fold(
            Score {
                strength: None,
                status: Status::NoData,
            },
            |acc, m| match attainment(m) {
                None => acc,
                Some(a) => Score {
                    strength: Some(acc.strength.map_or(a, |s| s.min(a))),
                    status: acc.status.worst(measure_status(m)),
                },
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Domain;

    fn m(direction: Direction, target: f64, amber: Option<f64>, value: Option<f64>) -> Measure {
        let mut m = Measure::new("m", "m", Domain::Safety, direction, target);
        m.amber = amber;
        m.value = value;
        m
    }

    use Direction::{HigherIsBetter as Hi, LowerIsBetter as Lo};
    use Status::{Amber, Green, NoData, Red};

    /// (direction, target, amber, value, status, attainment)
    type Row = (
        Direction,
        f64,
        Option<f64>,
        Option<f64>,
        Status,
        Option<f64>,
    );

    #[test]
    fn status_table() {
        // (direction, target, amber, value, status, attainment)
        let table: &[Row] = &[
            (Hi, 100.0, None, Some(100.0), Green, Some(1.0)),
            (Hi, 100.0, None, Some(120.0), Green, Some(1.0)),
            (Hi, 100.0, None, Some(90.0), Amber, Some(0.9)),
            (Hi, 100.0, None, Some(89.99), Red, Some(0.8999)),
            (Hi, 100.0, None, Some(-5.0), Red, Some(0.0)),
            (Hi, 100.0, Some(80.0), Some(80.0), Amber, Some(0.8)),
            (Hi, 100.0, Some(80.0), Some(99.99), Amber, Some(0.9999)),
            (Hi, 100.0, Some(80.0), Some(79.99), Red, Some(0.7999)),
            (Hi, 100.0, Some(95.0), Some(92.0), Red, Some(0.92)),
            (Hi, 100.0, Some(100.0), Some(99.0), Red, Some(0.99)),
            (Hi, 100.0, None, None, NoData, None),
            (Lo, 15.0, None, Some(15.0), Green, Some(1.0)),
            (Lo, 15.0, None, Some(10.0), Green, Some(1.0)),
            (Lo, 15.0, Some(20.0), Some(20.0), Amber, Some(0.75)),
            (Lo, 15.0, Some(20.0), Some(20.01), Red, Some(15.0 / 20.01)),
            (Lo, 15.0, Some(20.0), Some(25.6), Red, Some(15.0 / 25.6)),
            (Lo, 18.0, None, Some(20.0), Amber, Some(0.9)),
            (Lo, 18.0, None, Some(20.1), Red, Some(18.0 / 20.1)),
            (Lo, 0.0, None, Some(0.0), Green, Some(1.0)),
            (Lo, 0.0, None, Some(-1.0), Green, Some(1.0)),
            (Lo, 0.0, None, Some(0.5), Red, Some(0.0)),
            (Lo, 0.0, Some(1.0), Some(0.5), Amber, Some(0.0)),
            (Lo, 0.0, Some(1.0), Some(1.0), Amber, Some(0.0)),
            (Lo, -10.0, None, Some(-5.0), Red, Some(0.5)),
            (Lo, -10.0, None, Some(-9.0), Amber, Some(0.9)),
            (Lo, 15.0, None, None, NoData, None),
        ];
        for &(dir, t, amber, v, status, att) in table {
            let measure = m(dir, t, amber, v);
            assert_eq!(
                measure_status(&measure),
                status,
                "{dir:?} t={t} amber={amber:?} v={v:?}"
            );
            match (attainment(&measure), att) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "{a} vs {b} for v={v:?}"),
                (a, b) => assert_eq!(a, b),
            }
        }
    }

    #[test]
    fn worst_ignores_no_data() {
        assert_eq!(Green.worst(Red), Red);
        assert_eq!(Amber.worst(Green), Amber);
        assert_eq!(NoData.worst(Green), Green);
        assert_eq!(Red.worst(NoData), Red);
        assert_eq!(NoData.worst(NoData), NoData);
    }

    #[test]
    fn score_takes_weakest_measure_with_data() {
        let ms = [
            m(Hi, 100.0, None, Some(95.0)),
            m(Lo, 10.0, Some(20.0), Some(15.0)),
            m(Hi, 100.0, None, None),
        ];
        let s = Score::of(&ms);
        assert_eq!(s.status, Amber);
        assert!((s.strength.unwrap() - 10.0 / 15.0).abs() < 1e-12);
        let none = Score::of(&[m(Hi, 1.0, None, None)]);
        assert_eq!((none.strength, none.status), (None, NoData));
        assert_eq!(Score::of(&[]).status, NoData);
    }
}
