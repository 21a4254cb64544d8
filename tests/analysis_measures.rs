//! docs/format.md ("How carepath reads the figures") and the measure findings of the README: equity gaps, deteriorating and
//! consistently failing processes, benchmarks and stale data, their impacts and order.

mod common;

use carepath::analysis::{FindingKind, Messages, Severity, analyse};
use carepath::model::{Breakdown, Condition, Direction, Domain, Measure, Network, Phase};
use common::Builder;

use FindingKind::*;

fn measure(id: &str, name: &str, direction: Direction, target: f64, value: f64) -> Measure {
    let mut m = Measure::new(id, name, Domain::Equity, direction, target);
    m.unit = "%".into();
    m.value = Some(value);
    m
}

fn split(by: &str, groups: &[(&str, f64)]) -> Breakdown {
    Breakdown {
        by: by.into(),
        groups: groups.iter().map(|(l, v)| (l.to_string(), *v)).collect(),
    }
}

/// a → b → c, with b carrying `measures` (several journeys do not matter here).
fn on_b(measures: Vec<Measure>) -> Network {
    let mut b = Builder::new(Condition::ShortTerm)
        .c("a", Phase::Recognition)
        .c("b", Phase::Assessment)
        .c("c", Phase::Management)
        .chain(&["a", "b", "c"]);
    for m in measures {
        b = b.measure("b", m);
    }
    b.build()
}

/// (kind, severity, measure id, impact, message) of every measure finding.
fn found(network: &Network) -> Vec<(FindingKind, Severity, String, f64, String)> {
    let analysis = analyse(network);
    let messages = Messages::new(network, &analysis);
    analysis
        .findings
        .iter()
        .filter_map(|f| {
            let m = f.measure(network)?;
            Some((
                f.kind,
                f.severity,
                m.id.clone(),
                f.impact.expect("a measure finding has an impact"),
                messages.of(f),
            ))
        })
        .collect()
}

#[test]
fn an_equity_gap_of_a_tenth_or_more_is_a_medium_finding_taking_gap_times_reach() {
    let mut pump = measure(
        "pump",
        "Insulin pump use",
        Direction::HigherIsBetter,
        50.0,
        50.0,
    );
    pump.breakdowns = vec![split(
        "Deprivation quintile",
        &[
            ("1 most deprived", 29.0),
            ("3", 35.0),
            ("5 least deprived", 41.0),
        ],
    )];
    let f = found(&on_b(vec![pump.clone()]));
    assert_eq!(f.len(), 1, "{f:#?}");
    let (kind, severity, id, impact, message) = &f[0];
    assert_eq!(
        (*kind, *severity, id.as_str()),
        (EquityGap, Severity::Medium, "pump")
    );
    // Every journey passes b: reach 1, so the impact is the gap, 12 / 50.
    assert!((impact - 0.24).abs() < 1e-12, "{impact}");
    assert_eq!(
        message,
        "Insulin pump use at b: 29% in 1 most deprived against 41% in 5 least deprived \
         (by deprivation quintile), a gap of 0.24 of target"
    );
    // A gap of exactly 0.10 is a finding; just under it is not.
    pump.breakdowns = vec![split("Ethnicity", &[("a", 40.0), ("b", 45.0)])];
    assert_eq!(found(&on_b(vec![pump.clone()]))[0].0, EquityGap);
    pump.breakdowns = vec![split("Ethnicity", &[("a", 40.0), ("b", 44.99)])];
    assert!(found(&on_b(vec![pump])).is_empty());
}

#[test]
fn each_breakdown_with_a_gap_is_its_own_finding() {
    let mut pump = measure("pump", "Pump", Direction::HigherIsBetter, 50.0, 40.0);
    pump.breakdowns = vec![
        split("Deprivation", &[("most", 20.0), ("least", 40.0)]),
        split("Ethnicity", &[("x", 30.0), ("y", 31.0)]),
        split("Place", &[("north", 25.0), ("south", 50.0)]),
    ];
    let f = found(&on_b(vec![pump]));
    let gaps: Vec<f64> = f.iter().filter(|x| x.0 == EquityGap).map(|x| x.3).collect();
    // Ranked by impact: the place gap (0.5) before deprivation (0.4).
    assert_eq!(gaps.len(), 2);
    assert!((gaps[0] - 0.5).abs() < 1e-12 && (gaps[1] - 0.4).abs() < 1e-12);
}

/// 12 monthly points, the last a special-cause low.
fn falling_last(id: &str, target: f64) -> Measure {
    let mut m = measure(
        id,
        "Seen within 18 weeks",
        Direction::HigherIsBetter,
        target,
        40.0,
    );
    m.history = (0..11)
        .map(|i| {
            (
                format!("2024-{:02}", i + 1),
                if i % 2 == 0 { 80.0 } else { 82.0 },
            )
        })
        .collect();
    m.period = Some("2024-12".into());
    m
}

#[test]
fn a_special_cause_concern_at_the_last_point_is_deteriorating() {
    let f = found(&on_b(vec![falling_last("wait", 60.0)]));
    let kinds: Vec<FindingKind> = f.iter().map(|x| x.0).collect();
    assert_eq!(kinds, [Deteriorating]);
    assert_eq!(
        f[0].4,
        "Seen within 18 weeks at b: the last point (2024-12) is a special-cause concern"
    );
    // b's strength is 40/60: the finding takes b's impact.
    assert!((f[0].3 - (1.0 - 40.0 / 60.0)).abs() < 1e-12);
    // Eleven points: no chart, no finding.
    let mut short = falling_last("wait", 60.0);
    short.history.remove(0);
    assert!(found(&on_b(vec![short])).is_empty());
}

#[test]
fn a_target_beyond_the_limits_is_consistently_failing() {
    // Points 80..82 (limits about 76.5 to 86) and a target of 95 out of reach.
    let mut m = falling_last("wait", 95.0);
    m.value = Some(81.0);
    let f = found(&on_b(vec![m]));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!((f[0].0, f[0].1), (ConsistentlyFailing, Severity::Medium));
    assert!(
        f[0].4
            .starts_with("Seen within 18 weeks at b: the process as it runs will not reach 95%"),
        "{}",
        f[0].4
    );
}

#[test]
fn a_value_worse_than_its_benchmark_is_low() {
    let mut m = measure("pump", "Pump use", Direction::HigherIsBetter, 40.0, 45.0);
    m.benchmark = Some(("England 2022/23".into(), 51.0));
    let f = found(&on_b(vec![m.clone()]));
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].0, f[0].1), (BelowBenchmark, Severity::Low));
    assert_eq!(
        f[0].4,
        "Pump use at b is 45% against 51% for England 2022/23"
    );
    // Green: b has strength 1 and impact 0, which the finding takes.
    assert_eq!(f[0].3, 0.0);
    m.benchmark = Some(("England".into(), 45.0));
    assert!(found(&on_b(vec![m])).is_empty(), "equal is not worse");
}

#[test]
fn a_finding_on_an_unmeasured_owner_takes_impact_zero() {
    let mut m = Measure::new(
        "pump",
        "Pump use",
        Domain::Equity,
        Direction::HigherIsBetter,
        40.0,
    );
    m.breakdowns = vec![split("Place", &[("x", 10.0), ("y", 40.0)])];
    m.period = Some("2015".into());
    let mut n = on_b(vec![m]);
    n.as_of = Some("2025-01-01".into());
    let f = found(&n);
    let kinds: Vec<(FindingKind, f64)> = f.iter().map(|x| (x.0, x.3)).collect();
    assert_eq!(kinds, [(EquityGap, 0.75), (StaleData, 0.0)]);
}

#[test]
fn stale_when_the_period_ended_more_than_three_years_before_the_reference_date() {
    let with_period = |id: &str, period: &str| {
        let mut m = measure(id, "Pump use", Direction::HigherIsBetter, 40.0, 45.0);
        m.period = Some(period.into());
        m
    };
    // No as_of: the reference date is the latest period end, 2025-03-31 (2024/25).
    let n = on_b(vec![
        with_period("old", "2021/22"),
        with_period("older", "2011-12"),
        with_period("new", "2024/25"),
        with_period("odd", "sometime"),
    ]);
    let f = found(&n);
    let stale: Vec<&str> = f
        .iter()
        .filter(|x| x.0 == StaleData)
        .map(|x| x.2.as_str())
        .collect();
    assert_eq!(
        stale,
        ["older"],
        "2021/22 ends three years to the day before"
    );
    assert_eq!(
        f[0].4,
        "Pump use at b: the figure is for 2011-12 (ended 2012-03-31), more than three \
         years before 2025-03-31"
    );
    // as_of one day later makes 2021/22 stale too; measure order breaks the tie.
    let mut n = n;
    n.as_of = Some("2025-04-01".into());
    let stale: Vec<String> = found(&n)
        .into_iter()
        .filter(|x| x.0 == StaleData)
        .map(|x| x.2)
        .collect();
    assert_eq!(stale, ["old", "older"]);
}

#[test]
fn measure_findings_order_by_kind_then_measure() {
    let mut first = measure("first", "First", Direction::HigherIsBetter, 40.0, 45.0);
    first.benchmark = Some(("England".into(), 50.0));
    first.period = Some("2010".into());
    let mut second = measure("second", "Second", Direction::HigherIsBetter, 40.0, 45.0);
    second.benchmark = Some(("England".into(), 50.0));
    second.period = Some("2024".into());
    let f = found(&on_b(vec![second.clone(), first.clone()]));
    let order: Vec<(FindingKind, &str)> = f.iter().map(|x| (x.0, x.2.as_str())).collect();
    assert_eq!(
        order,
        [
            (BelowBenchmark, "second"),
            (BelowBenchmark, "first"),
            (StaleData, "first"),
        ]
    );
}

#[test]
fn link_measures_are_judged_and_named_by_their_link() {
    let mut m = measure(
        "wait",
        "Referral wait",
        Direction::LowerIsBetter,
        14.0,
        20.0,
    );
    m.benchmark = Some(("Peers".into(), 18.0));
    let n = Builder::new(Condition::ShortTerm)
        .c("a", Phase::Recognition)
        .c("b", Phase::Assessment)
        .link("a", "b")
        .link_measure("a", "b", m)
        .build();
    let f = found(&n);
    let below: Vec<&str> = f
        .iter()
        .filter(|x| x.0 == BelowBenchmark)
        .map(|x| x.4.as_str())
        .collect();
    assert_eq!(
        below,
        ["Referral wait at the link from a to b is 20% against 18% for Peers"]
    );
}

#[test]
fn the_headline_value_still_sets_strength() {
    let mut m = measure("pump", "Pump", Direction::HigherIsBetter, 50.0, 50.0);
    m.breakdowns = vec![split("Place", &[("x", 5.0), ("y", 50.0)])];
    let n = on_b(vec![m]);
    let a = analyse(&n);
    assert_eq!(a.pathways[0].components[1].score.strength, Some(1.0));
}
