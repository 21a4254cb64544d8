//! `carepath fmt FILE... [--check] [--force]`; `fmt -` formats standard input to standard
//! output, so an editor can format on save.

use std::path::PathBuf;

use crate::storage;

use super::{exit, io, stdout};

pub fn run(files: &[PathBuf], check: bool, force: bool) -> u8 {
    if let Err(code) = io::stdin_once("fmt", &files.iter().collect::<Vec<_>>()) {
        return code;
    }
    if !check && files.len() > 1 && files.iter().any(|f| io::is_dash(f)) {
        // The formatted text of stdin would be mixed with the other files' reports.
        errorln!("carepath fmt: - (standard input) is formatted on its own, or with --check");
        return exit::BAD_INPUT;
    }
    let mut failed = false;
    let mut changed = false;
    for path in files {
        let name = io::name(path);
        let parsed = io::read_text(path).and_then(|text| {
            let network = storage::parse(&text, std::path::Path::new(&name))?;
            Ok((text, network))
        });
        let (current, network) = match parsed {
            Ok(loaded) => loaded,
            Err(e) => {
                errorln!("{e}");
                failed = true;
                continue;
            }
        };
        if io::is_dash(path) && !check {
            // Formatting on save must not lose comments silently either: without --force
            // nothing is written, so the editor keeps its text.
            if let Some(at) = storage::first_comment(&current)
                && !force
            {
                errorln!(
                    "{name}:{}:{}: has comments, which carepath does not keep: not formatted (put what they say in a notes field, or use --force to drop them)",
                    at.line,
                    at.col
                );
                failed = true;
                continue;
            }
            if !stdout::write(&storage::to_canonical_string(&network)) {
                errorln!("carepath fmt: could not write to standard output");
                failed = true;
            }
            continue;
        }
        // Compared as it is made: the canonical text is written out only to be saved.
        if storage::is_canonical(&current, &network) {
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
            super::stdout::write_text(&format!("{}: not in canonical form\n", name));
        } else {
            let write = if force {
                storage::write_atomic_forced
            } else {
                storage::write_atomic
            };
            let canonical = storage::to_canonical_string(&network);
            drop(network);
            match write(path, canonical.as_bytes()) {
                Err(e) => {
                    errorln!("{e}");
                    failed = true;
                }
                Ok(written) => {
                    super::stdout::write_text(&format!("{}: formatted\n", name));
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
