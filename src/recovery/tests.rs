use super::*;
use crate::model::{Condition, Pathway};

fn network(name: &str) -> Network {
    let mut n = Network::new(name);
    n.add_pathway(Pathway::new("p", "P", Condition::LongTerm))
        .unwrap();
    n
}

/// A session that has ended as by `kill -9`: its copy stays, its lock is released.
fn crashed(r: &Recovery, file: &Path, edited: &Network, based_on: Option<u64>) -> PathBuf {
    let s = r.start(Some(file)).unwrap();
    let copy = s.write(Some(file), edited, based_on).unwrap();
    drop(s);
    copy
}

#[test]
fn a_crashed_session_s_copy_is_offered_and_a_stale_one_removed() {
    let dir = tempfile::tempdir().unwrap();
    let r = Recovery::new(dir.path().join("rec"));
    let file = dir.path().join("t1d.ron");
    let on_disk = network("on disk");
    let edited = network("edited");
    let copy = crashed(&r, &file, &edited, Some(7));
    assert!(copy.starts_with(dir.path().join("rec")));
    let text = fs::read_to_string(&copy).unwrap();
    assert!(text.starts_with(HEADER), "{text}");
    assert!(text.contains("// based on 0000000000000007\n"), "{text}");

    let me = r.start(Some(&file)).unwrap();
    let found = r.find(Some(&file), Some(&on_disk), &me);
    let offer = found.offer.unwrap();
    assert_eq!(offer.network, edited);
    assert_eq!(offer.copy, copy);
    assert_eq!(offer.based_on, Some(7));
    assert!(found.others.is_empty());

    // A copy equal to the file is stale: removed, not offered.
    let found = r.find(Some(&file), Some(&edited), &me);
    assert!(found.offer.is_none());
    assert!(!copy.exists());
}

#[test]
fn a_running_session_s_copy_is_neither_offered_nor_touched() {
    let dir = tempfile::tempdir().unwrap();
    let r = Recovery::new(dir.path());
    let file = dir.path().join("t1d.ron");
    let first = r.start(Some(&file)).unwrap();
    let live = first.write(Some(&file), &network("live"), None).unwrap();

    let second = r.start(Some(&file)).unwrap();
    let found = r.find(Some(&file), Some(&network("on disk")), &second);
    assert!(
        found.offer.is_none(),
        "a live session's edits are not leftovers"
    );
    assert_eq!(found.others, [std::process::id()]);
    // Even a copy equal to the file is left alone while its session runs.
    let found = r.find(Some(&file), Some(&network("live")), &second);
    assert!(found.offer.is_none());
    assert!(live.exists());
    // The second session ending removes nothing of the first's.
    second.remove_copy();
    drop(second);
    assert!(live.exists());
    assert_eq!(
        fs::read_to_string(&live).unwrap(),
        fs::read_to_string(first.copy_path()).unwrap()
    );
}

#[test]
fn discarded_edits_are_kept_until_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let r = Recovery::new(dir.path());
    let file = dir.path().join("t1d.ron");
    let copy = crashed(&r, &file, &network("edited"), None);
    let aside = r.discard(&copy).unwrap();
    assert!(!copy.exists());
    assert!(aside.to_string_lossy().contains(".discarded."), "{aside:?}");

    // Quit without saving sets a running session's copy aside too.
    let s = r.start(Some(&file)).unwrap();
    s.write(Some(&file), &network("unsaved"), None).unwrap();
    let second = s.discard().unwrap();

    let me = r.start(Some(&file)).unwrap();
    let found = r.find(Some(&file), Some(&network("on disk")), &me);
    assert!(
        found.offer.is_none(),
        "discarded edits are not asked about again"
    );
    assert_eq!(found.discarded.len(), 2);
    assert!(aside.exists() && second.exists());
    // Another file's save leaves them; this file's save removes them.
    r.saved(Some(&dir.path().join("other.ron")));
    assert!(aside.exists());
    r.saved(Some(&file));
    assert!(!aside.exists() && !second.exists());
}

#[test]
fn a_copy_that_cannot_be_read_is_kept_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let r = Recovery::new(dir.path());
    let file = dir.path().join("t1d.ron");
    let copy = crashed(&r, &file, &network("edited"), None);
    fs::write(&copy, "not ron").unwrap();
    let me = r.start(Some(&file)).unwrap();
    let found = r.find(Some(&file), None, &me);
    assert!(found.offer.is_none());
    assert_eq!(found.unreadable.len(), 1);
    assert_eq!(found.unreadable[0].0, copy);
    assert!(copy.exists(), "never deleted for being unreadable");
}

#[test]
fn a_single_copy_from_an_older_carepath_is_offered() {
    let dir = tempfile::tempdir().unwrap();
    let r = Recovery::new(dir.path());
    let file = dir.path().join("t1d.ron");
    let old = dir.path().join(format!("{}.ron", r.stem(Some(&file))));
    fs::write(
        &old,
        format!(
            "{HEADER}\"x\"\n{}",
            storage::to_canonical_string(&network("old"))
        ),
    )
    .unwrap();
    let me = r.start(Some(&file)).unwrap();
    let offer = r.find(Some(&file), None, &me).offer.unwrap();
    assert_eq!(offer.copy, old);
    assert_eq!(offer.based_on, None);
    let aside = r.discard(&old).unwrap();
    assert!(aside.to_string_lossy().contains(".discarded."));
}

#[test]
fn same_name_in_two_folders_keeps_two_copies() {
    let dir = tempfile::tempdir().unwrap();
    let r = Recovery::new(dir.path());
    let a = r.start(Some(Path::new("/a/t1d.ron"))).unwrap();
    let b = r.start(Some(Path::new("/b/t1d.ron"))).unwrap();
    assert_ne!(a.copy_path(), b.copy_path());
    let name = a
        .copy_path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("t1d-"), "{name}");
    let demo = r.start(None).unwrap();
    let name = demo
        .copy_path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("demo."), "{name}");
}

#[test]
fn a_lock_left_by_an_ended_session_is_not_another_carepath() {
    let dir = tempfile::tempdir().unwrap();
    let r = Recovery::new(dir.path());
    let file = Path::new("/a/t1d.ron");
    // A lock file named for a running process id (pid 1, or this very process) whose
    // lock is not held: the process id was reused, the session has gone.
    let stem = r.stem(Some(file));
    fs::write(dir.path().join(format!("{stem}.1-5.lock")), "").unwrap();
    fs::write(
        dir.path()
            .join(format!("{stem}.{}-5.lock", std::process::id())),
        "",
    )
    .unwrap();
    let me = r.start(Some(file)).unwrap();
    assert!(r.others(Some(file), &me).is_empty());
    // Litter is cleared.
    assert!(!dir.path().join(format!("{stem}.1-5.lock")).exists());
    let other = r.start(Some(file)).unwrap();
    assert_eq!(r.others(Some(file), &me), [std::process::id()]);
    drop(other);
    assert!(r.others(Some(file), &me).is_empty());
}
