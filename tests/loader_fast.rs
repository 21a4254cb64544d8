//! The fast reader (src/storage/fast.rs, split.rs) against `ron`: every damaged copy of
//! the examples and of generated networks loads to the same network through `parse` as
//! through `parse_with_ron`, or fails with the same error, word for word and place for
//! place. Large texts go through the split, read on several threads.

use std::path::{Path, PathBuf};

use carepath::storage;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;

mod common;
use common::damage::{cases, on_damaged_copies};

/// Pieces that sit at the edge of what the fast reader reads, and what it must leave to
/// ron: escapes, numbers, options, attributes, comments, whitespace ron knows and it does not.
const TOKENS: &[&str] = &[
    "\\u{41}",
    "\\u{d800}",
    "\\u{}",
    "\\x41",
    "\\'",
    "\\\"",
    "\\n",
    "\\\n",
    "1_000",
    "1e5",
    "1E-3",
    "+1",
    ".5",
    "1.",
    "1..2",
    "0x10",
    "007",
    "4294967296",
    "1f64",
    "inf",
    "-NaN",
    "Some(",
    "Some (",
    "Some",
    "None",
    "None,",
    ")",
    "(",
    "[",
    "]",
    ",",
    ",,",
    ":",
    "\"",
    "r\"x\"",
    "r#\"x\"#",
    "b\"x\"",
    "'x'",
    "//",
    "/* x */",
    "#![enable(unwrap_newtypes)]",
    "#![enable(implicit_some)]",
    "Network",
    "Pathway",
    "Component",
    "Health(",
    "r#id",
    "name-x",
    "é",
    "\t",
    "\r\n",
    "\u{a0}",
    "\u{85}",
    "\u{2028}",
    "{",
    "}",
];

#[derive(Debug, Clone)]
enum Damage {
    Delete(Index, usize),
    Token(Index, usize, Index),
    Replace(Index, u8),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        2 => (any::<Index>(), 1usize..6).prop_map(|(at, n)| Damage::Delete(at, n)),
        5 => (any::<Index>(), 0usize..4, any::<Index>())
            .prop_map(|(at, n, t)| Damage::Token(at, n, t)),
        1 => (any::<Index>(), 32u8..127).prop_map(|(at, b)| Damage::Replace(at, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &Damage) {
    let len = bytes.len().max(1);
    match damage {
        Damage::Delete(at, n) => {
            let at = at.index(len).min(bytes.len());
            let end = (at + n).min(bytes.len());
            bytes.drain(at..end);
        }
        Damage::Token(at, n, token) => {
            let at = at.index(len + 1).min(bytes.len());
            let end = (at + n).min(bytes.len());
            let token = TOKENS[token.index(TOKENS.len())].as_bytes();
            bytes.splice(at..end, token.iter().copied());
        }
        Damage::Replace(at, b) => {
            if !bytes.is_empty() {
                bytes[at.index(len)] = *b;
            }
        }
    }
}

/// Same network, or the same error.
fn agree(text: &str) -> Result<bool, TestCaseError> {
    let path = Path::new("damaged.ron");
    match (
        storage::parse(text, path),
        storage::parse_with_ron(text, path),
    ) {
        (Ok(fast), Ok(reference)) => {
            prop_assert!(fast == reference, "the fast reader read another network");
            Ok(true)
        }
        (Err(fast), Err(reference)) => {
            prop_assert_eq!(fast.to_string(), reference.to_string());
            Ok(false)
        }
        (Ok(_), Err(e)) => Err(TestCaseError::fail(format!(
            "the fast reader read what ron refuses: {e}"
        ))),
        (Err(e), Ok(_)) => Err(TestCaseError::fail(format!(
            "the fast reader refused what ron reads: {e}"
        ))),
    }
}

fn run(name: &str, original: &[u8], cases: u32) {
    let loaded =
        on_damaged_copies(
            name,
            original,
            cases,
            damage(),
            apply,
            |bytes| match String::from_utf8(bytes) {
                Ok(text) => agree(&text),
                Err(_) => Ok(false),
            },
        );
    eprintln!("loader_fast: {name}: {cases} damaged copies, {loaded} load");
}

#[test]
fn damaged_examples_read_as_ron_reads_them() {
    for example in ["type1-diabetes.ron", "mental-health.ron", "template.ron"] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("pathways")
            .join(example);
        run(example, &std::fs::read(path).unwrap(), cases(600));
    }
}

#[test]
fn damaged_large_networks_read_as_ron_reads_them_on_every_thread() {
    // About 19 MB: above the size from which pathways are read on several threads.
    let network = carepath::generate::network(9_500, 3);
    let text = storage::to_canonical_string(&network);
    assert!(text.len() > 16 << 20, "{} bytes", text.len());
    assert!(agree(&text).unwrap());
    assert!(storage::parse(&text, Path::new("g.ron")).unwrap() == network);
    run("generated-9500", text.as_bytes(), cases(12).min(12));
}

#[test]
fn what_the_fast_reader_leaves_to_ron_still_loads() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("pathways/type1-diabetes.ron"),
    )
    .unwrap();
    let canonical = storage::parse(&text, Path::new("t.ron")).unwrap();
    // A comment, no attribute, no struct name: ron reads them, to the same network.
    let variants = [
        text.replacen("Network(", "// a comment\nNetwork(", 1),
        text.replacen("#![enable(implicit_some)]", "", 1),
        text.replacen("Network(", "(", 1),
    ];
    for variant in variants {
        let read = storage::parse(&variant, Path::new("t.ron"));
        let reference = storage::parse_with_ron(&variant, Path::new("t.ron"));
        match (read, reference) {
            (Ok(a), Ok(b)) => assert!(a == b && a == canonical),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!("disagree: {:?} / {:?}", a.is_ok(), b.is_ok()),
        }
    }
}

#[test]
fn a_pathway_line_inside_a_string_does_not_split_a_large_network() {
    // The list is split where a canonical pathway line is found past its middle. A name
    // there, with line breaks, holding such a line must not be taken for one.
    let network = carepath::generate::network(9_500, 4);
    let text = storage::to_canonical_string(&network);
    let middle = text.len() / 2;
    let name = middle + text[middle..].find("name: \"").unwrap() + "name: \"".len();
    let forged = [&text[..name], "x\n),\n        Pathway(\n", &text[name..]].concat();
    let read = storage::parse(&forged, Path::new("g.ron"));
    let reference = storage::parse_with_ron(&forged, Path::new("g.ron"));
    match (read, reference) {
        (Ok(a), Ok(b)) => assert!(a == b && a.pathways().len() == network.pathways().len()),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!("disagree: {:?} / {:?}", a.is_ok(), b.is_ok()),
    }
}
