//! Saving never loses work (README, "Your work is safe"): a save that fails leaves the old file whole, says
//! why, and leaves no temporary file behind; `write_new` never replaces anything.

use std::fs;
use std::path::{Path, PathBuf};

use carepath::model::{Condition, Network, Pathway};
use carepath::storage::{load, save, to_canonical_string, write_new};

fn network(name: &str) -> Network {
    let mut n = Network::new(name);
    n.add_pathway(Pathway::new("p", "Pathway", Condition::LongTerm))
        .unwrap();
    n
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A directory holding `old.ron`, a valid saved network.
fn with_old_file() -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ron");
    save(&path, &network("Old")).unwrap();
    let bytes = fs::read(&path).unwrap();
    (dir, path, bytes)
}

#[test]
fn save_writes_canonical_text_and_replaces_the_old_file() {
    let (dir, path, old) = with_old_file();
    let new = network("New");
    save(&path, &new).unwrap();
    let bytes = fs::read(&path).unwrap();
    assert_ne!(bytes, old);
    assert_eq!(bytes, to_canonical_string(&new).as_bytes());
    assert_eq!(load(&path).unwrap(), new);
    assert_eq!(names(dir.path()), ["old.ron"]);
}

#[test]
fn save_into_a_vanished_directory_fails_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("gone");
    fs::create_dir(&sub).unwrap();
    let path = sub.join("net.ron");
    save(&path, &network("Before")).unwrap();
    fs::remove_dir_all(&sub).unwrap();

    let err = save(&path, &network("After")).unwrap_err();
    assert_eq!(err.path, path);
    assert_eq!(err.source.kind(), std::io::ErrorKind::NotFound);
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!("could not save {}: ", path.display())),
        "{shown}"
    );
    assert!(!sub.exists(), "the directory must not come back");
    assert!(names(dir.path()).is_empty());
}

#[test]
fn save_where_the_parent_is_a_file_leaves_that_file_whole() {
    let (dir, old_path, old) = with_old_file();
    let path = old_path.join("inside.ron");
    let err = save(&path, &network("New")).unwrap_err();
    assert_eq!(err.path, path);
    assert_eq!(fs::read(&old_path).unwrap(), old);
    assert_eq!(names(dir.path()), ["old.ron"]);
}

#[test]
fn save_over_a_directory_fails_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("net.ron");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("keep.txt"), b"keep").unwrap();
    let err = save(&target, &network("New")).unwrap_err();
    assert_eq!(err.path, target);
    assert!(target.is_dir());
    assert_eq!(fs::read(target.join("keep.txt")).unwrap(), b"keep");
    assert_eq!(names(dir.path()), ["net.ron"]);
    assert_eq!(names(&target), ["keep.txt"]);
}

/// True when this process can create files in a directory without write permission
/// (root, or a capability that overrides permissions).
#[cfg(unix)]
fn permissions_do_not_apply(read_only_dir: &Path) -> bool {
    let probe = read_only_dir.join("probe");
    match fs::write(&probe, b"") {
        Ok(()) => {
            fs::remove_file(&probe).unwrap();
            true
        }
        Err(_) => false,
    }
}

#[cfg(unix)]
#[test]
fn save_into_a_read_only_directory_leaves_the_old_file_whole() {
    use std::os::unix::fs::PermissionsExt;

    let (dir, path, old) = with_old_file();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let privileged = permissions_do_not_apply(dir.path());
    let result = if privileged {
        // Permissions do not stop this process: make the save fail another way, by
        // putting a directory where its temporary file must be renamed to.
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let blocked = dir.path().join("blocked.ron");
        fs::create_dir(&blocked).unwrap();
        let result = save(&blocked, &network("New"));
        fs::remove_dir(&blocked).unwrap();
        result
    } else {
        save(&path, &network("New"))
    };
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let err = result.unwrap_err();
    assert!(err.to_string().starts_with("could not save "), "{err}");
    assert_eq!(fs::read(&path).unwrap(), old);
    assert_eq!(names(dir.path()), ["old.ron"]);
}

#[cfg(unix)]
#[test]
fn save_through_a_symlink_loop_fails_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loop.ron");
    std::os::unix::fs::symlink(&path, &path).unwrap();
    assert!(save(&path, &network("New")).is_err());
    assert!(
        fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(names(dir.path()), ["loop.ron"]);
}

#[cfg(unix)]
#[test]
fn save_follows_a_symlink_and_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;

    let (dir, real, _) = with_old_file();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink("old.ron", &link).unwrap();
    let new = network("Through the link");
    save(&link, &new).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(load(&real).unwrap(), new);
    let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(names(dir.path()), ["link.ron", "old.ron"]);
}

#[test]
fn write_new_creates_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.ron");
    write_new(&path, b"first").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"first");
    assert_eq!(names(dir.path()), ["new.ron"]);
}

#[test]
fn write_new_refuses_to_overwrite_a_file() {
    let (dir, path, old) = with_old_file();
    let err = write_new(&path, b"second").unwrap_err();
    assert_eq!(err.path, path);
    assert_eq!(err.source.kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(fs::read(&path).unwrap(), old);
    assert_eq!(names(dir.path()), ["old.ron"]);
}

#[test]
fn write_new_refuses_to_replace_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("net.ron");
    fs::create_dir(&target).unwrap();
    assert!(write_new(&target, b"x").is_err());
    assert!(target.is_dir());
    assert!(names(&target).is_empty());
    assert_eq!(names(dir.path()), ["net.ron"]);
}

#[cfg(unix)]
#[test]
fn write_new_refuses_a_dangling_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink("elsewhere.ron", &link).unwrap();
    assert!(write_new(&link, b"x").is_err());
    assert!(!dir.path().join("elsewhere.ron").exists());
    assert_eq!(names(dir.path()), ["link.ron"]);
}

#[test]
fn write_new_into_a_missing_directory_fails() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("new.ron");
    let err = write_new(&path, b"x").unwrap_err();
    assert_eq!(err.source.kind(), std::io::ErrorKind::NotFound);
    assert!(names(dir.path()).is_empty());
}
