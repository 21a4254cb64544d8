//! Pasted text is text (bracketed paste), end to end in tmux: a multi-line paste into a
//! form goes into the field, and none of its letters or line breaks act as keys.

mod e2e;

use std::fs;

use e2e::fixture::{Setup, has};
use e2e::{process_gone, wait_until};

#[test]
fn a_multi_line_paste_into_a_name_is_text_not_keys() {
    let setup = Setup::new();
    let original = fs::read(&setup.file).unwrap();
    let tmux = setup.open("paste");
    let pid = tmux.carepath_pid();
    tmux.keys(&["l", "a"]);
    tmux.wait_for("New component");
    // Enter would submit the form, q ask to quit and the y of "quarterly" confirm.
    tmux.paste("Community nursing\nquarterly reviews with families\n");
    tmux.wait_for("Community nursing quarterly reviews with families");
    let screen = tmux.screen();
    assert!(
        screen.contains("New component"),
        "the form stays open:\n{screen}"
    );
    assert!(!process_gone(pid), "carepath is still running");
    assert_eq!(fs::read(&setup.file).unwrap(), original);

    // The user submits the form: one component with the whole pasted name.
    tmux.keys(&["Enter"]);
    tmux.wait_for("Added component");
    tmux.wait_for("● unsaved");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved");
    let saved = carepath::storage::load(&setup.file).unwrap();
    assert!(has(
        &saved,
        "Community nursing quarterly reviews with families"
    ));

    // Pasted on the map, the same text does nothing at all.
    tmux.paste("q\ny\n");
    tmux.wait_for("Nothing pasted");
    assert!(!process_gone(pid));
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_for_exit(), 0);
    wait_until("carepath to end", || process_gone(pid));
}
