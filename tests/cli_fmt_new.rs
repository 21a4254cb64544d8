//! `carepath fmt` and `carepath new` (README, "Commands"): exit codes, stdout and stderr.

mod common;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use carepath::model::Condition;
use carepath::storage::{load, to_canonical_string};
use common::{BASE, run_carepath};

fn run(args: &[&dyn AsRef<OsStr>]) -> Output {
    let args: Vec<&OsStr> = args.iter().map(|a| a.as_ref()).collect();
    run_carepath(&args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Writes `text` to `name` in `dir`.
fn file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

/// BASE in canonical form.
fn canonical() -> String {
    to_canonical_string(&carepath::storage::parse(BASE, Path::new("base.ron")).unwrap())
}

/// The same network written in ways carepath does not write. (A file with comments is
/// not formatted without --force: see work_kept.rs.)
fn non_canonical_variants() -> Vec<(&'static str, String)> {
    let canonical = canonical();
    vec![
        ("hand-written", BASE.to_string()),
        ("crlf", canonical.replace('\n', "\r\n")),
        ("tabs", canonical.replace("    ", "\t")),
        (
            "no-implicit-some",
            canonical.replacen("#![enable(implicit_some)]\n", "", 1),
        ),
        ("no-final-newline", canonical.trim_end().to_string()),
        (
            "escaped-apostrophe",
            canonical.replacen("Children's", r"Children\'s", 1),
        ),
        (
            "explicit-default",
            canonical.replacen(
                "to: \"manage\",\n",
                "to: \"manage\",\n                    kind: Referral,\n",
                1,
            ),
        ),
    ]
}

#[cfg(unix)]
fn identity(path: &Path) -> (u64, std::time::SystemTime) {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(path).unwrap();
    (meta.ino(), meta.modified().unwrap())
}

#[cfg(not(unix))]
fn identity(path: &Path) -> (u64, std::time::SystemTime) {
    (0, fs::metadata(path).unwrap().modified().unwrap())
}

// ----- fmt -----

#[test]
fn fmt_rewrites_non_canonical_files() {
    let dir = tempfile::tempdir().unwrap();
    let canonical = canonical();
    for (name, text) in non_canonical_variants() {
        assert_ne!(text, canonical, "{name}");
        let path = file(dir.path(), &format!("{name}.ron"), &text);
        let before = load(&path).unwrap();
        let out = run(&[&"fmt", &path]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert_eq!(stdout(&out), format!("{}: formatted\n", path.display()));
        assert_eq!(stderr(&out), "");
        assert_eq!(fs::read_to_string(&path).unwrap(), canonical, "{name}");
        assert_eq!(load(&path).unwrap(), before);
    }
    // Nothing but the files themselves is left in the directory.
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        non_canonical_variants().len()
    );
}

#[test]
fn fmt_leaves_canonical_files_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), "net.ron", &canonical());
    let before = identity(&path);
    let out = run(&[&"fmt", &path]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "");
    assert_eq!(fs::read_to_string(&path).unwrap(), canonical());
    assert_eq!(identity(&path), before, "the file was rewritten");
}

#[test]
fn fmt_reports_only_the_files_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.ron", &canonical());
    let b = file(dir.path(), "b.ron", BASE);
    let c = file(dir.path(), "c.ron", &canonical());
    let out = run(&[&"fmt", &a, &b, &c]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), format!("{}: formatted\n", b.display()));
    for path in [&a, &b, &c] {
        assert_eq!(fs::read_to_string(path).unwrap(), canonical());
    }
}

#[test]
fn fmt_check_reports_files_that_would_change() {
    let dir = tempfile::tempdir().unwrap();
    let canonical_path = file(dir.path(), "good.ron", &canonical());
    let mut args: Vec<PathBuf> = vec![canonical_path.clone()];
    let mut expected = String::new();
    for (name, text) in non_canonical_variants() {
        let path = file(dir.path(), &format!("{name}.ron"), &text);
        expected.push_str(&format!("{}: not in canonical form\n", path.display()));
        args.push(path);
    }
    let mut argv: Vec<&dyn AsRef<OsStr>> = vec![&"fmt", &"--check"];
    argv.extend(args.iter().map(|p| p as &dyn AsRef<OsStr>));
    let out = run(&argv);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out), expected);
    assert_eq!(stderr(&out), "");
    // --check changes nothing.
    assert_eq!(fs::read_to_string(&canonical_path).unwrap(), canonical());
    for (name, text) in non_canonical_variants() {
        let path = dir.path().join(format!("{name}.ron"));
        assert_eq!(fs::read_to_string(path).unwrap(), text, "{name}");
    }
}

#[test]
fn fmt_check_passes_when_all_are_canonical() {
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.ron", &canonical());
    let b = file(dir.path(), "b.ron", &canonical());
    let out = run(&[&"fmt", &"--check", &a, &b]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "");
    // The flag may come after the files too.
    let out = run(&[&"fmt", &a, &b, &"--check"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn fmt_check_goes_on_after_a_file_that_does_not_load() {
    let dir = tempfile::tempdir().unwrap();
    let bad = file(
        dir.path(),
        "bad.ron",
        "Network(\n    format: 1,\n    name: 7,\n)\n",
    );
    let ugly = file(dir.path(), "ugly.ron", BASE);
    let good = file(dir.path(), "good.ron", &canonical());
    let out = run(&[&"fmt", &"--check", &bad, &ugly, &good]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        format!("{}: not in canonical form\n", ugly.display())
    );
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("{}:3:11: ", bad.display())),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&ugly).unwrap(), BASE);
}

#[test]
fn fmt_formats_the_others_when_one_does_not_load() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.ron");
    let ugly = file(dir.path(), "ugly.ron", BASE);
    let bad_text = BASE.replacen("format: 1,", "format: 2,", 1);
    let bad = file(dir.path(), "bad.ron", &bad_text);
    let out = run(&[&"fmt", &missing, &ugly, &bad]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), format!("{}: formatted\n", ugly.display()));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].starts_with(&format!("{}: ", missing.display())));
    assert_eq!(
        lines[1],
        format!("{}:3:5: unsupported format 2, expected 1", bad.display())
    );
    assert_eq!(fs::read_to_string(&ugly).unwrap(), canonical());
    assert_eq!(fs::read_to_string(&bad).unwrap(), bad_text);
    assert!(!missing.exists());
}

#[test]
fn fmt_usage_errors() {
    for args in [
        vec!["fmt"],
        vec!["fmt", "--check"],
        vec!["fmt", "--bogus", "x.ron"],
        vec!["frobnicate"],
    ] {
        let argv: Vec<&dyn AsRef<OsStr>> = args.iter().map(|a| a as &dyn AsRef<OsStr>).collect();
        let out = run(&argv);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stdout(&out), "", "{args:?}");
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
}

// ----- new -----

#[test]
fn new_creates_a_loadable_network_with_one_pathway() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("north-diabetes.ron");
    let out = run(&[&"new", &path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{}: created\n", path.display()));
    assert_eq!(stderr(&out), "");
    let network = load(&path).unwrap();
    assert_eq!(network.name, "North diabetes");
    assert_eq!(network.pathways().len(), 1);
    assert_eq!(network.pathways()[0].condition, Condition::LongTerm);
    // What `new` writes is canonical.
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        to_canonical_string(&network)
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn new_with_a_condition() {
    let dir = tempfile::tempdir().unwrap();
    for (arg, condition) in [
        ("short-term", Condition::ShortTerm),
        ("long-term", Condition::LongTerm),
    ] {
        let path = dir.path().join(format!("{arg}.ron"));
        let out = run(&[&"new", &path, &"--condition", &arg]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let network = load(&path).unwrap();
        assert_eq!(network.pathways()[0].condition, condition);
    }
    let path = dir.path().join("first.ron");
    let out = run(&[&"new", &"--condition", &"short-term", &path]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        load(&path).unwrap().pathways()[0].condition,
        Condition::ShortTerm
    );
}

#[test]
fn new_names_odd_files_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    for (name, expected) in [
        ("école.ron", "école"),
        ("---.ron", "New network"),
        ("a_b-c.ron", "A b c"),
        ("日本.ron", "日本"),
    ] {
        let path = dir.path().join(name);
        let out = run(&[&"new", &path]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        assert_eq!(load(&path).unwrap().name, expected, "{name}");
    }
}

#[test]
fn new_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), "net.ron", "not even a network");
    let out = run(&[&"new", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        format!(
            "{}: already exists; carepath new never overwrites a file\n",
            path.display()
        )
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "not even a network");
    // Nor a directory.
    let sub = dir.path().join("sub.ron");
    fs::create_dir(&sub).unwrap();
    let out = run(&[&"new", &sub]);
    assert_eq!(out.status.code(), Some(2));
    assert!(sub.is_dir());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn new_into_a_missing_directory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("net.ron");
    let out = run(&[&"new", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).starts_with("could not save "),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn new_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.ron");
    let cases: Vec<Vec<&dyn AsRef<OsStr>>> = vec![
        vec![&"new"],
        vec![&"new", &path, &"--condition", &"medium-term"],
        vec![&"new", &path, &"--condition"],
        vec![&"new", &path, &"other.ron"],
        vec![&"new", &path, &"--check"],
    ];
    for args in cases {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(stdout(&out), "");
        assert!(!stderr(&out).is_empty());
        assert!(!path.exists(), "a usage error must create nothing");
    }
}

#[test]
fn new_with_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.ron");
    let out = run(&[&"new", &path, &"--name", &"North children's asthma network"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(load(&path).unwrap().name, "North children's asthma network");
    // An empty name is refused and nothing is written.
    let empty = dir.path().join("empty.ron");
    let out = run(&[&"new", &empty, &"--name", &"  "]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("must not be empty"),
        "{}",
        stderr(&out)
    );
    assert!(!empty.exists());
}
