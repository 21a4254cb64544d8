//! Analysis benchmarks (BENCHMARKS.md): analyse() on generated networks of 60 to 60,000
//! components, and load + check of 60,000 components (parse with validation, then
//! analyse) as one measurement.
//!
//! `cargo bench --bench analysis`; `python3 bench/criterion_medians.py` prints the medians.

mod common;

use std::hint::black_box;
use std::path::Path;

use carepath::analysis::analyse;
use carepath::generate;
use carepath::storage::{parse, to_canonical_string};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use common::{SEED, SIZES, configure};

fn analysis(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyse");
    for &n in &SIZES {
        let network = generate::network(n, SEED);
        configure(&mut group, n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &network, |b, network| {
            b.iter_with_large_drop(|| analyse(black_box(network)))
        });
    }
    group.finish();

    let n = 60_000;
    let text = to_canonical_string(&generate::network(n, SEED));
    let mut group = c.benchmark_group("load_check");
    configure(&mut group, n);
    group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
        b.iter_with_large_drop(|| {
            let network = parse(black_box(text), Path::new("generated.ron")).expect("valid");
            let analysis = analyse(&network);
            (network, analysis)
        })
    });
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
