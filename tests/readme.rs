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
