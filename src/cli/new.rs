//! `carepath new FILE [--condition short-term|long-term]`

use std::path::Path;

use crate::model::{Condition, Network, Pathway};
use crate::storage;

use super::exit;

/// The network `new` writes: named after the file, with one empty pathway.
pub fn new_network(path: &Path, condition: Condition) -> Network {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "New network".to_string());
    let mut name = stem.trim().to_string();
    if let Some(first) = name.get(..1) {
        name = first.to_uppercase() + &name[1..];
    }
    let mut network = Network::new(&name);
    network
        .add_pathway(Pathway::new("pathway", "New pathway", condition))
        .expect("an empty network takes any valid pathway");
    network
}

pub fn run(path: &Path, condition: Condition) -> u8 {
    if path.exists() {
        errorln!(
            "{}: already exists; carepath new never overwrites a file",
            path.display()
        );
        return exit::BAD_INPUT;
    }
    let network = new_network(path, condition);
    match storage::write_new(path, storage::to_canonical_string(&network).as_bytes()) {
        Ok(_) => {
            super::stdout::write_text(&format!("{}: created\n", path.display()));
            exit::OK
        }
        Err(e) => {
            errorln!("{e}");
            exit::BAD_INPUT
        }
    }
}
