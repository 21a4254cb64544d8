//! Every rule of docs/format.md, one failing file each.
//!
//! Each broken rule must be reported with the rule's own words (the `ModelError` text) and
//! the place it is written, `path:line:col:`. Malformed text is in `malformed.rs`.

mod common;

use std::path::Path;

use carepath::storage::parse;
use common::{BASE, FILE, expect_problem, parse_err, place, replace_once};

/// Breaks `BASE` by one replacement and checks that the error names the rule (`message`)
/// at the `nth` occurrence of `needle` in the broken text.
fn broken(from: &str, to: &str, message: &str, needle: &str, nth: usize) {
    let text = replace_once(BASE, from, to);
    expect_problem(&text, message, needle, nth);
}

#[test]
fn base_is_valid() {
    parse(BASE, Path::new(FILE)).unwrap();
}

// ----- format and ids -----

#[test]
fn format_must_be_1() {
    broken(
        "format: 1,",
        "format: 2,",
        "unsupported format 2, expected 1",
        "format:",
        1,
    );
}

#[test]
fn format_0_is_refused() {
    broken(
        "format: 1,",
        "format: 0,",
        "unsupported format 0, expected 1",
        "format:",
        1,
    );
}

const ID_RULE: &str = "ids must match [a-z0-9][a-z0-9-]*";

#[test]
fn network_id_syntax() {
    broken(
        r#"id: "net""#,
        r#"id: "Net""#,
        &format!(r#"invalid id "Net": {ID_RULE}"#),
        r#""Net""#,
        1,
    );
}

#[test]
fn organisation_id_syntax() {
    broken(
        r#"id: "la""#,
        r#"id: "local_authority""#,
        &format!(r#"invalid id "local_authority": {ID_RULE}"#),
        r#""local_authority""#,
        1,
    );
}

#[test]
fn pathway_id_syntax() {
    broken(
        r#"id: "p2""#,
        r#"id: "-p2""#,
        &format!(r#"invalid id "-p2": {ID_RULE}"#),
        r#""-p2""#,
        1,
    );
}

#[test]
fn component_id_syntax() {
    broken(
        r#"id: "review""#,
        r#"id: "re view""#,
        &format!(r#"invalid id "re view": {ID_RULE}"#),
        r#""re view""#,
        1,
    );
}

#[test]
fn empty_component_id() {
    broken(
        r#"id: "review""#,
        r#"id: """#,
        &format!(r#"invalid id "": {ID_RULE}"#),
        r#""""#,
        1,
    );
}

#[test]
fn component_measure_id_syntax() {
    broken(
        r#"Measure(id: "m2""#,
        r#"Measure(id: "M2""#,
        &format!(r#"invalid id "M2": {ID_RULE}"#),
        r#""M2""#,
        1,
    );
}

#[test]
fn link_measure_id_syntax() {
    broken(
        r#"Measure(id: "m1", name: "Wait""#,
        r#"Measure(id: "m.1", name: "Wait""#,
        &format!(r#"invalid id "m.1": {ID_RULE}"#),
        r#""m.1""#,
        1,
    );
}

#[test]
fn action_id_syntax() {
    broken(
        r#"id: "a2""#,
        r#"id: "a2é""#,
        &format!(r#"invalid id "a2é": {ID_RULE}"#),
        r#""a2é""#,
        1,
    );
}

// ----- uniqueness -----

#[test]
fn duplicate_organisation_id() {
    // The component "gp" comes later in the file; the duplicate is the second `id: "gp"`.
    broken(
        r#"id: "la""#,
        r#"id: "gp""#,
        r#"duplicate organisation id "gp": organisation ids must be unique in the file"#,
        r#""gp""#,
        2,
    );
}

#[test]
fn duplicate_pathway_id() {
    broken(
        r#"id: "p2""#,
        r#"id: "p1""#,
        r#"duplicate pathway id "p1": pathway ids must be unique in the file"#,
        r#"id: "p1""#,
        2,
    );
}

#[test]
fn duplicate_component_id_in_one_pathway() {
    broken(
        r#"id: "review""#,
        r#"id: "assess""#,
        r#"duplicate component id "assess": component ids must be unique in the file"#,
        r#"id: "assess""#,
        2,
    );
}

#[test]
fn duplicate_component_id_across_pathways() {
    // `id: "gp"` is written for the organisation, the first component, and this one.
    broken(
        r#"id: "extra""#,
        r#"id: "gp""#,
        r#"duplicate component id "gp": component ids must be unique in the file"#,
        r#"id: "gp""#,
        3,
    );
}

#[test]
fn duplicate_action_id() {
    broken(
        r#"id: "a2""#,
        r#"id: "a1""#,
        r#"duplicate action id "a1": action ids must be unique in the file"#,
        r#"id: "a1""#,
        2,
    );
}

#[test]
fn duplicate_measure_id_in_a_component() {
    broken(
        r#"Measure(id: "m2""#,
        r#"Measure(id: "m1""#,
        r#"duplicate measure id "m1" in "gp": measure ids must be unique within their component or link"#,
        r#"id: "m1""#,
        2,
    );
}

#[test]
fn duplicate_measure_id_in_a_link() {
    // "m2" is also a measure of component "gp": that is allowed, so the duplicate is the third.
    broken(
        r#"Link(from: "assess", to: "manage")"#,
        "Link(\n                    from: \"assess\",\n                    to: \"manage\",\n                    \
         measures: [\n                        \
         Measure(id: \"m2\", name: \"A\", domain: Equity, direction: LowerIsBetter, target: 1.0),\n                        \
         Measure(id: \"m2\", name: \"B\", domain: Equity, direction: LowerIsBetter, target: 2.0),\n                    \
         ],\n                )",
        r#"duplicate measure id "m2" in "assess -> manage": measure ids must be unique within their component or link"#,
        r#"id: "m2""#,
        3,
    );
}

#[test]
fn same_ids_of_different_kinds_are_allowed() {
    // BASE already has organisation "gp" and component "gp", and measure "m1" on a component
    // and on a link; a measure may also share an id with a component.
    let text = replace_once(BASE, r#"Measure(id: "m2""#, r#"Measure(id: "assess""#);
    parse(&text, Path::new(FILE)).unwrap();
}

// ----- references -----

#[test]
fn unknown_provider() {
    broken(
        r#"provider: "pdu""#,
        r#"provider: "nhs""#,
        r#"provider "nhs" of component "assess" is not an organisation in this file"#,
        r#""nhs""#,
        1,
    );
}

#[test]
fn link_to_end_not_a_component() {
    broken(
        r#"Link(from: "assess", to: "manage")"#,
        r#"Link(from: "assess", to: "nowhere")"#,
        r#"link end "nowhere" is not a component of pathway "p1""#,
        r#""nowhere""#,
        1,
    );
}

#[test]
fn link_from_end_not_a_component() {
    broken(
        r#"Link(from: "assess", to: "manage")"#,
        r#"Link(from: "nowhere", to: "manage")"#,
        r#"link end "nowhere" is not a component of pathway "p1""#,
        r#""nowhere""#,
        1,
    );
}

#[test]
fn link_end_in_another_pathway() {
    // "other" is a component of p2, and p2's own link has `from: "other"`.
    broken(
        r#"Link(from: "assess", to: "manage")"#,
        r#"Link(from: "assess", to: "other")"#,
        r#"link end "other" is not a component of pathway "p1""#,
        r#"to: "other""#,
        1,
    );
}

#[test]
fn link_start_in_another_pathway() {
    // The place is in p2, after p1's link from "gp".
    broken(
        r#"Link(from: "other", to: "other-2")"#,
        r#"Link(from: "gp", to: "other-2")"#,
        r#"link end "gp" is not a component of pathway "p2""#,
        r#"from: "gp""#,
        2,
    );
}

#[test]
fn duplicate_link() {
    broken(
        r#"Link(from: "assess", to: "manage")"#,
        "Link(from: \"assess\", to: \"manage\"),\n                \
         Link(from: \"assess\", to: \"manage\", kind: Handoff)",
        r#"duplicate link from "assess" to "manage": no two links may have the same from and to"#,
        r#"to: "manage""#,
        2,
    );
}

#[test]
fn duplicate_link_after_links_sharing_one_end() {
    // Earlier links share the `from` or the `to` of the duplicate, but not both.
    let text = replace_once(
        BASE,
        r#"Link(from: "assess", to: "manage")"#,
        "Link(from: \"manage\", to: \"review\"),\n                \
         Link(from: \"gp\", to: \"review\"),\n                \
         Link(from: \"gp\", to: \"review\")",
    );
    expect_problem(
        &text,
        r#"duplicate link from "gp" to "review": no two links may have the same from and to"#,
        r#"to: "review""#,
        3,
    );
}

#[test]
fn action_names_an_unknown_component() {
    broken(
        r#"component: "assess""#,
        r#"component: "gone""#,
        r#"action "a1" refers to component "gone", which does not exist"#,
        r#""gone""#,
        1,
    );
}

#[test]
fn action_names_a_pathway_not_a_component() {
    broken(
        r#"component: "assess""#,
        r#"component: "p1""#,
        r#"action "a1" refers to component "p1", which does not exist"#,
        r#""p1", text"#,
        1,
    );
}

// ----- numbers -----

#[test]
fn nan_value() {
    broken(
        "value: 25.6",
        "value: NaN",
        r#"value of measure "m1" is NaN: numbers must be finite"#,
        "value:",
        1,
    );
}

#[test]
fn infinite_target() {
    broken(
        "target: 90.0",
        "target: inf",
        r#"target of measure "m2" is inf: numbers must be finite"#,
        "target:",
        2,
    );
}

#[test]
fn negative_infinite_amber() {
    broken(
        "amber: 20.0",
        "amber: -inf",
        r#"amber of measure "m1" is -inf: numbers must be finite"#,
        "amber:",
        1,
    );
}

#[test]
fn nan_in_history() {
    broken(
        r#"history: [("2020/21", 27.0)]"#,
        r#"history: [("2020/21", 27.0), ("2021/22", NaN)]"#,
        r#"history of measure "m1" is NaN: numbers must be finite"#,
        "history:",
        1,
    );
}

#[test]
fn infinite_target_on_a_link_measure() {
    broken(
        "target: 14.0",
        "target: inf",
        r#"target of measure "m1" is inf: numbers must be finite"#,
        "target: inf",
        1,
    );
}

#[test]
fn higher_is_better_target_zero() {
    broken(
        "target: 90.0, amber: 80.0",
        "target: 0.0",
        r#"target of measure "m2" is 0: HigherIsBetter needs a target above 0"#,
        "target: 0.0",
        1,
    );
}

#[test]
fn higher_is_better_target_negative() {
    broken(
        "target: 90.0, amber: 80.0",
        "target: -5.0, amber: -6.0",
        r#"target of measure "m2" is -5: HigherIsBetter needs a target above 0"#,
        "target: -5.0",
        1,
    );
}

#[test]
fn lower_is_better_target_zero_is_allowed() {
    let text = replace_once(BASE, "target: 15.0, amber: 20.0", "target: 0.0, amber: 0.0");
    parse(&text, Path::new(FILE)).unwrap();
}

#[test]
fn amber_on_better_side_higher_is_better() {
    broken(
        "amber: 80.0",
        "amber: 95.0",
        r#"amber 95 of measure "m2" is on the better side of target 90 (HigherIsBetter): amber must lie on the worse side"#,
        "amber: 95.0",
        1,
    );
}

#[test]
fn amber_on_better_side_lower_is_better() {
    broken(
        "amber: 20.0",
        "amber: 10.0",
        r#"amber 10 of measure "m1" is on the better side of target 15 (LowerIsBetter): amber must lie on the worse side"#,
        "amber: 10.0",
        1,
    );
}

#[test]
fn amber_equal_to_target_is_allowed() {
    let text = replace_once(BASE, "amber: 20.0", "amber: 15.0");
    let text = replace_once(&text, "amber: 80.0", "amber: 90.0");
    parse(&text, Path::new(FILE)).unwrap();
}

#[test]
fn every_violation_is_reported_in_file_order() {
    let text = replace_once(BASE, r#"provider: "pdu""#, r#"provider: "nhs""#);
    let text = replace_once(&text, r#"id: "a2""#, r#"id: "a1""#);
    let text = replace_once(&text, "format: 1,", "format: 3,");
    let err = parse_err(&text);
    let lines: Vec<usize> = err
        .problems()
        .iter()
        .map(|p| p.position.expect("each has a place").line)
        .collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines.is_sorted(), "{lines:?}");
    assert_eq!(err.to_string().lines().count(), 3);
}

#[test]
fn options_may_be_written_with_some_or_none() {
    let base = parse(BASE, Path::new(FILE)).unwrap();
    let mut text = BASE.replacen("#![enable(implicit_some)]\n", "", 1);
    for (from, to) in [
        (r#"provider: "pdu""#, r#"provider: Some("pdu")"#),
        ("value: 25.6", "value: Some(25.6)"),
        (
            "integration: Coordination",
            "integration: Some(Coordination)",
        ),
        (r#"due: "2025-03-31""#, r#"due: Some("2025-03-31")"#),
        ("amber: 80.0", "amber: Some(80.0)"),
        ("phase: Review)", "phase: Review, provider: None)"),
    ] {
        text = replace_once(&text, from, to);
    }
    assert_eq!(parse(&text, Path::new(FILE)).unwrap(), base);
}

#[test]
fn many_broken_rules_are_capped_with_a_count() {
    use carepath::storage::MAX_PROBLEMS;
    // 150 more components with the id "review", one a line, then as many duplicate links.
    let extra = MAX_PROBLEMS / 2 + 100;
    let component = "\n                Component(id: \"review\", name: \"R\", phase: Review),";
    let link = "\n                Link(from: \"assess\", to: \"manage\"),";
    let text = replace_once(
        BASE,
        r#"Component(id: "review", name: "Review", phase: Review),"#,
        &format!(
            "Component(id: \"review\", name: \"Review\", phase: Review),{}",
            component.repeat(extra)
        ),
    );
    let text = replace_once(
        &text,
        r#"Link(from: "assess", to: "manage"),"#,
        &format!(
            "Link(from: \"assess\", to: \"manage\"),{}",
            link.repeat(extra)
        ),
    );
    let err = parse_err(&text);
    let problems = err.problems();
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    assert_eq!(
        problems[MAX_PROBLEMS].message,
        format!("{} more problems not shown", 2 * extra - MAX_PROBLEMS)
    );
    assert_eq!(problems[MAX_PROBLEMS].position, None);
    // Each shown problem is at its own line: the n-th duplicate at the (n+1)-th id.
    for (i, p) in problems[..MAX_PROBLEMS].iter().enumerate() {
        let (line, _) = place(&text, r#"id: "review""#, i + 2);
        assert_eq!(p.position.map(|p| p.line), Some(line), "{}", p.message);
    }
    let shown = err.to_string();
    assert_eq!(shown.lines().count(), MAX_PROBLEMS + 1);
    assert!(shown.ends_with(&format!(
        "{FILE}: {} more problems not shown",
        2 * extra - MAX_PROBLEMS
    )));
}

#[test]
fn each_duplicate_link_is_placed_at_its_own_line() {
    let link = "\n                Link(from: \"assess\", to: \"manage\"),";
    let text = replace_once(
        BASE,
        r#"Link(from: "assess", to: "manage"),"#,
        &format!("Link(from: \"assess\", to: \"manage\"),{}", link.repeat(5)),
    );
    let err = parse_err(&text);
    let lines: Vec<usize> = err
        .problems()
        .iter()
        .map(|p| p.position.unwrap().line)
        .collect();
    let expected: Vec<usize> = (2..=6)
        .map(|n| place(&text, r#"to: "manage""#, n).0)
        .collect();
    assert_eq!(lines, expected);
}
