//! Recovery copies belong to the session that wrote them, end to end in tmux: a second
//! carepath on the same file is neither offered nor able to remove the first's live
//! edits; quitting without saving keeps the edits aside until the next save; a copy
//! restored over a file that changed on disk says so, and the save asks first.

mod e2e;

use std::fs;

use carepath::storage;
use e2e::fixture::{ADDED, Setup, add_component, has, squeeze};
use e2e::{kill, wait_until};

#[test]
fn a_second_carepath_never_sees_or_removes_the_first_s_live_edits() {
    let setup = Setup::new();
    let first = setup.open("first");
    add_component(&first, ADDED);
    setup.wait_for_copy();
    let live = setup.copy();

    // The second is warned, not offered the first's edits as crash leftovers.
    let second = setup.open("second");
    second.wait_for("Another carepath");
    assert!(
        !second.screen().contains("Your work is safe"),
        "{}",
        second.screen()
    );
    // Looking and quitting leaves the first's copy alone.
    second.keys(&["q"]);
    assert_eq!(second.wait_for_exit(), 0);
    drop(second);
    assert!(live.exists(), "the first session's copy was removed");

    // The first crashes: now its edits are offered.
    kill("KILL", first.carepath_pid());
    assert_eq!(first.wait_for_exit(), 137);
    drop(first);
    let third = setup.open("third");
    third.wait_for("Your work is safe");
    assert!(!third.screen().contains("Another carepath"));
    third.keys(&["r"]);
    third.wait_for("Recovered edits restored");
    third.keys(&["C-s"]);
    third.wait_for("Saved");
    third.keys(&["q"]);
    assert_eq!(third.wait_for_exit(), 0);
    assert!(has(&storage::load(&setup.file).unwrap(), ADDED));
    assert!(!live.exists());
    assert!(!setup.copy().exists());
}

#[test]
fn quitting_without_saving_keeps_the_edits_aside_until_the_next_save() {
    let setup = Setup::new();
    let original = fs::read(&setup.file).unwrap();
    let tmux = setup.open("quit");
    add_component(&tmux, ADDED);
    tmux.keys(&["q"]);
    tmux.wait_for("d quit without saving");
    tmux.keys(&["d"]);
    assert_eq!(tmux.wait_for_exit(), 0);
    let joined = squeeze(&tmux.screen_joined());
    assert!(
        joined.contains("theeditsyoudidnotsavearekeptin"),
        "says where: {joined}"
    );
    assert_eq!(fs::read(&setup.file).unwrap(), original);
    let aside = setup.discarded();
    assert_eq!(aside.len(), 1);
    assert!(has(&storage::load(&aside[0]).unwrap(), ADDED));
    assert!(joined.contains(&squeeze(&aside[0].display().to_string())));
}

#[test]
fn restoring_over_a_file_changed_on_disk_says_so_and_the_save_asks() {
    let setup = Setup::new();
    let tmux = setup.open("before");
    add_component(&tmux, ADDED);
    setup.wait_for_copy();
    kill("KILL", tmux.carepath_pid());
    assert_eq!(tmux.wait_for_exit(), 137);
    drop(tmux);

    // Someone else changes the file (a git pull, say).
    let changed = fs::read_to_string(&setup.file).unwrap().replacen(
        "Type 1 diabetes",
        "Type 1 diabetes (pulled)",
        1,
    );
    fs::write(&setup.file, &changed).unwrap();

    let tmux = setup.open("after");
    tmux.wait_for("Your work is safe");
    let joined = squeeze(&tmux.screen_joined());
    assert!(
        joined.contains("changedondisksincetheyweremade:restoringthemandsavingwouldundothatchange"),
        "{joined}"
    );
    tmux.keys(&["r"]);
    tmux.wait_for("Restored; the file changed on disk since, so a save asks first");
    // The save takes the changed-on-disk path: it asks, and c keeps the file.
    tmux.keys(&["C-s"]);
    tmux.wait_for("has changed on disk since you opened it");
    tmux.keys(&["c"]);
    tmux.wait_for("Not saved");
    assert_eq!(fs::read_to_string(&setup.file).unwrap(), changed);
    tmux.keys(&["q"]);
    tmux.wait_for("d quit without saving");
    tmux.keys(&["d"]);
    assert_eq!(tmux.wait_for_exit(), 0);
    wait_until("the edits to be set aside", || setup.discarded().len() == 1);
}
