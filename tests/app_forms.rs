//! Forms as a user fills them in: names people read, type-ahead in choices, numbers
//! read one way with the rule said, the link form explaining integration.

use std::path::PathBuf;

use carepath::app::{Action, App, Mode};
use carepath::storage;

fn example() -> App {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("pathways/type1-diabetes.ron");
    let doc = storage::load(&path).expect("the example loads");
    App::new(doc, Some(path), true)
}

fn form(app: &App) -> &carepath::app::Form<carepath::app::Purpose> {
    match &app.mode {
        Mode::Form(f) => f,
        other => panic!("no form open: {other:?}"),
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

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(c));
    }
}

#[test]
fn choices_show_names_people_read_and_take_type_ahead() {
    let mut app = example();
    app.update(Action::AddMeasure);
    focus(&mut app, "Direction");
    assert_eq!(form(&app).focused().display(), "Higher is better");
    typed(&mut app, "l");
    assert_eq!(form(&app).focused().display(), "Lower is better");
    // A letter no option starts with changes nothing.
    typed(&mut app, "q");
    assert_eq!(form(&app).focused().display(), "Lower is better");
    app.update(Action::Cancel);

    app.update(Action::Organisations);
    app.update(Action::AddOrganisation);
    focus(&mut app, "Sector");
    typed(&mut app, "S");
    assert_eq!(form(&app).focused().display(), "Social care");
    focus(&mut app, "Level");
    typed(&mut app, "t");
    assert_eq!(form(&app).focused().display(), "Tertiary");
}

#[test]
fn a_measure_form_refuses_a_comma_and_says_how_to_write_numbers() {
    let mut app = example();
    app.update(Action::AddMeasure);
    let note = form(&app).note_line().unwrap().to_string();
    assert!(
        note.contains("1250 or 12.5") && note.contains("no commas"),
        "{note}"
    );
    typed(&mut app, "Seen within a week");
    focus(&mut app, "Target");
    typed(&mut app, "1,250");
    app.update(Action::Confirm);
    let error = form(&app).error.clone().expect("refused");
    assert!(error.contains("comma"), "{error}");
    app.update(Action::ClearField);
    typed(&mut app, "1250");
    app.update(Action::Confirm);
    assert_eq!(app.mode, Mode::Normal);
    let c = app.selected_component().unwrap();
    let m = c
        .measures
        .iter()
        .find(|m| m.name == "Seen within a week")
        .unwrap();
    assert_eq!(m.target, 1250.0);
}

#[test]
fn the_link_form_explains_each_integration_degree() {
    let mut app = example();
    app.update(Action::NextLinkOut);
    app.update(Action::Edit);
    focus(&mut app, "Integration");
    let mut seen = Vec::new();
    for _ in 0..5 {
        seen.push((
            form(&app).focused().display().to_string(),
            form(&app).note_line().unwrap().to_string(),
        ));
        app.update(Action::ChoiceNext);
    }
    let names: Vec<&str> = seen.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"Managed integration"), "{names:?}");
    assert!(names.contains(&"Full integration"), "{names:?}");
    for (name, hint) in &seen {
        let first = name.trim_matches(['(', ')']).split(' ').next().unwrap();
        assert!(
            hint.to_lowercase().starts_with(&first.to_lowercase()),
            "{name}: {hint}"
        );
    }
    let linkage = seen.iter().find(|(n, _)| n == "Linkage").unwrap();
    assert!(linkage.1.contains("weak"), "{}", linkage.1);
}

#[test]
fn the_quit_prompt_saves_discards_or_stays_and_enter_never_discards() {
    use carepath::app::{Confirm, Effect};
    let mut app = example();
    app.update(Action::PhaseForward);
    assert!(app.is_dirty());
    assert_eq!(app.update(Action::Quit), Effect::None);
    assert_eq!(app.mode, Mode::Confirm(Confirm::QuitUnsaved));
    // Enter saves, then the event loop quits once nothing is unsaved.
    let path = app.path.clone().unwrap();
    assert_eq!(app.update(Action::Confirm), Effect::Save(path));
    assert!(app.quit_after_save);
    // Esc and n stay; d quits without saving.
    let mut app = example();
    app.update(Action::PhaseForward);
    app.update(Action::Quit);
    assert_eq!(app.update(Action::Cancel), Effect::None);
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.is_dirty());
    app.update(Action::Quit);
    // Keys that mean nothing here keep the prompt open.
    assert_eq!(app.update(Action::Input('y')), Effect::None);
    assert_eq!(app.mode, Mode::Confirm(Confirm::QuitUnsaved));
    assert_eq!(app.update(Action::QuitWithoutSaving), Effect::Quit);
    // s saves and quits, as Enter does.
    let mut app = example();
    app.update(Action::PhaseForward);
    app.update(Action::Quit);
    let path = app.path.clone().unwrap();
    assert_eq!(app.update(Action::SaveAndQuit), Effect::Save(path));
}

#[test]
fn ctrl_s_in_a_form_applies_it_and_saves_or_says_why_not() {
    use carepath::app::Effect;
    let mut app = example();
    app.update(Action::AddMeasure);
    typed(&mut app, "Seen within a week");
    focus(&mut app, "Target");
    typed(&mut app, "1,5");
    // Refused: the form stays open and says why it was not saved.
    assert_eq!(app.update(Action::Save), Effect::None);
    let error = form(&app).error.clone().unwrap();
    assert!(
        error.starts_with("Not saved:") && error.contains("comma"),
        "{error}"
    );
    app.update(Action::ClearField);
    typed(&mut app, "15");
    let path = app.path.clone().unwrap();
    assert_eq!(app.update(Action::Save), Effect::Save(path));
    assert_eq!(app.mode, Mode::Normal);
    let c = app.selected_component().unwrap();
    assert!(c.measures.iter().any(|m| m.name == "Seen within a week"));
}

#[test]
fn the_organisations_list_stays_open_after_an_add() {
    let mut app = example();
    let before = app.document().organisations().len();
    app.update(Action::Organisations);
    for name in ["Community paediatrics", "Asthma nurse service"] {
        app.update(Action::AddOrganisation);
        typed(&mut app, name);
        app.update(Action::Confirm);
        let Mode::Organisations { cursor } = app.mode else {
            panic!("back in the list: {:?}", app.mode);
        };
        assert_eq!(app.document().organisations()[cursor].name, name);
    }
    assert_eq!(app.document().organisations().len(), before + 2);
}

#[test]
fn delete_prompts_name_things_and_what_goes_with_them() {
    use carepath::app::Confirm;
    let question = |app: &App| match &app.mode {
        Mode::Confirm(c @ Confirm::Apply { .. }) => c.question().to_string(),
        other => panic!("no question: {other:?}"),
    };
    let mut app = example();
    app.update(Action::NextColumn);
    app.update(Action::NextColumn);
    let c = app.selected_component().unwrap().clone();
    app.update(Action::Delete);
    let q = question(&app);
    assert!(
        q.starts_with(&format!("Delete component \"{}\"? With it go ", c.name)),
        "{q}"
    );
    assert!(q.contains(&format!("{} measures", c.measures.len())), "{q}");
    assert!(q.contains(" links"), "{q}");
    app.update(Action::Cancel);
    // A link by its ends' names, not their ids.
    app.update(Action::NextLinkOut);
    app.update(Action::Delete);
    let q = question(&app);
    assert!(
        q.starts_with(&format!("Delete the link \"{}\" → \"", c.name)),
        "{q}"
    );
    assert!(
        q.ends_with("Nothing else goes with it.") || q.contains("measure"),
        "{q}"
    );
}

#[test]
fn a_new_value_for_a_new_period_moves_the_old_one_to_history() {
    let mut app = example();
    app.update(Action::NextColumn);
    app.update(Action::NextColumn);
    app.update(Action::NextPanel);
    let before = app.selected_measures()[0].clone();
    let (Some(value), Some(period)) = (before.value, before.period.clone()) else {
        panic!("the example's measure has a value and period");
    };
    app.update(Action::Edit);
    // A period holding = is refused, with a message.
    focus(&mut app, "Period");
    app.update(Action::ClearField);
    typed(&mut app, "2024=25");
    app.update(Action::Confirm);
    assert!(
        form(&app)
            .error
            .as_deref()
            .unwrap()
            .contains("must not hold")
    );
    app.update(Action::ClearField);
    typed(&mut app, "2024/25");
    focus(&mut app, "Value");
    app.update(Action::ClearField);
    typed(&mut app, "61");
    app.update(Action::Confirm);
    assert_eq!(app.mode, Mode::Normal);
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(
        said.contains(&format!("{period} value {value} moved to history")),
        "{said}"
    );
    let after = app.selected_measures()[0].clone();
    assert_eq!(after.value, Some(61.0));
    assert_eq!(after.history.last(), Some(&(period, value)));
    assert_eq!(after.history.len(), before.history.len() + 1);
}

#[test]
fn the_network_itself_is_editable() {
    let mut app = example();
    app.update(Action::EditNetwork);
    assert_eq!(form(&app).title, "Edit network");
    app.update(Action::ClearField);
    typed(&mut app, "North asthma network");
    focus(&mut app, "Population");
    app.update(Action::ClearField);
    typed(&mut app, "Children and young people 0-19 in the North");
    focus(&mut app, "As of");
    app.update(Action::ClearField);
    typed(&mut app, "31/03/2026");
    app.update(Action::Confirm);
    assert!(form(&app).error.as_deref().unwrap().contains("not a date"));
    app.update(Action::ClearField);
    typed(&mut app, "2026-03-31");
    app.update(Action::Confirm);
    assert_eq!(app.mode, Mode::Normal);
    let n = app.document();
    assert_eq!(n.name, "North asthma network");
    assert_eq!(n.population, "Children and young people 0-19 in the North");
    assert_eq!(n.as_of.as_deref(), Some("2026-03-31"));
    // Undone as one change.
    app.update(Action::Undo);
    assert_ne!(app.document().name, "North asthma network");
}

#[test]
fn a_component_form_makes_a_new_provider_without_losing_what_was_typed() {
    let mut app = example();
    let orgs = app.document().organisations().len();
    app.update(Action::AddComponent);
    typed(&mut app, "Asthma nurse home visit");
    focus(&mut app, "Provider");
    typed(&mut app, "+");
    assert_eq!(form(&app).focused().display(), "+ new organisation…");
    app.update(Action::Confirm);
    assert_eq!(form(&app).title, "New organisation (the provider)");
    // Esc goes back to the component as typed, no provider chosen.
    app.update(Action::Cancel);
    assert_eq!(form(&app).text("Name"), "Asthma nurse home visit");
    assert_eq!(form(&app).field("Provider").unwrap().display(), "(none)");
    focus(&mut app, "Provider");
    typed(&mut app, "+");
    app.update(Action::Confirm);
    typed(&mut app, "Community children's nursing");
    app.update(Action::Confirm);
    // Back at the component, its name kept and the new organisation chosen.
    assert_eq!(form(&app).text("Name"), "Asthma nurse home visit");
    assert_eq!(
        form(&app).field("Provider").unwrap().display(),
        "Community children's nursing (Health)"
    );
    app.update(Action::Confirm);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.document().organisations().len(), orgs + 1);
    let c = app.selected_component().unwrap();
    assert_eq!(c.name, "Asthma nurse home visit");
    let provider = app
        .document()
        .organisation(c.provider.as_deref().unwrap())
        .unwrap();
    assert_eq!(provider.name, "Community children's nursing");
}
