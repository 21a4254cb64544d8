//! The editor end to end, in tmux: open an example, move, add a component with a name,
//! add a measure, undo and redo, connect it, save, quit; then read the file back.

mod e2e;

use carepath::model::Phase;
use carepath::storage;
use e2e::fixture::Setup;
use e2e::{Tmux, carepath_command};

#[test]
fn add_measure_connect_save_quit() {
    let setup = Setup::new();
    let file = &setup.file;
    let before = storage::load(file).unwrap();
    let tmux = setup.open("edit");

    // Prevention -> Recognition, add a component there.
    tmux.keys(&["l", "a"]);
    tmux.wait_for("New component");
    tmux.type_text("Walk-in clinic");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Added component");

    // A measure: name, then Tab to Value and Tab to Target.
    tmux.keys(&["m"]);
    tmux.wait_for("New measure");
    tmux.type_text("Seen within a week");
    tmux.keys(&["Tab"]);
    tmux.type_text("45");
    tmux.keys(&["Tab"]);
    tmux.type_text("90");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Added measure");
    tmux.keys(&["u"]);
    tmux.wait_for("Undid");
    tmux.keys(&["C-r"]);
    tmux.wait_for("Redid");

    // Connect to the next column.
    tmux.keys(&["c"]);
    tmux.wait_for("Connect");
    tmux.keys(&["Right", "Enter"]);
    tmux.wait_for("Kind and integration");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Connected");

    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_for_exit(), 0);

    let after = storage::load(file).unwrap();
    let pathway = &after.pathways()[0];
    let added = pathway
        .components()
        .iter()
        .find(|c| c.name == "Walk-in clinic")
        .expect("the new component was saved");
    assert_eq!(added.id, "walk-in-clinic");
    assert_eq!(added.phase, Phase::Recognition);
    assert_eq!(added.measures.len(), 1);
    let m = &added.measures[0];
    assert_eq!(
        (m.name.as_str(), m.target, m.value),
        ("Seen within a week", 90.0, Some(45.0))
    );
    let link = pathway
        .links()
        .iter()
        .find(|l| l.from == added.id)
        .expect("the new link was saved");
    assert_eq!(
        pathway.component(&link.to).unwrap().phase,
        Phase::Assessment
    );
    // Nothing else changed.
    assert_eq!(
        pathway.components().len(),
        before.pathways()[0].components().len() + 1
    );
    assert_eq!(
        pathway.links().len(),
        before.pathways()[0].links().len() + 1
    );
}

#[test]
fn tiny_terminal_gets_a_message_and_quits_cleanly() {
    let setup = Setup::new();
    let tmux = Tmux::start(
        "tiny",
        &carepath_command(&setup.file, &setup.state, ""),
        40,
        10,
    );
    tmux.wait_for("carepath needs at least");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_for_exit(), 0);
}
