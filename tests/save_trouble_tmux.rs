//! Saves that meet trouble, end to end in tmux (README, "Your work is safe"): a file changed on disk since
//! it was opened asks before it is overwritten, and a save that fails says why and keeps
//! the edits and the old file.

mod e2e;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use carepath::model::{Component, Phase};
use carepath::storage;
use e2e::fixture::{ADDED, EXAMPLE, Setup, add_component, find, has, squeeze};
use e2e::{Tmux, wait_until};

// ----- a save over a file changed on disk -----

/// The disk's version: the example with another component, written behind the editor.
const DISK_SIDE: &str = "Disk-side clinic";

fn change_on_disk(setup: &Setup) -> Vec<u8> {
    let mut network = storage::load(&setup.file).unwrap();
    let pathway = network.pathways()[0].id.clone();
    network
        .add_component(
            &pathway,
            Component::new("disk-side-clinic", DISK_SIDE, Phase::Assessment),
            None,
        )
        .unwrap();
    storage::save(&setup.file, &network).unwrap();
    fs::read(&setup.file).unwrap()
}

/// Opens the file, adds a component, changes the file on disk, presses Ctrl-s: the
/// question with its three answers.
fn conflict(name: &str) -> (Setup, Tmux, Vec<u8>) {
    let setup = Setup::new();
    let tmux = setup.open(name);
    add_component(&tmux, ADDED);
    let on_disk = change_on_disk(&setup);
    tmux.keys(&["C-s"]);
    tmux.wait_for("Your work is safe");
    let screen = tmux.wait_for("overwrite the file with your version");
    assert!(screen.contains("reload the file from disk"), "{screen}");
    assert!(screen.contains("cancel: keep editing"), "{screen}");
    assert!(
        squeeze(&screen).contains("haschangedondisk"),
        "the question: {screen}"
    );
    // Nothing is written while the question is open.
    assert_eq!(fs::read(&setup.file).unwrap(), on_disk);
    (setup, tmux, on_disk)
}

#[test]
fn changed_on_disk_o_overwrites_with_the_editors_version() {
    let (setup, tmux, _) = conflict("overwrite");
    tmux.keys(&["o"]);
    tmux.wait_for("Saved");
    let saved = storage::load(&setup.file).unwrap();
    assert!(has(&saved, ADDED));
    assert!(!has(&saved, DISK_SIDE));
    // The file is now this editor's: a second save does not ask.
    tmux.keys(&["a"]);
    tmux.wait_for("New component");
    tmux.type_text("Second clinic");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Added component");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved");
    assert!(!tmux.screen().contains("Your work is safe"));
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_for_exit(), 0);
    assert!(has(&storage::load(&setup.file).unwrap(), "Second clinic"));
}

#[test]
fn changed_on_disk_r_then_y_reloads_the_disk_version() {
    let (setup, tmux, on_disk) = conflict("reload");
    tmux.keys(&["r"]);
    tmux.wait_for("Reload the file from disk and lose your edits?");
    tmux.keys(&["y"]);
    tmux.wait_for("Reloaded from disk");
    assert!(!tmux.screen().contains("● unsaved"));
    find(&tmux, DISK_SIDE);
    tmux.keys(&["/"]);
    tmux.type_text(ADDED);
    tmux.wait_for("No component matches");
    tmux.keys(&["Escape"]);
    assert_eq!(fs::read(&setup.file).unwrap(), on_disk);
    wait_until("the copy of the dropped edits to go", || {
        !setup.copy().exists()
    });
    // Nothing unsaved: q quits at once, and the file is the disk's version still.
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_for_exit(), 0);
    assert_eq!(fs::read(&setup.file).unwrap(), on_disk);
}

#[test]
fn changed_on_disk_r_then_n_and_c_keep_the_edit_and_the_file() {
    let (setup, tmux, on_disk) = conflict("cancel");
    // r, then no: back to editing, nothing lost, nothing written.
    tmux.keys(&["r"]);
    tmux.wait_for("Reload the file from disk");
    tmux.keys(&["n"]);
    tmux.wait_for("Cancelled");
    assert!(tmux.screen().contains("● unsaved"));

    tmux.keys(&["C-s"]);
    tmux.wait_for("overwrite the file with your version");
    tmux.keys(&["c"]);
    tmux.wait_for("Not saved: the file on disk is unchanged");
    assert!(tmux.screen().contains("● unsaved"));
    assert_eq!(fs::read(&setup.file).unwrap(), on_disk);
    find(&tmux, ADDED);
    // Still changed on disk: the next save asks again; Esc cancels too.
    tmux.keys(&["C-s"]);
    tmux.wait_for("overwrite the file with your version");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Not saved: the file on disk is unchanged");
    assert_eq!(fs::read(&setup.file).unwrap(), on_disk);
    // The edit is kept in the recovery copy while the editor runs.
    setup.wait_for_copy();

    tmux.keys(&["q"]);
    tmux.wait_for("You have unsaved changes");
    tmux.keys(&["d"]);
    assert_eq!(tmux.wait_for_exit(), 0);
    assert_eq!(fs::read(&setup.file).unwrap(), on_disk);
}

// ----- disk trouble -----

#[test]
fn a_save_into_a_vanished_folder_says_why_and_keeps_the_edits() {
    let text = fs::read_to_string(EXAMPLE).unwrap();
    let setup = Setup::with_text(&text, Some("project"));
    let project = setup.file.parent().unwrap().to_path_buf();
    let tmux = setup.open("vanished");
    add_component(&tmux, ADDED);

    // The folder goes (moved away, as by another program), with the file in it.
    let moved = setup.dir.path().join("moved");
    fs::rename(&project, &moved).unwrap();
    tmux.keys(&["C-s"]);
    let screen = tmux.wait_for("Not saved");
    assert!(screen.contains("● unsaved"), "{screen}");
    assert!(!setup.file.exists());
    assert_eq!(fs::read_to_string(moved.join("t1d.ron")).unwrap(), text);
    setup.wait_for_copy();

    // When the folder is back, the same save works and the edits are all there.
    fs::create_dir(&project).unwrap();
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved");
    assert!(!tmux.screen().contains("● unsaved"));
    assert!(has(&storage::load(&setup.file).unwrap(), ADDED));
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_for_exit(), 0);
}

/// A folder nothing can be written into until this is dropped: without write
/// permission, or (for root, whom permissions do not stop) immutable.
struct ReadOnly {
    dir: PathBuf,
    immutable: bool,
}

impl ReadOnly {
    fn new(dir: &Path) -> Option<ReadOnly> {
        use std::os::unix::fs::PermissionsExt;
        let refused = || fs::write(dir.join(".probe"), "").is_err();
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
        let mut guard = ReadOnly {
            dir: dir.to_path_buf(),
            immutable: false,
        };
        if refused() {
            return Some(guard);
        }
        let _ = fs::remove_file(dir.join(".probe"));
        guard.immutable = Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        if guard.immutable && refused() {
            return Some(guard);
        }
        None
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").arg(&self.dir).status();
        }
        let _ = fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn a_save_into_a_read_only_folder_keeps_the_old_file_and_the_edits() {
    let text = fs::read_to_string(EXAMPLE).unwrap();
    let setup = Setup::with_text(&text, Some("project"));
    let project = setup.file.parent().unwrap().to_path_buf();
    let tmux = setup.open("readonly");
    add_component(&tmux, ADDED);

    let Some(guard) = ReadOnly::new(&project) else {
        eprintln!("skipped: this file system cannot make a folder read-only for this user");
        return;
    };
    tmux.keys(&["C-s"]);
    let screen = tmux.wait_for("Not saved");
    assert!(screen.contains("● unsaved"), "{screen}");
    // The old file is whole, and nothing was left beside it.
    assert_eq!(fs::read_to_string(&setup.file).unwrap(), text);
    let entries: Vec<_> = fs::read_dir(&project)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["t1d.ron"]);
    setup.wait_for_copy();

    drop(guard);
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved");
    assert!(has(&storage::load(&setup.file).unwrap(), ADDED));
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_for_exit(), 0);
}
