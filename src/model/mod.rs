//! The domain model of DESIGN §2-3: plain Rust, no terminal and no file I/O.

mod assemble;
mod date;
mod error;
mod id;
mod items;
mod measure;
mod network;
mod pathway;
mod types;
mod validate;

pub use date::{parse_date, today};
pub use error::ModelError;
pub use id::{id_from_name, is_valid_id, unique_id};
pub use items::{Action, Component, Link, Organisation};
pub use measure::{Breakdown, Checklist, Measure, Question};
pub use network::{MeasureOwner, Network, PathwayDetails};
pub use pathway::Pathway;
pub use types::{
    ActionStatus, Answer, Condition, Direction, Domain, Integration, Level, LinkKind, Phase, Sector,
};
pub use validate::{Locator, Violation};
