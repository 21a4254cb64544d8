//! Children a year in the editor's forms (docs/format.md, "Counted reach"): on a
//! component, a link and a pathway, through named actions only; a bad figure keeps the
//! form open and the document unchanged.

use std::path::PathBuf;

use carepath::app::{Action, App, Mode, Selection};
use carepath::storage;

fn example() -> App {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pathways/type1-diabetes.ron"
    ));
    App::new(
        storage::load(&path).expect("the example loads"),
        Some(path),
        true,
    )
}

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        app.update(a);
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::Input).collect()
}

/// Opens the form with `open`, moves `fields` fields on, replaces that field with `text`.
fn fill(app: &mut App, open: Action, fields: usize, text: &str) {
    run(app, [open]);
    assert!(matches!(app.mode, Mode::Form(_)));
    run(app, std::iter::repeat_n(Action::NextField, fields));
    match &app.mode {
        Mode::Form(f) => assert_eq!(f.focused().label, "Children a year"),
        other => panic!("{other:?}"),
    }
    run(app, [Action::ClearField]);
    run(app, typed(text));
    run(app, [Action::Confirm]);
}

#[test]
fn component_children_are_set_and_undone() {
    let mut app = example();
    run(&mut app, [Action::SelectComponent("gp-recognition".into())]);
    let before = app.document().clone();
    // Name, Phase, Provider, Children a year.
    fill(&mut app, Action::Edit, 3, "4100");
    assert_eq!(app.mode, Mode::Normal, "{:?}", app.message);
    assert_eq!(app.selected_component().unwrap().children, Some(4100.0));
    run(&mut app, [Action::Undo]);
    assert_eq!(app.document(), &before);
    // An empty field leaves the figure out.
    fill(&mut app, Action::Edit, 3, "");
    assert_eq!(app.selected_component().unwrap().children, None);
}

#[test]
fn negative_children_keep_the_form_and_the_document() {
    let mut app = example();
    run(&mut app, [Action::SelectComponent("gp-recognition".into())]);
    let before = app.document().clone();
    fill(&mut app, Action::Edit, 3, "-5");
    match &app.mode {
        Mode::Form(f) => {
            let error = f.error.as_deref().unwrap_or_default();
            assert!(error.contains("children"), "{error}");
        }
        other => panic!("form closed: {other:?}"),
    }
    assert_eq!(app.document(), &before);
}

#[test]
fn link_and_pathway_children_are_set() {
    let mut app = example();
    run(&mut app, [Action::SelectComponent("gp-recognition".into())]);
    run(&mut app, [Action::NextLinkOut]);
    let Some(Selection::Link { from, to }) = app.selection.clone() else {
        panic!("a link is selected: {:?}", app.selection)
    };
    // Kind, Integration, Children a year.
    fill(&mut app, Action::Edit, 2, "1234");
    assert_eq!(app.mode, Mode::Normal, "{:?}", app.message);
    let p = app.current_pathway().unwrap();
    assert_eq!(p.link(&from, &to).unwrap().children, Some(1234.0));
    // Name, Condition, Children a year.
    fill(&mut app, Action::EditPathway, 2, "30000");
    assert_eq!(app.mode, Mode::Normal, "{:?}", app.message);
    assert_eq!(app.current_pathway().unwrap().children, Some(30_000.0));
}
