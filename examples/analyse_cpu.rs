//! Times `analysis::analyse` on generated networks by wall clock and by on-CPU time, the
//! time the process's threads actually ran (`CLOCK_PROCESS_CPUTIME_ID`, Linux only; on
//! one thread, that thread's time). On a busy shared machine the on-CPU time is the
//! steadier figure; `bench/networkx_reference.py` reports the same pair (Python's
//! `time.thread_time`, networkx being single-threaded), so the two can be compared.
//!
//! ```text
//! cargo run --release --example analyse_cpu -- [RUNS] [SIZE...] [--threads N]
//! ```
//!
//! Defaults: 15 runs at 60, 600, 6,000 and 60,000 components (seed 1, as the benches).

use std::hint::black_box;
use std::time::Instant;

/// The allocator of the `carepath` binary (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Nanoseconds this process's threads have run on a CPU (`CLOCK_PROCESS_CPUTIME_ID`),
/// or none where it cannot be read.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn on_cpu_ns() -> Option<u64> {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    unsafe extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec, of this layout on 64-bit Linux.
    let rc = unsafe { clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64)
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn on_cpu_ns() -> Option<u64> {
    None
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--threads N`: analyse on N threads (`analyse_on`); without it, `analyse` decides.
    let threads = args.iter().position(|a| a == "--threads").map(|i| {
        let n = args.get(i + 1).and_then(|n| n.parse::<usize>().ok());
        args.drain(i..(i + 2).min(args.len()));
        n.unwrap_or(1).max(1)
    });
    let args: Vec<usize> = args
        .iter()
        .filter_map(|a| a.replace('_', "").parse().ok())
        .collect();
    let runs = args.first().copied().unwrap_or(15).max(1);
    let sizes = if args.len() > 1 {
        args[1..].to_vec()
    } else {
        vec![60, 600, 6_000, 60_000]
    };
    match threads {
        Some(t) => println!("analyse_on({t} threads), {runs} runs each, medians"),
        None => println!("analyse(), {runs} runs each, medians"),
    }
    println!("{:>10} {:>14} {:>14}", "components", "wall", "on-CPU");
    for n in sizes {
        let network = carepath::generate::network(n, 1);
        let (mut wall, mut cpu) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let c0 = on_cpu_ns();
            let t0 = Instant::now();
            let analysis = black_box(match threads {
                Some(t) => carepath::analysis::analyse_on(black_box(&network), t),
                None => carepath::analysis::analyse(black_box(&network)),
            });
            let t = t0.elapsed().as_secs_f64();
            let c1 = on_cpu_ns();
            drop(analysis);
            wall.push(t);
            if let (Some(a), Some(b)) = (c0, c1) {
                cpu.push((b - a) as f64 / 1e9);
            }
        }
        let cpu = if cpu.is_empty() {
            "n/a".to_string()
        } else {
            format!("{:.6} s", median(cpu))
        };
        println!("{n:>10} {:>12.6} s {cpu:>14}", median(wall));
    }
}
