//! A full or closed stdout or stderr never panics a command (exit 101) or passes as
//! success (exit 0): carepath exits 2 and says so where it can.

use std::fs;
use std::process::Command;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/pathways/type1-diabetes.ron");

/// Runs `carepath ARGS REDIRECTIONS` in `sh`, in `dir`; returns the exit code and stderr.
fn sh(dir: &std::path::Path, args: &str, redirect: &str) -> (i32, String) {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' {args} {redirect}",
            env!("CARGO_BIN_EXE_carepath")
        ))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(EXAMPLE, dir.path().join("t1d.ron")).unwrap();
    let edited = fs::read_to_string(EXAMPLE).unwrap().replacen(
        "Type 1 diabetes",
        "Type 1 diabetes (edited)",
        1,
    );
    fs::write(dir.path().join("messy.ron"), edited.replace("    ", "  ")).unwrap();
    fs::write(dir.path().join("new.ron"), edited).unwrap();
    fs::write(
        dir.path().join("data.csv"),
        "pathway,component,measure,value,period,source\n",
    )
    .unwrap();
    dir
}

#[test]
fn a_full_stdout_is_exit_2_with_a_message() {
    let dir = setup();
    for args in [
        "check t1d.ron",
        "diff t1d.ron new.ron",
        "export t1d.ron --format dot",
        "import t1d.ron data.csv",
        "fmt --check messy.ron",
        "fmt messy.ron",
    ] {
        let (code, stderr) = sh(dir.path(), args, "> /dev/full");
        assert_eq!(code, 2, "{args}: {stderr}");
        assert!(
            stderr.contains("could not write the output"),
            "{args}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args}: {stderr}");
    }
}

#[test]
fn a_closed_stdout_never_panics() {
    // Rust's runtime opens a closed stdout on /dev/null: the output is lost as there.
    let dir = setup();
    for args in [
        "check t1d.ron",
        "diff t1d.ron new.ron",
        "import t1d.ron data.csv",
    ] {
        let (code, stderr) = sh(dir.path(), args, ">&-");
        assert!(code == 0 || code == 1, "{args}: {code} {stderr}");
        assert!(!stderr.contains("panicked"), "{args}: {stderr}");
    }
}

#[test]
fn a_full_or_closed_stderr_never_panics() {
    let dir = setup();
    for redirect in ["2> /dev/full", "2>&-"] {
        // A file that does not exist: the error cannot be written; the code says it.
        let (code, _) = sh(dir.path(), "check missing.ron", redirect);
        assert_eq!(code, 2, "{redirect}");
        let (code, _) = sh(dir.path(), "diff t1d.ron missing.ron > /dev/null", redirect);
        assert_eq!(code, 2, "{redirect}");
        let (code, _) = sh(dir.path(), "check t1d.ron > /dev/full", redirect);
        assert_eq!(code, 2, "{redirect}");
    }
}
