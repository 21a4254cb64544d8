//! `carepath fmt FILE... [--check] [--force]`

use std::path::PathBuf;

use crate::storage;

use super::exit;

pub fn run(files: &[PathBuf], check: bool, force: bool) -> u8 {
    let mut failed = false;
    let mut changed = false;
    for path in files {
        let network = match storage::load(path) {
            Ok(n) => n,
            Err(e) => {
                errorln!("{e}");
                failed = true;
                continue;
            }
        };
        let canonical = storage::to_canonical_string(&network);
        // load succeeded, so the file is readable UTF-8; a race that changes it now
        // only means we compare against the newer text.
        let current = std::fs::read_to_string(path).unwrap_or_default();
        if current == canonical {
            continue;
        }
        changed = true;
        let comment = storage::first_comment(&current);
        if let Some(at) = comment {
            // The canonical form has no comments: say so rather than drop them silently.
            let said = format!(
                "{}:{}:{}: has comments, which carepath does not keep: put what they say in a notes field",
                path.display(),
                at.line,
                at.col
            );
            if check {
                super::stdout::write_text(&format!("{said} (fmt would drop them)\n"));
                continue;
            }
            if !force {
                errorln!("{said}; not formatted (--force formats it and drops them)");
                failed = true;
                continue;
            }
        }
        if check {
            super::stdout::write_text(&format!("{}: not in canonical form\n", path.display()));
        } else {
            let write = if force {
                storage::write_atomic_forced
            } else {
                storage::write_atomic
            };
            match write(path, canonical.as_bytes()) {
                Err(e) => {
                    errorln!("{e}");
                    failed = true;
                }
                Ok(written) => {
                    super::stdout::write_text(&format!("{}: formatted\n", path.display()));
                    if let Some(notice) = written.notice {
                        errorln!("carepath: {notice}");
                    }
                }
            }
        }
    }
    if failed {
        exit::BAD_INPUT
    } else if check && changed {
        exit::FINDINGS
    } else {
        exit::OK
    }
}
