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

/// A measure's history edited through its list, in tmux: a period with `=` refused with a
/// message, a row added, a row changed, Esc back to the form, Ctrl-s; the file has them.
#[test]
fn edit_a_measures_history_through_its_list() {
    let setup = Setup::new();
    let tmux = setup.open("history");
    tmux.keys(&["/"]);
    tmux.type_text("Continuous glucose");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Match 1 of 1");
    // The details panel, its first measure (Real-time CGM use), its form.
    tmux.keys(&["Tab", "Enter"]);
    tmux.wait_for("Edit measure");
    // From Name, up past Notes and Breakdowns to History; Enter opens it.
    tmux.keys(&["Up", "Up", "Up"]);
    tmux.wait_for("Enter: the list of rows");
    tmux.keys(&["Enter"]);
    tmux.wait_for("History of Real-time CGM use (1)");

    tmux.keys(&["a"]);
    tmux.wait_for("New row");
    tmux.type_text("2021=22");
    tmux.keys(&["Tab"]);
    tmux.type_text("33.5");
    tmux.keys(&["Enter"]);
    tmux.wait_for("must not hold = or ,");
    tmux.keys(&["Up", "C-u"]);
    tmux.type_text("2021/22");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Added 2021/22 = 33.5");
    tmux.wait_for("History of Real-time CGM use (2)");

    // The first row's value changed.
    tmux.keys(&["k", "e"]);
    tmux.wait_for("Edit row");
    tmux.keys(&["Tab", "C-u"]);
    tmux.type_text("20");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Changed 2019/20 = 20");

    // Back to the form, which shows the rows; Ctrl-s saves the measure and the file.
    tmux.keys(&["Escape"]);
    tmux.wait_for("History kept");
    tmux.wait_for("≡ 2019/20 20, 2021/22 33.5");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_for_exit(), 0);

    let after = storage::load(&setup.file).unwrap();
    let (_, c) = after.find_component("cgm-and-pumps").unwrap();
    let m = c.measures.iter().find(|m| m.id == "rt-cgm-use").unwrap();
    assert_eq!(
        m.history,
        [("2019/20".to_string(), 20.0), ("2021/22".to_string(), 33.5)]
    );
}
