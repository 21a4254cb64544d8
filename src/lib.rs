//! carepath: map children's services care pathways, score them, find the weakest links.
//!
//! The domain (`model`, `storage`) knows nothing of the terminal.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod generate;
pub mod model;
pub mod storage;
