//! carepath: map children's services care pathways, score them, find the weakest links.
//!
//! The domain (`model`, `storage`, `layout`) knows nothing of the terminal.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod diff;
mod flat_lists;
pub mod generate;
pub mod keys;
pub mod layout;
pub mod merge;
pub mod model;
pub mod recovery;
mod signals;
pub mod storage;
pub mod text;
mod threads;
pub mod tui;
pub mod ui;

/// Hands memory freed so far back to the system. mimalloc, the binary's allocator
/// (src/main.rs), keeps freed memory for the next allocation; after a file is opened, the
/// text just read (as large as the file) is not needed again, and the editor should not
/// go on holding it.
pub fn give_back_freed_memory() {
    // SAFETY: mi_collect returns free pages to the system and may be called from any
    // thread at any time; it changes no memory in use.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// Turns transparent huge pages off for this process. mimalloc asks for them, and on a
/// kernel that compacts memory to find them (THP `madvise` with `defrag=madvise`, common
/// on distributions and VMs) a large network's load spent up to a second of system time
/// in page faults and held 30-50 MB more; with ordinary pages it spends 0.2-0.3 s
/// (BENCHMARKS.md, "Whole-process figures"). A kernel without the setting ignores it.
#[cfg(target_os = "linux")]
pub fn no_huge_pages() {
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
pub fn no_huge_pages() {}
