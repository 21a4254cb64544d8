//! `carepath import` with a `children` column (docs/import.md, "Children a year"): the
//! yearly children of components, links and pathways, alone or beside measure values;
//! bad figures refused with their line and the file left as it was.

mod exchange_support;

use exchange_support::Case;

#[test]
fn a_sheet_of_children_alone_sets_components_links_and_the_cohort() {
    let case = Case::new();
    let run = case.import(
        "pathway,component,children\n\
         t1d,,1800\n\
         t1d,gp-recognition,1650\n\
         t1d,gp-recognition->pdu-assessment,240\n",
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .ends_with("(0 unchanged, 0 without a value); 3 children figures updated\n"),
        "{}",
        run.stdout
    );
    let n = case.network();
    let p = n.pathway("t1d").unwrap();
    assert_eq!(p.children, Some(1800.0));
    assert_eq!(
        p.component("gp-recognition").unwrap().children,
        Some(1650.0)
    );
    assert_eq!(
        p.link("gp-recognition", "pdu-assessment").unwrap().children,
        Some(240.0)
    );
    // The same sheet again changes nothing.
    let bytes = std::fs::read(&case.file).unwrap();
    let run = case.import(
        "pathway,component,children\nt1d,,1800\nt1d,gp-recognition,1650\n",
        &[],
    );
    assert_eq!(run.code, 0);
    assert!(!run.stdout.contains("children figure"), "{}", run.stdout);
    assert_eq!(std::fs::read(&case.file).unwrap(), bytes);
}

#[test]
fn children_beside_a_measure_value_set_both() {
    let case = Case::new();
    let run = case.import(
        "pathway,component,measure,value,period,children\n\
         t1d,gp-recognition,dka,22.0,2023/24,1700\n",
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("1 measure value updated"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("1 children figure updated"));
    let n = case.network();
    let c = n
        .pathway("t1d")
        .unwrap()
        .component("gp-recognition")
        .unwrap();
    assert_eq!(c.children, Some(1700.0));
    assert_eq!(c.measures[0].value, Some(22.0));
}

#[test]
fn bad_children_are_refused_with_their_line_and_nothing_is_written() {
    let case = Case::new();
    let run = case.import(
        "pathway,component,children\n\
         t1d,gp-recognition,-5\n\
         t1d,gp-recognition,many\n\
         t1d,nowhere,10\n\
         t1d,gp-recognition->nowhere,10\n\
         ,gp-recognition,10\n\
         t1d,pdu-assessment,inf\n",
        &[],
    );
    assert_eq!(run.code, 2);
    for expected in [
        "data.csv:2: children \"-5\" is not a finite number, 0 or more",
        "data.csv:3: children \"many\" is not a number",
        "data.csv:4: pathway \"t1d\" has no component \"nowhere\"",
        "data.csv:5: pathway \"t1d\" has no link \"gp-recognition->nowhere\"",
        "data.csv:6: pathway is empty",
        "data.csv:7: children \"inf\" is not a finite number, 0 or more",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    assert_eq!(std::fs::read(&case.file).unwrap(), case.before);
}

#[test]
fn a_row_whose_measure_fails_sets_no_children() {
    let case = Case::new();
    let run = case.import(
        "pathway,component,measure,value,children\n\
         t1d,gp-recognition,no-such-measure,1,500\n\
         t1d,pdu-assessment,,,300\n",
        &["--partial"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("data.csv:2:") && run.stderr.contains("(row skipped)"));
    let n = case.network();
    let p = n.pathway("t1d").unwrap();
    assert_eq!(p.component("gp-recognition").unwrap().children, None);
    assert_eq!(p.component("pdu-assessment").unwrap().children, Some(300.0));
}

#[test]
fn a_header_without_measure_or_children_is_refused() {
    let case = Case::new();
    let run = case.import("pathway,component\nt1d,gp-recognition\n", &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("missing columns measure, value"),
        "{}",
        run.stderr
    );
}
