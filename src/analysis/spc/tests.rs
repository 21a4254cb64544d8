use proptest::prelude::*;

use super::*;
use crate::model::Domain;

fn measure(direction: Direction, target: f64, values: &[f64]) -> Measure {
    let mut m = Measure::new("m", "M", Domain::Effectiveness, direction, target);
    let (last, history) = values.split_last().expect("a value");
    m.history = history
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("2024-{:02}", i % 12 + 1), *v))
        .collect();
    m.value = Some(*last);
    m
}

fn hi(values: &[f64]) -> Chart {
    chart_of(values.to_vec(), Direction::HigherIsBetter, 0.5)
}

fn special(c: &Chart) -> Vec<usize> {
    (0..c.points.len()).filter(|&i| c.is_special(i)).collect()
}

#[test]
fn eleven_points_give_no_chart_and_twelve_do() {
    let values: Vec<f64> = (0..12).map(|i| f64::from(i % 3)).collect();
    assert!(chart(&measure(Direction::HigherIsBetter, 1.0, &values[..11])).is_none());
    assert!(chart(&measure(Direction::HigherIsBetter, 1.0, &values)).is_some());
    // The series is the history then the value; without a value, the history alone.
    let mut m = measure(Direction::HigherIsBetter, 1.0, &values);
    m.value = None;
    assert!(chart(&m).is_none(), "11 history points and no value");
    m.history.push(("2025-01".into(), 1.0));
    assert_eq!(chart(&m).unwrap().points.len(), 12);
}

#[test]
fn series_and_labels_are_history_then_value() {
    let mut m = measure(Direction::HigherIsBetter, 1.0, &[1.0, 2.0, 3.0]);
    m.period = Some("2025-03".into());
    assert_eq!(series(&m), [1.0, 2.0, 3.0]);
    assert_eq!(labels(&m), ["2024-01", "2024-02", "2025-03"]);
}

#[test]
fn mean_moving_ranges_and_limits() {
    // Moving ranges 1,1,...: mean 1; limits mean ± 2.66.
    let values = [5.0, 6.0, 5.0, 6.0, 5.0, 6.0, 5.0, 6.0, 5.0, 6.0, 5.0, 6.0];
    let c = hi(&values);
    assert_eq!(c.mean, 5.5);
    assert_eq!(c.mean_range, 1.0);
    assert!((c.upl - 8.16).abs() < 1e-12 && (c.lpl - 2.84).abs() < 1e-12);
    assert!((c.near_upper - (5.5 + 2.66 * 2.0 / 3.0)).abs() < 1e-12);
    assert!((c.near_lower - (5.5 - 2.66 * 2.0 / 3.0)).abs() < 1e-12);
    assert!(special(&c).is_empty());
    assert_eq!(c.variation, Variation::CommonCause);
}

#[test]
fn large_moving_ranges_are_screened_before_the_limits() {
    // Ten ranges of 1 and one of 30: mean range 40/11 = 3.64; 30 >= 3.267 × 3.64, so it
    // is dropped and the mean range is 1.
    let mut values = vec![
        10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0,
    ];
    values.push(40.0);
    let c = hi(&values);
    assert_eq!(c.mean_range, 1.0);
    assert!(c.causes[11].outside);
    // A range just under the screen stays.
    let ranges = [1.0; 10];
    let first = (10.0 + 3.0) / 11.0;
    assert!(3.0 < 3.267 * first);
    let mut values = vec![0.0];
    for (i, r) in ranges.iter().enumerate() {
        values.push(if i % 2 == 0 { *r } else { 0.0 });
    }
    values.push(3.0);
    let c = hi(&values);
    assert!((c.mean_range - first).abs() < 1e-12);
}

#[test]
fn a_flat_series_has_zero_width_limits_and_no_special_cause() {
    let c = hi(&[4.0; 12]);
    assert_eq!((c.mean, c.mean_range, c.upl, c.lpl), (4.0, 0.0, 4.0, 4.0));
    assert!(special(&c).is_empty(), "every point is on the mean");
}

#[test]
fn seven_on_one_side_is_a_shift_and_six_is_not() {
    let mut v = vec![0.0, 1.0, 0.0, 1.0, 0.0];
    v.extend([2.0; 7]);
    v.extend([0.0, 1.0]);
    let c = hi(&v);
    assert!(c.mean < 2.0);
    let shifted: Vec<usize> = (0..v.len()).filter(|&i| c.causes[i].shift).collect();
    assert_eq!(shifted, (5..12).collect::<Vec<_>>());
    let mut six = vec![0.0, 1.0, 0.0, 1.0, 0.0, 1.0];
    six.extend([2.0; 6]);
    six.extend([0.0, 1.0]);
    assert!(hi(&six).causes.iter().all(|c| !c.shift));
}

#[test]
fn a_point_on_the_mean_breaks_a_run() {
    // Mean 0: three above, one on the mean, four above, then below to balance.
    let v = [
        1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, -2.0, -2.0, -2.0, -1.0,
    ];
    let c = hi(&v);
    assert_eq!(c.mean, 0.0);
    assert!(c.causes.iter().all(|c| !c.shift));
    // The same run without the point on the mean is a shift.
    let v = [
        1.0, 1.0, 1.0, 0.5, 1.0, 1.0, 1.0, 1.0, -2.0, -2.5, -2.0, -1.0,
    ];
    assert!(hi(&v).causes[..8].iter().all(|c| c.shift));
}

#[test]
fn seven_points_rising_is_a_trend_and_a_flat_step_breaks_it() {
    let mut v = vec![5.0, 4.0, 5.0, 4.0, 5.0];
    v.extend([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]);
    let c = hi(&v);
    let trend: Vec<usize> = (0..v.len()).filter(|&i| c.causes[i].trend).collect();
    assert_eq!(trend, (5..12).collect::<Vec<_>>());
    let mut six = vec![5.0, 4.0, 5.0, 4.0, 5.0, 4.0];
    six.extend([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    assert!(hi(&six).causes.iter().all(|c| !c.trend));
    let mut flat = vec![5.0, 4.0, 5.0, 4.0, 5.0];
    flat.extend([1.0, 2.0, 3.0, 3.0, 5.0, 6.0, 7.0]);
    assert!(hi(&flat).causes.iter().all(|c| !c.trend));
    let falling: Vec<f64> = (0..12)
        .map(|i| {
            if i < 5 {
                f64::from(i % 2)
            } else {
                20.0 - f64::from(i)
            }
        })
        .collect();
    assert!(hi(&falling).causes[5..12].iter().all(|c| c.trend));
}

#[test]
fn two_of_three_near_a_limit_on_one_side() {
    // Mean 2/3, mean range 1.5: the near-limit line is at 3.33, the limit at 4.66.
    let mut v = vec![0.0, 1.0, 0.0, -1.0, 0.0, 1.0, 0.0, -1.0, 0.0];
    v.extend([3.5, 1.0, 3.5]);
    let c = hi(&v);
    assert!(c.near_upper < 3.5 && 3.5 <= c.upl && c.mean < 1.0, "{c:?}");
    let near: Vec<usize> = (0..v.len()).filter(|&i| c.causes[i].near_limit).collect();
    assert_eq!(near, [9, 11]);
    // The middle point on the other side of the mean: not all three on one side.
    let mut v = vec![0.0, 1.0, 0.0, -1.0, 0.0, 1.0, 0.0, -1.0, 0.0];
    v.extend([3.5, -0.5, 3.5]);
    assert!(hi(&v).causes.iter().all(|c| !c.near_limit));
}

#[test]
fn variation_is_that_of_the_last_point_by_direction() {
    let mut v = vec![
        10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0,
    ];
    v.push(40.0);
    let up = chart_of(v.clone(), Direction::HigherIsBetter, 1.0);
    assert_eq!(up.variation, Variation::Improvement);
    let up = chart_of(v.clone(), Direction::LowerIsBetter, 1.0);
    assert_eq!(up.variation, Variation::Concern);
    *v.last_mut().unwrap() = -20.0;
    assert_eq!(
        chart_of(v.clone(), Direction::HigherIsBetter, 1.0).variation,
        Variation::Concern
    );
    assert_eq!(
        chart_of(v, Direction::LowerIsBetter, 1.0).variation,
        Variation::Improvement
    );
    // Special cause earlier in the series does not make the last point special.
    let v = [
        25.0, 0.0, 10.0, 11.0, 9.0, 10.0, 11.0, 9.0, 10.0, 11.0, 9.0, 10.0,
    ];
    let c = hi(&v);
    assert!(c.is_special(0));
    assert_eq!(c.variation, Variation::CommonCause);
}

#[test]
fn assurance_compares_the_target_with_the_limits() {
    let v = [5.0, 6.0, 5.0, 6.0, 5.0, 6.0, 5.0, 6.0, 5.0, 6.0, 5.0, 6.0]; // limits 2.84..8.16
    let a = |d, t| chart_of(v.to_vec(), d, t).assurance;
    use Direction::{HigherIsBetter as Hi, LowerIsBetter as Lo};
    assert_eq!(a(Hi, 9.0), Assurance::ConsistentlyFail);
    assert_eq!(a(Hi, 2.0), Assurance::ConsistentlyPass);
    assert_eq!(a(Hi, 5.0), Assurance::HitAndMiss);
    assert_eq!(
        a(Hi, 8.16),
        Assurance::HitAndMiss,
        "on the limit is not above it"
    );
    assert_eq!(a(Lo, 2.0), Assurance::ConsistentlyFail);
    assert_eq!(a(Lo, 9.0), Assurance::ConsistentlyPass);
    assert_eq!(a(Lo, 5.0), Assurance::HitAndMiss);
}

/// The rules written out point by point, window by window: slow and plain.
fn plain_causes(points: &[f64]) -> Vec<Causes> {
    let n = points.len();
    let mean = points.iter().sum::<f64>() / n as f64;
    let ranges: Vec<f64> = (1..n).map(|i| (points[i] - points[i - 1]).abs()).collect();
    let r0 = ranges.iter().sum::<f64>() / ranges.len() as f64;
    let kept: Vec<f64> = ranges.iter().copied().filter(|r| *r < 3.267 * r0).collect();
    let r = if kept.is_empty() {
        0.0
    } else {
        kept.iter().sum::<f64>() / kept.len() as f64
    };
    let (upl, lpl) = (mean + 2.66 * r, mean - 2.66 * r);
    let (nu, nl) = (mean + 2.66 * r * 2.0 / 3.0, mean - 2.66 * r * 2.0 / 3.0);
    let above = |x: f64| x > mean;
    let below = |x: f64| x < mean;
    let mut out = vec![Causes::default(); n];
    for i in 0..n {
        out[i].outside = points[i] > upl || points[i] < lpl;
        for a in 0..n {
            // Runs: windows of exactly 7 suffice, as any longer run contains them.
            if a + 7 <= n && (a..a + 7).contains(&i) {
                let w = &points[a..a + 7];
                if w.iter().all(|&x| above(x)) || w.iter().all(|&x| below(x)) {
                    out[i].shift = true;
                }
                if w.windows(2).all(|p| p[1] > p[0]) || w.windows(2).all(|p| p[1] < p[0]) {
                    out[i].trend = true;
                }
            }
            if a + 3 <= n && (a..a + 3).contains(&i) {
                let w = &points[a..a + 3];
                let in_up = |x: f64| x >= nu && x <= upl;
                let in_down = |x: f64| x <= nl && x >= lpl;
                if w.iter().all(|&x| above(x))
                    && w.iter().filter(|&&x| in_up(x)).count() >= 2
                    && in_up(points[i])
                {
                    out[i].near_limit = true;
                }
                if w.iter().all(|&x| below(x))
                    && w.iter().filter(|&&x| in_down(x)).count() >= 2
                    && in_down(points[i])
                {
                    out[i].near_limit = true;
                }
            }
        }
    }
    out
}

proptest! {
    #[test]
    fn rules_agree_with_a_plain_reading(
        // Small integers make ties, points on the mean and flat steps common.
        points in prop::collection::vec(-4i8..=4, 12..40),
        shifted in prop::collection::vec(0.0f64..100.0, 12..30),
    ) {
        for series in [
            points.iter().map(|&x| f64::from(x)).collect::<Vec<_>>(),
            shifted,
        ] {
            let chart = chart_of(series.clone(), Direction::HigherIsBetter, 1.0);
            prop_assert_eq!(&chart.causes, &plain_causes(&series));
            let last = *series.last().unwrap();
            let expected = if !chart.is_special(series.len() - 1) || last == chart.mean {
                Variation::CommonCause
            } else if last > chart.mean {
                Variation::Improvement
            } else {
                Variation::Concern
            };
            prop_assert_eq!(chart.variation, expected);
        }
    }

    #[test]
    fn sorted_series_trend_everywhere(start in -50i32..50, len in 12usize..30) {
        let rising: Vec<f64> = (0..len).map(|i| f64::from(start) + i as f64).collect();
        let c = chart_of(rising, Direction::LowerIsBetter, 0.0);
        prop_assert!(c.causes.iter().all(|c| c.trend));
        prop_assert_eq!(c.variation, Variation::Concern);
    }
}
