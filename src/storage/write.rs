//! Writing files atomically: a temporary file beside the target, synced, renamed over it,
//! so the old file stays whole if anything fails (docs/format.md, "Saving").

use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{MAX_FILE_BYTES, SaveError};

/// What a write did that the user should hear of.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Written {
    /// Said once the file is written: e.g. a hard link the rename broke.
    pub notice: Option<String>,
}

/// Writes a pathway file. Refuses, writing nothing, a file larger than carepath would read
/// back and a read-only file (as editors do; `write_atomic_forced` overwrites those).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<Written, SaveError> {
    check_size(path, bytes)?;
    write(path, bytes, false)
}

/// As `write_atomic`, but a read-only file is overwritten (`--force`); it stays read-only.
pub fn write_atomic_forced(path: &Path, bytes: &[u8]) -> Result<Written, SaveError> {
    check_size(path, bytes)?;
    write(path, bytes, true)
}

/// As `write_atomic`, with no size limit: for exports and recovery copies.
pub fn write_atomic_unchecked(path: &Path, bytes: &[u8]) -> Result<Written, SaveError> {
    write(path, bytes, false)
}

/// As `write_atomic_unchecked`, the text made by `fill` as it writes it, so a large export
/// is never held whole. Should `fill` fail, nothing is written and the file is as it was.
pub fn write_atomic_streamed(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Written, SaveError> {
    write_with(path, false, fill)
}

fn error(path: &Path, kind: io::ErrorKind, message: String) -> SaveError {
    SaveError {
        path: path.to_path_buf(),
        source: io::Error::new(kind, message),
    }
}

/// A pathway file over `MAX_FILE_BYTES` would not load again: refused before writing.
fn check_size(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    if bytes.len() as u64 <= MAX_FILE_BYTES {
        return Ok(());
    }
    Err(error(
        path,
        io::ErrorKind::FileTooLarge,
        format!(
            "the file would be {} bytes, over the {MAX_FILE_BYTES}-byte limit carepath reads; nothing was written (split the network into smaller files)",
            bytes.len()
        ),
    ))
}

/// True when the file's owner may not write it (mode without `u+w`).
fn read_only(meta: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o200 == 0
    }
    #[cfg(not(unix))]
    {
        meta.permissions().readonly()
    }
}

fn dir_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A symbolic link is followed, not replaced.
fn write(path: &Path, bytes: &[u8], force: bool) -> Result<Written, SaveError> {
    write_with(path, force, |file| file.write_all(bytes))
}

fn write_with(
    path: &Path,
    force: bool,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Written, SaveError> {
    let fail = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let target: PathBuf = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                error(
                    path,
                    io::ErrorKind::NotFound,
                    "it is a symbolic link to a file that does not exist (a dangling link); nothing was written".to_string(),
                )
            } else {
                fail(e)
            }
        })?,
        _ => path.to_path_buf(),
    };
    let old = fs::metadata(&target).ok();
    if let Some(meta) = &old
        && read_only(meta)
        && !force
    {
        return Err(error(
            path,
            io::ErrorKind::PermissionDenied,
            "the file is read-only; nothing was written (make it writable, or use --force with fmt or import)".to_string(),
        ));
    }
    let dir = dir_of(&target);
    let mut tmp = temp_builder().tempfile_in(&dir).map_err(fail)?;
    fill(tmp.as_file_mut()).map_err(fail)?;
    let mut written = Written::default();
    if let Some(meta) = &old {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(fail)?;
        keep_owner(tmp.path(), meta);
        written.notice = broken_link(path, meta);
    }
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(&target).map_err(|e| fail(e.error))?;
    // Sync the directory so the rename itself survives a power cut.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(written)
}

/// A temporary file beside the target. A new file gets the usual mode (0666 less the
/// umask, so 0644 under umask 022) rather than tempfile's private 0600: exports and new
/// networks are shared with colleagues on shared drives. A rewritten file keeps its own.
fn temp_builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".carepath-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder
}

/// The new file keeps the old one's owner and group where the process may give them
/// (root may; a user may keep a group they belong to). Otherwise it is the writer's.
fn keep_owner(tmp: &Path, old: &Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(now) = fs::metadata(tmp) else {
            return;
        };
        if now.uid() != old.uid() || now.gid() != old.gid() {
            let _ = std::os::unix::fs::chown(tmp, Some(old.uid()), Some(old.gid()))
                .or_else(|_| std::os::unix::fs::chown(tmp, None, Some(old.gid())));
        }
    }
    #[cfg(not(unix))]
    let _ = (tmp, old);
}

/// A file with other names (hard links) becomes a file of its own when renamed over.
fn broken_link(path: &Path, old: &Metadata) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (old.nlink() > 1).then(|| {
            format!(
                "{} had {} hard links; it is now a file of its own, and its other names keep the old text",
                crate::text::visible(&path.display().to_string()),
                old.nlink()
            )
        })
    }
    #[cfg(not(unix))]
    {
        let _ = (path, old);
        None
    }
}

/// Writes a new file atomically, refusing to replace anything already at `path`.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<Written, SaveError> {
    check_size(path, bytes)?;
    let fail = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let dir = dir_of(path);
    let mut tmp = temp_builder().tempfile_in(&dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist_noclobber(path).map_err(|e| fail(e.error))?;
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(Written::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_write_that_fails_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.svg");
        fs::write(&path, "old").unwrap();
        let failed = write_atomic_streamed(&path, |w| {
            w.write_all(b"half of a new")?;
            Err(io::Error::other("the drawing stopped"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
        write_atomic_streamed(&path, |w| {
            w.write_all(b"new ")?;
            w.write_all(b"map")
        })
        .unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new map");
    }
}
