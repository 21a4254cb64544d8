//! carepath builds for Windows and macOS as well as Linux: calls that exist only on Unix
//! are behind `cfg(unix)` (signals in src/signals.rs, with the Windows console's close
//! event beside them; file modes and owners in src/storage/write.rs). CI also
//! type-checks the Windows build (.ci/run).

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

/// The lines of `text` that name something Unix-only outside an item or block marked
/// `#[cfg(unix)]` (or `#[cfg(windows)]`): a marked line guards the next statement, or the next block to its end.
fn unguarded(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let (mut depth, mut guarded_to, mut pending) = (0i32, None::<i32>, false);
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        // Code for Windows alone is type-checked for Windows by CI.
        if (code.contains("cfg(unix)") || code.contains("cfg(windows)")) && !code.contains("not(") {
            pending = true;
        }
        if guarded_to.is_none() && !pending && UNIX_ONLY.iter().any(|name| code.contains(name)) {
            found.push((n + 1, line.trim().to_string()));
        }
        for c in code.chars() {
            match c {
                '{' => {
                    depth += 1;
                    if pending && guarded_to.is_none() {
                        guarded_to = Some(depth);
                        pending = false;
                    }
                }
                '}' => {
                    if guarded_to == Some(depth) {
                        guarded_to = None;
                    }
                    depth -= 1;
                }
                ';' if pending && guarded_to.is_none() && !code.contains("cfg(") => pending = false,
                _ => {}
            }
        }
    }
    found
}

#[test]
fn the_guard_reader_sees_blocks_and_statements() {
    let text = "#[cfg(unix)]\nuse std::os::unix::fs::MetadataExt;\nfn f() {\n    #[cfg(unix)]\n    {\n        let _ = std::os::unix::fs::chown(p, None, None);\n    }\n    let _ = libc::getpid();\n}\n";
    assert_eq!(
        unguarded(text),
        vec![(8, "let _ = libc::getpid();".to_string())]
    );
}

#[test]
fn unix_only_calls_are_behind_cfg_unix() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "found the sources");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in unguarded(&text) {
            found.push(format!("{}:{n}: {line}", file.display()));
        }
    }
    assert!(
        found.is_empty(),
        "Unix-only calls outside #[cfg(unix)]:\n{}",
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
