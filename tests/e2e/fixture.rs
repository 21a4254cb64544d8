//! A project for the safety tests: a copy of the example in a temporary folder, with its
//! own state folder for recovery copies, and the steps the tests share.

use std::fs;
use std::path::PathBuf;

use carepath::model::Network;
use carepath::recovery::Recovery;
use carepath::storage;

use super::{Tmux, carepath_command, wait_until};

pub const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/pathways/type1-diabetes.ron");

/// The name the tests give the component they add: unique in the example.
pub const ADDED: &str = "Walk-in hub";

/// A copy of the example in a temporary folder, with its own state folder.
pub struct Setup {
    pub dir: tempfile::TempDir,
    pub file: PathBuf,
    pub state: PathBuf,
}

impl Setup {
    pub fn new() -> Setup {
        Setup::with_text(&fs::read_to_string(EXAMPLE).unwrap(), None)
    }

    /// `text` as `t1d.ron`, in `folder` inside the temporary folder when given.
    pub fn with_text(text: &str, folder: Option<&str>) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let project = folder.map_or(dir.path().to_path_buf(), |f| dir.path().join(f));
        fs::create_dir_all(&project).unwrap();
        let file = project.join("t1d.ron");
        fs::write(&file, text).unwrap();
        let state = dir.path().join("state");
        Setup { dir, file, state }
    }

    /// carepath on the file in a new tmux server called `name`.
    pub fn open(&self, name: &str) -> Tmux {
        let tmux = Tmux::start(
            name,
            &carepath_command(&self.file, &self.state, ""),
            100,
            30,
        );
        tmux.wait_for("Type 1 diabetes");
        tmux
    }

    /// The recovery copy of the file left by a session (running or ended), or a path
    /// where there is none.
    pub fn copy(&self) -> PathBuf {
        self.copies(false)
            .into_iter()
            .next()
            .unwrap_or_else(|| self.state.join("no-copy.ron"))
    }

    /// The copies whose edits were discarded, kept until the next save.
    pub fn discarded(&self) -> Vec<PathBuf> {
        self.copies(true)
    }

    fn copies(&self, discarded: bool) -> Vec<PathBuf> {
        Recovery::new(&self.state)
            .all_copies(Some(&self.file))
            .into_iter()
            .filter(|p| p.to_string_lossy().contains(".discarded.") == discarded)
            .collect()
    }

    /// Waits until the recovery copy holds the added component.
    pub fn wait_for_copy(&self) {
        wait_until("the recovery copy to hold the edit", || {
            storage::load(&self.copy()).is_ok_and(|n| has(&n, ADDED))
        });
    }
}

pub fn has(network: &Network, name: &str) -> bool {
    network
        .pathways()
        .iter()
        .any(|p| p.components().iter().any(|c| c.name == name))
}

/// Adds a component called `name` in the Recognition column.
pub fn add_component(tmux: &Tmux, name: &str) {
    tmux.keys(&["l", "a"]);
    tmux.wait_for("New component");
    tmux.type_text(name);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Added component");
    tmux.wait_for("● unsaved");
}

/// Finds the component by name: "Match 1 of 1" means the document has it once, and the
/// details panel then shows its name.
pub fn find(tmux: &Tmux, name: &str) {
    tmux.keys(&["/"]);
    tmux.wait_for("Find:");
    tmux.type_text(name);
    tmux.wait_for("Match 1 of 1");
    tmux.keys(&["Escape"]);
    wait_until("find to close", || !tmux.screen().contains("Find:"));
    assert!(tmux.screen().contains(name), "{}", tmux.screen());
}

/// The text without whitespace or box sides, so a wrapped sentence can be searched.
pub fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}
