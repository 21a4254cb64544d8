//! `carepath import`: round trips through export, history, every error with its line, and
//! a failed import leaving the file byte for byte as it was.

mod exchange_support;

use carepath::model::{MeasureOwner, Network};
use exchange_support::{Case, base, owner, run_in, save};

fn dka(n: &Network) -> carepath::model::Measure {
    n.measures(&owner("gp-recognition")).unwrap()[0].clone()
}

const HEADER: &str = "pathway,component,measure,value,period,source\n";

#[test]
fn exported_csv_imports_back_unchanged() {
    let case = Case::new();
    let run = run_in(
        case.path(),
        &["export", "net.ron", "--format", "csv", "-o", "data.csv"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = run_in(case.path(), &["import", "net.ron", "data.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("0 measure values updated from data.csv (3 unchanged, 0 without a value)"),
        "{}",
        run.stdout
    );
    assert!(
        case.unchanged(),
        "nothing to change: the file is not rewritten"
    );
}

#[test]
fn edited_export_round_trips_through_import() {
    let case = Case::new();
    let run = run_in(case.path(), &["export", "net.ron", "--format", "csv"]);
    // Fill in the next quarter, as someone would in a spreadsheet.
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).unwrap();
    for r in reader.records() {
        let mut r: Vec<String> = r.unwrap().iter().map(String::from).collect();
        if r[col("measure")] == "dka" {
            r[col("value")] = "21.5".to_string();
            r[col("period")] = "2021/22".to_string();
        }
        w.write_record(&r).unwrap();
    }
    let csv = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let run = case.import(&csv, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("1 measure value updated"),
        "{}",
        run.stdout
    );
    let m = dka(&case.network());
    assert_eq!(m.value, Some(21.5));
    assert_eq!(m.period.as_deref(), Some("2021/22"));
    assert_eq!(m.history, vec![("2020/21".to_string(), 18.0)]);
    assert_eq!(m.source.as_deref(), Some("NPDA"), "kept");
    // What was written is canonical: fmt --check finds nothing to change.
    let fmt = run_in(case.path(), &["fmt", "--check", "net.ron"]);
    assert_eq!(fmt.code, 0, "{}", fmt.stdout);
    // And the diff says so in pathway terms.
    std::fs::write(case.path().join("old.ron"), &case.before).unwrap();
    let diff = run_in(case.path(), &["diff", "old.ron", "net.ron"]);
    assert!(diff.stdout.contains("value 18 → 21.5"), "{}", diff.stdout);
}

#[test]
fn new_period_moves_the_old_value_into_history() {
    let case = Case::new();
    let csv = format!(
        "{HEADER}t1d,gp-recognition,dka,25.6,2021/22,NPDA 2021/22\n\
         t1d,gp-recognition,dka,24,2022/23,\n"
    );
    let run = case.import(&csv, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let m = dka(&case.network());
    assert_eq!(m.value, Some(24.0));
    assert_eq!(m.period.as_deref(), Some("2022/23"));
    assert_eq!(m.source.as_deref(), Some("NPDA 2021/22"));
    assert_eq!(
        m.history,
        vec![("2020/21".to_string(), 18.0), ("2021/22".to_string(), 25.6)],
        "oldest first"
    );
    // Importing the same sheet again changes nothing.
    let again_before = std::fs::read(&case.file).unwrap();
    let run = case.import(&csv, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("0 measure values updated"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read(&case.file).unwrap(), again_before);
}

#[test]
fn same_or_empty_period_corrects_without_history() {
    let case = Case::new();
    let run = case.import(
        &format!("{HEADER}t1d,gp-recognition,dka,17.5,2020/21,\n"),
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let m = dka(&case.network());
    assert_eq!((m.value, m.history.len()), (Some(17.5), 0));
    let run = case.import(
        "pathway,component,measure,value\nt1d,gp-recognition,dka,17\n",
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let m = dka(&case.network());
    assert_eq!(m.value, Some(17.0));
    assert_eq!(m.period.as_deref(), Some("2020/21"));
    assert!(m.history.is_empty());
}

#[test]
fn a_first_value_adds_no_history_and_links_are_from_to() {
    let mut n = base();
    let mut m = dka(&n);
    m.value = None;
    m.period = None;
    n.update_measure(&owner("gp-recognition"), "dka", m)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "net.ron", &n);
    std::fs::write(
        dir.path().join("data.csv"),
        "\u{feff}Source , Value,MEASURE, Component ,notes,Pathway,Period\n\
         NPDA,19%,dka,gp-recognition,ignored,t1d,2021/22\n\
         ,2,referral-days,gp-recognition -> pdu-assessment,,t1d,2021/22\n\
         ,,hba1c-checked,pdu-assessment,blank value,t1d,\n",
    )
    .unwrap();
    let run = run_in(dir.path(), &["import", "net.ron", "data.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("2 measure values updated from data.csv (0 unchanged, 1 without a value)"),
        "{}",
        run.stdout
    );
    let n = carepath::storage::load(&dir.path().join("net.ron")).unwrap();
    let m = dka(&n);
    assert_eq!(m.value, Some(19.0));
    assert!(m.history.is_empty(), "no previous value, no history");
    let link = MeasureOwner::Link {
        from: "gp-recognition".to_string(),
        to: "pdu-assessment".to_string(),
    };
    let lm = &n.measures(&link).unwrap()[0];
    assert_eq!(lm.value, Some(2.0));
    assert_eq!(
        lm.history,
        vec![(String::new(), 1.0)],
        "the old value had no period"
    );
}

/// Each bad row, alone after a good one: exit 2, its line named, the file untouched.
#[test]
fn every_error_names_its_line_and_writes_nothing() {
    let cases = [
        ("zz,gp-recognition,dka,20,,", "unknown pathway \"zz\""),
        (
            "t1d,gp-recogniton,dka,20,,",
            "pathway \"t1d\" has no component \"gp-recogniton\"",
        ),
        (
            "t1d,gp-recognition->annual-review,x,20,,",
            "pathway \"t1d\" has no link \"gp-recognition->annual-review\"",
        ),
        (
            "t1d,gp-recognition,dkaa,20,,",
            "component \"gp-recognition\" has no measure \"dkaa\"",
        ),
        (
            "t1d,gp-recognition->pdu-assessment,dka,20,,",
            "link \"gp-recognition->pdu-assessment\" has no measure \"dka\"",
        ),
        (
            "t1d,gp-recognition,dka,n/a,,",
            "value \"n/a\" is not a number",
        ),
        // A comma is refused as the editor's forms refuse it, never read as 1.25.
        (
            "t1d,gp-recognition,dka,\"1,250\",,",
            "value \"1,250\" has a comma; write numbers like 1250 or 12.5: a point for decimals, no commas",
        ),
        (
            "t1d,gp-recognition,dka,1.2.3,,",
            "value \"1.2.3\" is not a number",
        ),
        (
            "t1d,gp-recognition,dka,NaN,,",
            "value \"NaN\" is not a finite number",
        ),
        (
            "t1d,gp-recognition,dka,inf,,",
            "value \"inf\" is not a finite number",
        ),
        (
            "t1d,gp-recognition,dka,-infinity,,",
            "value \"-infinity\" is not a finite number",
        ),
        (
            "t1d,gp-recognition,dka,1e999,,",
            "value \"1e999\" is not a finite number",
        ),
        (",gp-recognition,dka,20,,", "pathway is empty"),
        ("t1d,,dka,20,,", "component is empty"),
        ("t1d,gp-recognition,,20,,", "measure is empty"),
    ];
    for (row, message) in cases {
        let case = Case::new();
        // A quoted cell over two lines: line numbers count lines, not records.
        let csv =
            format!("{HEADER}t1d,pdu-assessment,hba1c-checked,97,2021/22,\"two\nlines\"\n{row}\n");
        let run = case.import(&csv, &[]);
        assert_eq!(run.code, 2, "{row}: {}", run.stdout);
        let expected = format!("data.csv:4: {message}\n");
        assert!(run.stderr.starts_with(&expected), "{row}:\n{}", run.stderr);
        assert!(
            run.stderr
                .contains("net.ron: nothing written: 1 row with errors"),
            "{}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
        assert!(case.unchanged(), "{row}: the file changed");
    }
}

#[test]
fn header_problems_and_unreadable_inputs() {
    let case = Case::new();
    for (csv, message) in [
        (
            "pathway,component,value\nt1d,gp-recognition,20\n",
            "data.csv:1: missing column measure",
        ),
        (
            "pathway,component,measure,value,Value\n",
            "data.csv:1: column \"value\" appears twice",
        ),
        ("", "data.csv:1: no header row"),
    ] {
        let run = case.import(csv, &[]);
        assert_eq!(run.code, 2, "{csv}");
        assert!(run.stderr.starts_with(message), "{csv}: {}", run.stderr);
        assert!(case.unchanged());
    }
    let run = run_in(case.path(), &["import", "net.ron", "missing.csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.csv"), "{}", run.stderr);
    // Not UTF-8: reported with its line, nothing written.
    std::fs::write(
        case.path().join("latin1.csv"),
        b"pathway,component,measure,value\nt1d,gp-recognition,dka,\xff\n",
    )
    .unwrap();
    let run = run_in(case.path(), &["import", "net.ron", "latin1.csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("latin1.csv:2: "), "{}", run.stderr);
    assert!(case.unchanged());
    // A pathway file that does not load.
    std::fs::write(case.path().join("bad.ron"), "Network(format: 2)").unwrap();
    std::fs::write(case.path().join("data.csv"), HEADER).unwrap();
    let run = run_in(case.path(), &["import", "bad.ron", "data.csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("bad.ron:"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(case.path().join("bad.ron")).unwrap(),
        "Network(format: 2)"
    );
}

#[test]
fn period_already_in_history_is_refused() {
    let case = Case::new();
    let csv = format!(
        "{HEADER}t1d,gp-recognition,dka,25.6,2021/22,\nt1d,gp-recognition,dka,30,2020/21,\n"
    );
    let run = case.import(&csv, &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "data.csv:3: period \"2020/21\" is already in the history of measure \"dka\""
        ),
        "{}",
        run.stderr
    );
    assert!(case.unchanged());
}

#[test]
fn partial_applies_the_valid_rows_and_lists_the_rest() {
    let case = Case::new();
    let csv = format!(
        "{HEADER}t1d,gp-recognition,dka,25.6,2021/22,\n\
         t1d,nope,dka,1,,\n\
         t1d,pdu-assessment,hba1c-checked,oops,,\n\
         t1d,pdu-assessment,hba1c-checked,96,2021/22,\n"
    );
    let strict = case.import(&csv, &[]);
    assert_eq!(strict.code, 2);
    assert!(
        strict
            .stderr
            .contains("data.csv:3: pathway \"t1d\" has no component \"nope\"\n")
    );
    assert!(strict.stderr.contains("use --partial"));
    assert!(case.unchanged());

    let run = case.import(&csv, &["--partial"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "data.csv:3: pathway \"t1d\" has no component \"nope\" (row skipped)\n\
         data.csv:4: value \"oops\" is not a number (row skipped)\n"
    );
    assert!(
        run.stdout.contains(
            "2 measure values updated from data.csv (0 unchanged, 0 without a value, 2 skipped)"
        ),
        "{}",
        run.stdout
    );
    let n = case.network();
    assert_eq!(dka(&n).value, Some(25.6));
    let h = &n.measures(&owner("pdu-assessment")).unwrap()[0];
    assert_eq!(h.value, Some(96.0));
    assert_eq!(h.history, vec![(String::new(), 98.7)]);

    // Nothing valid at all: nothing written, exit 2 even with --partial.
    let case = Case::new();
    let run = case.import(&format!("{HEADER}t1d,nope,dka,1,,\n"), &["--partial"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nothing written"), "{}", run.stderr);
    assert!(case.unchanged());
}

#[test]
fn formula_guard_from_export_is_taken_off() {
    let case = Case::new();
    let run = case.import(
        &format!("{HEADER}t1d,gp-recognition,dka,19,'=2021/22,'@NPDA\n"),
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let m = dka(&case.network());
    assert_eq!(m.period.as_deref(), Some("=2021/22"));
    assert_eq!(m.source.as_deref(), Some("@NPDA"));
}

#[test]
fn a_read_only_file_is_refused_unless_forced_and_stays_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let case = Case::new();
    std::fs::set_permissions(&case.file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let csv = format!("{HEADER}t1d,gp-recognition,dka,21.5,2021/22,\n");
    let run = case.import(&csv, &[]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("read-only"), "{}", run.stderr);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert!(case.unchanged());

    let run = case.import(&csv, &["--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dka(&case.network()).value, Some(21.5));
    let mode = std::fs::metadata(&case.file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
}

#[test]
fn an_older_period_is_refused_and_says_so() {
    let case = Case::new();
    let csv = format!("{HEADER}t1d,gp-recognition,dka,30,2019/20,\n");
    let run = case.import(&csv, &[]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "data.csv:2: period \"2019/20\" is older than the current period \"2020/21\""
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("import only moves forward"),
        "{}",
        run.stderr
    );
    assert!(case.unchanged());
}

#[test]
fn an_unedited_round_trip_changes_nothing_even_with_odd_periods_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    let mut network = base();
    let owner = owner("gp-recognition");
    let mut dka = network.measures(&owner).unwrap()[0].clone();
    dka.period = Some(" 2020/21 ".to_string());
    dka.source = Some("'=HYPERLINK(\"x\")".to_string());
    let id = dka.id.clone();
    network.update_measure(&owner, &id, dka).unwrap();
    let file = save(dir.path(), "net.ron", &network);
    let before = std::fs::read(&file).unwrap();
    let run = run_in(
        dir.path(),
        &["export", "net.ron", "--format", "csv", "-o", "data.csv"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = run_in(dir.path(), &["import", "net.ron", "data.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("0 measure values updated"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn line_numbers_are_right_for_crlf_and_after_blank_lines() {
    let case = Case::new();
    let csv = "pathway,component,measure,value,period,source\r\n\r\n\r\nt1d,gp-recognition,dka,21,2021/22,\r\n\r\nt1d,nowhere,dka,1,,\r\n";
    let run = case.import(csv, &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("data.csv:6: pathway \"t1d\" has no component \"nowhere\""),
        "{}",
        run.stderr
    );
}

#[test]
fn a_semicolon_or_tab_separated_sheet_gets_a_hint_and_utf_16_a_plain_message() {
    let case = Case::new();
    let run = case.import(
        "pathway;component;measure;value\nt1d;gp-recognition;dka;21\n",
        &[],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("separated by semicolons"),
        "{}",
        run.stderr
    );
    let run = case.import("pathway\tcomponent\tmeasure\tvalue\n", &[]);
    assert!(run.stderr.contains("separated by tabs"), "{}", run.stderr);

    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(
            "pathway,component,measure,value\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    std::fs::write(case.path().join("data.csv"), utf16).unwrap();
    let run = run_in(case.path(), &["import", "net.ron", "data.csv"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("the file is UTF-16 text"),
        "{}",
        run.stderr
    );
    assert!(case.unchanged());
}
