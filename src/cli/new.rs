//! `carepath new FILE [--condition short-term|long-term] [--name NAME]`

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

pub fn run(path: &Path, condition: Condition, name: Option<&str>) -> u8 {
    if name.is_some_and(|n| n.trim().is_empty()) {
        eprintln!("--name: the network's name must not be empty");
        return exit::BAD_INPUT;
    }
    if path.exists() {
        errorln!(
            "{}: already exists; carepath new never overwrites a file",
            path.display()
        );
        return exit::BAD_INPUT;
    }
    let mut network = new_network(path, condition);
    if let Some(name) = name {
        network.name = name.trim().to_string();
    }
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
