//! Loads, validates and analyses one pathway file, once, and says how long each step
//! took: for measuring peak memory by hand (BENCHMARKS.md: 60,000 components in under 1 s and
//! 300 MB).
//!
//! ```text
//! cargo run --release --example export_generated -- 60000 /tmp/carepath-60000.ron --ron
//! cargo build --release --example load_check
//! /usr/bin/time -v target/release/examples/load_check /tmp/carepath-60000.ron
//! ```
//!
//! The file is read whole, without `storage::load`'s size limit, so that files above it
//! can be measured too.

use std::path::Path;
use std::process::ExitCode;

/// The allocator of the `carepath` binary (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Instant;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: load_check FILE.ron");
        return ExitCode::from(2);
    };
    let start = Instant::now();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let read = start.elapsed();
    let network = match carepath::storage::parse(&text, Path::new(&path)) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let parsed = start.elapsed();
    drop(text);
    let analysis = carepath::analysis::analyse(&network);
    let analysed = start.elapsed();
    let components: usize = network
        .pathways()
        .iter()
        .map(|p| p.components().len())
        .sum();
    println!(
        "{path}: {components} components, {} findings; read {:.0} ms, parse+validate {:.0} ms, analyse {:.0} ms, total {:.0} ms",
        analysis.findings.len(),
        read.as_secs_f64() * 1e3,
        (parsed - read).as_secs_f64() * 1e3,
        (analysed - parsed).as_secs_f64() * 1e3,
        analysed.as_secs_f64() * 1e3
    );
    ExitCode::SUCCESS
}
