//! `carepath fmt FILE... [--check]`; `fmt -` formats standard input to standard output,
//! so an editor can format on save.

use std::path::PathBuf;

use crate::storage;

use super::{exit, io, stdout};

pub fn run(files: &[PathBuf], check: bool) -> u8 {
    if let Err(code) = io::stdin_once("fmt", &files.iter().collect::<Vec<_>>()) {
        return code;
    }
    if !check && files.len() > 1 && files.iter().any(|f| io::is_dash(f)) {
        // The formatted text of stdin would be mixed with the other files' reports.
        eprintln!("carepath fmt: - (standard input) is formatted on its own, or with --check");
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
                eprintln!("{e}");
                failed = true;
                continue;
            }
        };
        let canonical = storage::to_canonical_string(&network);
        if io::is_dash(path) && !check {
            if !stdout::write(&canonical) {
                eprintln!("carepath fmt: could not write to standard output");
                failed = true;
            }
            continue;
        }
        if current == canonical {
            continue;
        }
        changed = true;
        if check {
            stdout::write(&format!("{name}: not in canonical form\n"));
        } else if let Err(e) = storage::write_atomic(path, canonical.as_bytes()) {
            eprintln!("{e}");
            failed = true;
        } else {
            stdout::write(&format!("{name}: formatted\n"));
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
