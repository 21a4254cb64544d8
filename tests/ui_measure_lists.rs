//! The measure form's history and breakdowns lists, and a row's form, as drawn at
//! 80x24, 120x40 and 160x48.

mod ui_support;

use carepath::app::{Action, App, Mode};
use ui_support::{example, run, screen};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (160, 48)];

/// The CGM use measure's form (it has a history), focus on `field`, the list opened.
fn open_list(n: usize, field: &str) -> App {
    let mut app = example();
    run(
        &mut app,
        [
            Action::SelectComponent("cgm-and-pumps".into()),
            Action::NextPanel,
        ],
    );
    run(&mut app, std::iter::repeat_n(Action::NextItem, n));
    run(&mut app, [Action::Edit]);
    for _ in 0..20 {
        match &app.mode {
            Mode::Form(f) if f.focused().label == field => break,
            _ => app.update(Action::NextField),
        };
    }
    app.update(Action::Confirm);
    assert!(matches!(app.mode, Mode::Rows(_)), "{:?}", app.mode);
    app
}

fn typed(app: &mut App, text: &str) {
    run(app, text.chars().map(Action::Input));
}

#[test]
fn the_history_list() {
    let mut app = open_list(0, "History");
    // A second row, so the list has a cursor to show.
    app.update(Action::AddRow);
    typed(&mut app, "2021/22");
    app.update(Action::NextField);
    typed(&mut app, "33.5");
    app.update(Action::Confirm);
    for (w, h) in SIZES {
        let shown = screen(&app, w, h);
        assert!(
            shown.contains("History of Real-time CGM use (2)"),
            "{shown}"
        );
        assert!(shown.contains("2019/20"), "{shown}");
        assert!(shown.contains("› 2021/22"), "{shown}");
        assert!(shown.contains("33.5"), "{shown}");
        assert!(shown.contains("a add"), "{shown}");
        insta::assert_snapshot!(format!("history_list_{w}x{h}"), shown);
    }
}

#[test]
fn the_breakdowns_list() {
    let app = open_list(1, "Breakdowns");
    for (w, h) in SIZES {
        let shown = screen(&app, w, h);
        assert!(shown.contains("Breakdowns of Insulin pump use"), "{shown}");
        assert!(shown.contains("Deprivation quintile"), "{shown}");
        assert!(shown.contains("5 least deprived"), "{shown}");
        insta::assert_snapshot!(format!("breakdowns_list_{w}x{h}"), shown);
    }
}

#[test]
fn a_refused_row_and_the_form_with_its_lists() {
    let mut app = open_list(0, "History");
    app.update(Action::AddRow);
    typed(&mut app, "2021=22");
    app.update(Action::NextField);
    typed(&mut app, "30");
    app.update(Action::Confirm);
    for (w, h) in SIZES {
        let shown = screen(&app, w, h);
        assert!(
            shown.contains("New row: History of Real-time CGM use"),
            "{shown}"
        );
        assert!(shown.contains("must not hold = or ,"), "{shown}");
        insta::assert_snapshot!(format!("history_row_refused_{w}x{h}"), shown);
    }
    // Back in the form: the lists show their rows.
    run(&mut app, [Action::Cancel, Action::Cancel]);
    for (w, h) in SIZES {
        let shown = screen(&app, w, h);
        assert!(shown.contains("≡ 2019/20 19.4"), "{shown}");
        assert!(shown.contains("Enter: the list of rows"), "{shown}");
        insta::assert_snapshot!(format!("measure_form_lists_{w}x{h}"), shown);
    }
}
