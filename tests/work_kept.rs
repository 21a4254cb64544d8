//! Work is never lost, from the command line: what carepath writes, it reads back; a
//! file that no longer loads says that a recovery copy waits, and where.

mod common;

use std::fs;

use carepath::model::Network;
use carepath::recovery::Recovery;
use carepath::storage;

fn example() -> String {
    fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pathways/type1-diabetes.ron"
    ))
    .unwrap()
}

#[test]
fn a_file_that_no_longer_loads_names_the_recovery_copy_waiting_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t1d.ron");
    let state = dir.path().join("state");
    fs::write(&file, example()).unwrap();
    // A session edits the file and ends without saving (as by kill -9).
    let recovery = Recovery::new(&state);
    let session = recovery.start(Some(&file)).unwrap();
    let network: Network = storage::load(&file).unwrap();
    let copy = session.write(Some(&file), &network, None).unwrap();
    drop(session);
    // Then a merge leaves conflict markers in the file.
    fs::write(&file, format!("<<<<<<< HEAD\n{}", example())).unwrap();

    let run =
        common::cli::carepath_env(dir.path(), &["t1d.ron"], &[("CAREPATH_STATE_DIR", &state)]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("t1d.ron:1:1"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("A recovery copy of this file is waiting in"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&copy.display().to_string()),
        "{}",
        run.stderr
    );
    assert!(copy.exists());
}

#[test]
fn nothing_carepath_writes_is_over_the_size_limit_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let over = vec![b' '; storage::MAX_FILE_BYTES as usize + 1];
    let err = storage::write_atomic(&path, &over).unwrap_err();
    assert!(err.to_string().contains("over the"), "{err}");
    assert!(err.to_string().contains("nothing was written"), "{err}");
    assert!(!path.exists());
    assert!(storage::write_new(&path, &over).is_err());
    assert!(!path.exists());
    // The old file stays whole.
    fs::write(&path, example()).unwrap();
    assert!(storage::write_atomic(&path, &over).is_err());
    assert_eq!(fs::read_to_string(&path).unwrap(), example());
    // At the limit, it is written.
    let at = &over[..storage::MAX_FILE_BYTES as usize];
    storage::write_atomic(&path, at).unwrap();
    assert_eq!(fs::metadata(&path).unwrap().len(), storage::MAX_FILE_BYTES);
}

fn carepath_in(dir: &std::path::Path, args: &[&str]) -> common::cli::Run {
    common::cli::carepath(dir, args)
}

#[test]
fn fmt_refuses_a_read_only_file_unless_forced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t1d.ron");
    let messy = example().replace("    ", "  ");
    fs::write(&file, &messy).unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
    let run = carepath_in(dir.path(), &["fmt", "t1d.ron"]);
    assert_eq!(run.code, Some(2), "{}", run.stdout);
    assert!(run.stderr.contains("t1d.ron"), "{}", run.stderr);
    assert!(run.stderr.contains("read-only"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&file).unwrap(), messy);

    let run = carepath_in(dir.path(), &["fmt", "--force", "t1d.ron"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&file).unwrap(), example());
    let mode = fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444, "stays read-only");
}

#[test]
fn a_save_that_breaks_a_hard_link_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t1d.ron");
    fs::write(&file, example().replace("    ", "  ")).unwrap();
    fs::hard_link(&file, dir.path().join("other-name.ron")).unwrap();
    let run = carepath_in(dir.path(), &["fmt", "t1d.ron"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("had 2 hard links"), "{}", run.stderr);
    assert!(
        run.stderr.contains("other names keep the old text"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_export_never_writes_over_a_pathway_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t1d.ron");
    fs::write(&file, example()).unwrap();
    fs::write(dir.path().join("other.ron"), example()).unwrap();
    for out in ["t1d.ron", "./t1d.ron", "other.ron"] {
        let run = carepath_in(
            dir.path(),
            &["export", "t1d.ron", "--format", "dot", "-o", out],
        );
        assert_eq!(run.code, Some(2), "{out}: {}", run.stderr);
        assert!(run.stderr.contains("is a pathway file"), "{}", run.stderr);
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), example());
    assert_eq!(
        fs::read_to_string(dir.path().join("other.ron")).unwrap(),
        example()
    );
    let run = carepath_in(
        dir.path(),
        &["export", "t1d.ron", "--format", "dot", "-o", "t1d.dot"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn a_save_keeps_the_file_s_group() {
    use std::os::unix::fs::MetadataExt;
    // Running as root, the owner is kept too; as a user, a group the user belongs to.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t1d.ron");
    fs::write(&file, example().replace("    ", "  ")).unwrap();
    let me = fs::metadata(&file).unwrap();
    let (uid, gid) = if me.uid() == 0 {
        (4242, 4343)
    } else {
        (me.uid(), me.gid())
    };
    if std::os::unix::fs::chown(&file, Some(uid), Some(gid)).is_err() {
        return; // Cannot set up the case here (not root): nothing to check.
    }
    let run = carepath_in(dir.path(), &["fmt", "t1d.ron"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let after = fs::metadata(&file).unwrap();
    assert_eq!((after.uid(), after.gid()), (uid, gid));
}

#[test]
fn a_dangling_symlink_is_reported_as_such() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("gone/t1d.ron", dir.path().join("link.ron")).unwrap();
    for args in [
        &["check", "link.ron"][..],
        &["link.ron"],
        &["fmt", "link.ron"],
    ] {
        let run = carepath_in(dir.path(), args);
        assert_eq!(run.code, Some(2), "{args:?}");
        assert!(
            run.stderr
                .contains("link.ron: a symbolic link to gone/t1d.ron, which does not exist"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn comments_are_never_dropped_silently() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t1d.ron");
    let commented = example().replacen(
        "    pathways: [",
        "    // Agreed at the March workshop.\n    pathways: [",
        1,
    );
    fs::write(&file, &commented).unwrap();
    let run = carepath_in(dir.path(), &["fmt", "--check", "t1d.ron"]);
    assert_eq!(run.code, Some(1));
    assert!(run.stdout.contains("has comments"), "{}", run.stdout);
    assert!(run.stdout.contains("notes"), "{}", run.stdout);
    let run = carepath_in(dir.path(), &["fmt", "t1d.ron"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&file).unwrap(), commented);
    let run = carepath_in(dir.path(), &["fmt", "--force", "t1d.ron"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&file).unwrap(), example());
}
