//! Recovery copies (DESIGN §8): every edit is kept outside the project folder, in the
//! user's state directory, so a crash, a kill or a power cut loses nothing. Plain file
//! handling; nothing here knows of the terminal.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::Network;
use crate::storage;

/// Set this to keep recovery copies somewhere else (tests use it).
pub const STATE_DIR_ENV: &str = "CAREPATH_STATE_DIR";

/// The first line of a recovery copy; the rest is the document in canonical form.
const HEADER: &str = "// carepath recovery copy of ";

/// A recovery copy found when opening a file.
#[derive(Debug, Clone)]
pub struct Recovered {
    /// Where the copy is.
    pub copy: PathBuf,
    pub network: Network,
    pub modified: SystemTime,
}

/// The folder of recovery copies and lock files.
#[derive(Debug, Clone)]
pub struct Recovery {
    dir: PathBuf,
}

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

    /// Where the recovery copy of `file` (or of the demo) is kept.
    pub fn copy_path(&self, file: Option<&Path>) -> PathBuf {
        self.dir.join(format!("{}.ron", self.stem(file)))
    }

    fn lock_path(&self, file: Option<&Path>) -> PathBuf {
        self.dir.join(format!("{}.lock", self.stem(file)))
    }

    /// Writes the recovery copy atomically and returns where it is.
    pub fn write(&self, file: Option<&Path>, network: &Network) -> io::Result<PathBuf> {
        fs::create_dir_all(&self.dir)?;
        let copy = self.copy_path(file);
        let origin =
            absolute(file).map_or("the demo network".to_string(), |p| p.display().to_string());
        let text = format!(
            "{HEADER}{origin:?}\n{}",
            storage::to_canonical_string(network)
        );
        storage::write_atomic(&copy, text.as_bytes()).map_err(|e| e.source)?;
        Ok(copy)
    }

    /// The recovery copy of `file`, when there is one with edits the file does not have.
    /// A copy that only repeats the file (or no longer loads) is removed.
    pub fn find(&self, file: Option<&Path>, on_disk: Option<&Network>) -> Option<Recovered> {
        let copy = self.copy_path(file);
        let modified = fs::metadata(&copy).and_then(|m| m.modified()).ok()?;
        let network = match storage::load(&copy) {
            Ok(n) => n,
            Err(_) => {
                self.remove(file);
                return None;
            }
        };
        if on_disk == Some(&network) {
            self.remove(file);
            return None;
        }
        Some(Recovered {
            copy,
            network,
            modified,
        })
    }

    /// Forgets the recovery copy (after a clean save or quit).
    pub fn remove(&self, file: Option<&Path>) {
        let _ = fs::remove_file(self.copy_path(file));
    }

    /// Marks `file` as open by this process. Returns the process id of another carepath
    /// that has it open, if one does.
    pub fn lock(&self, file: Option<&Path>) -> Option<u32> {
        let lock = self.lock_path(file);
        let other = fs::read_to_string(&lock)
            .ok()
            .and_then(|t| t.trim().parse::<u32>().ok())
            .filter(|&pid| pid != std::process::id() && process_alive(pid));
        if fs::create_dir_all(&self.dir).is_ok() && other.is_none() {
            let _ = fs::write(&lock, std::process::id().to_string());
        }
        other
    }

    /// Removes this process's lock on `file`.
    pub fn unlock(&self, file: Option<&Path>) {
        let lock = self.lock_path(file);
        let ours = fs::read_to_string(&lock)
            .ok()
            .and_then(|t| t.trim().parse::<u32>().ok())
            == Some(std::process::id());
        if ours {
            let _ = fs::remove_file(lock);
        }
    }
}

/// True when a process with this id runs (on Linux, from /proc; elsewhere assumed).
fn process_alive(pid: u32) -> bool {
    let proc_dir = Path::new("/proc");
    if proc_dir.is_dir() {
        proc_dir.join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Condition, Pathway};

    fn network(name: &str) -> Network {
        let mut n = Network::new(name);
        n.add_pathway(Pathway::new("p", "P", Condition::LongTerm))
            .unwrap();
        n
    }

    #[test]
    fn write_find_remove() {
        let dir = tempfile::tempdir().unwrap();
        let r = Recovery::new(dir.path().join("rec"));
        let file = dir.path().join("t1d.ron");
        let on_disk = network("on disk");
        assert!(r.find(Some(&file), Some(&on_disk)).is_none());

        let edited = network("edited");
        let copy = r.write(Some(&file), &edited).unwrap();
        assert!(copy.starts_with(dir.path().join("rec")));
        let text = fs::read_to_string(&copy).unwrap();
        assert!(text.starts_with(HEADER), "{text}");
        let found = r.find(Some(&file), Some(&on_disk)).unwrap();
        assert_eq!(found.network, edited);

        // A copy equal to the file is stale: removed, not offered.
        assert!(r.find(Some(&file), Some(&edited)).is_none());
        assert!(!copy.exists());
    }

    #[test]
    fn same_name_in_two_folders_keeps_two_copies() {
        let r = Recovery::new("/tmp/x");
        let a = r.copy_path(Some(Path::new("/a/t1d.ron")));
        let b = r.copy_path(Some(Path::new("/b/t1d.ron")));
        assert_ne!(a, b);
        assert_eq!(r.copy_path(None), PathBuf::from("/tmp/x/demo.ron"));
        assert!(a.file_name().unwrap().to_string_lossy().starts_with("t1d-"));
    }

    #[test]
    fn a_broken_copy_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let r = Recovery::new(dir.path());
        fs::write(r.copy_path(None), "not ron").unwrap();
        assert!(r.find(None, None).is_none());
        assert!(!r.copy_path(None).exists());
    }

    #[test]
    fn locks_name_another_live_process() {
        let dir = tempfile::tempdir().unwrap();
        let r = Recovery::new(dir.path());
        let file = Path::new("/a/t1d.ron");
        assert_eq!(r.lock(Some(file)), None);
        // Our own lock is not "another process".
        assert_eq!(r.lock(Some(file)), None);
        // pid 1 always runs.
        fs::write(r.lock_path(Some(file)), "1").unwrap();
        assert_eq!(r.lock(Some(file)), Some(1));
        // A lock left by a process that has gone is taken over.
        fs::write(r.lock_path(Some(file)), "4294967294").unwrap();
        assert_eq!(r.lock(Some(file)), None);
        r.unlock(Some(file));
        assert!(!r.lock_path(Some(file)).exists());
    }
}
