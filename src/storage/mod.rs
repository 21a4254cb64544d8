//! The RON file format, version 1 (docs/format.md): load with full validation, canonical save,
//! atomic write. Nothing here knows of the terminal.

mod canonical;
mod comments;
mod error;
mod fast;
mod locate;
mod read;
mod split;
mod write;

use std::path::Path;

use ron::extensions::Extensions;

use crate::model::Network;

pub use canonical::{is_canonical, to_canonical_string};
pub use comments::first_comment;
pub use error::{LoadError, Problem, SaveError, TextPosition};
pub use locate::position_of;
pub use read::{read_stdin, read_text};
pub use write::{
    Written, write_atomic, write_atomic_forced, write_atomic_streamed, write_atomic_unchecked,
    write_new,
};

/// Pathway files larger than this are refused before they are read, and carepath writes
/// none larger (docs/format.md, "Size"): the canonical form of a 60,000-component network
/// is about 116 MB, well inside it.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// At most this many broken rules are reported from one file, each with its place.
pub const MAX_PROBLEMS: usize = 100;

/// The name standard input goes by in errors: `<stdin>:3:14: ...`.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads, parses and validates a pathway file.
pub fn load(path: &Path) -> Result<Network, LoadError> {
    let text = read_text(path, MAX_FILE_BYTES)?;
    let network = parse(&text, path);
    // The text of a large file is about as large as its network: its memory goes back
    // to the system now, not when the allocator next tidies up, so what the caller does
    // with the network (analyse it, say) does not hold both at once.
    if text.len() >= split::PARALLEL_FROM {
        drop(text);
        crate::give_back_freed_memory();
    }
    network
}

/// Reads, parses and validates a pathway from standard input; errors name `<stdin>`.
pub fn load_stdin() -> Result<Network, LoadError> {
    let text = read_stdin()?;
    parse(&text, Path::new(STDIN_NAME))
}

/// "No such file" for a symbolic link whose target has gone says so, and names the target.
pub fn dangling(path: &Path, e: std::io::Error) -> LoadError {
    let target = std::fs::symlink_metadata(path)
        .ok()
        .filter(|m| m.file_type().is_symlink())
        .and_then(|_| std::fs::read_link(path).ok());
    let source = match target {
        Some(to) if e.kind() == std::io::ErrorKind::NotFound => std::io::Error::new(
            e.kind(),
            format!(
                "a symbolic link to {}, which does not exist (a dangling link)",
                crate::text::visible(&to.display().to_string())
            ),
        ),
        _ => e,
    };
    LoadError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn too_large(path: &Path, size: u64, limit: u64) -> LoadError {
    LoadError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit,
    }
}

fn invalid(path: &Path, position: Option<TextPosition>, message: String) -> LoadError {
    LoadError::Invalid {
        path: path.to_path_buf(),
        problems: vec![Problem { position, message }],
    }
}

/// A UTF-8 byte-order mark, which some Windows editors put at the start of a file.
pub const BOM: char = '\u{feff}';

/// Parses and validates pathway text; `path` names it in errors. A byte-order mark at
/// the start is accepted (and not written back: the canonical form has none).
pub fn parse(text: &str, path: &Path) -> Result<Network, LoadError> {
    parse_noting_comments(text, path).map(|parsed| parsed.network)
}

/// A network as `parse` reads it, and whether its text may hold comments.
pub struct Parsed {
    pub network: Network,
    /// False when the fast reader read the text: it reads no comments, so there are none
    /// to look for (a search of a large file's every string takes a while).
    pub may_have_comments: bool,
}

/// `parse`, saying whether the text may hold comments.
pub fn parse_noting_comments(text: &str, path: &Path) -> Result<Parsed, LoadError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    // The fast reader reads what carepath writes, large files on every core; whatever it
    // does not read (a comment, a mistake), ron reads, and says where it is wrong.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (network, may_have_comments) = match split::read(text, threads) {
        Ok(network) => (network, false),
        Err(fast::Bail) => (read_with_ron(text, path)?, true),
    };
    Ok(Parsed {
        network: validated(network, text, path)?,
        may_have_comments,
    })
}

/// `parse` with `ron` alone, without the fast reader: the reference it is tested against.
#[doc(hidden)]
pub fn parse_with_ron(text: &str, path: &Path) -> Result<Network, LoadError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let network = read_with_ron(text, path)?;
    validated(network, text, path)
}

fn read_with_ron(text: &str, path: &Path) -> Result<Network, LoadError> {
    // Option values are read bare whether or not the file enables implicit_some.
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    options.from_str(text).map_err(|e| {
        let position = token_position(text, e.span.start);
        invalid(path, Some(position), short_quotes(&syntax_message(&e.code)))
    })
}

/// The network if it keeps every rule, else the first `MAX_PROBLEMS` broken, each placed.
fn validated(network: Network, text: &str, path: &Path) -> Result<Network, LoadError> {
    let violations = network.validate();
    if violations.is_empty() {
        return Ok(network);
    }
    // Each place is a search through the text: a file with thousands of broken rules
    // reports the first MAX_PROBLEMS, and how many more there are.
    let total = violations.len();
    let mut problems: Vec<Problem> = violations
        .into_iter()
        .take(MAX_PROBLEMS)
        .map(|v| Problem {
            position: locate::locate(text, &v.path),
            message: short_quotes(&v.error.to_string()),
        })
        .collect();
    if total > MAX_PROBLEMS {
        problems.push(Problem {
            position: None,
            message: format!("{} more problems not shown", total - MAX_PROBLEMS),
        });
    }
    Err(LoadError::Invalid {
        path: path.to_path_buf(),
        problems,
    })
}

/// The place of a syntax error. ron starts some spans at the whitespace before the token
/// they are about (`value: "x"` where a number belongs): the place is the token itself,
/// which may be on a later line. Whitespace up to the end of the file is not skipped.
fn token_position(text: &str, start: ron::error::Position) -> TextPosition {
    let line_start = match start.line {
        0 | 1 => 0,
        n => text
            .match_indices('\n')
            .nth(n - 2)
            .map_or(text.len(), |(i, _)| i + 1),
    };
    let offset = text[line_start..]
        .char_indices()
        .nth(start.col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i);
    let rest = &text[offset..];
    let token = rest.trim_start();
    if token.is_empty() {
        position_of(text, offset)
    } else {
        position_of(text, offset + rest.len() - token.len())
    }
}

/// ron's message, reworded where it would puzzle someone who is not a Rust programmer.
fn syntax_message(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "unknown {} \"{found}\", expected one of {}",
            outer
                .as_deref()
                .map_or("variant".to_string(), describe_enum),
            expected.join(", ")
        ),
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field \"{found}\" in {}, expected one of {}",
            outer.as_deref().unwrap_or("this item"),
            expected.join(", ")
        ),
        E::MissingStructField { field, outer } => format!(
            "missing field \"{field}\" in {}",
            outer.as_deref().unwrap_or("this item")
        ),
        E::DuplicateStructField { field, outer } => format!(
            "field \"{field}\" given twice in {}",
            outer.as_deref().unwrap_or("this item")
        ),
        E::Eof => {
            "unexpected end of file: the file is cut short or a bracket is not closed".to_string()
        }
        E::SuggestRawIdentifier(word) if word.starts_with(|c: char| c.is_ascii_digit()) => {
            format!(
                "\"{word}\" cannot start a field: a number cannot contain a comma (write 25.6, not 25,6)"
            )
        }
        E::SuggestRawIdentifier(word) | E::InvalidIdentifier(word) => {
            format!("\"{word}\" is not a field name here (is text missing its double quotes?)")
        }
        E::ExceededRecursionLimit => {
            "brackets nested too deeply (a pathway file needs only a few levels)".to_string()
        }
        other => other.to_string(),
    }
}

/// An error quotes at most `QUOTE_CHARS` characters of a value: a 16 KB name would bury
/// the message (and the terminal). Quoted parts longer than that are cut with `…`.
const QUOTE_CHARS: usize = 80;

fn short_quotes(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    let mut quoted: Option<String> = None;
    for c in message.chars() {
        match (&mut quoted, c) {
            (None, '"') => quoted = Some(String::new()),
            (None, c) => out.push(c),
            (Some(q), '"') => {
                out.push('"');
                if q.chars().count() > QUOTE_CHARS {
                    out.extend(q.chars().take(QUOTE_CHARS - 1));
                    out.push('…');
                } else {
                    out.push_str(q);
                }
                out.push('"');
                quoted = None;
            }
            (Some(q), c) => q.push(c),
        }
    }
    if let Some(q) = quoted {
        out.push('"');
        out.extend(q.chars().take(QUOTE_CHARS));
    }
    out
}

/// "Phase" -> "phase", "LinkKind" -> "link kind".
fn describe_enum(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Writes a network in canonical form, atomically.
pub fn save(path: &Path, network: &Network) -> Result<Written, SaveError> {
    write_atomic(path, to_canonical_string(network).as_bytes())
}
