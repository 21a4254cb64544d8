//! `carepath diff OLD NEW [--format text|json] [--exit-code]`, also usable as git's external diff driver.
//!
//! git runs an external diff driver as `COMMAND path old-file old-hex old-mode new-file
//! new-hex new-mode` (two more arguments after a rename), so besides OLD NEW this accepts
//! seven or nine arguments and reads the files git names. `/dev/null` stands for a file
//! that does not exist on that side: an empty network.

mod json;
use crate::diff::text;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::diff::diff;
use crate::model::Network;
use crate::storage::LoadError;

use super::{exit, io, stdout};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// The two sides to compare and the names to show for them.
struct Sides {
    old: PathBuf,
    new: PathBuf,
    old_name: String,
    new_name: String,
    /// Run by git: a file that fails to load is reported in the output, and the exit
    /// code stays 0, because git stops the whole diff at a driver's non-zero exit.
    git: bool,
}

fn sides(old: PathBuf, new: PathBuf, git_args: &[OsString]) -> Result<Sides, String> {
    match git_args.len() {
        0 => Ok(Sides {
            old_name: io::name(&old),
            new_name: io::name(&new),
            old,
            new,
            git: false,
        }),
        // path old-file old-hex old-mode new-file new-hex new-mode [new-path rename-info]
        5 | 7 => {
            let path = old.display().to_string();
            let new_path = git_args
                .get(5)
                .map_or(path.clone(), |p| Path::new(p).display().to_string());
            let new_file = PathBuf::from(&git_args[2]);
            // Like git's own headers: an added or deleted file's other side is /dev/null.
            let name = |file: &Path, shown: String| {
                if file == Path::new(NO_FILE) {
                    NO_FILE.to_string()
                } else {
                    shown
                }
            };
            Ok(Sides {
                old_name: name(&new, format!("a/{path}")),
                new_name: name(&new_file, format!("b/{new_path}")),
                old: new,
                new: new_file,
                git: true,
            })
        }
        n => Err(format!(
            "diff takes OLD NEW, or git's seven (or nine) external-diff arguments; got {}",
            n + 2
        )),
    }
}

const NO_FILE: &str = "/dev/null";

fn load_side(path: &Path) -> Result<Network, LoadError> {
    if path == Path::new(NO_FILE) {
        Ok(Network::new(""))
    } else {
        io::load(path)
    }
}

/// What `diff` was asked to do, besides the two sides.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub format: Format,
    /// Exit 1 when the networks differ in pathway terms, like `git diff --exit-code`.
    pub exit_code: bool,
}

pub fn run(old: PathBuf, new: PathBuf, git_args: &[OsString], options: Options) -> u8 {
    if let Err(code) = io::stdin_once("diff", &[&old, &new]) {
        return code;
    }
    let format = options.format;
    let sides = match sides(old, new, git_args) {
        Ok(s) => s,
        Err(e) => {
            errorln!("carepath diff: {e}");
            return exit::BAD_INPUT;
        }
    };
    let (old_net, new_net) = match (load_side(&sides.old), load_side(&sides.new)) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            let errors: Vec<String> = [a.err(), b.err()]
                .into_iter()
                .flatten()
                .map(|e| e.to_string())
                .collect();
            if sides.git {
                let mut report = format!(
                    "carepath diff {} → {}\ncould not compare in pathway terms:\n",
                    sides.old_name, sides.new_name
                );
                for e in &errors {
                    report.push_str(&format!("  {e}\n"));
                }
                stdout::write(&crate::text::visible_lines(&report));
                return exit::OK;
            }
            for e in &errors {
                errorln!("{e}");
            }
            return exit::BAD_INPUT;
        }
    };
    let changes = diff(&old_net, &new_net);
    let absent = |p: &Path| p == Path::new(NO_FILE);
    let names = text::Names {
        old: &sides.old_name,
        new: &sides.new_name,
        old_absent: absent(&sides.old),
        new_absent: absent(&sides.new),
    };
    let report = match format {
        Format::Text => text::report(&names, &old_net, &new_net, &changes),
        Format::Json => json::report(&names, &old_net, &new_net, &changes) + "\n",
    };
    // Names, notes and paths (a repository's, as git's driver) never reach a terminal raw.
    if !stdout::write(&crate::text::visible_lines(&report)) {
        errorln!("carepath diff: could not write to standard output");
        return exit::BAD_INPUT;
    }
    if options.exit_code && !changes.is_empty() {
        exit::FINDINGS
    } else {
        exit::OK
    }
}
