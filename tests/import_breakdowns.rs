//! `carepath import` with benchmarks and breakdowns: `benchmark` and `benchmark_label`
//! columns, and rows with `group_by` and `group` (docs/import.md).

mod exchange_support;

use std::path::PathBuf;

use carepath::model::{Breakdown, Measure, Network};
use exchange_support::{Run, base, owner, run_in, save};

struct Case {
    dir: tempfile::TempDir,
    file: PathBuf,
}

impl Case {
    fn new() -> Case {
        let dir = tempfile::tempdir().unwrap();
        let file = save(dir.path(), "net.ron", &base());
        Case { dir, file }
    }

    fn import(&self, csv: &str, extra: &[&str]) -> Run {
        std::fs::write(self.dir.path().join("data.csv"), csv).unwrap();
        let mut args = vec!["import", "net.ron", "data.csv"];
        args.extend(extra);
        run_in(self.dir.path(), &args)
    }

    fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.file).unwrap()
    }

    fn dka(&self) -> Measure {
        let n: Network = carepath::storage::load(&self.file).unwrap();
        n.measures(&owner("gp-recognition")).unwrap()[0].clone()
    }
}

const HEADER: &str =
    "pathway,component,measure,value,period,benchmark,benchmark_label,group_by,group\n";

#[test]
fn a_benchmark_is_set_with_its_label_and_kept_when_the_label_is_left_out() {
    let case = Case::new();
    let run = case.import(
        &format!("{HEADER}t1d,gp-recognition,dka,,,26.1,England 2022/23,,\n"),
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(case.dka().benchmark, Some(("England 2022/23".into(), 26.1)));
    assert_eq!(
        case.dka().value,
        Some(18.0),
        "a blank value leaves the value alone"
    );
    // A new value and benchmark; the label stays.
    let run = case.import(
        &format!("{HEADER}t1d,gp-recognition,dka,25.6,2021/22,24%,,,\n"),
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let m = case.dka();
    assert_eq!(m.benchmark, Some(("England 2022/23".into(), 24.0)));
    assert_eq!(m.value, Some(25.6));
    // The same again changes nothing.
    let before = case.bytes();
    let run = case.import(
        &format!("{HEADER}t1d,gp-recognition,dka,25.6,2021/22,24,,,\n"),
        &[],
    );
    assert!(
        run.stdout.contains("0 measure values updated"),
        "{}",
        run.stdout
    );
    assert_eq!(case.bytes(), before);
}

#[test]
fn benchmark_errors_name_their_line_and_write_nothing() {
    let case = Case::new();
    let before = case.bytes();
    let run = case.import(
        &format!(
            "{HEADER}t1d,gp-recognition,dka,,,30,,,\n\
             t1d,gp-recognition,dka,,,lots,England,,\n\
             t1d,gp-recognition,dka,,,,England,,\n"
        ),
        &[],
    );
    assert_eq!(run.code, 2);
    for expected in [
        "data.csv:2: benchmark 30 needs a benchmark_label",
        "data.csv:3: benchmark \"lots\" is not a finite number",
        "data.csv:4: benchmark_label is given without a benchmark value",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected:?} in {}",
            run.stderr
        );
    }
    assert_eq!(case.bytes(), before);
}

#[test]
fn group_rows_make_a_breakdown_together_and_update_it_later() {
    let case = Case::new();
    let csv = format!(
        "{HEADER}t1d,gp-recognition,dka,31.2,,,,Deprivation quintile,1 most deprived\n\
         t1d,gp-recognition,dka,18.4,,,,Deprivation quintile,5 least deprived\n\
         t1d,gp-recognition,dka,20,,,,Ethnicity,White\n\
         t1d,gp-recognition,dka,27,,,,Ethnicity,Black\n"
    );
    let run = case.import(&csv, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let m = case.dka();
    assert_eq!(
        m.breakdowns,
        [
            Breakdown {
                by: "Deprivation quintile".into(),
                groups: vec![
                    ("1 most deprived".into(), 31.2),
                    ("5 least deprived".into(), 18.4)
                ],
            },
            Breakdown {
                by: "Ethnicity".into(),
                groups: vec![("White".into(), 20.0), ("Black".into(), 27.0)],
            },
        ]
    );
    assert_eq!(
        (m.value, m.history.len()),
        (Some(18.0), 0),
        "the headline is untouched"
    );
    // One group updated, one added, in place.
    let csv = format!(
        "{HEADER}t1d,gp-recognition,dka,29,,,,Deprivation quintile,1 most deprived\n\
         t1d,gp-recognition,dka,22,,,,Deprivation quintile,3\n"
    );
    assert_eq!(case.import(&csv, &[]).code, 0);
    assert_eq!(
        case.dka().breakdowns[0].groups,
        [
            ("1 most deprived".to_string(), 29.0),
            ("5 least deprived".to_string(), 18.4),
            ("3".to_string(), 22.0)
        ]
    );
}

#[test]
fn a_breakdown_of_one_group_or_half_a_group_row_is_refused() {
    let case = Case::new();
    let before = case.bytes();
    let run = case.import(
        &format!(
            "{HEADER}t1d,gp-recognition,dka,31.2,,,,Deprivation quintile,1 most deprived\n\
             t1d,gp-recognition,dka,20,,,,,White\n\
             t1d,gp-recognition,dka,n/a,,,,Sex,Girls\n"
        ),
        &[],
    );
    assert_eq!(run.code, 2);
    for expected in [
        "data.csv:2: ",
        "at least two",
        "data.csv:3: a group row needs both group_by and group",
        "data.csv:4: value \"n/a\" is not a number",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected:?} in {}",
            run.stderr
        );
    }
    assert_eq!(case.bytes(), before);
}

#[test]
fn exported_csv_with_a_benchmark_imports_back_unchanged() {
    let case = Case::new();
    assert_eq!(
        case.import(
            &format!("{HEADER}t1d,gp-recognition,dka,,,26.1,\"=England\",,\n"),
            &[]
        )
        .code,
        0
    );
    let before = case.bytes();
    let csv = run_in(case.dir.path(), &["export", "net.ron", "--format", "csv"]).stdout;
    assert!(csv.contains(",26.1,'=England,"), "{csv}");
    let run = case.import(&csv, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(case.bytes(), before);
    assert_eq!(case.dka().benchmark, Some(("=England".into(), 26.1)));
}
