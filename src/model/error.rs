//! Why a change to a network, or a file, breaks a rule of docs/format.md.

use thiserror::Error;

use super::types::Direction;

/// A broken rule. Each variant names its rule in its message, so a person reading
/// an error knows which rule to fix. Text from a file is quoted with `{:?}`, so quotes and
/// control characters in it are escaped, never sent to the terminal raw.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ModelError {
    #[error("unsupported format {found}, expected 1")]
    UnsupportedFormat { found: u32 },
    #[error("invalid id {id:?}: ids must match [a-z0-9][a-z0-9-]*")]
    InvalidId { id: String },
    #[error("duplicate {kind} id {id:?}: {kind} ids must be unique in the file")]
    DuplicateId { kind: &'static str, id: String },
    #[error(
        "duplicate measure id {id:?} in {owner:?}: measure ids must be unique within their component or link"
    )]
    DuplicateMeasure { owner: String, id: String },
    #[error("provider {provider:?} of component {component:?} is not an organisation in this file")]
    UnknownProvider { component: String, provider: String },
    #[error("link end {id:?} is not a component of pathway {pathway:?}")]
    UnknownLinkEnd { pathway: String, id: String },
    #[error("action {action:?} refers to component {component:?}, which does not exist")]
    UnknownActionComponent { action: String, component: String },
    #[error("duplicate link from {from:?} to {to:?}: no two links may have the same from and to")]
    DuplicateLink { from: String, to: String },
    #[error("{field} of measure {measure:?} is {value}: numbers must be finite")]
    NotFinite {
        measure: String,
        field: &'static str,
        value: f64,
    },
    #[error("target of measure {measure:?} is {target}: HigherIsBetter needs a target above 0")]
    TargetNotPositive { measure: String, target: f64 },
    #[error(
        "amber {amber} of measure {measure:?} is on the better side of target {target} ({direction:?}): amber must lie on the worse side"
    )]
    AmberOnBetterSide {
        measure: String,
        amber: f64,
        target: f64,
        direction: Direction,
    },
    #[error("breakdown {by:?} of measure {measure:?}: {problem}")]
    BadBreakdown {
        measure: String,
        by: String,
        problem: String,
    },
    #[error("children of {item} is {value}: children must be a finite number, 0 or more")]
    BadChildren { item: String, value: f64 },
    #[error("as_of {value:?} is not a date: expected YYYY-MM-DD")]
    BadAsOf { value: String },
    #[error("{kind} {id:?} not found")]
    NotFound { kind: &'static str, id: String },
    #[error("organisation {id:?} still provides {count} component(s)")]
    OrganisationInUse { id: String, count: usize },
    #[error("{what} must not be empty")]
    Empty { what: &'static str },
}
