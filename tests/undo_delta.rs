//! Undo keeps what each change did, not copies of the document: every kind of change
//! undoes and redoes exactly, and a change to one component keeps about one component.

use carepath::app::{App, Edit, UNDO_LIMIT};
use carepath::generate;
use carepath::model::{Condition, Delta, Network, Pathway, Phase};

fn edits(n: &Network) -> Vec<Edit> {
    let p = &n.pathways()[0];
    let c = p.components()[3].clone();
    let mut renamed = c.clone();
    renamed.name = "Renamed".into();
    let mut added = c.clone();
    added.id = "added-one".into();
    added.name = "Added".into();
    let link = p.links()[0].clone();
    vec![
        Edit::UpdateComponent {
            id: c.id.clone(),
            component: renamed,
        },
        Edit::SetPhase {
            id: c.id.clone(),
            phase: Phase::Transition,
        },
        Edit::AddComponent {
            pathway: p.id.clone(),
            component: added,
            at: Some(0),
        },
        Edit::RemoveLink {
            from: link.from.clone(),
            to: link.to.clone(),
        },
        Edit::RemoveComponent {
            id: p.components()[10].id.clone(),
        },
        Edit::AddPathway(Pathway::new("new-one", "New", Condition::ShortTerm)),
    ]
}

#[test]
fn every_change_undoes_and_redoes_exactly() {
    let start = generate::network(600, 3);
    let mut app = App::new(start.clone(), None, true);
    let mut states = vec![start.clone()];
    for edit in edits(&start) {
        app.apply(edit).unwrap();
        states.push(app.document().clone());
    }
    for expected in states.iter().rev().skip(1) {
        app.undo();
        assert_eq!(app.document(), expected);
    }
    assert!(!app.is_dirty());
    for expected in states.iter().skip(1) {
        app.redo();
        assert_eq!(app.document(), expected);
    }
    assert!(app.message.as_ref().unwrap().text.starts_with("Redid: "));
}

#[test]
fn a_delta_of_one_component_is_about_one_component() {
    let start = generate::network(6_000, 1);
    let mut after = start.clone();
    let id = after.pathways()[2].components()[5].id.clone();
    let mut c = after.find_component(&id).unwrap().1.clone();
    c.name.push_str(" (renamed)");
    after.update_component(&id, c).unwrap();
    let delta = Delta::between(start.clone(), &mut after).unwrap();
    assert!(delta.bytes() < 10_000, "{} bytes", delta.bytes());
    let mut undone = after.clone();
    let redo = delta.apply(&mut undone);
    assert_eq!(undone, start);
    redo.apply(&mut undone);
    assert_eq!(undone, after);
    assert!(Delta::between(start.clone(), &mut start.clone()).is_none());
}

#[test]
fn the_history_is_bounded_by_count() {
    let start = generate::network(60, 1);
    let mut app = App::new(start.clone(), None, true);
    let id = start.pathways()[0].components()[0].id.clone();
    for i in 0..UNDO_LIMIT + 10 {
        let mut c = app.document().find_component(&id).unwrap().1.clone();
        c.name = format!("Name {i}");
        app.apply(Edit::UpdateComponent {
            id: id.clone(),
            component: c,
        })
        .unwrap();
    }
    assert_eq!(app.history().undo_len(), UNDO_LIMIT);
}

#[test]
fn the_history_is_bounded_by_memory() {
    // Reversing a 1,500-component pathway changes every place in it: a large change.
    let start = generate::network(6_000, 1);
    let mut app = App::new(start.clone(), None, true);
    let pathway = start.pathways()[0].id.clone();
    for _ in 0..40 {
        let mut order: Vec<String> = app.document().pathways()[0]
            .components()
            .iter()
            .map(|c| c.id.clone())
            .collect();
        order.reverse();
        app.apply(Edit::ReorderComponents {
            pathway: pathway.clone(),
            order,
        })
        .unwrap();
    }
    assert!(app.history().bytes() <= carepath::app::HISTORY_BYTES);
    assert!(
        app.history().undo_len() < 40,
        "{}",
        app.history().undo_len()
    );
    assert!(app.history().can_undo());
}
