//! Choices that keep work safe: restoring a recovery copy, and saving over a file that
//! changed on disk. The event loop finds these situations; the user decides here.

use std::path::PathBuf;

use crate::model::Network;

use super::{Action, App, Confirm, Effect, Mode};

/// A question with several answers, each on its own key.
#[derive(Debug, Clone, PartialEq)]
pub enum Prompt {
    /// A recovery copy with edits the file does not have.
    Recover {
        copy: PathBuf,
        /// When the copy was written, as the user should read it.
        when: String,
        network: Box<Network>,
        /// What differs, once asked for.
        differences: Option<String>,
        /// The file changed on disk after these edits were made: restoring them and
        /// saving would undo that change, so the save asks first.
        changed_on_disk: bool,
    },
    /// The file changed on disk since it was opened or last saved here.
    Conflict { path: PathBuf },
}

impl Prompt {
    pub fn question(&self) -> String {
        match self {
            Prompt::Recover {
                copy,
                when,
                changed_on_disk,
                ..
            } => format!(
                "Unsaved edits from {when} were recovered ({}).{} Restore them?",
                copy.display(),
                if *changed_on_disk {
                    " The file has changed on disk since they were made: restoring them \
                     and saving would undo that change."
                } else {
                    ""
                }
            ),
            Prompt::Conflict { path } => format!(
                "{} has changed on disk since you opened it. Overwrite it with your version?",
                path.display()
            ),
        }
    }

    /// The answers: key, what it does.
    pub fn answers(&self) -> &'static [(char, &'static str)] {
        match self {
            Prompt::Recover { .. } => &[
                ('r', "restore the recovered edits"),
                ('d', "discard them and open the file as saved"),
                ('s', "show what differs"),
            ],
            Prompt::Conflict { .. } => &[
                ('o', "overwrite the file with your version"),
                ('r', "reload the file from disk, losing your edits"),
                ('c', "cancel: keep editing, save nothing"),
            ],
        }
    }
}

/// What the user decided about a recovery copy; the event loop removes a discarded one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoveryChoice {
    Restored,
    Discarded,
}

impl App {
    /// Offers a recovery copy: the editor opens on this question.
    /// `based_on`: the content hash of the file the copy's edits were made on, when the
    /// copy records it; if the file on disk (`disk_hash`) differs, it changed since.
    pub fn offer_recovery(
        &mut self,
        copy: PathBuf,
        when: String,
        network: Network,
        based_on: Option<u64>,
    ) {
        let changed_on_disk = based_on.is_some() && based_on != self.disk_hash;
        self.recovered_base = based_on;
        self.mode = Mode::Prompt(Prompt::Recover {
            copy,
            when,
            network: Box::new(network),
            differences: None,
            changed_on_disk,
        });
    }

    /// Asks what to do about a save over a file that changed on disk.
    pub fn save_conflict(&mut self, path: PathBuf) {
        self.mode = Mode::Prompt(Prompt::Conflict { path });
    }

    /// Replaces the document with one read from disk: the new baseline, nothing to undo.
    pub fn reload(&mut self, network: Network) {
        *self = App {
            path: self.path.take(),
            theme: self.theme,
            theme_count: self.theme_count,
            theme_names: std::mem::take(&mut self.theme_names),
            zoom: self.zoom,
            panels_folded: self.panels_folded,
            ..App::new(network, None, true)
        };
        self.info("Reloaded from disk");
    }

    /// The answer to the last recovery question, for the event loop to act on.
    pub fn take_recovery_choice(&mut self) -> Option<RecoveryChoice> {
        self.recovery_choice.take()
    }

    pub(super) fn prompting(&mut self, prompt: Prompt, action: Action) -> Effect {
        let key = match action {
            Action::Input(c) => c.to_ascii_lowercase(),
            Action::Cancel => 'c',
            _ => {
                self.mode = Mode::Prompt(prompt);
                return Effect::None;
            }
        };
        match (prompt, key) {
            (
                Prompt::Recover {
                    network,
                    changed_on_disk,
                    ..
                },
                'r',
            ) => {
                // The recovered edits become one change on top of the file: undoable, unsaved.
                self.restore(*network);
                if changed_on_disk {
                    // The edits stand on the file as it was: the save then takes the
                    // changed-on-disk path and asks first, and a later copy records it too.
                    self.disk_hash = self.recovered_base;
                    self.error("Restored; the file changed on disk since, so a save asks first");
                }
                self.recovery_choice = Some(RecoveryChoice::Restored);
            }
            (Prompt::Recover { .. }, 'd') => {
                self.recovery_choice = Some(RecoveryChoice::Discarded);
                self.info("Recovered edits discarded: kept aside until you next save");
            }
            (
                Prompt::Recover {
                    copy,
                    when,
                    network,
                    differences,
                    changed_on_disk,
                },
                's',
            ) => {
                let differences = match differences {
                    Some(_) => None,
                    None => Some(crate::diff::describe(self.document(), &network)),
                };
                self.mode = Mode::Prompt(Prompt::Recover {
                    copy,
                    when,
                    network,
                    differences,
                    changed_on_disk,
                });
            }
            (Prompt::Conflict { path }, 'o') => return Effect::Overwrite(path),
            (Prompt::Conflict { path }, 'r') => {
                self.mode = Mode::Confirm(Confirm::Reload(path));
            }
            (Prompt::Conflict { .. }, 'c') => self.info("Not saved: the file on disk is unchanged"),
            (prompt, _) => self.mode = Mode::Prompt(prompt),
        }
        Effect::None
    }

    fn restore(&mut self, network: Network) {
        let before = std::mem::replace(&mut self.doc, network);
        if self.history.record(
            before,
            &mut self.doc,
            self.generation,
            "restore recovered edits",
            None,
        ) {
            self.generation = self.next_generation;
            self.next_generation += 1;
        }
        self.refresh();
        self.info("Recovered edits restored: save to keep them");
    }
}
