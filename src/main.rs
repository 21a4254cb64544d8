use std::process::ExitCode;

use clap::Parser;

/// mimalloc keeps freed memory for the next allocation, where the system allocator hands
/// it back to the kernel and then faults it in again: analysing a large network again
/// after every edit is about a quarter faster with it (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
    carepath::cli::run(carepath::cli::Cli::parse())
}

/// Turns transparent huge pages off for this process. mimalloc asks for them, and on a
/// kernel that compacts memory to find them (THP `madvise` with `defrag=madvise`, common
/// on distributions and VMs) a large network's load spent up to a second of system time
/// in page faults and held 30-50 MB more; with ordinary pages it spends 0.2-0.3 s
/// (BENCHMARKS.md, "Whole-process figures"). A kernel without the setting ignores it.
#[cfg(target_os = "linux")]
fn no_huge_pages() {
    const PR_SET_THP_DISABLE: std::ffi::c_int = 41;
    unsafe extern "C" {
        fn prctl(option: std::ffi::c_int, ...) -> std::ffi::c_int;
    }
    // SAFETY: prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) only sets a flag of this process; a
    // failure (an old kernel) changes nothing and is of no consequence.
    unsafe {
        prctl(
            PR_SET_THP_DISABLE,
            1 as std::ffi::c_ulong,
            0 as std::ffi::c_ulong,
            0 as std::ffi::c_ulong,
            0 as std::ffi::c_ulong,
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn no_huge_pages() {}
