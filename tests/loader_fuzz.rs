//! Random damage to each example file (README, "Your work is safe": nothing in a file panics the program).
//! tests/malformed.rs mutates one small network with a fixed stream; this mutates the
//! real examples, bytes and tokens and whole lines, through `load` (so text that is not
//! UTF-8 is included), and checks the shape of every error: one line per problem, each
//! `file:line:col: message` with the place inside the file, or `file: message`, and no
//! control characters. What still loads is valid and saves to a fixed point.

use std::path::{Path, PathBuf};

use carepath::storage::{self, LoadError};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;

mod common;
use common::damage::{cases, on_damaged_copies};

const EXAMPLES: [&str; 3] = ["type1-diabetes.ron", "mental-health.ron", "template.ron"];

/// Pieces that break files in interesting ways: escapes, controls, brackets, numbers
/// that are not finite, names that are nearly right, references to nothing.
const TOKENS: &[&str] = &[
    "\u{1b}[2J",
    "\u{1b}]0;title\u{7}",
    "\u{202e}",
    "\\u{1b}",
    "\\u{d800}",
    "\\",
    "\"",
    "r#\"",
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "//",
    "/*",
    "NaN",
    "inf",
    "-inf",
    "1e400",
    "-0.0",
    "0x10",
    "Some(",
    "None",
    "Reveiw",
    "Review",
    "HigherIsBetter",
    "id: \"gp\"",
    "from: \"nowhere\"",
    "format: 2,",
    "\u{feff}",
    "\0",
    "\n",
    "\r\n",
    "é✓中",
];

#[derive(Debug, Clone)]
enum Damage {
    /// Remove up to 8 bytes.
    Delete(Index, usize),
    /// Put in random bytes (not always UTF-8).
    Insert(Index, Vec<u8>),
    /// Overwrite a byte.
    Replace(Index, u8),
    /// Put in one of `TOKENS`, over up to 8 bytes.
    Token(Index, usize, Index),
    /// Copy a line to another place (fields and items given twice, ids repeated).
    CopyLine(Index, Index),
    /// Swap two lines.
    SwapLines(Index, Index),
    /// Cut the file short.
    Truncate(Index),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        3 => (any::<Index>(), 1usize..9).prop_map(|(at, n)| Damage::Delete(at, n)),
        2 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..4))
            .prop_map(|(at, b)| Damage::Insert(at, b)),
        2 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Damage::Replace(at, b)),
        4 => (any::<Index>(), 0usize..9, any::<Index>())
            .prop_map(|(at, n, t)| Damage::Token(at, n, t)),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Damage::CopyLine(a, b)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Damage::SwapLines(a, b)),
        1 => any::<Index>().prop_map(Damage::Truncate),
    ]
}

fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

fn apply(bytes: &mut Vec<u8>, damage: &Damage) {
    let len = bytes.len().max(1);
    match damage {
        Damage::Delete(at, n) => {
            let at = at.index(len).min(bytes.len());
            let end = (at + n).min(bytes.len());
            bytes.drain(at..end);
        }
        Damage::Insert(at, new) => {
            let at = at.index(len + 1).min(bytes.len());
            bytes.splice(at..at, new.iter().copied());
        }
        Damage::Replace(at, b) => {
            if !bytes.is_empty() {
                bytes[at.index(len)] = *b;
            }
        }
        Damage::Token(at, n, token) => {
            let at = at.index(len + 1).min(bytes.len());
            let end = (at + n).min(bytes.len());
            let token = TOKENS[token.index(TOKENS.len())].as_bytes();
            bytes.splice(at..end, token.iter().copied());
        }
        Damage::CopyLine(from, to) => {
            let mut ls = lines(bytes);
            if !ls.is_empty() {
                let line = ls[from.index(ls.len())].clone();
                ls.insert(to.index(ls.len() + 1), line);
                *bytes = ls.concat();
            }
        }
        Damage::SwapLines(a, b) => {
            let mut ls = lines(bytes);
            if !ls.is_empty() {
                let (a, b) = (a.index(ls.len()), b.index(ls.len()));
                ls.swap(a, b);
                *bytes = ls.concat();
            }
        }
        Damage::Truncate(at) => bytes.truncate(at.index(len)),
    }
}

/// The error's text: one line per problem, each naming the file and, when it has one,
/// a place that is inside the text.
fn check_error(err: &LoadError, path: &Path, bytes: &[u8]) -> Result<(), TestCaseError> {
    let shown = err.to_string();
    let file = path.display().to_string();
    let problems = err.problems().len().max(1);
    prop_assert_eq!(
        shown.lines().count(),
        problems,
        "one line per problem:\n{}",
        shown
    );
    // Places are counted in characters, over the text up to the first bad byte.
    let text = String::from_utf8_lossy(bytes);
    let text_lines: Vec<&str> = text.split('\n').collect();
    for line in shown.lines() {
        prop_assert!(
            !line.chars().any(char::is_control),
            "a control character in {:?}",
            line
        );
        let rest = line.strip_prefix(&file).and_then(|r| r.strip_prefix(':'));
        let Some(rest) = rest else {
            return Err(TestCaseError::fail(format!(
                "does not name the file: {line:?}"
            )));
        };
        let message = match rest.strip_prefix(' ') {
            Some(message) => message,
            None => {
                let mut parts = rest.splitn(3, ':');
                let (Some(l), Some(c), Some(message)) = (parts.next(), parts.next(), parts.next())
                else {
                    return Err(TestCaseError::fail(format!("not file:line:col: {line:?}")));
                };
                let (Ok(l), Ok(c)) = (l.parse::<usize>(), c.parse::<usize>()) else {
                    return Err(TestCaseError::fail(format!("not file:line:col: {line:?}")));
                };
                prop_assert!(
                    l >= 1 && l <= text_lines.len(),
                    "line {} of {}: {:?}",
                    l,
                    text_lines.len(),
                    line
                );
                let width = text_lines[l - 1].chars().count();
                prop_assert!(
                    c >= 1 && c <= width + 1,
                    "column {} of a {}-character line: {:?}",
                    c,
                    width,
                    line
                );
                message.strip_prefix(' ').unwrap_or("")
            }
        };
        prop_assert!(!message.trim().is_empty(), "no message: {:?}", line);
    }
    Ok(())
}

fn run(example: &str, cases: u32) -> (u32, u32) {
    let original = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("pathways")
            .join(example),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(example);
    let loaded = on_damaged_copies(example, &original, cases, damage(), apply, |bytes| {
        std::fs::write(&path, &bytes).unwrap();
        match storage::load(&path) {
            Ok(network) => {
                prop_assert!(network.validate().is_empty());
                let canonical = storage::to_canonical_string(&network);
                let again = storage::parse(&canonical, &path)
                    .map_err(|e| TestCaseError::fail(format!("canonical text fails: {e}")))?;
                prop_assert!(again == network, "canonical text loads differently");
                prop_assert_eq!(storage::to_canonical_string(&again), canonical);
                Ok(true)
            }
            Err(e) => check_error(&e, &path, &bytes).map(|()| false),
        }
    });
    (cases, loaded)
}

#[test]
fn damaged_examples_never_panic_and_every_error_has_its_place() {
    let mut total = 0;
    for example in EXAMPLES {
        let (cases, loaded) = run(example, cases(1000));
        eprintln!("loader_fuzz: {example}: {cases} damaged copies, {loaded} of them still load");
        total += cases;
    }
    eprintln!("loader_fuzz: {total} cases passed");
}
