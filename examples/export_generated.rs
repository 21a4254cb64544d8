//! Writes a generated network (`carepath::generate::network`) to a file, for the networkx
//! reference script and for measuring load times and memory by hand.
//!
//! ```text
//! cargo run --release --example export_generated -- SIZE PATH [--seed N] [--ron]
//! ```
//!
//! Writes `serde_json::to_string(&network)` by default, or the canonical `.ron` text with
//! `--ron`. The seed defaults to 1, the seed the benchmarks use.

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut positional = Vec::new();
    let mut seed = 1u64;
    let mut ron = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--ron" => ron = true,
            "--seed" => match it.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => return usage("--seed needs a number"),
            },
            _ => positional.push(arg),
        }
    }
    let [size, path] = positional[..] else {
        return usage("expected SIZE and PATH");
    };
    let Ok(size) = size.replace('_', "").parse::<usize>() else {
        return usage("SIZE must be a number of components");
    };

    let start = Instant::now();
    let network = carepath::generate::network(size, seed);
    let generated = start.elapsed();
    let text = if ron {
        carepath::storage::to_canonical_string(&network)
    } else {
        serde_json::to_string(&network).expect("a network serialises to JSON")
    };
    if let Err(e) = std::fs::write(path, &text) {
        eprintln!("{path}: {e}");
        return ExitCode::from(2);
    }
    let links: usize = network.pathways().iter().map(|p| p.links().len()).sum();
    eprintln!(
        "{path}: {size} components, {links} links, {} pathways, {} bytes (generated in {:.1} ms)",
        network.pathways().len(),
        text.len(),
        generated.as_secs_f64() * 1e3
    );
    ExitCode::SUCCESS
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("{problem}\nusage: export_generated SIZE PATH [--seed N] [--ron]");
    ExitCode::from(2)
}
