//! The md report's "Measures worth trusting" section and the CSV's matching columns, on
//! a measure with a long history, a benchmark, a stale period and breakdowns.

mod exchange_support;

use carepath::model::{Breakdown, Network};
use exchange_support::{base, run_in, save, set_measure};

fn network() -> Network {
    let mut n = base();
    n.as_of = Some("2025-03-31".into());
    set_measure(&mut n, "pdu-assessment", "hba1c-checked", |m| {
        m.history = (1..=11)
            .map(|i| (format!("2024-{i:02}"), if i % 2 == 0 { 96.0 } else { 97.0 }))
            .collect();
        m.value = Some(80.0);
        m.period = Some("2024-12".into());
        m.benchmark = Some(("England 2023/24".into(), 98.0));
        m.breakdowns = vec![
            Breakdown {
                by: "Deprivation quintile".into(),
                groups: vec![
                    ("1 most deprived".into(), 81.0),
                    ("5 least deprived".into(), 95.0),
                ],
            },
            Breakdown {
                by: "Sex".into(),
                groups: vec![("Girls".into(), 90.0), ("Boys".into(), 91.0)],
            },
        ];
    });
    set_measure(&mut n, "gp-recognition", "dka", |m| {
        m.period = Some("2020/21".into());
    });
    n
}

fn export(format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "n.ron", &network());
    let run = run_in(dir.path(), &["export", "n.ron", "--format", format]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn md_lists_variation_assurance_benchmark_currency_and_every_breakdown() {
    let md = export("md");
    let section = &md[md.find("## Measures worth trusting").expect("the section")..];
    assert!(
        section.contains("Figures are judged at 2025-03-31"),
        "{section}"
    );
    assert!(
        section.contains(
            "| Assessment by the diabetes team | HbA1c checked | 80% | ▼ concern | ? hit and miss \
             | 98% England 2023/24 (worse) | 2024-12 | ended 2024-12-31 |"
        ),
        "{section}"
    );
    assert!(
        section.contains("| New cases in DKA at diagnosis | 18% | – (1 point) | – |  | 2020/21 | stale (ended 2021-03-31) |"),
        "{section}"
    );
    assert!(section.contains("#### Equity"), "{section}");
    assert!(
        section.contains(
            "| Assessment by the diabetes team | HbA1c checked | Deprivation quintile | 0.15 ⚠ \
             | 1 most deprived 81% | 5 least deprived 95% | 1 most deprived 81% ✗; 5 least \
             deprived 95% ✓ |"
        ),
        "{section}"
    );
    assert!(
        section.contains("| Sex | 0.01 | Girls 90% | Boys 91% |"),
        "{section}"
    );
}

#[test]
fn csv_has_the_same_columns() {
    let text = export("csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let col = |row: &csv::StringRecord, name: &str| {
        let i = header.iter().position(|h| h == name).unwrap();
        row[i].to_string()
    };
    let hba1c = rows
        .iter()
        .find(|r| col(r, "measure") == "hba1c-checked")
        .unwrap();
    assert_eq!(col(hba1c, "variation"), "concern");
    assert_eq!(col(hba1c, "assurance"), "hit and miss");
    assert_eq!(col(hba1c, "benchmark"), "98");
    assert_eq!(col(hba1c, "benchmark_label"), "England 2023/24");
    assert_eq!(col(hba1c, "currency"), "");
    let dka = rows.iter().find(|r| col(r, "measure") == "dka").unwrap();
    assert_eq!(col(dka, "currency"), "stale");
    assert_eq!(col(dka, "variation"), "");
}
