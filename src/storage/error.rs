//! Load errors that name the file, line and column, and say what was expected.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

/// A place in a file's text, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextPosition {
    pub line: usize,
    pub col: usize,
}

/// One problem found in a file, with its place when the text has one.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub position: Option<TextPosition>,
    pub message: String,
}

/// Why a file could not be loaded. Displayed as `file:line:col: message`, one line per problem.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: file is {size} bytes, larger than the {limit}-byte limit", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{}", ProblemList { path, problems })]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

impl LoadError {
    /// The problems found in the text (empty for I/O and size errors).
    pub fn problems(&self) -> &[Problem] {
        match self {
            LoadError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

struct ProblemList<'a> {
    path: &'a PathBuf,
    problems: &'a [Problem],
}

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}:", self.path.display())?;
            if let Some(TextPosition { line, col }) = p.position {
                write!(f, "{line}:{col}:")?;
            }
            write!(f, " {}", p.message)?;
        }
        Ok(())
    }
}

/// Why a save failed. The file that was there before is untouched.
#[derive(Debug, Error)]
#[error("could not save {}: {source}", path.display())]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}
