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
