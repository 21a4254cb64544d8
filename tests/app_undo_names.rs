//! Undo and redo say what they undid or redid, with the item's name, and select the item
//! that came back or changed, in whichever pathway holds it.

use std::path::PathBuf;

use carepath::app::{Action, App, Panel, Selection};
use carepath::storage;

fn example() -> App {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pathways/type1-diabetes.ron"
    ));
    let doc = storage::load(&path).expect("the example loads");
    App::new(doc, Some(path), true)
}

fn said(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn undoing_a_delete_names_it_and_selects_what_came_back() {
    let mut app = example();
    let victim = app.selected_component().unwrap().clone();
    app.update(Action::Delete);
    app.update(Action::Confirm);
    assert!(
        app.current_pathway()
            .unwrap()
            .component(&victim.id)
            .is_none()
    );
    // Wander off: another column, another pathway.
    app.update(Action::NextColumn);
    app.update(Action::NextPathway);
    app.update(Action::Undo);
    assert_eq!(
        said(&app),
        format!("Undid: delete component {}", victim.name)
    );
    assert_eq!(app.pathway, 0);
    assert_eq!(app.selection, Some(Selection::Component(victim.id.clone())));
    assert_eq!(app.column, victim.phase);

    // Redo deletes it again: said, and the selection moves to something that exists.
    app.update(Action::Redo);
    assert_eq!(
        said(&app),
        format!("Redid: delete component {}", victim.name)
    );
    assert_ne!(app.selection, Some(Selection::Component(victim.id.clone())));
}

#[test]
fn undoing_a_link_change_selects_the_link() {
    let mut app = example();
    let link = app.current_pathway().unwrap().links()[0].clone();
    let name = |app: &App, id: &str| {
        app.current_pathway()
            .unwrap()
            .component(id)
            .unwrap()
            .name
            .clone()
    };
    let (from, to) = (name(&app, &link.from), name(&app, &link.to));
    app.update(Action::SelectComponent(link.from.clone()));
    // Step to the link and delete it.
    while app.selected_link().is_none_or(|l| l.to != link.to) {
        app.update(Action::NextLinkOut);
    }
    app.update(Action::Delete);
    app.update(Action::Confirm);
    app.update(Action::NextPathway);
    app.update(Action::Undo);
    assert_eq!(said(&app), format!("Undid: delete link {from} → {to}"));
    assert_eq!(
        app.selection,
        Some(Selection::Link {
            from: link.from.clone(),
            to: link.to.clone()
        })
    );
}

#[test]
fn undoing_a_measure_change_selects_its_measure() {
    let mut app = example();
    // A component with two measures or more, the second one edited.
    let (id, measure) = app
        .current_pathway()
        .unwrap()
        .components()
        .iter()
        .find(|c| c.measures.len() > 1)
        .map(|c| (c.id.clone(), c.measures[1].clone()))
        .expect("a component with two measures");
    app.update(Action::SelectComponent(id.clone()));
    app.update(Action::NextPanel);
    assert_eq!(app.focus, Panel::Details);
    app.update(Action::NextItem);
    app.update(Action::Edit);
    for c in " (renamed)".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Confirm);
    app.update(Action::PrevItem);
    assert_eq!(app.detail_cursor, 0);
    app.update(Action::Undo);
    assert_eq!(
        said(&app),
        format!("Undid: change measure {} (renamed)", measure.name)
    );
    assert_eq!(app.selection, Some(Selection::Component(id)));
    assert_eq!(app.detail_cursor, 1);
}

#[test]
fn undoing_a_pathway_delete_goes_back_to_the_pathway() {
    let mut app = example();
    app.update(Action::NextPathway);
    let pathway = app.current_pathway().unwrap().clone();
    let index = app.pathway;
    app.update(Action::DeletePathway);
    app.update(Action::Confirm);
    app.update(Action::Undo);
    assert_eq!(
        said(&app),
        format!("Undid: delete pathway {}", pathway.name)
    );
    assert_eq!(app.pathway, index);
}
