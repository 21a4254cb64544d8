//! The fields added in format 1.1 (docs/format.md): children, as_of, benchmark and
//! breakdowns. They load, are written in canonical order, and bad values are refused with
//! a place; a 1.0 file loads unchanged.

mod common;

use std::path::Path;

use carepath::model::{Breakdown, Link, Measure, ModelError};
use carepath::storage::{parse, to_canonical_string};
use common::{BASE, FILE, expect_problem, replace_once};

/// BASE with every 1.1 field written once.
fn with_1_1() -> String {
    let text = replace_once(
        BASE,
        r#"population: "Children and young people 0-19","#,
        r#"population: "Children and young people 0-19", as_of: "2025-03-31","#,
    );
    let text = replace_once(
        &text,
        "id: \"p1\",\n            name: \"One\",",
        "id: \"p1\",\n            name: \"One\",\n            children: 1800.0,",
    );
    let text = replace_once(
        &text,
        "provider: \"gp\",\n                    measures",
        "provider: \"gp\",\n                    children: 1650,\n                    measures",
    );
    let text = replace_once(
        &text,
        r#"Link(from: "assess", to: "manage")"#,
        r#"Link(from: "assess", to: "manage", integration: Linkage, children: 240.5)"#,
    );
    replace_once(
        &text,
        r#"history: [("2020/21", 27.0)],"#,
        r#"benchmark: ("England 2022/23", 51.0), history: [("2020/21", 27.0)],
                            breakdowns: [Breakdown(by: "Deprivation quintile", groups: [("1 most deprived", 29.0), ("5 least deprived", 41.1)])],"#,
    )
}

#[test]
fn the_new_fields_load() {
    let n = parse(&with_1_1(), Path::new(FILE)).expect("loads");
    assert_eq!(n.as_of.as_deref(), Some("2025-03-31"));
    let p = &n.pathways()[0];
    assert_eq!(p.children, Some(1800.0));
    assert_eq!(p.components()[0].children, Some(1650.0));
    assert_eq!(p.links()[1].children, Some(240.5));
    let m = &p.components()[0].measures[0];
    assert_eq!(m.benchmark, Some(("England 2022/23".to_string(), 51.0)));
    assert_eq!(
        m.breakdowns,
        vec![Breakdown {
            by: "Deprivation quintile".to_string(),
            groups: vec![
                ("1 most deprived".to_string(), 29.0),
                ("5 least deprived".to_string(), 41.1)
            ],
        }]
    );
}

#[test]
fn a_1_0_file_has_none_of_them_and_writes_none() {
    let n = parse(BASE, Path::new(FILE)).expect("loads");
    assert_eq!(n.as_of, None);
    assert_eq!(n.pathways()[0].children, None);
    let text = to_canonical_string(&n);
    for field in ["as_of", "children", "benchmark", "breakdowns"] {
        assert!(!text.contains(field), "{field} written for a 1.0 file");
    }
}

#[test]
fn canonical_order_puts_each_field_where_the_format_says() {
    let n = parse(&with_1_1(), Path::new(FILE)).expect("loads");
    let text = to_canonical_string(&n);
    let order = |fields: &[&str]| {
        let at: Vec<usize> = fields
            .iter()
            .map(|f| text.find(f).unwrap_or_else(|| panic!("{f} not written")))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{fields:?} in\n{text}");
    };
    order(&["population:", "as_of:", "notes:"]);
    order(&["name: \"One\"", "children: 1800.0", "components:"]);
    order(&["provider: \"gp\"", "children: 1650.0", "measures:"]);
    order(&["integration: Linkage", "children: 240.5"]);
    order(&[
        "period: \"2021/22\"",
        "benchmark: (\"England 2022/23\", 51.0)",
    ]);
    order(&[
        "benchmark:",
        "history:",
        "breakdowns:",
        "Breakdown(",
        "by: ",
    ]);
    // A fixed point: loading the canonical text and writing it again changes nothing.
    let again = parse(&text, Path::new(FILE)).expect("canonical loads");
    assert_eq!(to_canonical_string(&again), text);
    assert_eq!(again, n);
}

#[test]
fn negative_nan_or_infinite_children_do_not_load() {
    let good = with_1_1();
    expect_problem(
        &replace_once(&good, "children: 1650,", "children: -1,"),
        r#"children of component "gp" is -1: children must be a finite number, 0 or more"#,
        "children: -1",
        1,
    );
    expect_problem(
        &replace_once(&good, "children: 1800.0,", "children: NaN,"),
        r#"children of pathway "p1" is NaN: children must be a finite number, 0 or more"#,
        "children: NaN",
        1,
    );
    expect_problem(
        &replace_once(&good, "children: 240.5", "children: inf"),
        r#"children of link "assess" -> "manage" is inf: children must be a finite number, 0 or more"#,
        "children: inf",
        1,
    );
    // Zero is allowed: a cohort of 0 falls back to routes in the analysis.
    parse(
        &replace_once(&good, "children: 1800.0,", "children: 0,"),
        Path::new(FILE),
    )
    .expect("0 children loads");
}

#[test]
fn bad_breakdowns_do_not_load() {
    let good = with_1_1();
    let place = r#"by: "Deprivation quintile""#;
    expect_problem(
        &replace_once(&good, r#", ("5 least deprived", 41.1)"#, ""),
        r#"breakdown "Deprivation quintile" of measure "m1": it has 1 group(s), and a breakdown needs at least two"#,
        place,
        1,
    );
    expect_problem(
        &replace_once(&good, "\"5 least deprived\"", "\"1 most deprived\""),
        r#"breakdown "Deprivation quintile" of measure "m1": group "1 most deprived" appears twice"#,
        place,
        1,
    );
    expect_problem(
        &replace_once(&good, "\"5 least deprived\"", "\"  \""),
        r#"breakdown "Deprivation quintile" of measure "m1": a group label is empty"#,
        place,
        1,
    );
    expect_problem(
        &replace_once(&good, "41.1)", "NaN)"),
        r#"breakdown "Deprivation quintile" of measure "m1": group "5 least deprived" is NaN: numbers must be finite"#,
        place,
        1,
    );
}

#[test]
fn an_infinite_benchmark_does_not_load() {
    expect_problem(
        &replace_once(&with_1_1(), "51.0)", "inf)"),
        r#"benchmark of measure "m1" is inf: numbers must be finite"#,
        "benchmark",
        1,
    );
}

#[test]
fn as_of_must_be_a_real_date() {
    for bad in ["2025-02-29", "2025-13-01", "31/03/2025", "2025-3-31", ""] {
        let text = replace_once(
            &with_1_1(),
            "as_of: \"2025-03-31\"",
            &format!("as_of: {bad:?}"),
        );
        expect_problem(
            &text,
            &format!("as_of {bad:?} is not a date: expected YYYY-MM-DD"),
            &format!("as_of: {bad:?}"),
            1,
        );
    }
    // A leap day is a real date.
    let text = replace_once(
        &with_1_1(),
        "as_of: \"2025-03-31\"",
        "as_of: \"2024-02-29\"",
    );
    parse(&text, Path::new(FILE)).expect("a leap day loads");
}

#[test]
fn checked_operations_refuse_bad_children() {
    let mut n = parse(&with_1_1(), Path::new(FILE)).expect("loads");
    let mut c = n.pathways()[0].components()[0].clone();
    c.children = Some(-3.0);
    assert!(matches!(
        n.update_component("gp", c),
        Err(ModelError::BadChildren { .. })
    ));
    let mut l = Link::new("gp", "manage");
    l.children = Some(f64::NAN);
    assert!(matches!(
        n.add_link("p1", l),
        Err(ModelError::BadChildren { .. })
    ));
    let mut m: Measure = n.pathways()[0].components()[0].measures[0].clone();
    m.breakdowns[0].groups.truncate(1);
    assert!(m.check().is_err());
}
