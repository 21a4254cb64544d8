//! `-` as a FILE (standard input) and as OUT (standard output), like other command-line
//! tools; every command that reads or writes pathway text goes through here.

use std::path::{Path, PathBuf};

use crate::model::Network;
use crate::storage::{self, LoadError};

use super::{exit, stdout};

/// The name that stands for standard input or output.
pub const DASH: &str = "-";

pub fn is_dash(path: &Path) -> bool {
    path == Path::new(DASH)
}

/// Loads a file, or standard input for `-`.
pub fn load(path: &Path) -> Result<Network, LoadError> {
    if is_dash(path) {
        storage::load_stdin()
    } else {
        storage::load(path)
    }
}

/// The text of a file, or of standard input for `-`, unparsed.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    if is_dash(path) {
        storage::read_stdin()
    } else {
        storage::read_text(path, storage::MAX_FILE_BYTES)
    }
}

/// How a file is named in reports: `<stdin>` for `-`.
pub fn name(path: &Path) -> String {
    if is_dash(path) {
        storage::STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    }
}

/// Standard input can be read once: a usage error when `-` is given twice.
pub fn stdin_once(command: &str, paths: &[&PathBuf]) -> Result<(), u8> {
    if paths.iter().filter(|p| is_dash(p)).count() > 1 {
        eprintln!("carepath {command}: standard input (-) can be read only once");
        return Err(exit::BAD_INPUT);
    }
    Ok(())
}

/// The exit code of a write to a file, after saying what the user should hear of it.
pub fn wrote(written: Result<storage::Written, storage::SaveError>) -> u8 {
    match written {
        Ok(written) => {
            if let Some(notice) = written.notice {
                errorln!("carepath: {notice}");
            }
            exit::OK
        }
        Err(e) => {
            errorln!("{e}");
            exit::BAD_INPUT
        }
    }
}

/// Writes the result to OUT (atomically, keeping a rewritten file's permissions), or to
/// standard output when there is no OUT or it is `-`.
pub fn write_out(command: &str, out: Option<&Path>, bytes: &[u8]) -> u8 {
    match out {
        Some(path) if !is_dash(path) => wrote(storage::write_atomic(path, bytes)),
        _ => {
            if stdout::write_bytes(bytes) {
                exit::OK
            } else {
                errorln!("carepath {command}: could not write to standard output");
                exit::BAD_INPUT
            }
        }
    }
}
