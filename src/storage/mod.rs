//! The RON file format, version 1 (DESIGN §3): load with full validation, canonical save,
//! atomic write. Nothing here knows of the terminal.

mod error;
mod locate;

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::model::Network;

pub use error::{LoadError, Problem, SaveError, TextPosition};
pub use locate::position_of;

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// At most this many broken rules are reported from one file, each with its place.
pub const MAX_PROBLEMS: usize = 100;

/// The name standard input goes by in errors: `<stdin>:3:14: ...`.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads, parses and validates a pathway file.
pub fn load(path: &Path) -> Result<Network, LoadError> {
    let text = read_text(path)?;
    parse(&text, path)
}

/// Reads, parses and validates a pathway from standard input; errors name `<stdin>`.
pub fn load_stdin() -> Result<Network, LoadError> {
    let text = read_stdin()?;
    parse(&text, Path::new(STDIN_NAME))
}

/// A pathway file's text, refused when too large or not UTF-8.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(path, size));
    }
    read_limited(file, size, path)
}

/// Standard input's text, with the same limits as a file's.
pub fn read_stdin() -> Result<String, LoadError> {
    read_limited(std::io::stdin().lock(), 0, Path::new(STDIN_NAME))
}

/// Reads at most one byte past the limit: a file's length can change between stat and
/// read (or lie, for special files), and a pipe has none.
fn read_limited(reader: impl Read, expected: u64, path: &Path) -> Result<String, LoadError> {
    let mut bytes = Vec::with_capacity(expected.min(MAX_FILE_BYTES) as usize);
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| LoadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).expect("valid_up_to is valid");
        invalid(
            path,
            Some(position_of(valid, valid.len())),
            "file is not UTF-8 text (a pathway file must be UTF-8)".to_string(),
        )
    })
}

fn too_large(path: &Path, size: u64) -> LoadError {
    LoadError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit: MAX_FILE_BYTES,
    }
}

fn invalid(path: &Path, position: Option<TextPosition>, message: String) -> LoadError {
    LoadError::Invalid {
        path: path.to_path_buf(),
        problems: vec![Problem { position, message }],
    }
}

/// Parses and validates pathway text; `path` names it in errors.
pub fn parse(text: &str, path: &Path) -> Result<Network, LoadError> {
    // Option values are read bare whether or not the file enables implicit_some.
    let options = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let network: Network = options.from_str(text).map_err(|e| {
        let position = token_position(text, e.span.start);
        invalid(path, Some(position), syntax_message(&e.code))
    })?;
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
            message: v.error.to_string(),
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
        E::ExceededRecursionLimit => {
            "brackets nested too deeply (a pathway file needs only a few levels)".to_string()
        }
        other => other.to_string(),
    }
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

/// The canonical text of a network (DESIGN §3): a fixed point of load and save.
pub fn to_canonical_string(network: &Network) -> String {
    let config = PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(true)
        .extensions(Extensions::IMPLICIT_SOME);
    let text = ron::ser::to_string_pretty(network, config)
        .expect("a network is always serialisable: plain strings, numbers and lists");
    let mut text = unescape_apostrophes(&text);
    text.push('\n');
    text
}

/// ron escapes `'` inside strings as `\'`; both read back the same, and names like
/// "Children's services" read better in a diff without the backslash.
fn unescape_apostrophes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\'') => out.push('\''),
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Writes a network in canonical form, atomically.
pub fn save(path: &Path, network: &Network) -> Result<(), SaveError> {
    write_atomic(path, to_canonical_string(network).as_bytes())
}

/// Writes a temporary file beside `path`, syncs it, and renames it over `path`, so the
/// old file stays whole if anything fails. A symbolic link is followed, not replaced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let target: PathBuf = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).map_err(fail)?,
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".carepath-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    if let Ok(meta) = fs::metadata(&target) {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(&target).map_err(|e| fail(e.error))?;
    // Sync the directory so the rename itself survives a power cut.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes a new file atomically, refusing to replace anything already at `path`.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let fail = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".carepath-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist_noclobber(path).map_err(|e| fail(e.error))?;
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
