//! The README is the front door: it must list every key the editor has.

use carepath::app::{NORMAL_KEYS, OTHER_KEYS};

const README: &str = include_str!("../README.md");

#[test]
fn readme_lists_every_key() {
    for b in NORMAL_KEYS {
        let cells: Vec<String> = b.label.split(' ').map(|k| format!("`{k}`")).collect();
        let row = format!("| {} | {} |", cells.join(" "), b.help);
        assert!(README.contains(&row), "README lacks the key row {row}");
    }
    for (keys, help) in OTHER_KEYS {
        if *keys == "mouse" {
            continue;
        }
        let row = format!("| {keys} | {help} |");
        assert!(README.contains(&row), "README lacks the key row {row}");
    }
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
