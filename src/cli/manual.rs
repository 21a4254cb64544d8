//! `carepath completions SHELL` and `carepath man [--dir DIR]`: generated from the same
//! clap definitions that parse the command line, so they cannot drift from it.

use std::path::Path;

use clap::CommandFactory;

use super::{Cli, exit, stdout};

pub fn completions(shell: clap_complete::Shell) -> u8 {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "carepath", &mut out);
    if stdout::write_bytes(&out) {
        exit::OK
    } else {
        eprintln!("carepath completions: could not write to standard output");
        exit::BAD_INPUT
    }
}

pub fn man(dir: Option<&Path>) -> u8 {
    let command = Cli::command();
    if let Some(dir) = dir {
        // One page per command: carepath.1, carepath-check.1, ...
        return match clap_mangen::generate_to(command, dir) {
            Ok(()) => {
                stdout::write(&format!("{}: manual pages written\n", dir.display()));
                exit::OK
            }
            Err(e) => {
                eprintln!("carepath man: {}: {e}", dir.display());
                exit::BAD_INPUT
            }
        };
    }
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut out)
        .expect("rendering into memory cannot fail");
    if stdout::write_bytes(&out) {
        exit::OK
    } else {
        eprintln!("carepath man: could not write to standard output");
        exit::BAD_INPUT
    }
}
