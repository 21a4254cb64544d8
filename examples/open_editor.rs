//! Opening a pathway file in the editor, timed to the first frame (BENCHMARKS.md,
//! "Whole-process figures"): what `carepath FILE` does before it first draws (read the
//! file once, parse and validate it on every core, analyse it), then one frame on a
//! 160×48 TestBackend, then the content hash and comment check the editor finishes
//! after its first frame; peak and current resident memory from /proc/self/status.
//!
//! ```text
//! cargo run --release --example export_generated -- 60000 /tmp/net-60000.ron --ron
//! /usr/bin/time -v target/release/examples/open_editor /tmp/net-60000.ron
//! ```

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use carepath::ui::{self, Theme, UiState};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The allocator of the `carepath` binary (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: open_editor FILE.ron");
        return ExitCode::from(2);
    };
    // As the `carepath` binary does first (src/main.rs).
    carepath::no_huge_pages();
    let start = Instant::now();
    let (mut app, pending) = match carepath::tui::open_file(Path::new(&path)) {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let opened = start.elapsed();
    let mut terminal = match Terminal::new(TestBackend::new(160, 48)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let theme = Theme::default();
    let mut state = UiState::default();
    if terminal
        .draw(|frame| {
            ui::render(frame, &app, &theme, &mut state);
        })
        .is_err()
    {
        return ExitCode::from(2);
    }
    let first_frame = start.elapsed();
    // What the editor does next: the content hash and comment check, found beside.
    pending.finish(&mut app);
    let settled = start.elapsed();
    let components: usize = app
        .document()
        .pathways()
        .iter()
        .map(|p| p.components().len())
        .sum();
    println!(
        "{path}: {components} components; opened (read, parse, validate, analyse) {:.0} ms, first frame at {:.0} ms, hash and comment check done at {:.0} ms; resident {} kB, peak {} kB",
        opened.as_secs_f64() * 1e3,
        first_frame.as_secs_f64() * 1e3,
        settled.as_secs_f64() * 1e3,
        status_kb("VmRSS:"),
        status_kb("VmHWM:"),
    );
    ExitCode::SUCCESS
}
