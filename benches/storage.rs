//! Storage benchmarks (BENCHMARKS.md): parse (text -> Network, with validation: the fast
//! reader, on both cores from 16 MB), parse_with_ron (the same through `ron` alone, as
//! before the fast reader), validate() alone, and to_canonical_string, on generated
//! networks of 60 to 60,000 components.
//!
//! `cargo bench --bench storage`; medians are in `target/criterion/*/*/new/estimates.json`
//! (`python3 bench/criterion_medians.py` prints them as a table).

mod common;

use std::hint::black_box;
use std::path::Path;

use carepath::generate;
use carepath::storage::{parse, parse_with_ron, to_canonical_string};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use common::{SEED, SIZES, configure};

fn storage(c: &mut Criterion) {
    // Generate each network and its text once, outside every measured loop.
    let networks: Vec<_> = SIZES
        .iter()
        .map(|&n| {
            let network = generate::network(n, SEED);
            let text = to_canonical_string(&network);
            (n, network, text)
        })
        .collect();

    let mut group = c.benchmark_group("parse");
    for (n, _, text) in &networks {
        configure(&mut group, *n);
        group.bench_with_input(BenchmarkId::from_parameter(n), text, |b, text| {
            b.iter_with_large_drop(|| {
                parse(black_box(text), Path::new("generated.ron")).expect("valid")
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("parse_with_ron");
    for (n, _, text) in &networks {
        configure(&mut group, *n);
        group.bench_with_input(BenchmarkId::from_parameter(n), text, |b, text| {
            b.iter_with_large_drop(|| {
                parse_with_ron(black_box(text), Path::new("generated.ron")).expect("valid")
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("validate");
    for (n, network, _) in &networks {
        configure(&mut group, *n);
        group.bench_with_input(BenchmarkId::from_parameter(n), network, |b, network| {
            b.iter(|| black_box(network).validate())
        });
    }
    group.finish();

    let mut group = c.benchmark_group("to_canonical_string");
    for (n, network, _) in &networks {
        configure(&mut group, *n);
        group.bench_with_input(BenchmarkId::from_parameter(n), network, |b, network| {
            b.iter_with_large_drop(|| to_canonical_string(black_box(network)))
        });
    }
    group.finish();
}

criterion_group!(benches, storage);
criterion_main!(benches);
