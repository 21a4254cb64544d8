//! `carepath diff` as git's external diff driver: git's seven arguments, /dev/null for an
//! added or deleted file, load errors, and a real repository with the driver configured.

mod exchange_support;

use std::path::Path;
use std::process::Command;

use exchange_support::{base, run_in, save, set_measure, update};
use serde_json::{Value, json};

#[test]
fn files_added_and_deleted_via_dev_null() {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "net.ron", &base());
    let added = run_in(
        dir.path(),
        &["diff", "/dev/null", "net.ron", "--format", "json"],
    );
    assert_eq!(added.code, 0, "{}", added.stderr);
    let d: Value = serde_json::from_str(&added.stdout).unwrap();
    assert_eq!(d["old"], json!({"file": "/dev/null", "network": null}));
    assert_eq!(d["components"].as_array().unwrap().len(), 5);
    assert!(
        d["components"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["change"] == "added")
    );
    let removed = run_in(dir.path(), &["diff", "net.ron", "/dev/null"]);
    assert_eq!(removed.code, 0);
    assert!(
        removed.stdout.contains("/dev/null (no file)"),
        "{}",
        removed.stdout
    );
    assert!(
        removed.stdout.contains("- t1d/gp-recognition"),
        "{}",
        removed.stdout
    );
}

#[test]
fn unloadable_file_exits_2_but_not_under_git() {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "good.ron", &base());
    std::fs::write(
        dir.path().join("bad.ron"),
        "Network(format: 1, name: \"x\", pathways: [Pathway(id: \"A\", name: \"a\")])",
    )
    .unwrap();
    let run = run_in(dir.path(), &["diff", "good.ron", "bad.ron"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad.ron"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let missing = run_in(dir.path(), &["diff", "good.ron", "nothing.ron"]);
    assert_eq!(missing.code, 2);
    // git's seven arguments: report in the output and exit 0, so git carries on.
    let git = run_in(
        dir.path(),
        &[
            "diff", "net.ron", "good.ron", "1111111", "100644", "bad.ron", "2222222", "100644",
        ],
    );
    assert_eq!(git.code, 0, "{}", git.stderr);
    assert!(
        git.stdout.contains("could not compare in pathway terms"),
        "{}",
        git.stdout
    );
    let wrong = run_in(dir.path(), &["diff", "a.ron", "b.ron", "c"]);
    assert_eq!(wrong.code, 2);
}

#[test]
fn git_seven_argument_form() {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "old.ron", &base());
    let mut new = base();
    new.remove_component("annual-review").unwrap();
    save(dir.path(), "new.ron", &new);
    let run = run_in(
        dir.path(),
        &[
            "diff",
            "pathways/t1d.ron",
            "old.ron",
            "abc123",
            "100644",
            "new.ron",
            "def456",
            "100644",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("carepath diff a/pathways/t1d.ron"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("- t1d/annual-review"), "{}", run.stdout);
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn works_as_gits_external_diff_driver() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    let command = format!("{} diff", env!("CARGO_BIN_EXE_carepath"));
    git(repo, &["config", "diff.carepath.command", &command]);
    std::fs::write(repo.join(".gitattributes"), "*.ron diff=carepath\n").unwrap();
    std::fs::create_dir(repo.join("pathways")).unwrap();
    save(repo, "pathways/t1d.ron", &base());
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "first"]);

    let mut new = base();
    set_measure(&mut new, "gp-recognition", "dka", |m| m.value = Some(25.6));
    update(&mut new, "annual-review", |c| {
        c.name = "Yearly review".to_string()
    });
    save(repo, "pathways/t1d.ron", &new);
    let out = git(repo, &["diff"]);
    assert!(out.starts_with("carepath diff a/pathways/t1d.ron"), "{out}");
    assert!(out.contains("Status changes"), "{out}");
    assert!(out.contains("[! Amber → ✗ Red, worse]"), "{out}");
    assert!(
        out.contains("renamed \"Annual review\" → \"Yearly review\""),
        "{out}"
    );
    assert!(!out.contains("@@"), "not a text diff: {out}");

    // A new file: git passes /dev/null as the old side.
    save(repo, "pathways/other.ron", &base());
    git(repo, &["add", "pathways/other.ron"]);
    let out = git(repo, &["diff", "--cached"]);
    assert!(out.contains("/dev/null (no file)"), "{out}");
    assert!(out.contains("+ t1d/gp-recognition"), "{out}");
}
