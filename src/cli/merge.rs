//! `carepath merge BASE OURS THEIRS [-o OUT]`: a three-way merge in pathway terms, and
//! git's merge driver (`driver = carepath merge %O %A %B -o %A`; docs/merge.md).
//!
//! The result is canonical and always loads. Conflicts keep ours, are listed on stderr
//! one a line, and make the exit code 1, so git reports the file as conflicted.

use std::path::{Path, PathBuf};

use crate::merge::merge;
use crate::model::Network;
use crate::storage::{self, LoadError};

use super::{exit, io};

/// BASE may be empty: git gives an empty file when both sides added the file.
fn load_base(path: &Path) -> Result<Network, LoadError> {
    let text = io::read_text(path)?;
    if text.trim().is_empty() {
        return Ok(Network::new(""));
    }
    storage::parse(&text, Path::new(&io::name(path)))
}

pub fn run(base: &Path, ours: &Path, theirs: &Path, out: Option<&PathBuf>) -> u8 {
    if let Err(code) = io::stdin_once(
        "merge",
        &[
            &base.to_path_buf(),
            &ours.to_path_buf(),
            &theirs.to_path_buf(),
        ],
    ) {
        return code;
    }
    let loaded = (load_base(base), io::load(ours), io::load(theirs));
    let (Ok(b), Ok(o), Ok(t)) = loaded else {
        let (b, o, t) = loaded;
        for e in [b.err(), o.err(), t.err()].into_iter().flatten() {
            eprintln!("{e}");
        }
        return exit::BAD_INPUT;
    };
    let merged = merge(&b, &o, &t);
    let text = storage::to_canonical_string(&merged.network);
    let written = io::write_out("merge", out.map(PathBuf::as_path), text.as_bytes());
    if written != exit::OK {
        return written;
    }
    if merged.conflicts.is_empty() {
        return exit::OK;
    }
    let mut report = format!(
        "carepath merge: {} conflict{} in {}, ours kept:\n",
        merged.conflicts.len(),
        if merged.conflicts.len() == 1 { "" } else { "s" },
        io::name(ours)
    );
    for c in &merged.conflicts {
        report.push_str(&format!("  {c}\n"));
    }
    eprint!("{report}");
    exit::FINDINGS
}
