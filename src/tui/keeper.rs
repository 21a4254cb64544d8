//! The session's recovery copy, kept up to date behind every edit, and its lock on the
//! file (README, "Your work is safe").

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::{Pending, RECOVERY_DELAY};
use crate::app::{App, Mode, RecoveryChoice};
use crate::recovery::{Recovery, Session};

/// Keeps this session's recovery copy up to date, and its lock on the file.
pub(super) struct Keeper {
    recovery: Option<Recovery>,
    session: Option<Session>,
    file: Option<PathBuf>,
    /// The generation last written to the copy, or known to need none.
    kept: Option<u64>,
    changed_at: Option<Instant>,
    written: Option<PathBuf>,
    /// An ended session's copy the user is deciding about: it must not be overwritten.
    offered: Option<PathBuf>,
}

impl Keeper {
    pub(super) fn new(recovery: Option<Recovery>, file: Option<PathBuf>) -> Keeper {
        Keeper {
            recovery,
            session: None,
            file,
            kept: None,
            changed_at: None,
            written: None,
            offered: None,
        }
    }

    /// At open: start this session, offer a copy an ended session left, and say what
    /// else waits (other sessions on the file, copies that cannot be read, discarded edits).
    pub(super) fn check_open(
        &mut self,
        app: &mut App,
        on_disk: bool,
        pending: &mut Option<Pending>,
    ) {
        let Some(recovery) = &self.recovery else {
            app.error("No state directory: recovery copies are off");
            return;
        };
        let session = match recovery.start(self.file.as_deref()) {
            Ok(s) => s,
            Err(e) => {
                app.error(format!(
                    "Recovery copies are off: {} ({})",
                    e,
                    crate::text::visible(&recovery.dir().display().to_string())
                ));
                return;
            }
        };
        // Just opened, the document is the file on disk (or the demo).
        let baseline = (on_disk || self.file.is_none()).then(|| app.document());
        let found = recovery.find(self.file.as_deref(), baseline, &session);
        self.session = Some(session);
        self.kept = Some(app.generation());
        if let Some((copy, why)) = found.unreadable.first() {
            app.error(format!(
                "A recovery copy could not be read and is kept at {}: {}",
                crate::text::visible(&copy.display().to_string()),
                crate::text::visible(why)
            ));
        } else if let Some(copy) = found.discarded.first() {
            app.info(format!(
                "Edits you discarded are kept in {} until you next save",
                crate::text::visible(&copy.display().to_string())
            ));
        }
        if let Some(pid) = found.others.first() {
            app.error(format!(
                "Another carepath (process {pid}) has this file open: saving here may overwrite its work"
            ));
        }
        if let Some(offer) = found.offer {
            // Whether the file changed since the copy was made needs its hash now.
            if let Some(pending) = pending.take() {
                pending.finish(app);
            }
            self.offered = Some(offer.copy.clone());
            app.offer_recovery(
                offer.copy,
                when(offer.modified),
                offer.network,
                offer.based_on,
            );
        }
    }

    pub(super) fn decided(&mut self, choice: RecoveryChoice) {
        let Some(offered) = self.offered.take() else {
            return;
        };
        match choice {
            // The restored edits are this session's now: its next write replaces them.
            RecoveryChoice::Restored => {
                if let Some(s) = &self.session {
                    let _ = s.adopt(&offered);
                }
            }
            // Kept, set aside, until the file is next saved: a mistaken d can be undone.
            RecoveryChoice::Discarded => {
                if let Some(r) = &self.recovery {
                    let _ = r.discard(&offered);
                }
            }
        }
    }

    /// Notes a change; writes the copy once it has waited `RECOVERY_DELAY`, or removes it
    /// when the document is back to what is saved.
    pub(super) fn after_update(&mut self, app: &App) {
        if self.offered.is_some() || matches!(app.mode, Mode::Prompt(_)) {
            return;
        }
        if app.path != self.file {
            // Saved under a new name: the session, and its copy, follow the document.
            if let Some(s) = self.session.take() {
                s.remove_copy();
            }
            self.file = app.path.clone();
            if let Some(r) = &self.recovery {
                self.session = r.start(self.file.as_deref()).ok();
            }
            self.kept = None;
        }
        if self.kept == Some(app.generation()) {
            return;
        }
        if !app.is_dirty() {
            if let Some(s) = &self.session {
                s.remove_copy();
            }
            self.kept = Some(app.generation());
            self.changed_at = None;
            return;
        }
        let since = *self.changed_at.get_or_insert_with(Instant::now);
        if since.elapsed() >= RECOVERY_DELAY {
            self.write_now(app);
        }
    }

    /// After a successful save: discarded edits of the file have had their chance.
    pub(super) fn saved(&self, path: &Path) {
        if let Some(r) = &self.recovery {
            r.saved(Some(path));
        }
    }

    /// How long the loop may sleep before a pending copy is due.
    pub(super) fn wait(&self) -> Duration {
        match self.changed_at {
            Some(t) => RECOVERY_DELAY.saturating_sub(t.elapsed()),
            None => Duration::from_secs(3600),
        }
    }

    pub(super) fn write_now(&mut self, app: &App) {
        if self.offered.is_some() || !app.is_dirty() || self.kept == Some(app.generation()) {
            return;
        }
        if let Some(s) = &self.session
            && let Ok(copy) = s.write(self.file.as_deref(), app.document(), app.disk_hash)
        {
            self.written = Some(copy);
            self.kept = Some(app.generation());
            self.changed_at = None;
        }
    }

    pub(super) fn written_copy(&self) -> Option<&Path> {
        self.written.as_deref()
    }

    /// A clean quit. Unsaved edits (quit without saving) are kept as discarded until
    /// the file is next saved, and where is returned; otherwise the copy goes.
    pub(super) fn finish(&mut self, app: &App) -> Option<PathBuf> {
        let mut kept = None;
        if self.offered.is_none() {
            if app.is_dirty() {
                self.write_now(app);
                // The demo is never saved: only its last discarded edits are kept.
                if self.file.is_none()
                    && let Some(r) = &self.recovery
                {
                    r.saved(None);
                }
                kept = self.session.as_ref().and_then(Session::discard);
            } else if let Some(s) = &self.session {
                s.remove_copy();
            }
        }
        self.release();
        kept
    }

    /// Ends the session: its lock goes; its copy, if any, stays for the next open.
    pub(super) fn release(&mut self) {
        self.session = None;
    }
}

/// "today 14:05" style time for the recovery question (UTC; no time-zone crate here).
fn when(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let age = SystemTime::now()
        .duration_since(t)
        .map_or(0, |d| d.as_secs());
    let clock = format!("{:02}:{:02} UTC", secs / 3600 % 24, secs / 60 % 60);
    match age {
        0..60 => format!("{clock}, moments ago"),
        60..3600 => format!("{clock}, {} minutes ago", age / 60),
        3600..86400 => format!("{clock}, {} hours ago", age / 3600),
        _ => format!("{clock}, {} days ago", age / 86400),
    }
}
