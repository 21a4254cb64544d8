//! The command line of README, "Commands": one file per command.

/// `eprintln!` that never panics (stderr closed or full): see `stdout::error_line`.
macro_rules! errorln {
    ($($arg:tt)*) => {
        $crate::cli::stdout::error_line(&format!($($arg)*))
    };
}

mod check;
mod colour;
mod diff;
mod export;
mod fmt;
mod import;
mod io;
mod manual;
mod merge;
mod new;
mod stdout;

pub use colour::ColorChoice;
pub use new::new_network;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::model::Condition;

/// Exit codes of README, "Commands".
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
    about = "Map children's services care pathways, score them, and find the weakest links.",
    long_about = "Map children's services care pathways, score them, and find the weakest \
        links.\n\nWithout a command, opens the editor on FILE (or on a built-in demo network). \
        The commands check, fmt, diff, export, import, new and merge work on pathway files \
        (.ron) for scripts, CI and git; - as a FILE reads standard input.",
    after_help = "Examples:\n  carepath pathways/type1-diabetes.ron    edit a network\n  \
        carepath check pathways/*.ron           the weakest links and findings\n  \
        carepath --theme light                  the demo network, projector theme"
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
    /// When to use colour in the editor: auto (unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load, validate and analyse files; print the weakest links and findings.
    #[command(after_help = "Examples:\n  carepath check pathways/*.ron\n  \
        carepath check --fail-on high --format json north.ron   in CI\n  \
        git show HEAD:north.ron | carepath check -")]
    Check {
        /// Pathway files to check; - reads standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// text for people, json for tools (files that did not load are listed with
        /// their error).
        #[arg(long, value_enum, value_name = "FORMAT", default_value_t = check::Format::Text)]
        format: check::Format,
        /// Exit 1 when a finding of this severity or higher is found.
        #[arg(long, value_enum, value_name = "SEVERITY")]
        fail_on: Option<check::FailOn>,
        /// When to colour the text report: auto (a terminal, unless NO_COLOR is set;
        /// CLICOLOR_FORCE forces it), always, never.
        #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Rewrite files in canonical form (--check only reports).
    #[command(after_help = "Examples:\n  carepath fmt pathways/*.ron\n  \
        carepath fmt --check pathways/*.ron      in CI: exit 1 if a file would change\n  \
        carepath fmt - < north.ron               format standard input to standard output")]
    Fmt {
        /// Pathway files to rewrite; - formats standard input to standard output.
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
    #[command(after_help = "Examples:\n  carepath diff old.ron north.ron\n  \
        git show HEAD~1:north.ron | carepath diff - north.ron\n  \
        carepath diff --exit-code --format json old.ron north.ron")]
    Diff {
        /// The older version (`/dev/null`: no file, as when a file is added; -: standard input).
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The newer version (`/dev/null`: no file, as when a file is deleted; -: standard input).
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// The rest of git's external-diff arguments.
        #[arg(hide = true, allow_hyphen_values = true)]
        git_args: Vec<std::ffi::OsString>,
        /// text for people, json for tools.
        #[arg(long, value_enum, value_name = "FORMAT", default_value_t = diff::Format::Text)]
        format: diff::Format,
        /// Exit 1 when the networks differ in pathway terms, 0 when they do not.
        #[arg(long)]
        exit_code: bool,
    },
    /// Diagrams (dot, mermaid, svg), a measures table (csv) or a review report (md).
    #[command(
        after_help = "Examples:\n  carepath export north.ron --format svg -o north.svg\n  \
        carepath export north.ron --format dot | dot -Tpng -o north.png\n  \
        carepath export north.ron --format md -o -"
    )]
    Export {
        /// The pathway file to export; - reads standard input.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// What to make of it.
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: export::Format,
        /// Write here (atomically) instead of to standard output; - is standard output.
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
    #[command(
        after_help = "Examples:\n  carepath import north.ron q3-measures.csv\n  \
        carepath import north.ron q3-measures.csv --partial"
    )]
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
    #[command(after_help = "Example:\n  carepath new asthma.ron --condition long-term")]
    New {
        /// The file to create; it must not exist yet.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Which phases the pathway needs: short-term (Prevention to Management) or
        /// long-term (all six).
        #[arg(long, value_enum, value_name = "CONDITION", default_value_t = ConditionArg::LongTerm)]
        condition: ConditionArg,
        /// The network's name (by default, from the file name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Three-way merge in pathway terms; git's merge driver.
    ///
    /// Items are matched by id; a change on one side is taken. A true conflict (both
    /// sides changed the same field differently, or one deleted what the other changed)
    /// keeps ours, is listed on stderr, and exits 1. The result is canonical and loads.
    #[command(
        after_help = "Examples:\n  carepath merge base.ron ours.ron theirs.ron -o merged.ron\n  \
        carepath merge %O %A %B -o %A      as git's merge driver (docs/merge.md)"
    )]
    Merge {
        /// The common ancestor (an empty file: none, as when both sides added the file).
        #[arg(value_name = "BASE")]
        base: PathBuf,
        /// Our version: kept where the two sides conflict.
        #[arg(value_name = "OURS")]
        ours: PathBuf,
        /// Their version.
        #[arg(value_name = "THEIRS")]
        theirs: PathBuf,
        /// Write here (atomically) instead of to standard output; - is standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Print shell completions for carepath to standard output.
    #[command(after_help = "Examples:\n  \
        carepath completions bash > ~/.local/share/bash-completion/completions/carepath\n  \
        carepath completions zsh > ~/.zfunc/_carepath\n  \
        carepath completions fish > ~/.config/fish/completions/carepath.fish")]
    Completions {
        /// The shell to complete in.
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print carepath's manual page (roff) to standard output, or write one page per
    /// command into a directory.
    #[command(after_help = "Examples:\n  \
        carepath man > ~/.local/share/man/man1/carepath.1\n  \
        carepath man --dir ~/.local/share/man/man1     carepath.1 and carepath-check.1, ...")]
    Man {
        /// Write carepath.1 and a page per command (carepath-check.1, ...) into this
        /// directory instead.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
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

/// Frees a large value on a thread of its own: a network of 60,000 components takes tens
/// of milliseconds to free, which neither the next file nor the end of the process (which
/// lets all memory go at once) needs to wait for.
pub(crate) fn let_go<T: Send + 'static>(value: T) {
    // Should no thread start, the value is freed here, as it would have been.
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop(value));
}

/// Runs a parsed command line; output goes to stdout, errors to stderr.
pub fn run(cli: Cli) -> ExitCode {
    let Some(command) = cli.command else {
        let options = crate::tui::EditorOptions {
            file: cli.file,
            theme: cli.theme,
            // The editor draws only on a terminal.
            no_colour: !cli.color.enabled(true),
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
            color,
        } => check::run(&files, format, fail_on, color),
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
            exit_code,
        } => diff::run(old, new, &git_args, diff::Options { format, exit_code }),
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
        Command::Merge {
            base,
            ours,
            theirs,
            output,
        } => merge::run(&base, &ours, &theirs, output.as_ref()),
        Command::Completions { shell } => manual::completions(shell),
        Command::Man { dir } => manual::man(dir.as_deref()),
    };
    // Output that could not be written (a full disk, a closed stdout) is not success.
    if let Some(e) = stdout::failure() {
        errorln!("carepath: could not write the output: {e}");
        return ExitCode::from(exit::BAD_INPUT);
    }
    ExitCode::from(code)
}
