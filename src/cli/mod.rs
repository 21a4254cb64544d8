//! The command line of DESIGN §6: one file per command.

mod check;
mod fmt;
mod new;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::model::Condition;

/// Exit codes of DESIGN §6.
pub mod exit {
    /// Done.
    pub const OK: u8 = 0;
    /// A finding at or above `--fail-on`, or `fmt --check` found a file to change.
    pub const FINDINGS: u8 = 1;
    /// An input that could not be loaded, or a usage error.
    pub const BAD_INPUT: u8 = 2;
}

#[derive(Debug, Parser)]
#[command(
    name = "carepath",
    version,
    about = "Map children's services care pathways, score them, and find the weakest links."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load, validate and analyse files; print the weakest links and findings.
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = check::Format::Text)]
        format: check::Format,
        /// Exit 1 when a finding of this severity or higher is found.
        #[arg(long, value_enum)]
        fail_on: Option<check::FailOn>,
    },
    /// Rewrite files in canonical form (--check only reports).
    Fmt {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Change nothing; exit 1 if a file is not in canonical form.
        #[arg(long)]
        check: bool,
    },
    /// Create a new network with one pathway. Never overwrites a file.
    New {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ConditionArg::LongTerm)]
        condition: ConditionArg,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ConditionArg {
    ShortTerm,
    LongTerm,
}

impl From<ConditionArg> for Condition {
    fn from(c: ConditionArg) -> Self {
        match c {
            ConditionArg::ShortTerm => Condition::ShortTerm,
            ConditionArg::LongTerm => Condition::LongTerm,
        }
    }
}

/// Runs a parsed command line; output goes to stdout, errors to stderr.
pub fn run(cli: Cli) -> ExitCode {
    let code = match cli.command {
        Command::Check {
            files,
            format,
            fail_on,
        } => check::run(&files, format, fail_on),
        Command::Fmt { files, check } => fmt::run(&files, check),
        Command::New { file, condition } => new::run(&file, condition.into()),
    };
    ExitCode::from(code)
}
