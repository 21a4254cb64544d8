//! The domain model of docs/format.md: plain Rust, no terminal and no file I/O.

mod assemble;
mod date;
mod delta;
mod error;
mod id;
mod items;
mod measure;
mod network;
mod number;
mod pathway;
mod types;
mod validate;

pub use date::{parse_date, today};
pub use delta::Delta;
pub use error::ModelError;
pub use id::{id_from_name, is_valid_id, unique_id};
pub use items::{Action, Component, Link, Organisation};
pub use measure::{Breakdown, Checklist, Measure, Question};
pub use network::{MeasureOwner, Network, PathwayDetails};
pub use number::{NUMBER_RULE, parse_number};
pub use pathway::Pathway;
pub use types::{
    ActionStatus, Answer, Condition, Direction, Domain, Integration, Level, LinkKind, Phase,
    Sector, display_name,
};
pub use validate::{Locator, Violation};
