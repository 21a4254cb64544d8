//! The measure form edits its history and breakdowns as lists (one row per period and
//! value, one per group of a breakdown) and its benchmark as a label and a value, through
//! actions only; the measure changes when the form is saved, as one undoable change; what
//! the file would refuse keeps the form open and the document as it was.

use std::path::PathBuf;

use carepath::app::{Action, App, Form, Mode, Purpose, RowList};
use carepath::model::{Breakdown, Measure};
use carepath::storage;

fn example() -> App {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("pathways/type1-diabetes.ron");
    App::new(storage::load(&path).unwrap(), Some(path), true)
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::Input).collect()
}

fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        app.update(a);
    }
}

/// Opens the form of the second measure of the CGM and pumps component (pump use).
fn edit_pump(app: &mut App) {
    edit_measure(app, 1);
}

/// Opens the form of a measure of the CGM and pumps component: 0 is CGM use (it has a
/// history), 1 pump use (a benchmark and a breakdown).
fn edit_measure(app: &mut App, n: usize) {
    run(
        app,
        [
            Action::SelectComponent("cgm-and-pumps".into()),
            Action::NextPanel,
        ],
    );
    run(app, std::iter::repeat_n(Action::NextItem, n));
    run(app, [Action::Edit]);
    assert!(matches!(app.mode, Mode::Form(_)), "{:?}", app.mode);
}

fn form(app: &App) -> &Form<Purpose> {
    match &app.mode {
        Mode::Form(f) => f,
        other => panic!("no form open: {other:?}"),
    }
}

fn list(app: &App) -> &RowList {
    match &app.mode {
        Mode::Rows(list) => list,
        other => panic!("no list open: {other:?}"),
    }
}

/// Moves the focus to the field with this label.
fn focus(app: &mut App, label: &str) {
    for _ in 0..form(app).fields.len() {
        if form(app).focused().label == label {
            return;
        }
        app.update(Action::NextField);
    }
    panic!("no field {label}");
}

/// Focuses a field and clears it, ready to type.
fn clear(app: &mut App, label: &str) {
    focus(app, label);
    app.update(Action::ClearField);
}

fn pump(app: &App) -> Measure {
    app.selected_component().unwrap().measures[1].clone()
}

fn cgm(app: &App) -> Measure {
    app.selected_component().unwrap().measures[0].clone()
}

fn said(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn history_is_a_list_of_periods_and_values() {
    let mut app = example();
    edit_measure(&mut app, 0);
    let before = app.document().clone();
    let old = cgm(&app).history;
    assert!(!old.is_empty(), "the example's CGM use has a history");
    // Something typed in the form first: it is kept across the list.
    clear(&mut app, "Notes");
    run(&mut app, typed("Checked at the March review"));
    focus(&mut app, "History");
    run(&mut app, [Action::Confirm]);
    let l = list(&app);
    assert_eq!(l.rows().len(), old.len());
    assert_eq!(l.rows()[0].label, old[0].0);
    assert!(l.title().starts_with("History of "), "{}", l.title());

    // Add a row: a period with = is refused with a message, the row form stays open.
    run(&mut app, [Action::AddRow]);
    run(&mut app, typed("2024=25"));
    run(&mut app, [Action::NextField]);
    run(&mut app, typed("41"));
    run(&mut app, [Action::Confirm]);
    let error = form(&app).error.clone().unwrap_or_default();
    assert!(error.contains("must not hold = or ,"), "{error}");
    // A comma too.
    run(&mut app, [Action::PrevField, Action::ClearField]);
    run(&mut app, typed("2024,25"));
    run(&mut app, [Action::Confirm]);
    assert!(
        form(&app)
            .error
            .as_deref()
            .unwrap()
            .contains("must not hold")
    );
    // A number written with a comma is refused as everywhere else.
    run(&mut app, [Action::ClearField]);
    run(&mut app, typed("2024/25"));
    run(&mut app, [Action::NextField, Action::ClearField]);
    run(&mut app, typed("41,5"));
    run(&mut app, [Action::Confirm]);
    assert!(form(&app).error.as_deref().unwrap().contains("Value"));
    run(&mut app, [Action::ClearField]);
    run(&mut app, typed("41.5"));
    run(&mut app, [Action::Confirm]);
    let l = list(&app);
    assert_eq!(l.rows().len(), old.len() + 1);
    assert_eq!(l.cursor, old.len());
    assert_eq!(l.rows()[old.len()].label, "2024/25");
    assert!(
        said(&app).contains("Added 2024/25 = 41.5"),
        "{}",
        said(&app)
    );

    // Edit the first row's value; a period already there is refused.
    run(&mut app, std::iter::repeat_n(Action::PrevItem, 10));
    run(&mut app, [Action::Edit]);
    assert_eq!(form(&app).text("Period"), old[0].0);
    run(&mut app, [Action::ClearField]);
    run(&mut app, typed("2024/25"));
    run(&mut app, [Action::Confirm]);
    assert!(form(&app).error.as_deref().unwrap().contains("already"));
    // Esc leaves the row as it was and goes back to the list.
    run(&mut app, [Action::Cancel]);
    assert_eq!(list(&app).rows()[0].label, old[0].0);
    run(
        &mut app,
        [Action::Edit, Action::NextField, Action::ClearField],
    );
    run(&mut app, typed("1"));
    run(&mut app, [Action::Confirm]);
    assert_eq!(list(&app).rows()[0].value, 1.0);

    // Add one more and delete it: the cursor is on the new row.
    run(&mut app, [Action::AddRow]);
    run(&mut app, typed("2025/26"));
    run(&mut app, [Action::NextField]);
    run(&mut app, typed("50"));
    run(&mut app, [Action::Confirm, Action::Delete]);
    assert_eq!(list(&app).rows().len(), old.len() + 1);
    assert!(
        said(&app).starts_with("Deleted 2025/26 = 50"),
        "{}",
        said(&app)
    );
    // Nothing in the document has changed yet.
    assert_eq!(app.document(), &before);

    // Esc: back to the form, on the History field, the notes as typed.
    run(&mut app, [Action::Cancel]);
    assert_eq!(form(&app).focused().label, "History");
    assert_eq!(form(&app).text("Notes"), "Checked at the March review");
    assert!(form(&app).focused().display().contains("2024/25 41.5"));
    run(&mut app, [Action::Confirm]);
    assert!(
        matches!(app.mode, Mode::Rows(_)),
        "Enter on History opens it"
    );
    run(&mut app, [Action::Cancel, Action::NextField]);
    run(&mut app, [Action::PrevField]);
    focus(&mut app, "Notes");
    run(&mut app, [Action::Confirm]);
    assert_eq!(app.mode, Mode::Normal, "{}", said(&app));

    let m = cgm(&app);
    let mut want = old.clone();
    want[0].1 = 1.0;
    want.push(("2024/25".into(), 41.5));
    assert_eq!(m.history, want);
    assert_eq!(m.notes, "Checked at the March review");
    // One undo brings back the measure as it was, and says so.
    run(&mut app, [Action::Undo]);
    assert_eq!(app.document(), &before);
    assert!(
        said(&app).starts_with("Undid: change measure "),
        "{}",
        said(&app)
    );
}

#[test]
fn breakdowns_are_a_list_of_groups() {
    let mut app = example();
    edit_pump(&mut app);
    let before = app.document().clone();
    focus(&mut app, "Breakdowns");
    run(&mut app, [Action::Confirm]);
    // Deprivation quintile: 1 most deprived=10, 5 least deprived=31.
    assert_eq!(list(&app).rows().len(), 2);
    assert_eq!(list(&app).rows()[0].group, "Deprivation quintile");
    // A new group of the breakdown under the cursor: its name is filled in.
    run(&mut app, [Action::AddRow]);
    assert_eq!(form(&app).text("Breakdown"), "Deprivation quintile");
    assert_eq!(form(&app).focused().label, "Group");
    run(&mut app, typed("3"));
    run(&mut app, [Action::NextField]);
    run(&mut app, typed("20"));
    run(&mut app, [Action::Confirm]);
    // A second breakdown, by sex: two groups.
    for (group, value) in [("Girls", "21"), ("Boys", "19")] {
        run(
            &mut app,
            [Action::AddRow, Action::PrevField, Action::ClearField],
        );
        run(&mut app, typed("Sex"));
        run(&mut app, [Action::NextField]);
        run(&mut app, typed(group));
        run(&mut app, [Action::NextField]);
        run(&mut app, typed(value));
        run(&mut app, [Action::Confirm]);
    }
    // The same group twice in a breakdown is refused.
    run(&mut app, [Action::AddRow]);
    run(&mut app, typed("Boys"));
    run(&mut app, [Action::NextField]);
    run(&mut app, typed("1"));
    run(&mut app, [Action::Confirm]);
    assert!(form(&app).error.as_deref().unwrap().contains("already"));
    run(&mut app, [Action::Cancel, Action::Cancel]);
    // The benchmark: a label and a value.
    clear(&mut app, "Benchmark");
    run(&mut app, typed("Peers 2023/24"));
    clear(&mut app, "Benchmark value");
    run(&mut app, typed("40"));
    run(&mut app, [Action::Confirm]);
    assert_eq!(app.mode, Mode::Normal, "{}", said(&app));
    let m = pump(&app);
    assert_eq!(m.benchmark, Some(("Peers 2023/24".into(), 40.0)));
    assert_eq!(
        m.breakdowns[0].groups,
        [
            ("1 most deprived".into(), 10.0),
            ("5 least deprived".into(), 31.0),
            ("3".into(), 20.0)
        ]
    );
    assert_eq!(
        m.breakdowns[1],
        Breakdown {
            by: "Sex".into(),
            groups: vec![("Girls".into(), 21.0), ("Boys".into(), 19.0)],
        }
    );
    run(&mut app, [Action::Undo]);
    assert_eq!(app.document(), &before);
}

#[test]
fn clearing_the_benchmark_and_deleting_every_row_removes_them() {
    let mut app = example();
    edit_pump(&mut app);
    clear(&mut app, "Benchmark");
    clear(&mut app, "Benchmark value");
    focus(&mut app, "Breakdowns");
    run(&mut app, [Action::Confirm, Action::Delete, Action::Delete]);
    assert!(list(&app).rows().is_empty());
    // Deleting in an empty list does nothing.
    run(
        &mut app,
        [
            Action::Delete,
            Action::Edit,
            Action::Cancel,
            Action::Confirm,
        ],
    );
    run(&mut app, [Action::Cancel]);
    focus(&mut app, "Name");
    run(&mut app, [Action::Confirm]);
    assert_eq!(app.mode, Mode::Normal, "{}", said(&app));
    let m = pump(&app);
    assert_eq!((m.benchmark, m.breakdowns.len()), (None, 0));
}

#[test]
fn a_breakdown_of_one_group_or_half_a_benchmark_keeps_the_form_open() {
    // One group left in a breakdown: the model refuses it when the measure is saved.
    let mut app = example();
    let before = app.document().clone();
    edit_pump(&mut app);
    focus(&mut app, "Breakdowns");
    run(&mut app, [Action::Confirm, Action::Delete, Action::Cancel]);
    focus(&mut app, "Name");
    run(&mut app, [Action::Confirm]);
    let error = form(&app).error.clone().unwrap_or_default();
    assert!(error.contains("at least two"), "{error}");
    assert_eq!(app.document(), &before);

    // A benchmark label with no value, or a value with no label.
    for (label, value, says) in [("Peers", "", "Benchmark value"), ("", "40", "name it")] {
        let mut app = example();
        edit_pump(&mut app);
        clear(&mut app, "Benchmark");
        run(&mut app, typed(label));
        clear(&mut app, "Benchmark value");
        run(&mut app, typed(value));
        run(&mut app, [Action::Confirm]);
        let error = form(&app).error.clone().unwrap_or_default();
        assert!(error.contains(says), "{label:?} {value:?}: {error}");
        assert_eq!(app.document(), &before);
    }
}

#[test]
fn typing_pasting_and_clearing_do_not_touch_a_list_field() {
    let mut app = example();
    edit_pump(&mut app);
    focus(&mut app, "History");
    let shown = form(&app).focused().display().to_string();
    run(&mut app, typed("x"));
    run(&mut app, [Action::Backspace, Action::ClearField]);
    run(&mut app, [Action::Paste("2020=1".into())]);
    assert_eq!(form(&app).focused().display(), shown);
    assert_eq!(form(&app).focused().rows, form(&app).rows("History"));
}
