//! `carepath merge`: properties of the merge on generated networks, the command line,
//! and a real `git merge` with carepath as the merge driver.

mod exchange_support;

use std::path::Path;
use std::process::Command;

use carepath::generate;
use carepath::merge::merge;
use carepath::model::{Component, Network, Phase};
use carepath::storage;
use exchange_support::{base, run_in, save, set_measure, update};
use proptest::prelude::*;

/// Every component id, pathway by pathway.
fn component_ids(n: &Network) -> Vec<String> {
    n.pathways()
        .iter()
        .flat_map(|p| p.components().iter().map(|c| c.id.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn merging_a_network_with_itself_changes_nothing(seed in 0u64..1000) {
        let n = generate::network(60, seed);
        let merged = merge(&n, &n, &n);
        prop_assert!(merged.conflicts.is_empty());
        prop_assert_eq!(&merged.network, &n);
        // One side's changes alone are taken whole.
        let mut changed = n.clone();
        let ids = component_ids(&n);
        update(&mut changed, &ids[0], |c| c.name = "Renamed".into());
        let one = merge(&n, &n, &changed);
        prop_assert!(one.conflicts.is_empty());
        prop_assert_eq!(&one.network, &changed);
        let other = merge(&n, &changed, &n);
        prop_assert_eq!(&other.network, &changed);
    }

    #[test]
    fn disjoint_edits_on_each_side_give_both(
        seed in 0u64..1000,
        picks in proptest::collection::vec((any::<bool>(), 0usize..1000), 1..12),
        new_at in 0usize..1000,
    ) {
        let base = generate::network(60, seed);
        let ids = component_ids(&base);
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        let mut renamed = Vec::new();
        let mut noted = Vec::new();
        for (side, i) in picks {
            let id = ids[i % ids.len()].clone();
            if renamed.contains(&id) || noted.contains(&id) {
                continue;
            }
            if side {
                update(&mut ours, &id, |c| c.name = format!("{} (ours)", c.name));
                renamed.push(id);
            } else {
                update(&mut theirs, &id, |c| c.notes = "checked (theirs)".into());
                noted.push(id);
            }
        }
        // Theirs also adds a component somewhere in the first pathway.
        let first = theirs.pathways()[0].id.clone();
        let at = new_at % (theirs.pathways()[0].components().len() + 1);
        theirs
            .add_component(&first, Component::new("added-by-theirs", "New", Phase::Review), Some(at))
            .unwrap();
        let merged = merge(&base, &ours, &theirs);
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let n = &merged.network;
        prop_assert!(n.validate().is_empty());
        for id in &renamed {
            prop_assert!(n.find_component(id).unwrap().1.name.ends_with("(ours)"));
        }
        for id in &noted {
            prop_assert_eq!(&n.find_component(id).unwrap().1.notes, "checked (theirs)");
        }
        // In theirs' place, since ours did not reorder anything.
        prop_assert_eq!(
            n.pathways()[0].position("added-by-theirs"),
            theirs.pathways()[0].position("added-by-theirs")
        );
        // The result is canonical text that loads back to itself.
        let text = storage::to_canonical_string(n);
        let back = storage::parse(&text, Path::new("merged.ron")).unwrap();
        prop_assert_eq!(&back, n);
    }
}

#[test]
fn merge_command_writes_the_result_and_lists_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    set_measure(&mut o, "gp-recognition", "dka", |m| m.value = Some(35.0));
    set_measure(&mut t, "gp-recognition", "dka", |m| {
        m.period = Some("2024/25".into())
    });
    save(dir.path(), "base.ron", &b);
    save(dir.path(), "ours.ron", &o);
    save(dir.path(), "theirs.ron", &t);
    let clean = run_in(dir.path(), &["merge", "base.ron", "ours.ron", "theirs.ron"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert!(clean.stderr.is_empty());
    let merged = storage::parse(&clean.stdout, Path::new("out")).unwrap();
    assert_eq!(
        storage::to_canonical_string(&merged),
        clean.stdout,
        "canonical"
    );
    let m = &merged.find_component("gp-recognition").unwrap().1.measures[0];
    assert_eq!(
        (m.value, m.period.as_deref()),
        (Some(35.0), Some("2024/25"))
    );

    set_measure(&mut t, "gp-recognition", "dka", |m| m.value = Some(40.0));
    save(dir.path(), "theirs.ron", &t);
    let run = run_in(
        dir.path(),
        &[
            "merge",
            "base.ron",
            "ours.ron",
            "theirs.ron",
            "-o",
            "out.ron",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("component gp-recognition, measure dka: value 35 (ours) vs 40 (theirs)"),
        "{}",
        run.stderr
    );
    let out = storage::load(&dir.path().join("out.ron")).unwrap();
    assert_eq!(
        out.find_component("gp-recognition").unwrap().1.measures[0].value,
        Some(35.0)
    );

    // An empty BASE (both sides added the file) and unloadable input.
    std::fs::write(dir.path().join("empty.ron"), "").unwrap();
    let added = run_in(dir.path(), &["merge", "empty.ron", "ours.ron", "ours.ron"]);
    assert_eq!(added.code, 0, "{}", added.stderr);
    std::fs::write(dir.path().join("bad.ron"), "Network(format: 1,").unwrap();
    let bad = run_in(dir.path(), &["merge", "base.ron", "ours.ron", "bad.ron"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("bad.ron:1:"), "{}", bad.stderr);
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs")
}

fn ok(out: std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A repository with carepath as the merge driver for .ron files, as docs/merge.md says,
/// and a file edited on two branches by `ours` and `theirs`.
fn repository(
    ours: impl FnOnce(&mut Network),
    theirs: impl FnOnce(&mut Network),
) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(git(d, &["init", "-q", "-b", "main"]));
    let driver = format!("{} merge %O %A %B -o %A", env!("CARGO_BIN_EXE_carepath"));
    ok(git(
        d,
        &["config", "merge.carepath.name", "carepath pathway merge"],
    ));
    ok(git(d, &["config", "merge.carepath.driver", &driver]));
    std::fs::write(d.join(".gitattributes"), "*.ron merge=carepath\n").unwrap();
    let mut n = base();
    save(d, "net.ron", &n);
    ok(git(d, &["add", "."]));
    ok(git(d, &["commit", "-qm", "base"]));
    ok(git(d, &["checkout", "-qb", "theirs"]));
    let mut t = n.clone();
    theirs(&mut t);
    save(d, "net.ron", &t);
    ok(git(d, &["commit", "-qam", "theirs"]));
    ok(git(d, &["checkout", "-q", "main"]));
    ours(&mut n);
    save(d, "net.ron", &n);
    ok(git(d, &["commit", "-qam", "ours"]));
    dir
}

#[test]
fn git_merge_with_the_driver_merges_edits_to_different_components() {
    let dir = repository(
        |n| set_measure(n, "gp-recognition", "dka", |m| m.value = Some(12.0)),
        |n| {
            update(n, "pdu-assessment", |c| {
                c.notes = "Reviewed in March".into()
            })
        },
    );
    let d = dir.path();
    let merged = git(d, &["merge", "-q", "--no-edit", "theirs"]);
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let n = storage::load(&d.join("net.ron")).unwrap();
    assert_eq!(
        n.find_component("gp-recognition").unwrap().1.measures[0].value,
        Some(12.0)
    );
    assert_eq!(
        n.find_component("pdu-assessment").unwrap().1.notes,
        "Reviewed in March"
    );
    assert!(
        ok(git(d, &["status", "--porcelain"])).is_empty(),
        "committed clean"
    );
}

#[test]
fn git_merge_with_the_driver_reports_a_true_conflict() {
    let dir = repository(
        |n| set_measure(n, "gp-recognition", "dka", |m| m.value = Some(35.0)),
        |n| set_measure(n, "gp-recognition", "dka", |m| m.value = Some(40.0)),
    );
    let d = dir.path();
    let merged = git(d, &["merge", "--no-edit", "theirs"]);
    assert!(!merged.status.success(), "git reports the conflict");
    let stderr = String::from_utf8_lossy(&merged.stderr);
    let stdout = String::from_utf8_lossy(&merged.stdout);
    assert!(
        stderr.contains("measure dka: value 35 (ours) vs 40 (theirs)"),
        "{stderr}{stdout}"
    );
    assert!(ok(git(d, &["status", "--porcelain"])).contains("UU net.ron"));
    // The file in the work tree is a whole network, ours where they differ.
    let n = storage::load(&d.join("net.ron")).unwrap();
    assert_eq!(
        n.find_component("gp-recognition").unwrap().1.measures[0].value,
        Some(35.0)
    );
}
