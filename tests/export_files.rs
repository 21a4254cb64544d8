//! Files carepath writes: new ones get the umask's mode, rewritten ones keep theirs;
//! `--pathway ID` limits every export format to one pathway.

mod exchange_support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use carepath::model::{
    Action, ActionStatus, Component, Condition, Direction, Link, Network, Pathway, Phase,
};
use exchange_support::{base, bin, measure, run_in, save};

/// The hand-built network with a second pathway, which has an action of its own.
fn two_pathways() -> Network {
    let mut n = base();
    n.add_pathway(Pathway::new("mh", "Mental health", Condition::LongTerm))
        .unwrap();
    for (id, name, phase) in [
        ("mh-triage", "Crisis triage line", Phase::Recognition),
        (
            "mh-team",
            "Community eating disorder team",
            Phase::Management,
        ),
    ] {
        let mut c = Component::new(id, name, phase);
        c.measures.push(measure(
            "wait",
            "Weeks waited",
            Direction::LowerIsBetter,
            4.0,
            None,
            Some(9.0),
        ));
        n.add_component("mh", c, None).unwrap();
    }
    n.add_link("mh", Link::new("mh-triage", "mh-team")).unwrap();
    n.add_action(Action {
        id: "a2".to_string(),
        component: "mh-team".to_string(),
        text: "Agree a waiting list standard".to_string(),
        owner: String::new(),
        due: None,
        status: ActionStatus::Open,
    })
    .unwrap();
    n
}

/// Runs carepath under `umask`, in `dir`; returns the exit code and stderr.
fn under_umask(dir: &Path, umask: &str, args: &[&str]) -> (i32, String) {
    let exe = bin().get_program().to_owned();
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(exe)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("sh runs");
    (
        out.status.code().expect("exited"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn new_files_get_the_umask_mode_and_rewritten_files_keep_theirs() {
    let dir = tempfile::tempdir().unwrap();
    save(dir.path(), "base.ron", &base());
    for (umask, expected) in [("022", 0o644), ("002", 0o664), ("077", 0o600)] {
        let out = format!("map-{umask}.svg");
        let (code, err) = under_umask(
            dir.path(),
            umask,
            &["export", "base.ron", "--format", "svg", "-o", &out],
        );
        assert_eq!(code, 0, "{err}");
        assert_eq!(mode(&dir.path().join(&out)), expected, "umask {umask}");
        let new = format!("new-{umask}.ron");
        let (code, err) = under_umask(dir.path(), umask, &["new", &new]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(mode(&dir.path().join(&new)), expected, "new, umask {umask}");
    }
    // A file that already exists keeps its own mode, whatever the umask.
    let kept = dir.path().join("kept.md");
    std::fs::write(&kept, "old").unwrap();
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (code, err) = under_umask(
        dir.path(),
        "022",
        &["export", "base.ron", "--format", "md", "-o", "kept.md"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&kept), 0o640);
    assert_ne!(std::fs::read_to_string(&kept).unwrap(), "old");
    // fmt rewrites in place and keeps the mode too.
    let ron = dir.path().join("base.ron");
    std::fs::set_permissions(&ron, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::write(
        &ron,
        std::fs::read_to_string(&ron).unwrap().replace("    ", "  "),
    )
    .unwrap();
    let (code, err) = under_umask(dir.path(), "022", &["fmt", "base.ron"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&ron), 0o600);
}

/// Every format that writes text, with what a second pathway would show in it.
const TEXT_FORMATS: [&str; 6] = ["dot", "mermaid", "svg", "csv", "md", "actions"];

#[test]
fn pathway_limits_every_format_to_one_pathway() {
    let dir = tempfile::tempdir().unwrap();
    let network = two_pathways();
    save(dir.path(), "base.ron", &network);
    let (keep, drop) = (&network.pathways()[0], &network.pathways()[1]);
    let only_in_drop: Vec<&str> = drop
        .components()
        .iter()
        .flat_map(|c| [c.name.as_str(), c.id.as_str()])
        .filter(|name| !keep.components().iter().any(|k| k.name.contains(name)))
        .collect();
    assert!(!only_in_drop.is_empty());
    for format in TEXT_FORMATS {
        let all = run_in(dir.path(), &["export", "base.ron", "--format", format]);
        let one = run_in(
            dir.path(),
            &[
                "export",
                "base.ron",
                "--format",
                format,
                "--pathway",
                &keep.id,
            ],
        );
        assert_eq!(one.code, 0, "{format}: {}", one.stderr);
        assert!(one.stdout.len() < all.stdout.len(), "{format}");
        assert!(
            only_in_drop.iter().any(|name| all.stdout.contains(name)),
            "{format} shows the other pathway"
        );
        for name in &only_in_drop {
            assert!(!one.stdout.contains(name), "{format} still shows {name}");
        }
        let first = &keep.components()[0];
        assert!(
            one.stdout.contains(first.name.as_str()) || one.stdout.contains(first.id.as_str()),
            "{format}: {}",
            first.id
        );
        assert!(!one.stdout.contains("Agree a waiting list"), "{format}");
    }
    let run = run_in(
        dir.path(),
        &["export", "base.ron", "--format", "md", "--pathway", "nope"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("base.ron: no pathway \"nope\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&keep.id),
        "names the pathways there are"
    );
    assert!(run.stdout.is_empty());
}
