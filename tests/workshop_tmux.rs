//! The workshop end to end, in tmux: present the example phase by phase, reveal its
//! weak links, leave, agree an improvement action with an owner and a due date, save,
//! quit; then read the file back.

mod e2e;

use carepath::model::ActionStatus;
use carepath::storage;
use e2e::fixture::Setup;

#[test]
fn present_reveal_then_agree_an_action() {
    let setup = Setup::new();
    let file = &setup.file;
    let before = storage::load(file).unwrap();
    let tmux = setup.open("workshop");

    // Presentation: the first phase, then each next one with Right.
    tmux.keys(&["p"]);
    let first = tmux.wait_for("Prevention · phase 1 of 6");
    assert!(!first.contains("Red"), "statuses stay hidden until reveal");
    for (k, phase) in [
        "Recognition",
        "Assessment",
        "Management",
        "Review",
        "Transition",
    ]
    .iter()
    .enumerate()
    {
        tmux.keys(&["Right"]);
        let shown = tmux.wait_for(&format!("{phase} · phase {} of 6", k + 2));
        assert!(!shown.contains("✗ Red"), "{phase}: hidden until reveal");
    }
    tmux.keys(&["r"]);
    let revealed = tmux.wait_for("✗ Red");
    assert!(revealed.contains("strength"), "{revealed}");

    // Back on the map at the phase the room was looking at: Transition's first
    // component, the joint transition clinic. Agree an action for it.
    tmux.keys(&["Escape"]);
    tmux.wait_for("Weakest links");
    tmux.keys(&["A"]);
    tmux.wait_for("New improvement action");
    tmux.type_text("Named transition worker for every 14-year-old");
    tmux.keys(&["Tab"]);
    tmux.type_text("Transition lead nurse");
    tmux.keys(&["Tab"]);
    tmux.type_text("2027-09-30");
    tmux.keys(&["Enter"]);
    tmux.wait_for("unsaved");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved");
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_for_exit(), 0);

    let after = storage::load(file).unwrap();
    assert_eq!(after.actions().len(), before.actions().len() + 1);
    let action = after
        .actions()
        .iter()
        .find(|a| a.text == "Named transition worker for every 14-year-old")
        .expect("the action was saved");
    assert_eq!(action.owner, "Transition lead nurse");
    assert_eq!(action.due.as_deref(), Some("2027-09-30"));
    assert_eq!(action.status, ActionStatus::Open);
    assert_eq!(action.component, "transition-clinic");
    // Presenting changed nothing else.
    assert_eq!(after.pathways(), before.pathways());
}
