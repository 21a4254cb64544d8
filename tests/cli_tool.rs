//! carepath behaves like the command-line tools its users know: `-` for standard input
//! and output, unloadable files in `check --format json`, `diff --exit-code`, `--color`
//! with NO_COLOR and CLICOLOR_FORCE, `--help` for every argument, completions and man.

mod exchange_support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use clap::CommandFactory;
use exchange_support::{base, bin, run_in, save, set_measure};
use serde_json::{Value, json};

struct Piped {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs carepath in `dir` with `input` on standard input; `env` adds variables to a
/// clean colour environment (no NO_COLOR, no CLICOLOR_FORCE).
fn piped(dir: &Path, args: &[&str], input: &str, env: &[(&str, &str)]) -> Piped {
    let mut cmd: Command = bin();
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the carepath binary runs");
    let mut stdin = child.stdin.take().unwrap();
    let text = input.to_string();
    // A command that fails before reading may close its end: that is not this test's error.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(text.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Piped {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn canonical() -> String {
    carepath::storage::to_canonical_string(&base())
}

/// The canonical text, spread differently: the same network, not in canonical form.
fn untidy() -> String {
    canonical().replace("    ", "  ")
}

const BROKEN: &str =
    "Network(\n  format: 1,\n  name: \"x\",\n  pathways: [Pathway(id: \"A\", name: \"a\")],\n)\n";

#[test]
fn check_reads_standard_input_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let ok = piped(dir.path(), &["check", "-"], &canonical(), &[]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(ok.stdout.starts_with("<stdin>: "), "{}", ok.stdout);
    let bad = piped(dir.path(), &["check", "-"], BROKEN, &[]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.starts_with("<stdin>:4:"), "{}", bad.stderr);
    assert!(bad.stdout.is_empty());
}

#[test]
fn standard_input_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["check", "-", "-"][..],
        &["diff", "-", "-"],
        &["fmt", "-", "-"],
    ] {
        let run = piped(dir.path(), args, &canonical(), &[]);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains("only once"), "{}", run.stderr);
    }
}

#[test]
fn fmt_dash_formats_standard_input_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let run = piped(dir.path(), &["fmt", "-"], &untidy(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, canonical());
    assert!(!dir.path().join("-").exists());
    let check = piped(dir.path(), &["fmt", "--check", "-"], &untidy(), &[]);
    assert_eq!(check.code, 1);
    assert_eq!(check.stdout, "<stdin>: not in canonical form\n");
    let tidy = piped(dir.path(), &["fmt", "--check", "-"], &canonical(), &[]);
    assert_eq!((tidy.code, tidy.stdout.as_str()), (0, ""));
    let bad = piped(dir.path(), &["fmt", "-"], BROKEN, &[]);
    assert_eq!(bad.code, 2);
    assert!(bad.stdout.is_empty(), "nothing half-formatted");
    assert!(bad.stderr.starts_with("<stdin>:4:"), "{}", bad.stderr);
    // Comments are never dropped silently: without --force nothing is written.
    let commented = format!("// who to ask\n{}", canonical());
    let kept = piped(dir.path(), &["fmt", "-"], &commented, &[]);
    assert_eq!(kept.code, 2);
    assert!(kept.stdout.is_empty(), "{}", kept.stdout);
    assert!(
        kept.stderr.starts_with("<stdin>:1:1: has comments"),
        "{}",
        kept.stderr
    );
    let forced = piped(dir.path(), &["fmt", "--force", "-"], &commented, &[]);
    assert_eq!((forced.code, forced.stdout), (0, canonical()));
    // Formatting stdin with other files would mix its text with their reports.
    save(dir.path(), "a.ron", &base());
    let mixed = piped(dir.path(), &["fmt", "a.ron", "-"], &canonical(), &[]);
    assert_eq!(mixed.code, 2);
    let mixed_check = piped(
        dir.path(),
        &["fmt", "--check", "a.ron", "-"],
        &untidy(),
        &[],
    );
    assert_eq!(mixed_check.code, 1, "{}", mixed_check.stderr);
}

#[test]
fn export_reads_stdin_and_writes_stdout_for_dash() {
    let dir = tempfile::tempdir().unwrap();
    let path = save(dir.path(), "net.ron", &base());
    let to_file = run_in(dir.path(), &["export", "net.ron", "--format", "csv"]);
    let run = piped(
        dir.path(),
        &["export", "-", "--format", "csv", "-o", "-"],
        &std::fs::read_to_string(&path).unwrap(),
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, to_file.stdout);
    assert!(run.stdout.starts_with("pathway,"));
    assert!(!dir.path().join("-").exists(), "-o - made a file named -");
}

#[test]
fn diff_reads_one_side_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let mut newer = base();
    set_measure(&mut newer, "gp-recognition", "dka", |m| {
        m.value = Some(12.0)
    });
    save(dir.path(), "new.ron", &newer);
    let run = piped(dir.path(), &["diff", "-", "new.ron"], &canonical(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("<stdin>"), "{}", run.stdout);
    assert!(run.stdout.contains("dka"), "{}", run.stdout);
}

#[test]
fn diff_exit_code_says_whether_the_networks_differ() {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "old.ron", &base());
    std::fs::write(dir.path().join("same.ron"), untidy()).unwrap();
    let mut newer = base();
    set_measure(&mut newer, "gp-recognition", "dka", |m| {
        m.value = Some(12.0)
    });
    save(dir.path(), "new.ron", &newer);
    let same = run_in(dir.path(), &["diff", "--exit-code", "old.ron", "same.ron"]);
    assert_eq!(same.code, 0, "{}", same.stdout);
    let differ = run_in(dir.path(), &["diff", "--exit-code", "old.ron", "new.ron"]);
    assert_eq!(differ.code, 1, "{}", differ.stderr);
    assert!(differ.stdout.contains("dka"));
    let json = run_in(
        dir.path(),
        &[
            "diff",
            "--exit-code",
            "--format",
            "json",
            "old.ron",
            "new.ron",
        ],
    );
    assert_eq!(json.code, 1);
    serde_json::from_str::<Value>(&json.stdout).expect("still the whole report");
    // Without the flag, a difference is not a failure.
    let plain = run_in(dir.path(), &["diff", "old.ron", "new.ron"]);
    assert_eq!(plain.code, 0);
}

#[test]
fn check_json_lists_files_that_did_not_load() {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "good.ron", &base());
    std::fs::write(dir.path().join("bad.ron"), BROKEN).unwrap();
    let run = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "good.ron",
            "bad.ron",
            "missing.ron",
        ],
    );
    assert_eq!(run.code, 2, "an unloadable file still exits 2");
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 3, "in argument order");
    assert_eq!(files[0]["file"], "good.ron");
    assert!(files[0]["pathways"].is_array());
    assert_eq!(
        files[1],
        json!({"file": "bad.ron", "error": {
            "message": "invalid id \"A\": ids must match [a-z0-9][a-z0-9-]*",
            "line": 4, "column": 26}})
    );
    assert_eq!(files[2]["file"], "missing.ron");
    assert_eq!(files[2]["error"]["line"], Value::Null);
    assert_eq!(files[2]["error"]["column"], Value::Null);
    assert!(!files[2]["error"]["message"].as_str().unwrap().is_empty());
    assert!(run.stderr.contains("bad.ron:4:26"), "{}", run.stderr);
}

#[test]
fn colour_follows_the_flag_and_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "net.ron", &base());
    let esc = |args: &[&str], env: &[(&str, &str)]| {
        let run = piped(dir.path(), args, "", env);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout.contains('\x1b')
    };
    // Standard output is a pipe here: auto means no colour.
    assert!(!esc(&["check", "net.ron"], &[]));
    assert!(esc(&["check", "--color", "always", "net.ron"], &[]));
    assert!(esc(
        &["check", "--color=always", "net.ron"],
        &[("NO_COLOR", "1")]
    ));
    assert!(!esc(
        &["check", "--color", "never", "net.ron"],
        &[("CLICOLOR_FORCE", "1")]
    ));
    assert!(esc(&["check", "net.ron"], &[("CLICOLOR_FORCE", "1")]));
    assert!(!esc(&["check", "net.ron"], &[("CLICOLOR_FORCE", "0")]));
    assert!(!esc(
        &["check", "net.ron"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    ));
    let bad = piped(
        dir.path(),
        &["check", "--color", "sometimes", "net.ron"],
        "",
        &[],
    );
    assert_eq!(bad.code, 2);
}

#[test]
fn every_argument_is_described_and_every_command_has_an_example() {
    let cli = carepath::cli::Cli::command();
    let mut missing = Vec::new();
    for sub in cli.get_subcommands() {
        let name = sub.get_name();
        if name == "help" {
            continue;
        }
        let after = sub
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        if !after.contains("carepath ") {
            missing.push(format!("{name}: no example"));
        }
        for arg in sub.get_arguments() {
            if arg.is_hide_set() || ["help", "version"].contains(&arg.get_id().as_str()) {
                continue;
            }
            if arg.get_help().is_none() {
                missing.push(format!("{name} {}: no description", arg.get_id()));
            }
        }
    }
    for arg in cli.get_arguments() {
        if !["help", "version"].contains(&arg.get_id().as_str()) && arg.get_help().is_none() {
            missing.push(format!("carepath {}: no description", arg.get_id()));
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
    // And the binary prints them.
    let dir = tempfile::tempdir().unwrap();
    let help = run_in(dir.path(), &["diff", "--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("--exit-code"), "{}", help.stdout);
    assert!(help.stdout.contains("Examples:"), "{}", help.stdout);
}

#[test]
fn completions_and_man_pages_come_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = run_in(dir.path(), &["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for word in ["check", "fmt", "diff", "export", "fail-on"] {
            assert!(run.stdout.contains(word), "{shell} completes {word}");
        }
    }
    assert_eq!(run_in(dir.path(), &["completions", "tcsh"]).code, 2);
    let man = run_in(dir.path(), &["man"]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.contains(".TH carepath 1"), "{}", man.stdout);
    assert!(man.stdout.contains("check"), "lists the commands");
    let pages = dir.path().join("man1");
    std::fs::create_dir(&pages).unwrap();
    let run = run_in(dir.path(), &["man", "--dir", "man1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = std::fs::read_to_string(pages.join("carepath-check.1")).unwrap();
    assert!(check.contains("fail\\-on"), "{check}");
    assert!(pages.join("carepath.1").exists());
    assert_eq!(
        run_in(dir.path(), &["man", "--dir", "nowhere/at/all"]).code,
        2
    );
}
