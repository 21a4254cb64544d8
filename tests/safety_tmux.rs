//! Never lose work, never trust input (README, "Your work is safe"), end to end in tmux: the recovery copy
//! survives `kill -9`, SIGTERM and a closed window and is offered on the next open; a
//! hostile file cannot reach the terminal; a second carepath on the same file is warned.

mod e2e;

use std::fs;

use carepath::model::Phase;
use carepath::storage;
use e2e::fixture::{ADDED, EXAMPLE, Setup, add_component, find, has, squeeze};
use e2e::{Tmux, carepath_command, kill, process_gone, wait_until};

/// Opens the file again: the recovery prompt; r restores; the edit is back on screen;
/// Ctrl-s saves it into the file; the copy is gone after a clean quit.
fn restore_and_save(setup: &Setup) {
    let original = fs::read(&setup.file).unwrap();
    let tmux = setup.open("again");
    tmux.wait_for("Your work is safe");
    let screen = tmux.wait_for("restore the recovered edits");
    assert!(screen.contains("discard them"), "{screen}");
    assert!(screen.contains("show what differs"), "{screen}");
    let joined = tmux.screen_joined();
    assert!(
        squeeze(&joined).contains("Restorethem?"),
        "the question: {joined}"
    );
    // Nothing changes before the answer.
    assert_eq!(fs::read(&setup.file).unwrap(), original);

    tmux.keys(&["r"]);
    tmux.wait_for("Recovered edits restored");
    tmux.wait_for("● unsaved");
    find(&tmux, ADDED);
    // The file itself changes only on save.
    assert_eq!(fs::read(&setup.file).unwrap(), original);

    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_for_exit(), 0);
    let saved = storage::load(&setup.file).unwrap();
    let added = saved.pathways()[0]
        .components()
        .iter()
        .find(|c| c.name == ADDED)
        .expect("the restored component was saved");
    assert_eq!(added.phase, Phase::Recognition);
    assert!(!setup.copy().exists(), "a clean quit removes the copy");
}

#[test]
fn kill_9_loses_nothing() {
    let setup = Setup::new();
    let tmux = setup.open("kill9");
    add_component(&tmux, ADDED);
    // No key after the edit: the copy is written on its own, shortly after.
    setup.wait_for_copy();
    let pid = tmux.carepath_pid();
    kill("KILL", pid);
    assert_eq!(tmux.wait_for_exit(), 137);
    assert!(setup.copy().exists());
    drop(tmux);
    restore_and_save(&setup);
}

#[test]
fn sigterm_keeps_the_edits_and_says_where() {
    let setup = Setup::new();
    let tmux = setup.open("term");
    add_component(&tmux, ADDED);
    // At once: the signal itself writes the copy if the timer has not yet.
    kill("TERM", tmux.carepath_pid());
    assert_eq!(tmux.wait_for_exit(), 128 + 15);
    let joined = tmux.screen_joined();
    assert!(
        joined.contains("stopped by signal 15; your edits are kept in"),
        "{joined}"
    );
    assert!(
        squeeze(&joined).contains(&squeeze(&setup.copy().display().to_string())),
        "names the copy {}: {joined}",
        setup.copy().display()
    );
    // The terminal is restored: the editor's screen is gone.
    assert!(!joined.contains("Weakest links"), "{joined}");
    let copy = storage::load(&setup.copy()).unwrap();
    assert!(has(&copy, ADDED));
    drop(tmux);
    restore_and_save(&setup);
}

#[test]
fn closing_the_window_keeps_the_edits() {
    let setup = Setup::new();
    let tmux = setup.open("hup");
    add_component(&tmux, ADDED);
    let pid = tmux.carepath_pid();
    tmux.kill_window();
    wait_until("carepath to end after SIGHUP", || process_gone(pid));
    let copy = storage::load(&setup.copy()).unwrap();
    assert!(has(&copy, ADDED));
    drop(tmux);
    restore_and_save(&setup);
}

#[test]
fn a_closed_terminal_without_a_hangup_signal_keeps_the_edits() {
    // carepath in a session of its own (setsid), under a shell that ignores SIGHUP and
    // writes down its exit code: when the window closes, no SIGHUP need reach it, and it
    // must notice that its terminal has gone.
    let setup = Setup::new();
    let code = setup.dir.path().join("code");
    let command = format!(
        "trap '' HUP; env CAREPATH_STATE_DIR='{}' TERM=xterm-256color setsid {} '{}'; echo $? > '{}'",
        setup.state.display(),
        env!("CARGO_BIN_EXE_carepath"),
        setup.file.display(),
        code.display()
    );
    let tmux = Tmux::start("nohup", &command, 100, 30);
    tmux.wait_for("Type 1 diabetes");
    add_component(&tmux, ADDED);
    tmux.kill_window();
    wait_until("carepath to stop and its exit code to be written", || {
        fs::read_to_string(&code).is_ok_and(|c| c.ends_with('\n'))
    });
    assert_eq!(fs::read_to_string(&code).unwrap().trim(), "129");
    let copy = storage::load(&setup.copy()).unwrap();
    assert!(has(&copy, ADDED));
    drop(tmux);
    restore_and_save(&setup);
}

#[test]
fn discard_keeps_the_file_and_removes_the_copy_and_s_shows_the_differences() {
    let setup = Setup::new();
    let original = fs::read(&setup.file).unwrap();
    let tmux = setup.open("first");
    add_component(&tmux, ADDED);
    setup.wait_for_copy();
    kill("KILL", tmux.carepath_pid());
    assert_eq!(tmux.wait_for_exit(), 137);
    drop(tmux);

    let tmux = setup.open("discard");
    tmux.wait_for("Your work is safe");
    tmux.keys(&["s"]);
    // The differences name the added component, recovered but not on disk.
    let screen = tmux.wait_for(ADDED);
    assert!(screen.contains("restore the recovered edits"), "{screen}");
    // s again hides them; the question stays.
    tmux.keys(&["s"]);
    wait_until("the differences to hide", || !tmux.screen().contains(ADDED));
    tmux.wait_for("Your work is safe");
    // Other keys do not answer.
    tmux.keys(&["x", "q"]);
    tmux.wait_for("Your work is safe");
    assert!(setup.copy().exists());

    tmux.keys(&["d"]);
    tmux.wait_for("Recovered edits discarded");
    // Set aside, not deleted: a mistaken d can be undone by hand until the next save.
    wait_until("the discarded copy to be set aside", || {
        !setup.copy().exists() && setup.discarded().len() == 1
    });
    assert!(!tmux.screen().contains("● unsaved"));
    // Nothing to save: q quits at once, and the file is as it was.
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_for_exit(), 0);
    assert_eq!(fs::read(&setup.file).unwrap(), original);
    assert!(!setup.copy().exists());
    let aside = setup.discarded();
    assert!(storage::load(&aside[0]).is_ok_and(|n| has(&n, ADDED)));
    drop(tmux);

    // The next open asks nothing, and says where the discarded edits are.
    let tmux = setup.open("after");
    tmux.wait_for("t1d.ron");
    assert!(!tmux.screen().contains("Your work is safe"));
    let joined = squeeze(&tmux.screen_joined());
    assert!(joined.contains("Editsyoudiscardedarekeptin"), "{joined}");
    // A save of the file lets them go.
    tmux.keys(&["l", "a"]);
    tmux.wait_for("New component");
    tmux.type_text("Saved now");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Added component");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved");
    wait_until("the discarded copy to go after the save", || {
        setup.discarded().is_empty()
    });
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_for_exit(), 0);
}

// ----- never trust input -----

/// Names that would set the window title, clear the screen and reverse the text after
/// them, if they reached the terminal raw. Written with RON escapes, as a file could.
const TITLE: &str = r"\u{1b}]0;title\u{7}";
const CLEAR: &str = r"\u{1b}[2J";
const BIDI: &str = r"\u{202e}evil";

#[test]
fn control_and_bidi_characters_in_names_do_not_reach_the_terminal() {
    let hostile = format!("{TITLE} {CLEAR} {BIDI}");
    let text = fs::read_to_string(EXAMPLE)
        .unwrap()
        .replacen(
            r#"name: "4Ts awareness campaign in practices, nurseries and schools""#,
            &format!(r#"name: "{hostile}""#),
            1,
        )
        .replacen(
            r#"notes: "Counted as the year's new diagnoses"#,
            &format!(r#"notes: "{CLEAR}{TITLE}Counted as the year's new diagnoses"#),
            1,
        )
        .replacen(
            r#"name: "Presentation to the emergency department""#,
            &format!(r#"name: "{CLEAR}{BIDI}""#),
            1,
        );
    let setup = Setup::with_text(&text, None);
    // The file holds the raw characters: the test is not of the parser.
    let network = storage::load(&setup.file).unwrap();
    assert!(has(&network, "\u{1b}]0;title\u{7} \u{1b}[2J \u{202e}evil"));
    assert!(has(&network, "\u{1b}[2J\u{202e}evil"));

    let tmux = Tmux::start(
        "hostile",
        &carepath_command(&setup.file, &setup.state, ""),
        100,
        30,
    );
    let title = tmux.pane_title();
    let intact = |screen: &str| {
        for part in [
            "Type 1 diabetes",
            "Prevention",
            "Recognition",
            "Transition",
            "Details",
            "Weakest links",
            "t1d.ron",
            "? help",
        ] {
            assert!(screen.contains(part), "{part:?} is missing:\n{screen}");
        }
        assert!(
            !screen.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "a raw control or bidi character is on screen:\n{screen}"
        );
    };
    // The hostile component is selected on opening: the details panel shows its name
    // whole, each character made visible.
    let screen = tmux.wait_for(&hostile);
    intact(&screen);
    assert!(screen.contains(CLEAR), "{screen}");

    // In the edit form, the confirmation and find, too.
    tmux.keys(&["e"]);
    let screen = tmux.wait_for("Edit component");
    assert!(screen.contains(TITLE), "{screen}");
    assert!(
        !screen.contains(['\u{1b}', '\u{7}', '\u{202e}']),
        "{screen}"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("Cancelled");
    tmux.keys(&["d"]);
    let screen = tmux.wait_for("Delete component");
    assert!(screen.contains(TITLE), "{screen}");
    assert!(
        !screen.contains(['\u{1b}', '\u{7}', '\u{202e}']),
        "{screen}"
    );
    tmux.keys(&["n"]);
    tmux.wait_for("Cancelled");
    tmux.keys(&["/"]);
    tmux.type_text("evil");
    tmux.wait_for("Match 1 of 2");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Match 2 of 2");
    tmux.keys(&["Escape"]);
    wait_until("find to close", || !tmux.screen().contains("Find:"));
    intact(&tmux.screen());

    assert_eq!(tmux.pane_title(), title, "the window title was not changed");
    assert_ne!(title, "title");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_for_exit(), 0);
    assert_eq!(tmux.pane_title(), title);
}

// ----- two editors on one file -----

#[test]
fn a_second_carepath_on_the_same_file_is_warned() {
    let setup = Setup::new();
    let first = setup.open("first");
    let first_pid = first.carepath_pid();

    let second = setup.open("second");
    let screen = second.wait_for("Another carepath");
    assert!(
        screen.contains(&format!("Another carepath (process {first_pid})")),
        "{screen}"
    );
    second.keys(&["q"]);
    assert_eq!(second.wait_for_exit(), 0);
    drop(second);

    // The second leaving does not take the first's lock away.
    let third = setup.open("third");
    third.wait_for("Another carepath");
    third.keys(&["q"]);
    assert_eq!(third.wait_for_exit(), 0);
    drop(third);

    first.keys(&["q"]);
    assert_eq!(first.wait_for_exit(), 0);
    drop(first);
    let fourth = setup.open("fourth");
    fourth.wait_for("t1d.ron");
    assert!(!fourth.screen().contains("Another carepath"));
    fourth.keys(&["q"]);
    assert_eq!(fourth.wait_for_exit(), 0);
}
