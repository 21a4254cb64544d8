//! What the benchmarks share: the sizes of BENCHMARKS.md, the seed, and a criterion setting
//! per size that keeps the whole suite to a few minutes.

#![allow(dead_code)]

use std::time::Duration;

/// The allocator of the `carepath` binary (see `src/main.rs`), so that the benchmarks
/// measure what users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, SamplingMode, Throughput};

/// Components in the generated networks (BENCHMARKS.md).
pub const SIZES: [usize; 4] = [60, 600, 6_000, 60_000];

/// The seed of every generated network in the benchmarks and in BENCHMARKS.md.
pub const SEED: u64 = 1;

/// Sample size and time for a network of `n` components. Large networks take one
/// iteration per sample (flat sampling), so an operation of a second costs ~10 s, not ~55.
pub fn configure(group: &mut BenchmarkGroup<'_, WallTime>, n: usize) {
    group.throughput(Throughput::Elements(n as u64));
    let (mode, samples, secs) = match n {
        60_000.. => (SamplingMode::Flat, 10, 14),
        6_000.. => (SamplingMode::Flat, 15, 4),
        600.. => (SamplingMode::Flat, 20, 3),
        _ => (SamplingMode::Auto, 30, 2),
    };
    group
        .sampling_mode(mode)
        .sample_size(samples)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(secs));
}
