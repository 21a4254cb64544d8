//! carepath builds for Windows and macOS as well as Linux: calls that exist only on Unix
//! are made in one place, src/signals.rs, behind `cfg(unix)` (with the Windows console's
//! close event beside them). CI also type-checks the Windows build (.ci/run).

use std::path::Path;

/// Names that exist only on Unix targets.
const UNIX_ONLY: [&str; 6] = [
    "SIGHUP",
    "SIGTERM",
    "std::os::unix",
    "libc::",
    "signal_hook::",
    "nix::",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn unix_only_calls_are_only_in_the_signals_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "found the sources");
    let mut found = Vec::new();
    for file in &files {
        if file.ends_with("signals.rs") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for name in UNIX_ONLY {
                if code.contains(name) {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "Unix-only calls outside src/signals.rs:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_signals_module_guards_each_platform() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/signals.rs"))
            .unwrap();
    // Every `register` is for one platform, and each platform has one.
    let lines: Vec<&str> = text.lines().collect();
    let mut guards = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("pub fn register") {
            let cfg = lines[..i]
                .iter()
                .rev()
                .find(|l| l.starts_with("#[cfg("))
                .expect("register has a cfg");
            guards.push(cfg.trim());
        }
    }
    assert_eq!(
        guards,
        [
            "#[cfg(unix)]",
            "#[cfg(windows)]",
            "#[cfg(not(any(unix, windows)))]"
        ]
    );
}
