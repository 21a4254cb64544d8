//! Memory of the undo history (BENCHMARKS.md, "Undo memory"): loads a pathway file, makes
//! 100 edits through the editor's named actions (renaming, moving and adding components
//! across the pathways), and prints the resident memory before and after, with the
//! history's own estimate.
//!
//! ```text
//! cargo run --release --example export_generated -- 60000 /tmp/carepath-60000.ron --ron
//! cargo run --release --example undo_memory -- /tmp/carepath-60000.ron
//! ```

use std::path::Path;
use std::process::ExitCode;

use carepath::app::{App, Edit};
use carepath::model::Phase;

/// The allocator of the `carepath` binary (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Resident memory now, in kB (Linux: /proc/self/status).
fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: undo_memory FILE.ron");
        return ExitCode::from(2);
    };
    let start = rss_kb();
    let network = match carepath::storage::load(Path::new(&path)) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut app = App::new(network, Some(path.clone().into()), true);
    let loaded = rss_kb();
    let pathways: Vec<(String, Vec<String>)> = app
        .document()
        .pathways()
        .iter()
        .map(|p| {
            (
                p.id.clone(),
                p.components().iter().map(|c| c.id.clone()).collect(),
            )
        })
        .collect();
    let mut peak = loaded;
    for i in 0..100 {
        let (pathway, ids) = &pathways[i % pathways.len()];
        let id = &ids[(i * 37) % ids.len()];
        let edit = match i % 3 {
            0 => {
                let mut c = app.document().find_component(id).unwrap().1.clone();
                c.name = format!("{} (renamed {i})", c.name);
                Edit::UpdateComponent {
                    id: id.clone(),
                    component: c,
                }
            }
            1 => Edit::SetPhase {
                id: id.clone(),
                phase: Phase::Review,
            },
            _ => {
                let mut c = app.document().find_component(id).unwrap().1.clone();
                c.id = format!("added-{i}");
                c.name = format!("Added {i}");
                c.measures.clear();
                Edit::AddComponent {
                    pathway: pathway.clone(),
                    component: c,
                    at: None,
                }
            }
        };
        if let Err(e) = app.apply(edit) {
            eprintln!("edit {i}: {e}");
        }
        peak = peak.max(rss_kb());
    }
    let after = rss_kb();
    let undo = app.history().undo_len();
    println!("file: {path}");
    println!("resident before loading: {start} kB");
    println!("resident after loading (network + analysis): {loaded} kB");
    println!("resident after 100 edits: {after} kB (peak {peak} kB)");
    println!(
        "after / loaded: {:.2}; history holds {undo} changes, estimated {} kB",
        after as f64 / loaded as f64,
        app.history().bytes() / 1024
    );
    ExitCode::SUCCESS
}
