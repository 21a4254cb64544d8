//! Recovery copies (docs/format.md, "Recovery copies"): every edit is kept outside the
//! project folder, in the user's state directory, so a crash, a kill or a power cut loses
//! nothing. Plain file handling; nothing here knows of the terminal.
//!
//! Each editor session writes its own copy and holds an operating-system lock on a lock
//! file of its own while it runs. The lock goes when the process does (even on `kill -9`),
//! so a copy whose lock can be taken was left by a session that has ended: only such
//! copies are offered, and a running session's copy is never offered to or removed by
//! another. A reused process id cannot make a dead session look alive.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::model::Network;
use crate::storage;

/// Set this to keep recovery copies somewhere else (tests use it).
pub const STATE_DIR_ENV: &str = "CAREPATH_STATE_DIR";

/// The first line of a recovery copy; the rest is the document in canonical form.
const HEADER: &str = "// carepath recovery copy of ";
/// The second line: the content hash of the file the edits were made on.
const BASED_ON: &str = "// based on ";
/// The middle of a discarded copy's name.
const DISCARDED: &str = "discarded.";

/// FNV-1a: a stable hash, the same in every run and on every machine. Names recovery
/// copies after their file's path, and notices a file changed on disk.
pub fn content_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The absolute form of a document's path; `None` is the unsaved demo.
fn absolute(file: Option<&Path>) -> Option<PathBuf> {
    file.map(|f| std::path::absolute(f).unwrap_or_else(|_| f.to_path_buf()))
}

/// A recovery copy found when opening a file.
#[derive(Debug, Clone)]
pub struct Recovered {
    /// Where the copy is.
    pub copy: PathBuf,
    pub network: Network,
    pub modified: SystemTime,
    /// The content hash of the file the edits were made on (None: a new file, or a copy
    /// from an older carepath that did not record it).
    pub based_on: Option<u64>,
}

/// What is waiting for a file when it is opened.
#[derive(Debug, Default)]
pub struct Found {
    /// The newest copy left by a session that ended without saving, with edits the
    /// file does not have.
    pub offer: Option<Recovered>,
    /// Copies left by ended sessions that could not be read: kept, and named to the user.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Copies whose edits were discarded, kept until the file is next saved; newest first.
    pub discarded: Vec<PathBuf>,
    /// The process ids of other running sessions on the file.
    pub others: Vec<u32>,
}

/// The folder of recovery copies and lock files.
#[derive(Debug, Clone)]
pub struct Recovery {
    dir: PathBuf,
}

/// One editor session's hold on a file: its own copy, and a lock that says it runs.
#[derive(Debug)]
pub struct Session {
    dir: PathBuf,
    stem: String,
    /// `<pid>-<nanoseconds at start>`: unique among sessions.
    id: String,
    /// Holds the lock for as long as the session runs.
    _lock: File,
}

/// A copy's kind, read from its name.
#[derive(Debug, PartialEq)]
enum Kind {
    /// `<stem>.<session>.ron`
    Session(String),
    /// `<stem>.discarded.<session>.ron`
    Discarded,
    /// `<stem>.ron`, written by carepath before sessions had copies of their own.
    Single,
}

impl Recovery {
    pub fn new(dir: impl Into<PathBuf>) -> Recovery {
        Recovery { dir: dir.into() }
    }

    /// `$CAREPATH_STATE_DIR`, else the user's state directory (e.g.
    /// `~/.local/state/carepath/recovery`), else the local data directory.
    pub fn in_state_dir() -> Option<Recovery> {
        if let Some(dir) = std::env::var_os(STATE_DIR_ENV).filter(|d| !d.is_empty()) {
            return Some(Recovery::new(dir));
        }
        let dirs = directories::ProjectDirs::from("", "", "carepath")?;
        let base = dirs
            .state_dir()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| dirs.data_local_dir().to_path_buf());
        Some(Recovery::new(base.join("recovery")))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `<stem>-<hash of the absolute path>`, so two files called `t1d.ron` in different
    /// folders keep different copies.
    fn stem(&self, file: Option<&Path>) -> String {
        match absolute(file) {
            None => "demo".to_string(),
            Some(path) => {
                let stem: String = path
                    .file_stem()
                    .map(|s| {
                        s.to_string_lossy()
                            .chars()
                            .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                            .take(40)
                            .collect()
                    })
                    .unwrap_or_default();
                format!(
                    "{stem}-{:016x}",
                    content_hash(path.as_os_str().as_encoded_bytes())
                )
            }
        }
    }

    /// Starts a session on `file`: takes its lock. Its copy is written on the first edit.
    pub fn start(&self, file: Option<&Path>) -> io::Result<Session> {
        fs::create_dir_all(&self.dir)?;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let stem = self.stem(file);
        let id = format!("{}-{nanos}", std::process::id());
        let lock = File::create(self.dir.join(format!("{stem}.{id}.lock")))?;
        lock.try_lock().map_err(io::Error::from)?;
        Ok(Session {
            dir: self.dir.clone(),
            stem,
            id,
            _lock: lock,
        })
    }

    /// Every copy of `file` with its kind, read from the folder.
    fn copies(&self, file: Option<&Path>) -> Vec<(PathBuf, Kind)> {
        let prefix = format!("{}.", self.stem(file));
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(middle) = name.strip_suffix(".ron") else {
                continue;
            };
            let kind = if middle == prefix.trim_end_matches('.') {
                Kind::Single
            } else if let Some(rest) = middle.strip_prefix(&prefix) {
                match rest.strip_prefix(DISCARDED) {
                    Some(_) => Kind::Discarded,
                    None => Kind::Session(rest.to_string()),
                }
            } else {
                continue;
            };
            found.push((entry.path(), kind));
        }
        found
    }

    /// Every recovery copy of `file`, of any session (for tests and tools).
    pub fn all_copies(&self, file: Option<&Path>) -> Vec<PathBuf> {
        self.copies(file).into_iter().map(|(p, _)| p).collect()
    }

    /// True when the session with this id still runs: its lock file is locked.
    fn running(&self, stem: &str, id: &str) -> bool {
        let path = self.dir.join(format!("{stem}.{id}.lock"));
        let Ok(lock) = File::options().write(true).open(&path) else {
            return false;
        };
        match lock.try_lock() {
            Ok(()) => {
                // Its owner has gone: the lock file is litter.
                let _ = fs::remove_file(&path);
                false
            }
            Err(TryLockError::WouldBlock) => true,
            // Locks unsupported here: assume it runs, so nothing of it is touched.
            Err(TryLockError::Error(_)) => true,
        }
    }

    /// What waits for `file` when session `me` opens it. A copy equal to the file on disk
    /// (`on_disk`) has nothing to offer and is removed; any other copy is kept.
    pub fn find(&self, file: Option<&Path>, on_disk: Option<&Network>, me: &Session) -> Found {
        let stem = self.stem(file);
        let mut found = Found::default();
        let mut candidates = Vec::new();
        for (path, kind) in self.copies(file) {
            match kind {
                Kind::Session(id) if id == me.id => {}
                Kind::Session(id) if self.running(&stem, &id) => {}
                Kind::Session(_) | Kind::Single => candidates.push(path),
                Kind::Discarded => found.discarded.push(path),
            }
        }
        found.others = self.others(file, me);
        let newest_first = |paths: &mut Vec<PathBuf>| {
            paths.sort_by_key(|p| std::cmp::Reverse(modified(p)));
        };
        newest_first(&mut candidates);
        newest_first(&mut found.discarded);
        for copy in candidates {
            match read_copy(&copy) {
                Err(e) => found.unreadable.push((copy, e)),
                Ok((network, _)) if on_disk == Some(&network) => {
                    let _ = fs::remove_file(&copy);
                }
                Ok((network, based_on)) => {
                    if found.offer.is_none() {
                        found.offer = Some(Recovered {
                            modified: modified(&copy),
                            copy,
                            network,
                            based_on,
                        });
                    }
                }
            }
        }
        found
    }

    /// The process ids of the other running sessions on `file`.
    pub fn others(&self, file: Option<&Path>, me: &Session) -> Vec<u32> {
        let stem = self.stem(file);
        let prefix = format!("{stem}.");
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut pids: Vec<u32> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let id = name
                    .strip_prefix(&prefix)?
                    .strip_suffix(".lock")?
                    .to_string();
                (id != me.id && self.running(&stem, &id))
                    .then(|| id.split('-').next()?.parse().ok())
                    .flatten()
            })
            .collect();
        pids.sort_unstable();
        pids
    }

    /// After a successful save of `file`: discarded copies have had their chance.
    pub fn saved(&self, file: Option<&Path>) {
        for (path, kind) in self.copies(file) {
            if kind == Kind::Discarded {
                let _ = fs::remove_file(path);
            }
        }
    }

    /// Sets aside a copy left by an ended session whose edits the user discarded: kept
    /// until the file is next saved, so a mistaken discard can be undone by hand.
    pub fn discard(&self, copy: &Path) -> io::Result<PathBuf> {
        let to = discarded_name(copy);
        fs::rename(copy, &to)?;
        Ok(to)
    }
}

impl Session {
    /// Where this session keeps its copy.
    pub fn copy_path(&self) -> PathBuf {
        self.dir.join(format!("{}.{}.ron", self.stem, self.id))
    }

    /// Writes this session's copy atomically and returns where it is. `based_on` is the
    /// content hash of the file as it was read or last saved (None for a new file).
    pub fn write(
        &self,
        file: Option<&Path>,
        network: &Network,
        based_on: Option<u64>,
    ) -> io::Result<PathBuf> {
        fs::create_dir_all(&self.dir)?;
        let copy = self.copy_path();
        let origin =
            absolute(file).map_or("the demo network".to_string(), |p| p.display().to_string());
        let base = based_on.map_or("nothing".to_string(), |h| format!("{h:016x}"));
        let text = format!(
            "{HEADER}{origin:?}\n{BASED_ON}{base}\n{}",
            storage::to_canonical_string(network)
        );
        // Written whatever its size: a copy is read back without the size limit.
        storage::write_atomic_unchecked(&copy, text.as_bytes()).map_err(|e| e.source)?;
        Ok(copy)
    }

    /// Makes an ended session's copy this session's own (its edits were restored here):
    /// it is replaced by this session's next write.
    pub fn adopt(&self, copy: &Path) -> io::Result<()> {
        fs::rename(copy, self.copy_path())
    }

    /// Removes this session's copy: the document is as saved.
    pub fn remove_copy(&self) {
        let _ = fs::remove_file(self.copy_path());
    }

    /// Quit without saving: the copy is kept as discarded until the file is next saved.
    /// Returns where it is, if there is one.
    pub fn discard(&self) -> Option<PathBuf> {
        let copy = self.copy_path();
        if !copy.exists() {
            return None;
        }
        let to = discarded_name(&copy);
        fs::rename(&copy, &to).ok().map(|()| to)
    }
}

impl Drop for Session {
    /// The lock file goes with the session; the lock itself goes with the file handle.
    fn drop(&mut self) {
        let _ = fs::remove_file(self.dir.join(format!("{}.{}.lock", self.stem, self.id)));
    }
}

/// `<stem>.<session>.ron` -> `<stem>.discarded.<session>.ron` (`<stem>.ron` ->
/// `<stem>.discarded.<now>.ron`).
fn discarded_name(copy: &Path) -> PathBuf {
    let name = copy
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = name.strip_suffix(".ron").unwrap_or(&name);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let to = match base.split_once('.') {
        Some((stem, session)) => format!("{stem}.{DISCARDED}{session}.ron"),
        None => format!("{base}.{DISCARDED}{now}.ron"),
    };
    copy.with_file_name(to)
}

fn modified(path: &Path) -> SystemTime {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or(UNIX_EPOCH)
}

/// A copy's network and the hash of the file its edits were made on. Read without the
/// size limit: carepath wrote it, into the user's own folder.
fn read_copy(copy: &Path) -> Result<(Network, Option<u64>), String> {
    let text = storage::read_text(copy, u64::MAX - 1).map_err(|e| e.to_string())?;
    let network = storage::parse(&text, copy).map_err(|e| e.to_string())?;
    let based_on = text
        .lines()
        .nth(1)
        .and_then(|l| l.strip_prefix(BASED_ON))
        .and_then(|h| u64::from_str_radix(h.trim(), 16).ok());
    Ok((network, based_on))
}

#[cfg(test)]
mod tests;
