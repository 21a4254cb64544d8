//! The command line of DESIGN §6: one file per command.

/// `eprintln!` that never panics (stderr closed or full): see `stdout::error_line`.
macro_rules! errorln {
    ($($arg:tt)*) => {
        $crate::cli::stdout::error_line(&format!($($arg)*))
    };
}

mod check;
mod diff;
mod export;
mod fmt;
mod import;
mod new;
mod stdout;

pub use new::new_network;

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
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The pathway file to edit; created on first save if missing. Without it, a
    /// built-in demo network opens, unsaved.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Colour theme: dark, light, high-contrast, colour-blind, or one of your own.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
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
        /// Rewrite read-only files too (they stay read-only), and files with comments
        /// (which are dropped).
        #[arg(long, conflicts_with = "check")]
        force: bool,
    },
    /// What changed between two versions of a file, in pathway terms.
    ///
    /// Also git's external diff driver: git's seven arguments are accepted too.
    Diff {
        /// The older version (`/dev/null`: no file, as when a file is added).
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The newer version (`/dev/null`: no file, as when a file is deleted).
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// The rest of git's external-diff arguments.
        #[arg(hide = true, allow_hyphen_values = true)]
        git_args: Vec<std::ffi::OsString>,
        #[arg(long, value_enum, default_value_t = diff::Format::Text)]
        format: diff::Format,
    },
    /// Diagrams (dot, mermaid, svg), a measures table (csv) or a review report (md).
    Export {
        /// The pathway file to export.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_enum)]
        format: export::Format,
        /// Write here (atomically) instead of to stdout.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Export only this pathway (its id).
        #[arg(long, value_name = "ID")]
        pathway: Option<String>,
        /// The landscape page size for png and pdf.
        #[arg(long, value_enum, default_value_t = export::Page::A3)]
        page: export::Page,
    },
    /// Update measure values from a spreadsheet (CSV); old values move to history.
    Import {
        /// The pathway file to update.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// CSV with columns pathway, component (or from->to), measure, value[, period, source].
        #[arg(value_name = "DATA.csv")]
        data: PathBuf,
        /// Apply the valid rows and list the others, instead of writing nothing.
        #[arg(long)]
        partial: bool,
        /// Update a read-only file too (it stays read-only), or one with comments (which
        /// are dropped).
        #[arg(long)]
        force: bool,
    },
    /// Create a new network with one pathway. Never overwrites a file.
    New {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ConditionArg::LongTerm)]
        condition: ConditionArg,
        /// The network's name (by default, from the file name).
        #[arg(long)]
        name: Option<String>,
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
    let Some(command) = cli.command else {
        let options = crate::tui::EditorOptions {
            file: cli.file,
            theme: cli.theme,
        };
        return match crate::tui::run(options) {
            Ok(()) => ExitCode::from(exit::OK),
            Err(e) => {
                errorln!("carepath: {e:#}");
                ExitCode::from(exit::BAD_INPUT)
            }
        };
    };
    let code = match command {
        Command::Check {
            files,
            format,
            fail_on,
        } => check::run(&files, format, fail_on),
        Command::Fmt {
            files,
            check,
            force,
        } => fmt::run(&files, check, force),
        Command::Diff {
            old,
            new,
            git_args,
            format,
        } => diff::run(old, new, &git_args, format),
        Command::Export {
            file,
            format,
            output,
            pathway,
            page,
        } => export::run(
            &file,
            format,
            &export::Options {
                out: output,
                pathway,
                page,
            },
        ),
        Command::Import {
            file,
            data,
            partial,
            force,
        } => import::run(&file, &data, partial, force),
        Command::New {
            file,
            condition,
            name,
        } => new::run(&file, condition.into(), name.as_deref()),
    };
    // Output that could not be written (a full disk, a closed stdout) is not success.
    if let Some(e) = stdout::failure() {
        errorln!("carepath: could not write the output: {e}");
        return ExitCode::from(exit::BAD_INPUT);
    }
    ExitCode::from(code)
}
