//! carepath: map children's services care pathways, score them, find the weakest links.
//!
//! The domain (`model`, `storage`, `layout`) knows nothing of the terminal.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod diff;
mod flat_lists;
pub mod generate;
pub mod keys;
pub mod layout;
pub mod merge;
pub mod model;
pub mod recovery;
mod signals;
pub mod storage;
pub mod text;
pub mod tui;
pub mod ui;
