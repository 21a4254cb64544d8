//! The workshop screens besides presentation, on a TestBackend: examine, the actions
//! view, the network overview and their key hints; then every workshop screen at any
//! size and with hostile text. Snapshots hold the text; meaningful styles are asserted.

mod ui_support;

use carepath::app::{Action, App};
use carepath::ui::Theme;
use ui_support::{STATUSES, draw, example, find, from_text, open, run, screen, text};

// ---------------------------------------------------------------- examine

/// The example at the joint transition clinic: Red, with a checklist half answered.
fn at_transition_clinic() -> App {
    let mut app = example();
    run(&mut app, std::iter::repeat_n(Action::NextColumn, 5));
    assert_eq!(
        app.selected_component().unwrap().name,
        "Joint young people's transition clinic"
    );
    app
}

#[test]
fn examine_overlay_lists_the_seven_questions_with_their_answers() {
    let mut app = at_transition_clinic();
    run(&mut app, [Action::Examine, Action::NextItem]);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Examine: Joint young people's transition clinic"));
    assert!(shown.contains("✗ Red · Output below target: examine structure and process"));
    for q in &carepath::model::Checklist::QUESTIONS {
        assert!(shown.contains(q.text), "{}", q.text);
    }
    assert!(shown.contains("›2 Is it delivered by a competent team?"));
    for label in ["✓ Yes", "~ Partly", "✗ No", "? Unknown"] {
        assert!(shown.contains(label), "{label}");
    }
    assert!(shown.contains("y Yes  p Partly  n No  u Unknown  ↑↓ question  Esc done"));
    insta::assert_snapshot!("examine_80x24", shown);

    // An answer moves the cursor on and shows at once.
    app.update(Action::Answer(carepath::model::Answer::Yes));
    let shown = screen(&app, 80, 24);
    let row = shown
        .lines()
        .find(|l| l.contains("competent team"))
        .unwrap();
    assert!(row.contains("✓ Yes"), "{row}");
    assert!(shown.contains("›3 Is it delivered in the right place?"));
    insta::assert_snapshot!("examine_160x48", screen(&app, 160, 48));
}

#[test]
fn details_lead_with_the_examination_for_a_weak_component_only() {
    let app = at_transition_clinic();
    // A screen whose details panel holds everything, down to the actions.
    let shown = screen(&app, 220, 60);
    let lines: Vec<&str> = shown.lines().collect();
    let lead = lines
        .iter()
        .position(|l| l.contains("⚠ Output below target: examine"))
        .expect("the lead");
    let measures = lines
        .iter()
        .position(|l| l.contains("Measures (3)"))
        .unwrap();
    assert!(lead < measures, "the examination comes before the measures");
    for (q, answer) in carepath::model::Checklist::QUESTIONS.iter().zip([
        "✓ Yes",
        "~ Partly",
        "~ Partly",
        "✗ No",
        "✗ No",
        "? Unknown",
        "~ Partly",
    ]) {
        let start: String = q.text.chars().take(18).collect();
        let row = lines[lead..measures]
            .iter()
            .find(|l| l.contains(&start))
            .unwrap_or_else(|| panic!("{start}"));
        assert!(row.contains(answer), "{row}");
    }
    // The selected component's actions, with their status in words.
    assert!(shown.contains("Actions (1)") && shown.contains("[ ] Open"));

    // A component without data keeps its checklist after the measures.
    let mut app = example();
    assert_eq!(
        app.selected_component().unwrap().name.chars().next(),
        Some('4')
    );
    let shown = screen(&app, 160, 48);
    assert!(!shown.contains("Output below target"));
    assert!(shown.contains("Checklist: not examined yet"));
    app.update(Action::Examine);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("? No data · structure and process"));
}

// ---------------------------------------------------------------- actions

#[test]
fn actions_view_lists_every_action_in_view_order() {
    let mut app = example();
    run(&mut app, [Action::ActionsView, Action::NextItem]);
    for (w, h) in [(80, 24), (160, 48)] {
        let shown = screen(&app, w, h);
        assert!(shown.contains("Actions (3): 1 open, 1 in progress, 1 done, 1 overdue"));
        // Open first, then in progress, then done.
        let open = shown.find("[ ] Open").unwrap();
        let progress = shown.find("[~] In progress").unwrap();
        let done = shown.find("[✓] Done").unwrap();
        assert!(open < progress && progress < done);
        assert!(shown.contains("› [~] In progress  2027-03-31 ⚠ overdue  Add all seven"));
        assert!(shown.contains("2026-09-30 "), "done is never overdue");
        assert_eq!(shown.matches("⚠ overdue").count(), 1);
        assert!(shown.contains("PDU lead nurse · for Annual review of key care process"));
        assert!(shown.contains("s next status"));
        insta::assert_snapshot!(format!("actions_{w}x{h}"), shown);
    }
    let wide = screen(&app, 160, 48);
    assert!(wide.contains("for Annual review of key care processes (Type 1 diabetes)"));
    // Action text wraps at 80x24 rather than being cut.
    let small = screen(&app, 80, 24);
    assert!(small.contains("named worker from age 14."), "{small}");
    // The overdue word is in the theme's red, never colour alone.
    let theme = Theme::default();
    let (buf, _) = draw(&app, &theme, 80, 24);
    let (x, y) = find(&buf, "⚠ overdue")[0];
    assert_eq!(buf[(x + 2, y)].fg, theme.status_red.fg.unwrap());

    let empty = from_text("Network(format: 1, name: \"Empty\", pathways: [])");
    let mut empty = empty;
    empty.update(Action::ActionsView);
    assert!(screen(&empty, 80, 24).contains("No actions yet"));
}

// ---------------------------------------------------------------- overview

#[test]
fn overview_of_a_network_with_two_pathways() {
    let mut app = open("mental-health.ron");
    app.update(Action::Overview);
    let shown = screen(&app, 160, 48);
    assert!(shown.contains("Network overview: Children and young people's mental health"));
    assert!(shown.contains("Anxiety and depression") && shown.contains("Eating disorders"));
    assert!(shown.contains("Organisations × pathways"));
    assert!(shown.contains("Across pathways"));
    insta::assert_snapshot!("overview_160x48", shown);
    let small = screen(&app, 80, 24);
    insta::assert_snapshot!("overview_80x24", small);

    // The cells of the grid: a status symbol and word in its colour, blank where the
    // organisation does not serve the pathway.
    let o = carepath::analysis::overview(app.document(), app.analysis());
    let theme = Theme::default();
    let (buf, _) = draw(&app, &theme, 160, 48);
    for (org, row) in app.document().organisations().iter().zip(&o.grid) {
        let start: String = org.name.chars().take(20).collect();
        let (x, y) = find(&buf, &start)[0];
        let line: String = (x..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        for cell in row.iter().flatten() {
            assert!(line.contains(cell.word()), "{line}");
        }
        if row.iter().all(Option::is_none) {
            assert!(!line.contains("No data") && !line.contains("Red"), "{line}");
        }
    }
    let red_cell = find(&buf, "✗ Red");
    assert!(
        red_cell
            .iter()
            .any(|&(x, y)| buf[(x, y)].fg == theme.status_red.fg.unwrap())
    );
    // Each cross-pathway finding is listed in words.
    for f in &o.cross {
        let message = f.message(app.document());
        let start: String = message.chars().take(30).collect();
        assert!(shown.contains(&start), "{message}");
    }
}

#[test]
fn overview_scrolls_and_stops_at_the_end() {
    let mut app = open("mental-health.ron");
    app.update(Action::Overview);
    let top = screen(&app, 80, 24);
    assert!(top.contains("Pathways"));
    app.update(Action::NextItem);
    let one = screen(&app, 80, 24);
    assert_ne!(top, one);
    for _ in 0..200 {
        app.update(Action::NextItem);
    }
    let end = screen(&app, 80, 24);
    assert!(
        end.contains("Across pathways") || end.contains("• "),
        "{end}"
    );
    app.update(Action::NextItem);
    assert_eq!(screen(&app, 80, 24), end, "it stops at the end");
    // Back up: the view moves within a screenful of presses, not two hundred.
    let presses = (1..=24)
        .find(|_| {
            app.update(Action::PrevItem);
            screen(&app, 80, 24) != end
        })
        .expect("↑ moves the view back");
    assert!(presses <= 24);
}

// ---------------------------------------------------------------- status line

#[test]
fn status_line_hints_for_the_workshop_modes() {
    let mut app = at_transition_clinic();
    app.update(Action::Examine);
    assert!(last_line(&app).contains("y Yes  p Partly  n No  u Unknown"));
    app.update(Action::Cancel);
    app.update(Action::ActionsView);
    assert!(last_line(&app).contains("Enter edit  s next status"));
    app.update(Action::Cancel);
    app.update(Action::Overview);
    assert!(last_line(&app).contains("↑↓ scroll  Esc close"));
    app.update(Action::Cancel);
    let wide = screen(&app, 200, 30);
    assert!(wide.contains("p present") && wide.contains("x examine"));
}

fn last_line(app: &App) -> String {
    screen(app, 80, 24).lines().last().unwrap().to_string()
}

#[test]
fn overview_lists_findings_across_pathways() {
    // The GP is Red in both pathways; only the first has a Review component.
    let red = "measures: [Measure(id: \"m\", name: \"M\", domain: Safety, \
               direction: HigherIsBetter, target: 100.0, value: 10.0)]";
    let mut app = from_text(&format!(
        r#"Network(format: 1, name: "Two", organisations: [
            Organisation(id: "gp", name: "GP", sector: Health, level: Primary),
            Organisation(id: "school", name: "School", sector: Education, level: Primary),
        ], pathways: [
            Pathway(id: "a", name: "Asthma", components: [
                Component(id: "a-rec", name: "Recognition", phase: Recognition, provider: "gp", {red}),
                Component(id: "a-rev", name: "Review", phase: Review, provider: "school"),
            ]),
            Pathway(id: "b", name: "Epilepsy", components: [
                Component(id: "b-rec", name: "Recognition", phase: Recognition, provider: "gp", {red}),
            ]),
        ])"#
    ));
    app.update(Action::Overview);
    let shown = screen(&app, 100, 30);
    assert!(
        shown.contains(" • GP is Red in 2 pathways: Asthma, Epilepsy"),
        "{shown}"
    );
    assert!(shown.contains(
        " • Epilepsy has no Review component, though Asthma of the same condition type does"
    ));
    let school = shown.lines().find(|l| l.contains(" School ")).unwrap();
    assert!(school.contains("? No data"), "{school}");
    assert_eq!(
        school.matches("No data").count(),
        1,
        "blank where not served"
    );
    insta::assert_snapshot!("overview_cross_100x30", shown);
}

// ---------------------------------------------------------------- robustness

#[test]
fn workshop_screens_render_at_any_size() {
    let empty = from_text("Network(format: 1, name: \"Empty\", pathways: [])");
    let bare = from_text(
        "Network(format: 1, name: \"Bare\", pathways: [Pathway(id: \"p\", name: \"Bare\")])",
    );
    let modes = |app: &App| {
        let mut out = Vec::new();
        for actions in [
            vec![Action::Present],
            vec![Action::Present, Action::Reveal],
            vec![Action::Present, Action::WholePathway],
            vec![Action::Present, Action::WholePathway, Action::Reveal],
            vec![Action::Examine],
            vec![Action::ActionsView],
            vec![Action::Overview],
        ] {
            let mut app = App::new(app.document().clone(), None, true);
            run(&mut app, actions);
            out.push(app);
        }
        out
    };
    // A phase far too full to show whole.
    let components: String = (0..300)
        .map(|i| format!("Component(id: \"c{i}\", name: \"Service {i}\", phase: Prevention),"))
        .collect();
    let crowded = from_text(&format!(
        "Network(format: 1, name: \"Crowded\", pathways: [Pathway(id: \"p\", name: \"Crowded\", \
         components: [{components}])])"
    ));
    let mut present = App::new(crowded.document().clone(), None, true);
    present.update(Action::Present);
    let shown = screen(&present, 80, 24);
    assert!(
        shown.contains("more: Space shows the whole pathway"),
        "{shown}"
    );
    let mut apps = Vec::new();
    for base in [
        example(),
        open("mental-health.ron"),
        from_text(STATUSES),
        empty,
        bare,
        crowded,
    ] {
        apps.extend(modes(&base));
    }
    for app in &apps {
        for (w, h) in [
            (1, 1),
            (59, 15),
            (60, 16),
            (61, 17),
            (79, 23),
            (80, 24),
            (120, 30),
            (200, 60),
        ] {
            draw(app, &Theme::default(), w, h);
        }
    }
}

#[test]
fn control_characters_never_reach_the_screen_in_workshop_screens() {
    let evil = r"Evil \u{1b}[2J\u{1b}]0;title\u{7} \u{202e}gnp.exe \u{9b}31m";
    let text_ron = STATUSES
        .replace("\"Red one\"", &format!("\"{evil} component\""))
        .replace("\"Social care team\"", &format!("\"{evil} org\""))
        .replace(
            "name: \"Statuses\",\n    organisations",
            &format!("name: \"{evil}\",\n    organisations"),
        )
        .replace(
            "id: \"p\",\n            name: \"Statuses\"",
            &format!("id: \"p\",\n            name: \"{evil} pathway\""),
        )
        .replace("name: \"M\"", &format!("name: \"{evil} measure\""))
        .replace(
            "\n    ],\n)",
            &format!(
                "\n    ],\n    actions: [Action(id: \"a\", component: \"red\", text: \"{evil}\", \
                 owner: \"{evil}\", due: \"2020-01-01\", status: Open)],\n)"
            ),
        );
    let base = from_text(&text_ron);
    assert_eq!(base.document().actions().len(), 1);
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
    };
    for actions in [
        vec![Action::Present],
        vec![Action::Present, Action::Reveal],
        vec![Action::Present, Action::NextColumn, Action::Reveal],
        vec![Action::Present, Action::WholePathway, Action::Reveal],
        vec![Action::Examine],
        vec![Action::ActionsView],
        vec![Action::Overview],
    ] {
        let mut app = App::new(base.document().clone(), None, true);
        run(&mut app, actions.clone());
        for (w, h) in [(80, 24), (160, 48)] {
            let (buf, _) = draw(&app, &Theme::default(), w, h);
            for cell in buf.content() {
                assert!(
                    !cell.symbol().chars().any(hidden),
                    "{actions:?}: raw {:?}",
                    cell.symbol()
                );
            }
            assert!(
                text(&buf).contains("\\u{1b}"),
                "{actions:?}: escapes are shown"
            );
        }
    }
}
