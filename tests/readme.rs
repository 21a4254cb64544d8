//! The README is the front door: it must list every key the editor has, and only those.

use carepath::app::{KeyMode, bindings};

const README: &str = include_str!("../README.md");

const START: &str =
    "<!-- keys: made from the key table (src/app/keymap.rs); tests/readme.rs checks them -->\n";
const END: &str = "<!-- end of keys -->\n";

/// The README's key tables as the key table makes them: a table per mode, a row per
/// binding, every key in it.
fn key_tables() -> String {
    let mut out = String::new();
    for mode in KeyMode::ALL {
        out.push_str(&format!("{}:\n\n| key | does |\n|---|---|\n", mode.title()));
        for b in bindings(mode) {
            let keys: Vec<String> = b.keys.iter().map(|k| format!("`{}`", k.label())).collect();
            out.push_str(&format!(
                "| {} | {} |\n",
                keys.join(" "),
                b.help.replace('|', "\\|")
            ));
        }
        out.push('\n');
    }
    out
}

/// The README lists every key of every mode and no key the editor does not have: its key
/// tables are exactly what the key table makes. `CAREPATH_WRITE_README=1` rewrites them.
#[test]
fn readme_lists_every_key_and_no_other() {
    let start = README
        .find(START)
        .expect("the README's key tables start marker");
    let end = README
        .find(END)
        .expect("the README's key tables end marker");
    let shown = &README[start + START.len()..end];
    let want = key_tables();
    if shown != want && std::env::var_os("CAREPATH_WRITE_README").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let text = format!("{}{START}{want}{}", &README[..start], &README[end..]);
        std::fs::write(path, text).expect("README written");
        return;
    }
    for line in shown.lines().filter(|l| l.starts_with("| `")) {
        assert!(
            want.contains(line),
            "README has a key the editor lacks: {line}"
        );
    }
    for line in want.lines().filter(|l| l.starts_with("| `")) {
        assert!(shown.contains(line), "README lacks the key row {line}");
    }
    assert_eq!(shown, want, "README key tables differ from the key table");
}

#[test]
fn readme_test_command_is_what_ci_runs() {
    let ci = include_str!("../.ci/run");
    assert!(README.contains("bash scripts/test"));
    assert!(
        ci.contains("\nbash scripts/test\n"),
        "CI must run the README's test command"
    );
}

/// Every `carepath ...` command the README gives in a shell block is one the command line
/// accepts (up to a redirection, a pipe or a comment).
#[test]
fn readme_commands_parse() {
    use clap::Parser;
    let mut in_sh = false;
    let mut checked = 0;
    for line in README.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        let line = line.split("&& ").last().unwrap_or(line).trim();
        if !in_sh || !line.starts_with("carepath ") {
            continue;
        }
        let words: Vec<&str> = line
            .split_whitespace()
            .take_while(|w| !matches!(*w, ">" | "|" | "#" | "<"))
            .collect();
        if let Err(e) = carepath::cli::Cli::try_parse_from(&words) {
            panic!("README: `{line}` does not parse: {e}");
        }
        checked += 1;
    }
    assert!(checked >= 4, "found the README's commands ({checked})");
    assert!(README.contains("cargo install --path ."));
}
