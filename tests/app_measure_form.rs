//! The measure form edits the benchmark and the breakdowns (one line each, like history),
//! through actions only; a breakdown the file would refuse keeps the form open and the
//! document as it was.

use std::path::PathBuf;

use carepath::app::{Action, App, Mode};
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
    run(
        app,
        [
            Action::SelectComponent("cgm-and-pumps".into()),
            Action::NextPanel,
            Action::NextComponent,
            Action::Edit,
        ],
    );
    assert!(matches!(app.mode, Mode::Form(_)), "{:?}", app.mode);
}

/// Moves from the first field (Name) to the field `n` places on, and clears it.
fn field(app: &mut App, n: usize) {
    run(app, std::iter::repeat_n(Action::NextField, n));
    run(app, [Action::ClearField]);
}

fn pump(app: &App) -> Measure {
    app.selected_component().unwrap().measures[1].clone()
}

#[test]
fn the_form_shows_and_edits_the_benchmark_and_breakdowns() {
    let mut app = example();
    edit_pump(&mut app);
    match &app.mode {
        Mode::Form(f) => {
            assert!(f.text("Benchmark").starts_with("England and Wales 2022/23"));
            assert!(f.text("Benchmark").ends_with("=50"));
            assert_eq!(
                f.text("Breakdowns"),
                "Deprivation quintile: 1 most deprived=10, 5 least deprived=31"
            );
        }
        other => panic!("{other:?}"),
    }
    let before = app.document().clone();
    // Name, Domain, Direction, Unit, Target, Amber, Value, Period, Source, Benchmark.
    field(&mut app, 9);
    run(&mut app, typed("Peers 2023/24=40"));
    // History, Breakdowns.
    run(
        &mut app,
        [Action::NextField, Action::NextField, Action::ClearField],
    );
    run(
        &mut app,
        typed(
            "Deprivation quintile: 1 most deprived=12, 5 least deprived=30; Sex: Girls=21, Boys=19",
        ),
    );
    run(&mut app, [Action::Confirm]);
    assert_eq!(app.mode, Mode::Normal, "{:?}", app.message);
    let m = pump(&app);
    assert_eq!(m.benchmark, Some(("Peers 2023/24".into(), 40.0)));
    assert_eq!(
        m.breakdowns[1],
        Breakdown {
            by: "Sex".into(),
            groups: vec![("Girls".into(), 21.0), ("Boys".into(), 19.0)],
        }
    );
    assert_eq!(m.breakdowns[0].groups[0], ("1 most deprived".into(), 12.0));
    // One undo brings back the measure as it was.
    run(&mut app, [Action::Undo]);
    assert_eq!(app.document(), &before);
}

#[test]
fn clearing_both_removes_them() {
    let mut app = example();
    edit_pump(&mut app);
    field(&mut app, 9);
    run(
        &mut app,
        [
            Action::NextField,
            Action::NextField,
            Action::ClearField,
            Action::Confirm,
        ],
    );
    assert_eq!(app.mode, Mode::Normal, "{:?}", app.message);
    let m = pump(&app);
    assert_eq!((m.benchmark, m.breakdowns.len()), (None, 0));
}

#[test]
fn a_breakdown_of_one_group_or_a_bad_benchmark_keeps_the_form_open() {
    for (skip, text, says) in [
        (11, "Sex: Girls=21", "at least two"),
        (11, "Sex: Girls=21, Girls=22", "twice"),
        (11, "Sex Girls=21", "by: label=value"),
        (9, "Peers=lots", "benchmark"),
    ] {
        let mut app = example();
        let before = app.document().clone();
        edit_pump(&mut app);
        field(&mut app, skip);
        run(&mut app, typed(text));
        run(&mut app, [Action::Confirm]);
        match &app.mode {
            Mode::Form(f) => {
                let error = f.error.as_deref().unwrap_or_default();
                assert!(error.contains(says), "{text:?}: {error:?}");
            }
            other => panic!("{text:?}: form closed: {other:?}"),
        }
        assert_eq!(app.document(), &before, "{text:?}");
    }
}
