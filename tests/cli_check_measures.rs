//! `carepath check` on measures with breakdowns, histories, benchmarks and periods: the
//! JSON additions of 1.1 (README, "check --format json") (per component "measures", each finding's "measure") and
//! the plain words of the text report.

mod common;

use carepath::model::{Breakdown, Condition, Direction, Domain, Measure, Network, Phase};
use common::Builder;
use common::cli::{carepath, files};
use serde_json::Value;

fn pump() -> Measure {
    let mut m = Measure::new(
        "pump",
        "Pump use",
        Domain::Equity,
        Direction::HigherIsBetter,
        50.0,
    );
    m.unit = "%".into();
    m.value = Some(45.0);
    m.period = Some("2022/23".into());
    m.benchmark = Some(("England 2022/23".into(), 51.0));
    m.breakdowns = vec![
        Breakdown {
            by: "Deprivation quintile".into(),
            groups: vec![
                ("1 most deprived".into(), 29.0),
                ("5 least deprived".into(), 41.0),
            ],
        },
        Breakdown {
            by: "Sex".into(),
            groups: vec![("Girls".into(), 45.0), ("Boys".into(), 44.0)],
        },
    ];
    m
}

/// Weeks waited, 12 points, the last far above the rest: a special-cause concern.
fn waits() -> Measure {
    let mut m = Measure::new(
        "waits",
        "Waits",
        Domain::Efficiency,
        Direction::LowerIsBetter,
        18.0,
    );
    m.unit = "weeks".into();
    m.history = (1..=11)
        .map(|i| (format!("2024-{i:02}"), if i % 2 == 0 { 20.0 } else { 21.0 }))
        .collect();
    m.value = Some(30.0);
    m.period = Some("2024-12".into());
    m
}

fn network() -> Network {
    let mut old = Measure::new(
        "old",
        "Old figure",
        Domain::Safety,
        Direction::LowerIsBetter,
        10.0,
    );
    old.value = Some(5.0);
    old.period = Some("2013/14".into());
    let mut n = Builder::new(Condition::ShortTerm)
        .c("a", Phase::Recognition)
        .c("b", Phase::Assessment)
        .link("a", "b")
        .measure("b", pump())
        .measure("b", waits())
        .measure("a", old)
        .build();
    n.as_of = Some("2025-03-31".into());
    n
}

#[test]
fn json_gives_each_measure_its_chart_and_equity_and_each_finding_its_measure() {
    let dir = files(&[("n.ron", network())]);
    let run = carepath(dir.path(), &["check", "--format", "json", "n.ron"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let file = &json["files"][0];
    let b = &file["pathways"][0]["components"][1];
    assert_eq!(b["id"], "b");
    let measures = b["measures"].as_array().unwrap();
    assert_eq!(measures.len(), 2);
    let pump = &measures[0];
    let mut keys: Vec<&String> = pump.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "assurance",
            "attainment",
            "equity",
            "id",
            "lpl",
            "mean",
            "status",
            "upl",
            "variation"
        ]
    );
    assert_eq!(pump["id"], "pump");
    assert_eq!(pump["status"], "Amber");
    assert_eq!(pump["attainment"], 0.9);
    for field in ["variation", "assurance", "mean", "upl", "lpl"] {
        assert!(pump[field].is_null(), "{field} is null under 12 points");
    }
    let equity = pump["equity"].as_array().unwrap();
    assert_eq!(equity.len(), 2, "every breakdown, gap or not");
    assert_eq!(equity[0]["by"], "Deprivation quintile");
    assert!((equity[0]["gap"].as_f64().unwrap() - 0.24).abs() < 1e-12);
    assert_eq!(equity[0]["worst"], "1 most deprived");
    assert_eq!(equity[0]["best"], "5 least deprived");
    assert_eq!(
        (&equity[1]["worst"], &equity[1]["best"]),
        (&Value::from("Boys"), &Value::from("Girls"))
    );

    let waits = &measures[1];
    assert_eq!(waits["variation"], "Concern");
    // The lower limit is above the target of 18: the process will not meet it.
    assert_eq!(waits["assurance"], "ConsistentlyFail");
    let mean = waits["mean"].as_f64().unwrap();
    assert!((mean - (20.0 * 5.0 + 21.0 * 6.0 + 30.0) / 12.0).abs() < 1e-9);
    assert!(waits["upl"].as_f64().unwrap() > mean && waits["lpl"].as_f64().unwrap() < mean);
    assert_eq!(waits["equity"], Value::Array(vec![]));

    let findings = file["findings"].as_array().unwrap();
    let about: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| !f["measure"].is_null())
        .map(|f| (f["kind"].as_str().unwrap(), f["measure"].as_str().unwrap()))
        .collect();
    assert_eq!(
        about,
        [
            // b's impact is 0.4 (waits at 18/30): more than the gap × reach of 0.24.
            ("Deteriorating", "waits"),
            ("ConsistentlyFailing", "waits"),
            ("EquityGap", "pump"),
            ("BelowBenchmark", "pump"),
            ("StaleData", "old"),
        ]
    );
    assert!(
        findings
            .iter()
            .filter(|f| f["kind"] == "WeakComponent")
            .all(|f| f["measure"].is_null())
    );
}

#[test]
fn text_says_what_is_wrong_in_plain_words() {
    let dir = files(&[("n.ron", network())]);
    let run = carepath(dir.path(), &["check", "n.ron"]);
    // The wrapped report, as one line per finding.
    let text = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Equity gap · Test pathway Pump use at b: 29% in 1 most deprived against 41% in 5 \
         least deprived (by deprivation quintile), a gap of 0.24 of target",
        "Deteriorating · Test pathway Waits at b: the last point (2024-12) is a \
         special-cause concern",
        "Consistently failing · Test pathway Waits at b: the process as it runs will not \
         reach 18 weeks",
        "Below benchmark · Test pathway Pump use at b is 45% against 51% for England 2022/23",
        "Stale data · Test pathway Old figure at a: the figure is for 2013/14 (ended \
         2014-03-31), more than three years before 2025-03-31",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in\n{}",
            run.stdout
        );
    }
}

#[test]
fn a_measure_finding_counts_for_fail_on() {
    let dir = files(&[("n.ron", network())]);
    let run = carepath(dir.path(), &["check", "--fail-on", "low", "n.ron"]);
    assert_eq!(run.code, Some(1));
}
