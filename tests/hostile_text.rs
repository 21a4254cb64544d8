//! Hostile text in a file never reaches a terminal raw (check, diff, errors, messages),
//! JSON escapes DEL, C1 and bidirectional controls, a Mermaid name cannot start a
//! directive, and a huge name still makes a DOT file Graphviz accepts.

mod common;

use std::fs;
use std::process::Command;

use common::cli::carepath;

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/pathways/type1-diabetes.ron");

/// ESC sequences (window title, clipboard write, clear screen), C1 CSI, DEL and a bidi
/// override, written with RON escapes as a file could hold them.
const HOSTILE: &str =
    r"\u{1b}]0;title\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}31m\u{7f}\u{202e}evil";
const RAW: [char; 6] = [
    '\u{1b}', '\u{7}', '\u{9b}', '\u{7f}', '\u{202e}', '\u{2066}',
];

fn hostile(name_of_network: &str) -> String {
    fs::read_to_string(EXAMPLE)
        .unwrap()
        .replacen(
            r#"name: "4Ts awareness campaign in practices, nurseries and schools""#,
            &format!(r#"name: "{HOSTILE}""#),
            1,
        )
        .replacen(
            r#"notes: "Counted as the year's new diagnoses"#,
            &format!(r#"notes: "{HOSTILE} Counted as the year's new diagnoses"#),
            1,
        )
        .replacen(
            r#"name: "Type 1 diabetes""#,
            &format!(r#"name: "{name_of_network}""#),
            1,
        )
}

fn no_raw(what: &str, text: &str) {
    assert!(
        !text.contains(RAW),
        "{what} has a raw control character: {text:?}"
    );
}

#[test]
fn check_diff_and_errors_make_control_and_bidi_characters_visible() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.ron"), hostile("Type 1 diabetes")).unwrap();
    fs::write(dir.path().join("b.ron"), hostile(HOSTILE)).unwrap();
    // A path with an escape in it, as a repository's could be.
    let odd = "odd\u{1b}[2J.ron";
    fs::write(dir.path().join(odd), "Network(").unwrap();

    let run = carepath(dir.path(), &["check", "a.ron", "b.ron"]);
    no_raw("check", &run.stdout);
    assert!(
        run.stdout.contains(r"\u{1b}]0;title\u{7}"),
        "{}",
        run.stdout
    );

    let run = carepath(dir.path(), &["diff", "a.ron", "b.ron"]);
    no_raw("diff", &run.stdout);
    assert!(run.stdout.contains(r"\u{202e}evil"), "{}", run.stdout);
    // As git's external driver, with a hostile repository path.
    let run = carepath(
        dir.path(),
        &[
            "diff", odd, "a.ron", "0000000", "100644", "b.ron", "0000000", "100644",
        ],
    );
    no_raw("diff as git's driver", &run.stdout);
    assert!(run.stdout.contains(r"odd\u{1b}[2J.ron"), "{}", run.stdout);

    let run = carepath(dir.path(), &["check", odd]);
    assert_eq!(run.code, Some(2));
    no_raw("the load error", &run.stderr);
    assert!(run.stderr.contains(r"odd\u{1b}[2J.ron"), "{}", run.stderr);
    let run = carepath(dir.path(), &["fmt", "--check", odd, "a.ron"]);
    no_raw("fmt", &format!("{}{}", run.stdout, run.stderr));
}

#[test]
fn json_escapes_del_c1_and_bidi_and_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.ron"), hostile(HOSTILE)).unwrap();
    fs::write(dir.path().join("b.ron"), hostile("plain")).unwrap();
    let name = "\u{1b}]0;title\u{7}\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}31m\u{7f}\u{202e}evil";
    for args in [
        &["check", "a.ron", "--format", "json"][..],
        &["diff", "b.ron", "a.ron", "--format", "json"],
    ] {
        let run = carepath(dir.path(), args);
        no_raw("json", &run.stdout);
        for escape in [r"\u001b", r"\u0007", r"\u009b", r"\u007f", r"\u202e"] {
            assert!(
                run.stdout.contains(escape),
                "{args:?}: {escape} in {}",
                run.stdout
            );
        }
        let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert!(holds(&value, name), "{args:?} reads back whole");
    }
}

fn holds(value: &serde_json::Value, text: &str) -> bool {
    match value {
        serde_json::Value::String(s) => s.contains(text),
        serde_json::Value::Array(a) => a.iter().any(|v| holds(v, text)),
        serde_json::Value::Object(o) => o.values().any(|v| holds(v, text)),
        _ => false,
    }
}

#[test]
fn a_mermaid_name_cannot_start_a_directive_or_end_its_comment() {
    let dir = tempfile::tempdir().unwrap();
    let name = r#"%%{init: {'theme':'dark','themeCSS':'.node{background:url(https://x.example/a)}'}}%%\nclick c0_0 href \"https://x.example\""#;
    fs::write(dir.path().join("a.ron"), hostile(name)).unwrap();
    let run = carepath(dir.path(), &["export", "a.ron", "--format", "mermaid"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(!run.stdout.contains("%%{"), "{}", run.stdout);
    assert!(!run.stdout.contains("init:") || !run.stdout.contains("%%{init"));
    for line in run.stdout.lines() {
        let t = line.trim_start();
        assert!(!t.starts_with("click"), "a line from the name: {line}");
        assert!(!t.starts_with("%%{"), "{line}");
    }
}

#[test]
fn a_16_kb_name_makes_a_dot_file_graphviz_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let long_word = "x".repeat(20_000);
    let long_words = "word ".repeat(4_000);
    let text = hostile(&long_word).replacen(
        r#"name: "Presentation to the emergency department""#,
        &format!(r#"name: "{long_words}""#),
        1,
    );
    fs::write(dir.path().join("a.ron"), text).unwrap();
    let run = carepath(
        dir.path(),
        &["export", "a.ron", "--format", "dot", "-o", "a.dot"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = Command::new("dot")
        .args(["-Tsvg", "a.dot", "-o", "a.svg"])
        .current_dir(dir.path())
        .output()
        .expect("Graphviz is installed (scripts/test installs it)");
    assert!(
        out.status.success(),
        "dot refused it: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dot = fs::read_to_string(dir.path().join("a.dot")).unwrap();
    assert!(dot.lines().all(|l| l.len() < 16_000));
}
