//! Mapping a small pathway from scratch, end to end in tmux, as a new user would: a new
//! file named on the command line, two organisations, three components with providers
//! picked by type-ahead, two links found by typing, a measure, save, quit; then the file
//! is read back.

mod e2e;

use std::process::Command;

use carepath::model::{Integration, Phase};
use carepath::storage;
use e2e::{Tmux, carepath_command};

#[test]
fn a_small_pathway_mapped_from_scratch() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("asthma.ron");
    let made = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(["new", "--name", "North asthma network"])
        .arg(&file)
        .status()
        .unwrap();
    assert!(made.success());
    let tmux = Tmux::start(
        "mapping",
        &carepath_command(&file, &dir.path().join("state"), ""),
        100,
        30,
    );
    tmux.wait_for("New pathway");
    tmux.wait_for("New pathway · add components (a), then link them to score journeys");

    // Organisations: the list stays open between adds; sector by type-ahead.
    tmux.keys(&["O", "a"]);
    tmux.wait_for("New organisation");
    tmux.type_text("GP practices");
    tmux.keys(&["Enter"]);
    tmux.wait_for("›GP practices");
    tmux.keys(&["a"]);
    tmux.wait_for("New organisation");
    tmux.type_text("Schools");
    tmux.keys(&["Tab"]);
    tmux.type_text("E");
    tmux.wait_for("‹ Education ›");
    tmux.keys(&["Enter"]);
    tmux.wait_for("›Schools");
    tmux.keys(&["Escape"]);

    // Components, the provider picked by its first letter.
    let add = |name: &str, provider: &str, shown: &str| {
        tmux.keys(&["a"]);
        tmux.wait_for("New component");
        tmux.type_text(name);
        tmux.keys(&["Tab", "Tab"]);
        tmux.type_text(provider);
        tmux.wait_for(&format!("‹ {shown} ("));
        tmux.keys(&["Enter"]);
        tmux.wait_for("Added component");
    };
    add("Asthma friendly schools", "S", "Schools");
    tmux.keys(&["l"]);
    add("GP review after an attack", "G", "GP practices");
    tmux.keys(&["l"]);
    add("Personal asthma action plan", "G", "GP practices");

    // Links: c, type part of the target's name, Enter, kind and integration, Enter.
    tmux.keys(&["h", "h", "c"]);
    tmux.wait_for("type its name");
    tmux.type_text("review");
    tmux.wait_for("Connect Asthma friendly schools → GP review after an attack");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Kind and integration");
    tmux.keys(&["Tab", "Right", "Right"]);
    tmux.wait_for("Coordination: named contacts");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Connected");
    // The link is selected; back to its target, the GP review, and on from there.
    tmux.keys(&["h", "l", "c"]);
    tmux.wait_for("Connect GP review after an attack to");
    tmux.type_text("plan");
    tmux.wait_for("→ Personal asthma action plan");
    tmux.keys(&["Enter", "Enter"]);
    tmux.wait_for("Connected");

    // A measure on the last component: numbers as the form's note says.
    tmux.keys(&["h", "l", "m"]);
    tmux.wait_for("New measure");
    tmux.wait_for("1250 or 12.5");
    tmux.type_text("Children with a written plan");
    tmux.keys(&["Tab"]);
    tmux.type_text("27");
    tmux.keys(&["Tab"]);
    tmux.type_text("90");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Added measure");

    // Save and quit from the quit prompt: Enter saves.
    tmux.keys(&["q"]);
    tmux.wait_for("You have unsaved changes");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_for_exit(), 0);

    let saved = storage::load(&file).unwrap();
    assert_eq!(saved.name, "North asthma network");
    let orgs: Vec<&str> = saved
        .organisations()
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(orgs, ["GP practices", "Schools"]);
    let p = &saved.pathways()[0];
    let found: Vec<(&str, Phase, Option<&str>)> = p
        .components()
        .iter()
        .map(|c| (c.name.as_str(), c.phase, c.provider.as_deref()))
        .collect();
    let gp = saved.organisations()[0].id.as_str();
    let schools = saved.organisations()[1].id.as_str();
    assert_eq!(
        found,
        [
            ("Asthma friendly schools", Phase::Prevention, Some(schools)),
            ("GP review after an attack", Phase::Recognition, Some(gp)),
            ("Personal asthma action plan", Phase::Assessment, Some(gp)),
        ]
    );
    let ids: Vec<&str> = p.components().iter().map(|c| c.id.as_str()).collect();
    let links: Vec<(&str, &str, Option<Integration>)> = p
        .links()
        .iter()
        .map(|l| (l.from.as_str(), l.to.as_str(), l.integration))
        .collect();
    assert_eq!(
        links,
        [
            (ids[0], ids[1], Some(Integration::Coordination)),
            (ids[1], ids[2], None),
        ]
    );
    let m = &p.components()[2].measures[0];
    assert_eq!(
        (m.name.as_str(), m.target, m.value),
        ("Children with a written plan", 90.0, Some(27.0))
    );
}
