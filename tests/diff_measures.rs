//! `carepath diff` on the 1.1 measure fields: a benchmark, breakdowns and the network's
//! `as_of`, and the findings they bring.

mod exchange_support;

use carepath::model::{Breakdown, Network};
use exchange_support::{base, run_in, save, set_measure};
use serde_json::{Value, json};

fn diff(old: &Network, new: &Network, format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "old.ron", old);
    save(dir.path(), "new.ron", new);
    let run = run_in(
        dir.path(),
        &["diff", "old.ron", "new.ron", "--format", format],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn benchmark_and_breakdowns_are_measure_fields_and_bring_their_findings() {
    let mut new = base();
    set_measure(&mut new, "pdu-assessment", "hba1c-checked", |m| {
        m.benchmark = Some(("England 2022/23".into(), 99.5));
        m.breakdowns = vec![Breakdown {
            by: "Deprivation quintile".into(),
            groups: vec![
                ("1 most deprived".into(), 70.0),
                ("5 least deprived".into(), 98.0),
            ],
        }];
    });
    let d: Value = serde_json::from_str(&diff(&base(), &new, "json")).unwrap();
    let m = &d["measures"][0];
    assert_eq!(m["id"], "hba1c-checked");
    assert_eq!(
        m["fields"],
        json!([
            {"field": "benchmark", "old": null, "new": "England 2022/23: 99.5"},
            {"field": "breakdowns", "old": null,
             "new": "Deprivation quintile: 1 most deprived 70, 5 least deprived 98"},
        ])
    );
    let kinds: Vec<&str> = d["findings"]["appeared"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"EquityGap") && kinds.contains(&"BelowBenchmark"),
        "{kinds:?}"
    );
    let text = diff(&base(), &new, "text");
    assert!(
        text.contains("benchmark none → \"England 2022/23: 99.5\""),
        "{text}"
    );

    // Changing a group's value changes the field, not the finding (same measure, same by).
    let mut newer = new.clone();
    set_measure(&mut newer, "pdu-assessment", "hba1c-checked", |m| {
        m.breakdowns[0].groups[0].1 = 60.0;
    });
    let d: Value = serde_json::from_str(&diff(&new, &newer, "json")).unwrap();
    assert_eq!(d["measures"][0]["fields"][0]["field"], "breakdowns");
    assert_eq!(d["findings"], json!({"appeared": [], "disappeared": []}));
}

#[test]
fn as_of_is_a_network_field() {
    let mut new = base();
    new.as_of = Some("2025-03-31".into());
    let d: Value = serde_json::from_str(&diff(&base(), &new, "json")).unwrap();
    assert_eq!(
        d["network"],
        json!([{"field": "as_of", "old": null, "new": "2025-03-31"}])
    );
}
