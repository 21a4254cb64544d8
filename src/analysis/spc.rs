//! Measures over time as an XmR chart, as NHS England's *Making Data Count* reads them
//! (docs/format.md, "Measures over time"). Plain numbers: drawing is elsewhere.

use serde::Serialize;

use crate::model::{Direction, Measure};

/// Fewer points than this: no chart.
pub const MIN_POINTS: usize = 12;
/// A run or trend of this many points is special cause.
pub const RUN: usize = 7;
/// Moving ranges of this many times their mean or more are screened out.
const SCREEN: f64 = 3.267;
/// Process limits lie this many mean moving ranges from the mean.
const LIMIT: f64 = 2.66;

/// What the last point says (the *Making Data Count* variation icons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Variation {
    CommonCause,
    Improvement,
    Concern,
}

impl Variation {
    pub fn word(self) -> &'static str {
        match self {
            Variation::CommonCause => "common cause",
            Variation::Improvement => "improving",
            Variation::Concern => "concern",
        }
    }

    /// A symbol of its own, so it is never shown by colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Variation::CommonCause => "~",
            Variation::Improvement => "▲",
            Variation::Concern => "▼",
        }
    }
}

/// Whether the process as it runs meets the target (the assurance icons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Assurance {
    ConsistentlyPass,
    ConsistentlyFail,
    HitAndMiss,
}

impl Assurance {
    pub fn word(self) -> &'static str {
        match self {
            Assurance::ConsistentlyPass => "consistently pass",
            Assurance::ConsistentlyFail => "consistently fail",
            Assurance::HitAndMiss => "hit and miss",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Assurance::ConsistentlyPass => "P",
            Assurance::ConsistentlyFail => "F",
            Assurance::HitAndMiss => "?",
        }
    }
}

/// Why a point is special cause: any of four rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Causes {
    /// Outside the process limits.
    pub outside: bool,
    /// One of 7 or more consecutive points on the same side of the mean.
    pub shift: bool,
    /// One of 7 or more consecutive points each strictly higher (or lower) than the one
    /// before.
    pub trend: bool,
    /// One of 2 out of 3 consecutive points between a near-limit line and its limit,
    /// all 3 on the same side of the mean.
    pub near_limit: bool,
}

impl Causes {
    pub fn any(self) -> bool {
        self.outside || self.shift || self.trend || self.near_limit
    }
}

/// An XmR chart of a measure's series: its history, oldest first, then its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub points: Vec<f64>,
    /// Per point, why it is special cause (all false: common cause).
    pub causes: Vec<Causes>,
    pub mean: f64,
    /// The mean moving range after the screen.
    pub mean_range: f64,
    /// Upper and lower process limits: mean ± 2.66 × mean moving range.
    pub upl: f64,
    pub lpl: f64,
    /// Near-limit lines: mean ± (2/3) × 2.66 × mean moving range.
    pub near_upper: f64,
    pub near_lower: f64,
    pub variation: Variation,
    pub assurance: Assurance,
    /// The measure's direction: which side of the mean is better.
    pub direction: Direction,
}

impl Chart {
    pub fn is_special(&self, i: usize) -> bool {
        self.causes.get(i).is_some_and(|c| c.any())
    }
}

/// The measure's series: its history values, oldest first, then its value if it has one.
pub fn series(measure: &Measure) -> Vec<f64> {
    measure
        .history
        .iter()
        .map(|(_, v)| *v)
        .chain(measure.value)
        .collect()
}

/// The label of each point of the series: its history period, then the measure's own
/// period (empty where there is none).
pub fn labels(measure: &Measure) -> Vec<&str> {
    let own = measure
        .value
        .map(|_| measure.period.as_deref().unwrap_or(""));
    measure
        .history
        .iter()
        .map(|(p, _)| p.as_str())
        .chain(own)
        .collect()
}

/// The XmR chart of `measure`, or `None` under 12 points.
pub fn chart(measure: &Measure) -> Option<Chart> {
    let n = measure.history.len() + usize::from(measure.value.is_some());
    if n < MIN_POINTS {
        return None;
    }
    Some(chart_of(series(measure), measure.direction, measure.target))
}

/// The XmR chart of `points` (at least two) for a measure with this direction and
/// target.
pub fn chart_of(points: Vec<f64>, direction: Direction, target: f64) -> Chart {
    let n = points.len() as f64;
    let mean = points.iter().sum::<f64>() / n;
    let mean_range = screened_mean_range(&points);
    let width = LIMIT * mean_range;
    let (upl, lpl) = (mean + width, mean - width);
    let (near_upper, near_lower) = (mean + width * 2.0 / 3.0, mean - width * 2.0 / 3.0);
    let mut causes = vec![Causes::default(); points.len()];
    for (c, &x) in causes.iter_mut().zip(&points) {
        c.outside = x > upl || x < lpl;
    }
    let sides: Vec<i8> = points.iter().map(|&x| side(x, mean)).collect();
    mark_runs(&sides, false, &mut causes, |c| c.shift = true);
    let steps: Vec<i8> = std::iter::once(0)
        .chain(points.windows(2).map(|w| side(w[1], w[0])))
        .collect();
    mark_runs(&steps, true, &mut causes, |c| c.trend = true);
    mark_near_limits(
        &points,
        &mut causes,
        mean,
        (near_lower, lpl),
        (near_upper, upl),
    );
    let last = points.len() - 1;
    let variation = if causes[last].any() {
        let better = match direction {
            Direction::HigherIsBetter => 1,
            Direction::LowerIsBetter => -1,
        };
        match side(points[last], mean) {
            0 => Variation::CommonCause,
            s if s == better => Variation::Improvement,
            _ => Variation::Concern,
        }
    } else {
        Variation::CommonCause
    };
    let (fail_above, pass_above) = match direction {
        Direction::HigherIsBetter => (target > upl, target < lpl),
        Direction::LowerIsBetter => (target < lpl, target > upl),
    };
    let assurance = if fail_above {
        Assurance::ConsistentlyFail
    } else if pass_above {
        Assurance::ConsistentlyPass
    } else {
        Assurance::HitAndMiss
    };
    Chart {
        points,
        causes,
        mean,
        mean_range,
        upl,
        lpl,
        near_upper,
        near_lower,
        variation,
        assurance,
        direction,
    }
}

/// The mean of the moving ranges, taken again without those of 3.267 times the mean or
/// more. With every range screened out (all equal to 0), it is 0.
fn screened_mean_range(points: &[f64]) -> f64 {
    let ranges: Vec<f64> = points.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    if ranges.is_empty() {
        return 0.0;
    }
    let first = ranges.iter().sum::<f64>() / ranges.len() as f64;
    let (sum, count) = ranges
        .iter()
        .filter(|&&r| r < SCREEN * first)
        .fold((0.0, 0usize), |(s, c), r| (s + r, c + 1));
    if count == 0 { 0.0 } else { sum / count as f64 }
}

/// 1 above the mean, -1 below, 0 on it.
fn side(x: f64, mean: f64) -> i8 {
    (x > mean) as i8 - (x < mean) as i8
}

/// Marks every point of each run of `RUN` or more consecutive points with the same
/// non-zero key (0 breaks a run: a point on the mean, or no step). With `steps`, the key
/// of point i is its step from point i - 1, so a run of k steps spans k + 1 points, the
/// one it starts from included.
fn mark_runs(keys: &[i8], steps: bool, causes: &mut [Causes], mark: impl Fn(&mut Causes)) {
    let mut start = 0;
    while start < keys.len() {
        let mut end = start;
        while end + 1 < keys.len() && keys[end + 1] == keys[start] {
            end += 1;
        }
        if keys[start] != 0 {
            let first = if steps { start - 1 } else { start };
            if end + 1 - first >= RUN {
                causes[first..=end].iter_mut().for_each(&mark);
            }
        }
        start = end + 1;
    }
}

/// Two out of three consecutive points between a near-limit line and its limit, all
/// three on the same side of the mean: the points in the band are marked.
fn mark_near_limits(
    points: &[f64],
    causes: &mut [Causes],
    mean: f64,
    (near_lower, lpl): (f64, f64),
    (near_upper, upl): (f64, f64),
) {
    let band = |x: f64, s: i8| match s {
        1 => x >= near_upper && x <= upl,
        -1 => x <= near_lower && x >= lpl,
        _ => false,
    };
    for start in 0..points.len().saturating_sub(2) {
        let three = &points[start..start + 3];
        let s = side(three[0], mean);
        if s == 0 || three.iter().any(|&x| side(x, mean) != s) {
            continue;
        }
        if three.iter().filter(|&&x| band(x, s)).count() >= 2 {
            for (k, &x) in three.iter().enumerate() {
                if band(x, s) {
                    causes[start + k].near_limit = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
