use std::process::ExitCode;

use clap::Parser;

/// mimalloc keeps freed memory for the next allocation, where the system allocator hands
/// it back to the kernel and then faults it in again: analysing a large network again
/// after every edit is about a quarter faster with it (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    carepath::no_huge_pages();
    carepath::cli::run(carepath::cli::Cli::parse())
}
