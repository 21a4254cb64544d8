//! `carepath check FILE... [--format text|json] [--fail-on high|medium|low]`

mod children;
mod json;
mod measures;
mod text;

use std::fmt::Write;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::ValueEnum;

use crate::analysis::{Severity, analyse};

use super::colour::ColorChoice;
use super::{exit, io};

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

pub fn run(files: &[PathBuf], format: Format, fail_on: Option<FailOn>, color: ColorChoice) -> u8 {
    if let Err(code) = io::stdin_once("check", &files.iter().collect::<Vec<_>>()) {
        return code;
    }
    let threshold = fail_on.map(Severity::from);
    let mut failed = false;
    let mut over = false;
    if format == Format::Text {
        // Each file's report is written as it is made, and the file let go before the next.
        let paint = text::Painter {
            colour: color.enabled(std::io::stdout().is_terminal()),
        };
        let mut out = super::stdout::Stream::new();
        let mut first = true;
        for path in files {
            let network = match io::load(path) {
                Ok(network) => network,
                Err(e) => {
                    errorln!("{e}");
                    failed = true;
                    continue;
                }
            };
            let analysis = analyse(&network);
            over |= threshold.is_some_and(|t| analysis.findings.iter().any(|f| f.severity <= t));
            if !first {
                let _ = out.write_str("\n");
            }
            first = false;
            // Nothing from a file reaches the terminal raw: names, notes, the path.
            let visible = crate::text::visible_network(&network);
            let name = io::name(path);
            text::report(
                &mut out,
                &crate::text::visible(&name),
                &visible,
                &analysis,
                &paint,
            );
            drop(visible);
            super::let_go((network, analysis));
        }
        // A reader that has gone (`carepath check ... | head`) is not an error worth a
        // word. Any other failure to write is (`cli::run` says so).
        if !out.finish() {
            return exit::BAD_INPUT;
        }
        return outcome(failed, over);
    }
    let mut results = Vec::new();
    for path in files {
        let name = io::name(path);
        match io::load(path) {
            Ok(network) => {
                let analysis = analyse(&network);
                over |=
                    threshold.is_some_and(|t| analysis.findings.iter().any(|f| f.severity <= t));
                results.push(Ok((name, network, analysis)));
            }
            Err(e) => {
                errorln!("{e}");
                failed = true;
                results.push(Err((name, e)));
            }
        }
    }
    let report = json::Report {
        files: results
            .iter()
            .map(|r| match r {
                Ok((file, n, a)) => json::FileEntry::Loaded(json::file_report(file.clone(), n, a)),
                Err((file, e)) => json::FileEntry::Failed(json::failed_report(file.clone(), e)),
            })
            .collect(),
    };
    let mut out = super::stdout::Stream::new();
    out.json(&report);
    // As above: a reader that has gone is not an error; any other failure is.
    if !out.finish() {
        return exit::BAD_INPUT;
    }
    outcome(failed, over)
}

fn outcome(failed: bool, over: bool) -> u8 {
    if failed {
        exit::BAD_INPUT
    } else if over {
        exit::FINDINGS
    } else {
        exit::OK
    }
}
