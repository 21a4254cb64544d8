//! Action sequences applied to the editor state, with no terminal.

use std::path::PathBuf;

use carepath::app::{Action, App, Effect, Mode, Panel, Selection};
use carepath::model::{LinkKind, Phase};
use carepath::storage;

fn example() -> App {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pathways/type1-diabetes.ron"
    ));
    let doc = storage::load(&path).expect("the example loads");
    App::new(doc, Some(path), true)
}

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) -> Vec<Effect> {
    actions.into_iter().map(|a| app.update(a)).collect()
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::Input).collect()
}

#[test]
fn opens_on_first_component_of_first_filled_column() {
    let app = example();
    let p = app.current_pathway().unwrap();
    let first = Phase::ALL
        .iter()
        .find_map(|&ph| p.column(ph).next())
        .unwrap();
    assert_eq!(app.selection, Some(Selection::Component(first.id.clone())));
    assert_eq!(app.column, first.phase);
    assert!(!app.is_dirty());
}

#[test]
fn add_connect_measure_undo_redo() {
    let mut app = example();
    let before = app.document().clone();
    let from = app.selected_component().unwrap().id.clone();

    // Add a component in the next column with a name.
    run(&mut app, [Action::NextColumn, Action::AddComponent]);
    assert!(matches!(app.mode, Mode::Form(_)));
    run(&mut app, typed("School nurse check"));
    run(&mut app, [Action::Confirm]);
    assert_eq!(app.mode, Mode::Normal);
    let added = app.selected_component().unwrap().clone();
    assert_eq!(added.name, "School nurse check");
    assert_eq!(added.id, "school-nurse-check");
    assert_eq!(added.phase, Phase::Recognition);
    assert!(app.is_dirty());

    // Connect it from the first component: select the source, c, type part of the
    // target's name (the status line names it), Enter, then kind and integration.
    run(
        &mut app,
        [Action::SelectComponent(from.clone()), Action::Connect],
    );
    run(&mut app, typed("nurse ch"));
    assert_eq!(app.selected_component().unwrap().id, added.id);
    let said = &app.message.as_ref().unwrap().text;
    assert!(said.contains("→ School nurse check"), "{said}");
    run(&mut app, [Action::Confirm]);
    assert!(
        matches!(app.mode, Mode::Form(_)),
        "kind and integration next"
    );
    run(
        &mut app,
        [Action::NextField, Action::ChoiceNext, Action::ChoiceNext],
    );
    run(&mut app, [Action::Confirm]);
    assert_eq!(app.mode, Mode::Normal);
    let link = app
        .current_pathway()
        .unwrap()
        .link(&from, &added.id)
        .unwrap()
        .clone();
    assert_eq!(link.kind, LinkKind::Referral);
    assert_eq!(
        link.integration,
        Some(carepath::model::Integration::Coordination)
    );
    assert_eq!(
        app.selection,
        Some(carepath::app::Selection::Link {
            from: from.clone(),
            to: added.id.clone()
        })
    );

    // Add a measure to the new component.
    run(
        &mut app,
        [
            Action::SelectComponent(added.id.clone()),
            Action::AddMeasure,
        ],
    );
    run(&mut app, typed("Seen within 2 weeks"));
    // Name, Value, Target, Amber, Period, Unit
    run(&mut app, [Action::NextField]);
    run(&mut app, typed("80"));
    run(&mut app, [Action::NextField]);
    run(&mut app, typed("95"));
    run(
        &mut app,
        [Action::NextField, Action::NextField, Action::NextField],
    );
    run(&mut app, typed("%"));
    run(&mut app, [Action::Confirm]);
    assert_eq!(app.mode, Mode::Normal, "{:?}", app.message);
    let m = &app.selected_component().unwrap().measures[0];
    assert_eq!(
        (m.target, m.value, m.unit.as_str()),
        (95.0, Some(80.0), "%")
    );

    // Three changes: undo all restores the document exactly, redo all brings them back.
    let after = app.document().clone();
    run(&mut app, [Action::Undo, Action::Undo, Action::Undo]);
    assert_eq!(app.document(), &before);
    assert!(!app.is_dirty());
    run(&mut app, [Action::Redo, Action::Redo, Action::Redo]);
    assert_eq!(app.document(), &after);
}

#[test]
fn refused_input_keeps_the_form_and_the_document() {
    let mut app = example();
    let before = app.document().clone();
    run(&mut app, [Action::AddMeasure]);
    run(&mut app, typed("Bad target"));
    run(&mut app, [Action::NextField, Action::NextField]);
    run(&mut app, typed("lots"));
    run(&mut app, [Action::Confirm]);
    match &app.mode {
        Mode::Form(f) => assert!(
            f.error.as_deref().unwrap().contains("not a number"),
            "{:?}",
            f.error
        ),
        other => panic!("form closed: {other:?}"),
    }
    assert_eq!(app.document(), &before);
    run(&mut app, [Action::Cancel]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.document(), &before);
}

#[test]
fn save_asks_for_a_name_without_a_path_and_quit_asks_when_dirty() {
    let doc = example().document().clone();
    let mut app = App::new(doc, None, false);
    assert!(app.is_dirty());
    assert_eq!(app.update(Action::Quit), Effect::None);
    assert!(matches!(app.mode, Mode::Confirm(_)));
    assert_eq!(app.update(Action::Cancel), Effect::None);
    app.update(Action::Save);
    assert!(matches!(app.mode, Mode::Form(_)));
    run(&mut app, [Action::ClearField]);
    run(&mut app, typed("/nonexistent-dir-for-test/x.ron"));
    let effect = app.update(Action::Confirm);
    assert_eq!(
        effect,
        Effect::Save(PathBuf::from("/nonexistent-dir-for-test/x.ron"))
    );
    app.saved(PathBuf::from("/x.ron"), Err("no such directory".into()));
    assert!(app.is_dirty());
    app.saved(PathBuf::from("/x.ron"), Ok(()));
    assert!(!app.is_dirty());
    assert_eq!(app.update(Action::Quit), Effect::Quit);
}

#[test]
fn weakest_panel_enter_jumps_to_the_item() {
    let mut app = example();
    run(&mut app, [Action::NextPanel, Action::NextPanel]);
    assert_eq!(app.focus, Panel::Weakest);
    let top = app.analysis().weakest[0].clone();
    let pathway = &app.document().pathways()[top.pathway];
    let expected = match top.target {
        carepath::analysis::Target::Component(i) => {
            Selection::Component(pathway.components()[i].id.clone())
        }
        carepath::analysis::Target::Link(j) => {
            let l = &pathway.links()[j];
            Selection::Link {
                from: l.from.clone(),
                to: l.to.clone(),
            }
        }
    };
    run(&mut app, [Action::Confirm]);
    assert_eq!(app.focus, Panel::Map);
    assert_eq!(app.selection, Some(expected));
}

#[test]
fn tidy_removes_a_crossing_and_undo_restores_the_order() {
    use carepath::model::{Component, Link, Network, Pathway};
    let mut doc = Network::new("t");
    let mut p = Pathway::new("p", "P", carepath::model::Condition::LongTerm);
    p.name = "P".into();
    doc.add_pathway(p).unwrap();
    for (id, phase) in [
        ("a1", Phase::Recognition),
        ("a2", Phase::Recognition),
        ("b1", Phase::Assessment),
        ("b2", Phase::Assessment),
    ] {
        doc.add_component("p", Component::new(id, id, phase), None)
            .unwrap();
    }
    // a1 -> b2 and a2 -> b1 cross once in author order.
    doc.add_link("p", Link::new("a1", "b2")).unwrap();
    doc.add_link("p", Link::new("a2", "b1")).unwrap();
    let mut app = App::new(doc.clone(), None, true);
    assert_eq!(
        carepath::layout::crossings(app.current_pathway().unwrap(), None),
        1
    );
    app.update(Action::Tidy);
    assert_eq!(
        carepath::layout::crossings(app.current_pathway().unwrap(), None),
        0
    );
    assert!(
        app.message.as_ref().unwrap().text.contains("1 → 0"),
        "{:?}",
        app.message
    );
    app.update(Action::Undo);
    assert_eq!(app.document(), &doc);
    // Already tidy: nothing recorded.
    app.update(Action::Redo);
    let undo_depth = app.history().undo_len();
    app.update(Action::Tidy);
    assert_eq!(app.history().undo_len(), undo_depth);
}

#[test]
fn a_paste_is_text_in_a_form_and_nothing_elsewhere() {
    let mut app = example();
    let before = app.document().clone();
    // On the map, pasted letters are not keys: q y would otherwise quit.
    let effects = run(&mut app, [Action::Paste("q\ny\n".into())]);
    assert_eq!(effects, [Effect::None]);
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("Nothing pasted")
    );

    run(&mut app, [Action::NextColumn, Action::AddComponent]);
    run(
        &mut app,
        [Action::Paste(
            "Community\r\nnursing\ttoday\u{1b}[2J\nreviews\n\n".into(),
        )],
    );
    let Mode::Form(form) = &app.mode else {
        panic!("the form stays open: {:?}", app.mode)
    };
    assert_eq!(form.focused().value, "Community nursing today[2J reviews");
    assert_eq!(app.document(), &before);

    // The length limit holds for a paste, and says so.
    run(&mut app, [Action::ClearField]);
    run(&mut app, [Action::Paste("x".repeat(5000))]);
    let Mode::Form(form) = &app.mode else {
        panic!()
    };
    assert_eq!(form.focused().value.chars().count(), 2000);
    assert!(form.error.as_deref().unwrap().contains("cut at 2000"));

    // In find, a paste is the query.
    run(&mut app, [Action::Cancel, Action::Find]);
    run(&mut app, [Action::Paste("Insulin\n".into())]);
    assert_eq!(
        app.mode,
        Mode::Find {
            query: "Insulin".into()
        }
    );
}
