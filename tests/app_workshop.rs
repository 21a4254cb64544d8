//! The workshop actions on the editor state: presentation, examine, notes, improvement
//! actions and the actions view, overview; each change undoable.

use std::path::PathBuf;

use carepath::app::{Action, App, Mode, Selection};
use carepath::model::{ActionStatus, Answer, Phase};
use carepath::storage;

fn example() -> App {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pathways/type1-diabetes.ron"
    ));
    let mut app = App::new(storage::load(&path).unwrap(), Some(path), true);
    app.today = "2025-06-01".into();
    app
}

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        app.update(a);
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::Input).collect()
}

#[test]
fn presentation_steps_phases_reveals_and_leaves_without_changing_anything() {
    let mut app = example();
    let before = app.document().clone();
    app.update(Action::Present);
    assert_eq!(
        app.mode,
        Mode::Present {
            phase: Some(Phase::Prevention),
            reveal: false
        }
    );
    run(&mut app, [Action::NextColumn, Action::NextColumn]);
    assert_eq!(
        app.mode,
        Mode::Present {
            phase: Some(Phase::Assessment),
            reveal: false
        }
    );
    app.update(Action::Reveal);
    assert_eq!(
        app.mode,
        Mode::Present {
            phase: Some(Phase::Assessment),
            reveal: true
        }
    );
    app.update(Action::WholePathway);
    assert_eq!(
        app.mode,
        Mode::Present {
            phase: None,
            reveal: true
        }
    );
    app.update(Action::PrevColumn);
    assert_eq!(
        app.mode,
        Mode::Present {
            phase: Some(Phase::Transition),
            reveal: true
        }
    );
    run(&mut app, [Action::NextColumn]);
    assert_eq!(
        app.mode,
        Mode::Present {
            phase: Some(Phase::Transition),
            reveal: true
        },
        "stays at the last phase"
    );
    app.update(Action::Cancel);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(
        app.column,
        Phase::Transition,
        "leaving keeps the phase shown"
    );
    assert_eq!(app.document(), &before);
    assert!(!app.is_dirty());
}

#[test]
fn examine_answers_with_single_keys_and_undoes() {
    let mut app = example();
    let id = app.selected_component().unwrap().id.clone();
    let before = app.document().clone();
    app.update(Action::Examine);
    assert_eq!(app.mode, Mode::Examine { question: 0 });
    run(
        &mut app,
        [
            Action::Answer(Answer::Yes),
            Action::Answer(Answer::Partly),
            Action::Answer(Answer::No),
        ],
    );
    assert_eq!(app.mode, Mode::Examine { question: 3 });
    let c = app.selected_component().unwrap().checklist;
    assert_eq!(
        (c.evidence_based, c.competent_team, c.right_place),
        (Answer::Yes, Answer::Partly, Answer::No)
    );
    // A typed letter answers nothing; Unknown is an answer too.
    run(
        &mut app,
        [
            Action::PrevItem,
            Action::Input('z'),
            Action::Answer(Answer::Unknown),
        ],
    );
    assert_eq!(
        app.selected_component().unwrap().checklist.right_place,
        Answer::Unknown
    );
    run(
        &mut app,
        [Action::Undo, Action::Undo, Action::Undo, Action::Undo],
    );
    assert_eq!(app.document(), &before);
    app.update(Action::Cancel);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.selection, Some(Selection::Component(id)));
}

#[test]
fn notes_append_a_line_and_undo() {
    let mut app = example();
    let before = app.selected_component().unwrap().notes.clone();
    app.update(Action::Note);
    run(&mut app, typed("Parents say the leaflet is hard to find"));
    app.update(Action::Confirm);
    let notes = app.selected_component().unwrap().notes.clone();
    let expected = if before.is_empty() {
        "Parents say the leaflet is hard to find".to_string()
    } else {
        format!("{before}\nParents say the leaflet is hard to find")
    };
    assert_eq!(notes, expected);
    // An empty note is refused in the form.
    app.update(Action::Note);
    app.update(Action::Confirm);
    assert!(matches!(&app.mode, Mode::Form(f) if f.error.is_some()));
    app.update(Action::Cancel);
    app.update(Action::Undo);
    assert_eq!(app.selected_component().unwrap().notes, before);
}

#[test]
fn improvement_actions_add_validate_date_complete_delete() {
    let mut app = example();
    let component = app.selected_component().unwrap().id.clone();
    let count = app.document().actions().len();
    app.update(Action::AddImprovement);
    run(&mut app, typed("Run 4Ts training for practice staff"));
    app.update(Action::NextField);
    run(&mut app, typed("Network lead"));
    app.update(Action::NextField);
    run(&mut app, typed("2025-02-30"));
    app.update(Action::Confirm);
    match &app.mode {
        Mode::Form(f) => assert!(
            f.error.as_deref().unwrap().contains("not a date"),
            "{:?}",
            f.error
        ),
        other => panic!("a bad date must keep the form open: {other:?}"),
    }
    assert_eq!(app.document().actions().len(), count);
    run(&mut app, [Action::ClearField]);
    run(&mut app, typed("2025-03-31"));
    app.update(Action::Confirm);
    assert_eq!(app.mode, Mode::Normal);
    let added = app.document().actions().last().unwrap().clone();
    assert_eq!(added.component, component);
    assert_eq!(added.owner, "Network lead");
    assert_eq!(added.due.as_deref(), Some("2025-03-31"));
    assert_eq!(added.status, ActionStatus::Open);
    assert!(
        app.is_overdue(&added),
        "due before today (2025-06-01) and open"
    );

    // The actions view: open ones first, the new one among them; s moves its status on.
    app.update(Action::ActionsView);
    let order = app.actions_in_view_order();
    let at = order
        .iter()
        .position(|&i| app.document().actions()[i].id == added.id)
        .unwrap();
    for _ in 0..at {
        app.update(Action::NextItem);
    }
    run(&mut app, [Action::NextStatus]);
    let now = |app: &App| {
        app.document()
            .actions()
            .iter()
            .find(|a| a.id == added.id)
            .unwrap()
            .clone()
    };
    assert_eq!(now(&app).status, ActionStatus::InProgress);
    run(&mut app, [Action::NextStatus]);
    assert_eq!(now(&app).status, ActionStatus::Done);
    assert!(!app.is_overdue(&now(&app)), "done is never overdue");
    // Delete asks; yes deletes; undo brings it back.
    assert!(matches!(app.mode, Mode::Actions { .. }));
    app.update(Action::Delete);
    assert!(matches!(app.mode, Mode::Confirm(_)));
    app.update(Action::Confirm);
    assert_eq!(app.document().actions().len(), count);
    assert!(
        matches!(app.mode, Mode::Actions { .. }),
        "back to the list after deleting: {:?}",
        app.mode
    );
    app.update(Action::Undo);
    assert_eq!(now(&app).status, ActionStatus::Done);
    run(&mut app, [Action::Undo, Action::Undo, Action::Undo]);
    assert_eq!(app.document().actions().len(), count);
}

#[test]
fn edit_an_action_from_the_view() {
    let mut app = example();
    assert!(
        !app.document().actions().is_empty(),
        "the example has actions"
    );
    app.update(Action::ActionsView);
    let first = app.actions_in_view_order()[0];
    let id = app.document().actions()[first].id.clone();
    app.update(Action::Edit);
    // Action, Owner: clear and retype the owner.
    run(&mut app, [Action::NextField, Action::ClearField]);
    run(&mut app, typed("Clinical lead"));
    app.update(Action::Confirm);
    assert!(
        matches!(app.mode, Mode::Actions { .. }),
        "back to the list: {:?}",
        app.mode
    );
    let a = app
        .document()
        .actions()
        .iter()
        .find(|a| a.id == id)
        .unwrap();
    assert_eq!(a.owner, "Clinical lead");
    // Esc in the form also goes back to the list.
    app.update(Action::Edit);
    app.update(Action::Cancel);
    assert!(matches!(app.mode, Mode::Actions { .. }), "{:?}", app.mode);
    app.update(Action::Cancel);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn overview_opens_scrolls_and_closes() {
    let mut app = example();
    app.update(Action::Overview);
    run(
        &mut app,
        [Action::NextItem, Action::NextItem, Action::PrevItem],
    );
    assert_eq!(app.mode, Mode::Overview { scroll: 1 });
    app.update(Action::Cancel);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn t_names_the_theme_and_p_starts_at_prevention() {
    let mut app = example();
    app.theme_count = 2;
    app.theme_names = vec!["dark".into(), "light".into()];
    app.update(Action::NextTheme);
    assert_eq!(app.theme, 1);
    assert_eq!(app.message.as_ref().unwrap().text, "Theme: light");
    app.update(Action::NextTheme);
    assert_eq!(app.message.as_ref().unwrap().text, "Theme: dark");
    // From any column, a presentation starts at the beginning of the pathway.
    app.update(Action::NextColumn);
    app.update(Action::NextColumn);
    app.update(Action::Present);
    assert_eq!(
        app.mode,
        Mode::Present {
            phase: Some(Phase::Prevention),
            reveal: false
        }
    );
}
