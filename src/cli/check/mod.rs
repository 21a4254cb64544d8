//! `carepath check FILE... [--format text|json] [--fail-on high|medium|low]`

mod children;
mod json;
mod measures;
mod text;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::ValueEnum;

use crate::analysis::{Severity, analyse};
use crate::storage;

use super::exit;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    High,
    Medium,
    Low,
}

impl From<FailOn> for Severity {
    fn from(f: FailOn) -> Self {
        match f {
            FailOn::High => Severity::High,
            FailOn::Medium => Severity::Medium,
            FailOn::Low => Severity::Low,
        }
    }
}

/// Colour only for a terminal, and never with `NO_COLOR` set (https://no-color.org).
fn use_colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn run(files: &[PathBuf], format: Format, fail_on: Option<FailOn>) -> u8 {
    let threshold = fail_on.map(Severity::from);
    let mut failed = false;
    let mut over = false;
    let mut loaded = Vec::new();
    for path in files {
        match storage::load(path) {
            Ok(network) => {
                let analysis = analyse(&network);
                over |=
                    threshold.is_some_and(|t| analysis.findings.iter().any(|f| f.severity <= t));
                loaded.push((path.display().to_string(), network, analysis));
            }
            Err(e) => {
                errorln!("{e}");
                failed = true;
            }
        }
    }
    let out = match format {
        Format::Json => {
            let report = json::Report {
                files: loaded
                    .iter()
                    .map(|(file, n, a)| json::file_report(file.clone(), n, a))
                    .collect(),
            };
            let mut out = crate::text::json_escaped(
                serde_json::to_string_pretty(&report).expect("the report has only finite numbers"),
            );
            out.push('\n');
            out
        }
        Format::Text => {
            let paint = text::Painter {
                colour: use_colour(),
            };
            let reports: Vec<String> = loaded
                .iter()
                .map(|(file, n, a)| {
                    // Nothing from a file reaches the terminal raw: names, notes, the path.
                    let visible = crate::text::visible_network(n);
                    text::report(&crate::text::visible(file), &visible, a, &paint)
                })
                .collect();
            reports.join("\n")
        }
    };
    // A reader that has gone (`carepath check ... | head`) is not an error worth a word;
    // print! would panic there. Any other failure to write is (`cli::run` says so).
    if !super::stdout::write(&out) {
        return exit::BAD_INPUT;
    }
    if failed {
        exit::BAD_INPUT
    } else if over {
        exit::FINDINGS
    } else {
        exit::OK
    }
}
