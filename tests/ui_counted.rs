//! Counted reach on screen (docs/format.md, "Counted reach"): the details panel gives a
//! reach with its basis, the children and those affected, and says when counts disagree;
//! the weakest-links panel gives the children affected when counted. Rendered to a
//! TestBackend buffer.

mod ui_support;

use carepath::app::Action;
use ui_support::{example, run, screen};

#[test]
fn details_show_counted_reach_children_and_affected() {
    let mut app = example();
    run(
        &mut app,
        [Action::SelectComponent("insulin-management".into())],
    );
    let shown = screen(&app, 220, 60);
    assert!(shown.contains("reach 100% of 31,350 children"), "{shown}");
    assert!(shown.contains("31,350 children a year · ≈ 14,000 meet it"));
    assert!(!shown.contains("Counts disagree"));
    // On routes: the share of routes, no children line.
    run(&mut app, [Action::SelectComponent("eye-screening".into())]);
    let shown = screen(&app, 220, 60);
    assert!(shown.contains("of routes"), "{shown}");
    assert!(!shown.contains("children a year ·"));
}

#[test]
fn details_say_when_children_are_above_the_cohort() {
    let mut app = example();
    run(&mut app, [Action::SelectComponent("cgm-and-pumps".into())]);
    // Children a year: Name, Phase, Provider, then the figure.
    run(
        &mut app,
        [
            Action::Edit,
            Action::NextField,
            Action::NextField,
            Action::NextField,
        ],
    );
    run(&mut app, [Action::ClearField]);
    run(&mut app, "40000".chars().map(Action::Input));
    run(&mut app, [Action::Confirm]);
    let shown = screen(&app, 220, 60);
    assert!(shown.contains("reach 100% of 31,350 children"), "{shown}");
    assert!(
        shown.contains("Counts disagree: 40,000 children here,"),
        "{shown}"
    );
}

#[test]
fn weakest_panel_gives_children_affected_when_counted() {
    let app = example();
    // Below 120 columns the panels sit under the map, wide enough for the figure.
    let shown = screen(&app, 119, 40);
    assert!(
        shown.contains("1 ✗ 0.56 ≈18,000 affected · Annual review"),
        "{shown}"
    );
    assert!(shown.contains("3 ✗ 0.45 Annual psychological assessment"));
}
