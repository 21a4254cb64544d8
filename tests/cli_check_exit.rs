//! `carepath check` exit codes (README, "Commands"): 0 done, 1 a finding at or above
//! `--fail-on`, 2 an input that could not be loaded or a usage error.

mod common;

use std::path::PathBuf;
use std::process::Command;

use carepath::model::{Condition, Phase};
use common::Builder;
use common::cli::{carepath, clean, files, north, only};
use serde_json::Value;

// ----- exit codes -----

#[test]
fn exit_zero_without_fail_on_whatever_is_found() {
    let dir = files(&[("north.ron", north())]);
    assert_eq!(carepath(dir.path(), &["check", "north.ron"]).code, Some(0));
    assert_eq!(
        carepath(dir.path(), &["check", "--format", "json", "north.ron"]).code,
        Some(0)
    );
}

#[test]
fn exit_one_when_a_finding_is_at_or_above_fail_on() {
    let dir = files(&[
        ("high.ron", only("high")),
        ("medium.ron", only("medium")),
        ("low.ron", only("low")),
        ("clean.ron", clean()),
    ]);
    // (file, --fail-on, exit code)
    let table = [
        ("high.ron", "high", 1),
        ("high.ron", "medium", 1),
        ("high.ron", "low", 1),
        ("medium.ron", "high", 0),
        ("medium.ron", "medium", 1),
        ("medium.ron", "low", 1),
        ("low.ron", "high", 0),
        ("low.ron", "medium", 0),
        ("low.ron", "low", 1),
        ("clean.ron", "high", 0),
        ("clean.ron", "medium", 0),
        ("clean.ron", "low", 0),
    ];
    for (file, fail_on, code) in table {
        for format in ["text", "json"] {
            let run = carepath(
                dir.path(),
                &["check", file, "--fail-on", fail_on, "--format", format],
            );
            assert_eq!(
                run.code,
                Some(code),
                "{file} --fail-on {fail_on} --format {format}: {}",
                run.stderr
            );
            assert!(!run.stdout.is_empty(), "the report is printed either way");
        }
    }
    // Over several files, any file with a finding at the threshold fails the run.
    let run = carepath(
        dir.path(),
        &["check", "clean.ron", "low.ron", "--fail-on", "low"],
    );
    assert_eq!(run.code, Some(1));
    let run = carepath(
        dir.path(),
        &["check", "clean.ron", "low.ron", "--fail-on", "medium"],
    );
    assert_eq!(run.code, Some(0));
}

/// `clean` saved, with its Assessment phase misspelt; returns the text and the 1-based
/// line of the misspelling.
fn misspelt() -> (String, usize) {
    let text = carepath::storage::to_canonical_string(&clean())
        .replace("phase: Assessment", "phase: Asessment");
    let line = text.lines().position(|l| l.contains("Asessment")).unwrap() + 1;
    (text, line)
}

#[test]
fn exit_two_when_a_file_cannot_be_loaded_and_the_others_are_still_reported() {
    let dir = files(&[("north.ron", north())]);
    let (text, line) = misspelt();
    std::fs::write(dir.path().join("bad.ron"), text).unwrap();
    for format in ["text", "json"] {
        // Even with --fail-on and High findings in the good file, the exit code is 2.
        for extra in [&[][..], &["--fail-on", "high"][..]] {
            let mut args = vec!["check", "--format", format, "bad.ron", "north.ron"];
            args.extend_from_slice(extra);
            let run = carepath(dir.path(), &args);
            assert_eq!(run.code, Some(2), "{args:?}");
            let error = run.stderr.lines().next().expect("an error line");
            let prefix = format!("bad.ron:{line}:");
            assert!(
                error.starts_with(&prefix),
                "{error:?} should start {prefix:?}"
            );
            let (col, message) = error[prefix.len()..].split_once(": ").unwrap();
            assert!(col.parse::<usize>().is_ok_and(|c| c > 0), "{error:?}");
            assert!(
                message.contains("\"Asessment\"") && message.contains("Assessment"),
                "{message:?}"
            );
            // The good file is still reported on stdout; the bad one only in JSON, as
            // a file with its located error.
            assert!(run.stdout.contains("north.ron"), "{}", run.stdout);
            if format == "json" {
                let json: Value = serde_json::from_str(&run.stdout).unwrap();
                assert_eq!(json["files"].as_array().unwrap().len(), 2);
                assert_eq!(json["files"][0]["file"], "bad.ron");
                assert_eq!(json["files"][0]["error"]["line"], line);
                assert_eq!(json["files"][1]["file"], "north.ron");
            } else {
                assert!(!run.stdout.contains("bad.ron"));
                assert!(
                    run.stdout
                        .starts_with("north.ron: North region children's diabetes network\n")
                );
            }
        }
    }
    // A missing file is an input that cannot be loaded, named on stderr.
    let run = carepath(dir.path(), &["check", "north.ron", "missing.ron"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.starts_with("missing.ron: "), "{}", run.stderr);
    assert!(run.stdout.starts_with("north.ron: "));
}

#[test]
fn exit_two_for_usage_errors() {
    let dir = files(&[("clean.ron", clean())]);
    for args in [
        &["check"][..],
        &["check", "clean.ron", "--format", "xml"],
        &["check", "clean.ron", "--fail-on", "critical"],
        &["check", "clean.ron", "--fail-on"],
        &["check", "clean.ron", "--colour"],
        &["chekc", "clean.ron"],
    ] {
        let run = carepath(dir.path(), args);
        assert_eq!(run.code, Some(2), "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}: nothing on stdout");
        assert!(!run.stderr.is_empty(), "{args:?}: the error is on stderr");
    }
}

#[test]
fn every_example_in_pathways_checks_with_exit_zero() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("pathways");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return; // no examples in this checkout
    };
    let mut examples: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    examples.sort();
    for example in examples {
        for format in ["text", "json"] {
            let run = carepath(
                &dir,
                &["check", "--format", format, example.to_str().unwrap()],
            );
            assert_eq!(run.code, Some(0), "{}: {}", example.display(), run.stderr);
            assert_eq!(run.stderr, "", "{}", example.display());
            if format == "json" {
                let json: Value = serde_json::from_str(&run.stdout).unwrap();
                assert_eq!(json["files"].as_array().unwrap().len(), 1);
            }
        }
    }
}

#[test]
fn a_reader_that_goes_away_is_not_a_panic() {
    // Like `carepath check big.ron | head -1`: a report larger than a pipe's buffer
    // (64 KiB on Linux) to a reader that has already closed its end. The run ends
    // quietly, with the exit code the findings give.
    let n = 2000;
    let mut b = Builder::named("Big").pathway("p", "Long pathway", Condition::ShortTerm);
    for i in 0..n {
        b = b.c(&format!("c{i}"), Phase::ALL[i * 4 / n]);
    }
    for i in 1..n {
        b = b.link(&format!("c{}", i - 1), &format!("c{i}"));
    }
    let dir = files(&[("big.ron", b.build())]);
    for format in ["text", "json"] {
        for (fail_on, code) in [("high", 0), ("low", 1)] {
            let mut child = Command::new(env!("CARGO_BIN_EXE_carepath"))
                .args(["check", "big.ron", "--format", format, "--fail-on", fail_on])
                .current_dir(dir.path())
                .env("NO_COLOR", "1")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            drop(child.stdout.take());
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(code),
                "{format} --fail-on {fail_on}: {stderr}"
            );
            assert_eq!(stderr, "", "{format}");
        }
    }
}
