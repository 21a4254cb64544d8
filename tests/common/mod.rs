//! Helpers shared by the integration tests. Each test file uses only some of them.
#![allow(dead_code)]

pub mod cli;
pub mod damage;
pub mod fixture;
pub mod network;

pub use network::*;

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

use carepath::storage::{LoadError, parse};

/// The name the tests give to text they parse.
pub const FILE: &str = "pathways/test.ron";

/// A valid network that uses every kind of item, written partly one item a line and partly
/// spread over lines, as people write. Tests break it with `replace_once`, so the pieces
/// they replace are written exactly once.
pub const BASE: &str = r#"#![enable(implicit_some)]
Network(
    format: 1,
    id: "net",
    name: "Test network",
    population: "Children and young people 0-19",
    notes: "Children's services — équipe ✓",
    organisations: [
        Organisation(id: "gp", name: "General practices", sector: Health, level: Primary),
        Organisation(id: "pdu", name: "Paediatric unit", sector: Health, level: Secondary),
        Organisation(id: "la", name: "Local authority", sector: SocialCare, level: Community),
    ],
    pathways: [
        Pathway(
            id: "p1",
            name: "One",
            components: [
                Component(
                    id: "gp",
                    name: "Recognition in general practice",
                    phase: Recognition,
                    provider: "gp",
                    measures: [
                        Measure(
                            id: "m1",
                            name: "New cases in DKA",
                            domain: Safety,
                            unit: "%",
                            direction: LowerIsBetter, target: 15.0, amber: 20.0,
                            value: 25.6,
                            period: "2021/22",
                            history: [("2020/21", 27.0)],
                        ),
                        Measure(id: "m2", name: "Seen in 2 weeks", domain: Effectiveness, direction: HigherIsBetter, target: 90.0, amber: 80.0),
                    ],
                    checklist: Checklist(evidence_based: Yes, competent_team: Partly),
                ),
                Component(id: "assess", name: "Assessment", phase: Assessment, provider: "pdu"),
                Component(id: "manage", name: "Management", phase: Management),
                Component(id: "review", name: "Review", phase: Review),
            ],
            links: [
                Link(from: "gp", to: "assess", integration: Coordination, measures: [Measure(id: "m1", name: "Wait", domain: Efficiency, direction: LowerIsBetter, target: 14.0)]),
                Link(from: "assess", to: "manage"),
            ],
        ),
        Pathway(
            id: "p2",
            name: "Two",
            condition: ShortTerm,
            components: [
                Component(id: "other", name: "Other", phase: Assessment),
                Component(id: "other-2", name: "Other 2", phase: Management),
                Component(id: "extra", name: "Extra", phase: Transition),
            ],
            links: [
                Link(from: "other", to: "other-2"),
            ],
        ),
    ],
    actions: [
        Action(id: "a1", component: "assess", text: "Agree a referral form", status: Open),
        Action(id: "a2", component: "gp", text: "Audit", owner: "Lead", due: "2025-03-31", status: InProgress),
    ],
)
"#;

/// `text` with its one occurrence of `from` replaced by `to`.
pub fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} must occur exactly once"
    );
    text.replacen(from, to, 1)
}

/// 1-based line and column (in characters) of the start of the `nth` (1-based)
/// occurrence of `needle` in `text`.
pub fn place(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let (offset, _) = text
        .match_indices(needle)
        .nth(nth - 1)
        .unwrap_or_else(|| panic!("no occurrence {nth} of {needle:?}"));
    end_place(&text[..offset])
}

/// Line and column just after the end of `text`.
pub fn end_place(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let line_start = text.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..].chars().count() + 1)
}

/// Runs the built `carepath` binary with `args`.
pub fn run_carepath(args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the carepath binary runs")
}

/// Parses `text` and returns the error, which must be an `Invalid` one.
pub fn parse_err(text: &str) -> LoadError {
    match parse(text, Path::new(FILE)) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e @ LoadError::Invalid { .. }) => e,
        Err(other) => panic!("expected an Invalid error, got {other:?}"),
    }
}

/// The load of `text` fails with a problem whose message is `message` (whole, as the
/// rule words it) at the place of the `nth` `needle`; it is also displayed as
/// `path:line:col: message`. A needle `field: "value"` places the value, as the errors do.
pub fn expect_problem(text: &str, message: &str, needle: &str, nth: usize) {
    let err = parse_err(text);
    let (line, mut col) = place(text, needle, nth);
    if let Some(quote) = needle.find(": \"") {
        col += needle[..quote + 2].chars().count();
    }
    let found = err
        .problems()
        .iter()
        .find(|p| p.message == message)
        .unwrap_or_else(|| panic!("no problem {message:?} in {:?}", err.problems()));
    let pos = found
        .position
        .unwrap_or_else(|| panic!("problem {message:?} has no position"));
    assert_eq!(
        (pos.line, pos.col),
        (line, col),
        "place of {message:?} (expected at {needle:?} #{nth})"
    );
    let shown = err.to_string();
    let expected_line = format!("{FILE}:{line}:{col}: {message}");
    assert!(
        shown.lines().any(|l| l == expected_line),
        "{expected_line:?} not in\n{shown}"
    );
}
