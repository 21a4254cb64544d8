//! Screen tests on a TestBackend: snapshots of the text (insta ignores styles), direct
//! checks of the styles that carry meaning, the mouse's hit map, and themes.

use std::path::PathBuf;

use carepath::app::{Action, App, Mode};
use carepath::storage;
use carepath::ui::{self, Theme, Themes, UiState};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

mod ui_support;

use ui_support::draw_with as draw;
use ui_support::{STATUSES, find, from_text, screen, text};

fn example() -> App {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pathways/type1-diabetes.ron"
    ));
    let doc = storage::load(&path).expect("the example loads");
    App::new(doc, Some(path), true)
}

// ---------------------------------------------------------------- snapshots

#[test]
fn main_screen_80x24() {
    insta::assert_snapshot!("main_80x24", screen(&example(), 80, 24));
}

#[test]
fn main_screen_160x48() {
    insta::assert_snapshot!("main_160x48", screen(&example(), 160, 48));
}

#[test]
fn details_focus_and_weakest_highlight_80x24() {
    let mut app = example();
    for a in [
        Action::NextColumn,
        Action::NextColumn,
        Action::NextPanel,
        Action::NextItem,
        Action::ToggleWeakest,
    ] {
        app.update(a);
    }
    insta::assert_snapshot!("details_weakest_80x24", screen(&app, 80, 24));
}

#[test]
fn help_overlay() {
    let mut app = example();
    app.update(Action::Help);
    // Every mode's keys are there, by scrolling (the arrows or the wheel) where the screen
    // cannot show them all at once.
    let everything = |shown: &str| {
        for mode in carepath::app::KeyMode::ALL {
            assert!(shown.contains(mode.title()), "{mode:?} missing from help");
        }
        for b in carepath::app::KEYS {
            assert!(
                shown.contains(&b.label()),
                "{} missing from help",
                b.label()
            );
            let start: String = b.help.chars().take(12).collect();
            assert!(shown.contains(&start), "{} missing from help", b.help);
        }
    };
    let theme = Theme::default();
    let large = screen(&app, 160, 48);
    let mut state = UiState::new();
    let mut seen = large.clone();
    for _ in 0..300 {
        ui::scroll(&mut state, &app, 0, 1);
        seen.push_str(&text(&draw(&app, &theme, &mut state, 160, 48).0));
    }
    everything(&seen);
    let mut state = UiState::new();
    let (buf, _) = draw(&app, &theme, &mut state, 80, 24);
    let top = text(&buf);
    assert!(top.contains("↑↓ or the wheel scroll for more"));
    let mut seen = top.clone();
    for _ in 0..300 {
        ui::scroll(&mut state, &app, 0, 1);
        seen.push_str(&text(&draw(&app, &theme, &mut state, 80, 24).0));
    }
    everything(&seen);
    insta::assert_snapshot!("help_80x24", top);
    insta::assert_snapshot!("help_160x48", large);
}

#[test]
fn form_overlay() {
    let mut app = example();
    app.update(Action::AddComponent);
    for c in "School nurse".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::NextField);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("New component"));
    assert!(shown.contains("▶ Phase"), "the focused field is marked");
    assert!(
        shown.contains("‹ Prevention ›"),
        "choices show as ‹ value ›"
    );
    insta::assert_snapshot!("form_80x24", shown);

    // A refused submit shows the form's error line.
    app.update(Action::PrevField);
    app.update(Action::ClearField);
    app.update(Action::Confirm);
    assert!(screen(&app, 80, 24).contains("Name must not be empty"));
}

#[test]
fn confirmation_overlay() {
    let mut app = example();
    app.update(Action::Delete);
    assert!(matches!(app.mode, Mode::Confirm(_)));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("y/Enter yes · n/Esc no"));
    insta::assert_snapshot!("confirm_80x24", shown);
}

#[test]
fn small_terminal_message() {
    let shown = screen(&example(), 59, 15);
    assert!(shown.contains("carepath needs at least 60×16; this terminal is 59×15"));
    insta::assert_snapshot!("too_small", shown);
}

#[test]
fn find_organisations_and_connect() {
    let mut app = example();
    app.update(Action::Find);
    for c in "eye".chars() {
        app.update(Action::Input(c));
    }
    assert!(screen(&app, 80, 24).contains("Find: eye"));
    app.update(Action::Cancel);

    app.update(Action::Organisations);
    app.update(Action::NextItem);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Organisations (12)"));
    assert!(
        shown.contains("›Emergency department"),
        "the cursor's row is marked"
    );
    assert!(shown.contains("Social care"));
    app.update(Action::Cancel);

    // Connect: the source keeps a thick edge, the target gets a double one.
    app.update(Action::Connect);
    app.update(Action::NextColumn);
    let (buf, _) = draw(&app, &Theme::default(), &mut UiState::new(), 160, 48);
    let shown = text(&buf);
    assert!(shown.contains('╔') && shown.contains('╝'), "target marked");
    assert!(shown.contains('┏') && shown.contains('┛'), "source marked");
    assert!(shown.contains("find the target"));
    // The status line names the link Enter would make.
    assert!(
        shown.contains("Connect Diabetic eye screening → Young adult diabetes clinic: Enter"),
        "{shown}"
    );
}

#[test]
fn status_line_file_unsaved_and_errors() {
    let mut app = example();
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("type1-diabetes.ron"));
    assert!(!shown.contains("unsaved"));
    app.update(Action::PhaseForward);
    app.error("Could not do that");
    let theme = Theme::default();
    let (buf, _) = draw(&app, &theme, &mut UiState::new(), 80, 24);
    assert!(text(&buf).contains("● unsaved"));
    let (x, y) = find(&buf, "Could not do that")[0];
    assert_eq!(buf[(x, y)].style().bg, theme.message_error.bg);

    let demo = App::new(app.document().clone(), None, false);
    assert!(screen(&demo, 80, 24).contains("demo (unsaved)"));
}

// ---------------------------------------------------------------- status styles

/// The foreground colour of the status symbol and word drawn for `word` in the map.
fn status_cells(buf: &Buffer, symbol: &str, word: &str) -> Vec<Option<Color>> {
    let needle = format!("{symbol} {word}");
    let (x, y) = *find(buf, &needle)
        .first()
        .unwrap_or_else(|| panic!("{needle} is drawn"));
    (0..needle.chars().count() as u16)
        .map(|i| buf[(x + i, y)].fg)
        .map(|c| (c != Color::Reset).then_some(c))
        .collect()
}

#[test]
fn status_cells_take_the_theme_colours() {
    let app = from_text(STATUSES);
    let (themes, warnings) = Themes::load(None);
    assert!(warnings.is_empty(), "{warnings:?}");
    for name in ["dark", "light", "high-contrast", "colour-blind"] {
        let theme = themes.get(themes.index_of(name).unwrap());
        let (buf, _) = draw(&app, theme, &mut UiState::new(), 80, 24);
        let mut seen = Vec::new();
        for (symbol, word, style) in [
            ("✗", "Red", theme.status_red),
            ("!", "Amber", theme.status_amber),
            ("✓", "Green", theme.status_green),
        ] {
            let want = style.fg.expect("a colour theme colours every status");
            for fg in status_cells(&buf, symbol, word) {
                assert_eq!(fg, Some(want), "{name}: {word}");
            }
            seen.push(want);
        }
        seen.dedup();
        assert_eq!(seen.len(), 3, "{name}: three different colours");
    }
    // The colour-blind theme uses the Okabe-Ito palette.
    let cb = themes.get(themes.index_of("colour-blind").unwrap());
    assert_eq!(cb.status_red.fg, Some(Color::Rgb(0xd5, 0x5e, 0x00)));
    assert_eq!(cb.status_green.fg, Some(Color::Rgb(0x00, 0x9e, 0x73)));
    // The projector theme puts dark text on white.
    let light = themes.get(themes.index_of("light").unwrap());
    let (buf, _) = draw(&app, light, &mut UiState::new(), 80, 24);
    assert_eq!(buf[(79, 20)].bg, Color::Rgb(255, 255, 255));
}

#[test]
fn no_colour_keeps_symbols_and_words_and_sets_no_colour() {
    let app = from_text(STATUSES);
    let theme = Theme::no_colour();
    for (w, h) in [(80, 24), (160, 48)] {
        let (buf, _) = draw(&app, &theme, &mut UiState::new(), w, h);
        for (symbol, word) in [("✗", "Red"), ("!", "Amber"), ("✓", "Green")] {
            assert!(status_cells(&buf, symbol, word).iter().all(Option::is_none));
        }
        for cell in buf.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        }
        // The selection is still marked, by its thick edge and reversed style.
        let shown = text(&buf);
        assert!(shown.contains("┏Red one"));
        let (x, y) = find(&buf, "┏Red one")[0];
        assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    }
}

// ---------------------------------------------------------------- hostile text

#[test]
fn control_and_bidi_characters_never_reach_the_screen() {
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
        .replace(
            "name: \"M\"",
            &format!("name: \"{evil} measure\", unit: \"\\u{{1b}}%\", notes: \"{evil}\""),
        );
    let mut app = from_text(&text_ron);
    assert!(app.document().pathways()[0].name.contains('\u{202e}'));
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
    };
    let check = |app: &App, what: &str| {
        for (w, h) in [(80, 24), (160, 48)] {
            let (buf, _) = draw(app, &Theme::default(), &mut UiState::new(), w, h);
            for cell in buf.content() {
                assert!(
                    !cell.symbol().chars().any(hidden),
                    "{what}: raw {:?}",
                    cell.symbol()
                );
            }
            assert!(text(&buf).contains("\\u{1b}"), "{what}: escapes are shown");
        }
    };
    check(&app, "map");
    app.update(Action::NextPanel);
    app.update(Action::NextPanel);
    check(&app, "weakest");
    app.update(Action::NextPanel);
    app.update(Action::NextPanel);
    check(&app, "details");
    app.update(Action::Edit);
    check(&app, "measure form");
    app.update(Action::Cancel);
    app.update(Action::Delete);
    check(&app, "confirmation");
    app.update(Action::Cancel);
    app.update(Action::Organisations);
    app.update(Action::NextItem);
    check(&app, "organisations");
    app.update(Action::Cancel);
    app.update(Action::Find);
    app.update(Action::Input('\u{1b}'));
    check(&app, "find");
}

// ---------------------------------------------------------------- mouse

#[test]
fn clicks_map_to_actions() {
    let app = example();
    let mut state = UiState::new();
    let (buf, hits) = draw(&app, &Theme::default(), &mut state, 160, 48);

    let (x, y) = find(&buf, "Presentation")[0];
    let want = app.current_pathway().unwrap().components()[2].id.clone();
    assert_eq!(
        hits.action_at(x + 2, y + 1),
        Some(Action::SelectComponent(want))
    );
    let (x, y) = find(&buf, "Type 1 diabetes")[0];
    assert_eq!(y, 0, "the first match is the tab");
    assert_eq!(hits.action_at(x, y), Some(Action::SelectPathway(0)));
    let (x, y) = find(&buf, "0.56 Annual review")[0];
    assert_eq!(hits.action_at(x, y), Some(Action::SelectWeakest(0)));
    // Between boxes, and in the status line, a click does nothing.
    assert_eq!(hits.action_at(0, 47), None);
    assert!(
        hits.map_area()
            .is_some_and(|m| m.contains((x - 60, 10).into()))
    );

    // Clicking through a modal overlay does nothing.
    let mut app = app;
    app.update(Action::Help);
    let (_, hits) = draw(&app, &Theme::default(), &mut state, 160, 48);
    assert_eq!(hits.action_at(x, y), None);
    assert_eq!(hits.map_area(), None);
}

#[test]
fn clicked_actions_select_what_was_clicked() {
    let mut app = example();
    let (buf, hits) = draw(&app, &Theme::default(), &mut UiState::new(), 80, 24);
    let (x, y) = find(&buf, "Prese")[0];
    let action = hits.action_at(x, y).expect("a box");
    app.update(action);
    assert_eq!(
        app.selected_component().unwrap().name,
        "Presentation to the emergency department"
    );
}

/// A pathway with a long Prevention column, taller than any screen here.
fn tall() -> App {
    let components: String = (0..30)
        .map(|i| format!("Component(id: \"c{i}\", name: \"Service {i}\", phase: Prevention),"))
        .collect();
    from_text(&format!(
        "Network(format: 1, name: \"Tall\", pathways: [Pathway(id: \"p\", name: \"Tall\", \
         components: [{components}])])"
    ))
}

#[test]
fn wheel_scrolls_until_the_selection_moves() {
    let mut app = tall();
    let mut state = UiState::new();
    let theme = Theme::default();
    let first = screen_with(&app, &theme, &mut state);
    assert!(first.contains("Service 0"));
    ui::scroll(&mut state, &app, 0, 10);
    let scrolled = screen_with(&app, &theme, &mut state);
    assert!(
        !scrolled.contains("Service 0"),
        "the wheel moved the view off the selection"
    );
    assert!(scrolled.contains("Service 9"));
    assert!(scrolled.contains("Prevention"), "phase headings stay");
    // Another frame does not pull the view back while the selection is unchanged.
    assert_eq!(screen_with(&app, &theme, &mut state), scrolled);
    // A keyboard move brings the selection back into view.
    app.update(Action::NextItem);
    let back = screen_with(&app, &theme, &mut state);
    assert!(back.contains("Service 1"));
    // Keyboard moves far down scroll the view along.
    for _ in 0..25 {
        app.update(Action::NextItem);
    }
    let down = screen_with(&app, &theme, &mut state);
    assert!(down.contains("Service 26") && !down.contains("Service 1 "));
    // Each pathway keeps its own offset.
    assert!(state.offset(&app).1 > 0);
}

/// The text of the map area only.
fn screen_with(app: &App, theme: &Theme, state: &mut UiState) -> String {
    let (buf, hits) = draw(app, theme, state, 80, 24);
    let map = hits.map_area().expect("the map is drawn");
    text(&buf)
        .lines()
        .skip(map.y as usize)
        .take(map.height as usize)
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------- robustness

#[test]
fn any_size_and_empty_documents_render() {
    let empty = from_text("Network(format: 1, name: \"Empty\", pathways: [])");
    let bare = from_text(
        "Network(format: 1, name: \"Bare\", pathways: [Pathway(id: \"p\", name: \"Bare\")])",
    );
    assert!(screen(&empty, 80, 24).contains("press + to add"));
    assert!(screen(&bare, 80, 24).contains("No components yet"));
    let mut apps = vec![example(), empty, bare, tall()];
    let mut open = example();
    open.update(Action::AddMeasure);
    apps.push(open);
    let mut help = example();
    help.update(Action::Help);
    apps.push(help);
    for app in &apps {
        let mut state = UiState::new();
        for (w, h) in [
            (1, 1),
            (59, 15),
            (60, 16),
            (61, 17),
            (79, 23),
            (80, 24),
            (119, 30),
            (120, 30),
            (200, 60),
        ] {
            draw(app, &Theme::default(), &mut state, w, h);
            ui::scroll(&mut state, app, 3, -2);
        }
    }
}

#[test]
fn link_details_and_weak_handoffs() {
    let mut app = example();
    app.update(Action::NextLinkOut);
    assert!(
        app.selected_link().is_some(),
        "a link out of the first component"
    );
    let theme = Theme::default();
    let (buf, _) = draw(&app, &theme, &mut UiState::new(), 160, 48);
    let shown = text(&buf);
    assert!(shown.contains("From 4Ts awareness campaign"));
    assert!(shown.contains("To   Same-day finger-prick"));
    assert!(shown.contains("┄ Weak hand-off"), "the finding is shown");
    assert!(shown.contains("Referral · integration Linkage"));
    // Weak hand-offs are dotted on the map, the selected one too, in the selection style.
    assert!(shown.contains('┄') && shown.contains('┆'));
    let (x, y) = find(&buf, "▶┌Same-day")[0];
    assert_eq!(buf[(x - 1, y + 1)].symbol(), "┆");
    assert_eq!(buf[(x - 1, y + 1)].bg, theme.selection.bg.unwrap());
    assert_eq!(buf[(x, y)].bg, theme.selection.bg.unwrap());
}

/// A long id-like name in a delete question wraps whole, broken after its hyphens and
/// never cut with "…", at every size.
#[test]
fn long_ids_in_questions_are_never_cut() {
    let id =
        "annual-review-of-key-care-processes-for-children-and-young-people-with-type-1-diabetes";
    let mut app = example();
    app.update(Action::Edit);
    app.update(Action::ClearField);
    for c in id.chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Confirm);
    app.update(Action::Delete);
    assert!(matches!(app.mode, Mode::Confirm(_)));
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        let shown = screen(&app, w, h);
        // The question's rows, inside the confirm box's borders.
        let rows: Vec<String> = shown
            .lines()
            .skip_while(|l| !l.contains("┏ Confirm"))
            .skip(1)
            .take_while(|l| !l.contains('┗'))
            .filter_map(|l| Some(l.split('┃').nth(1)?.trim().to_string()))
            .collect();
        let joined = rows.concat();
        assert!(joined.contains(id), "{w}x{h}:\n{shown}");
        let question: String = rows.iter().take_while(|r| !r.is_empty()).cloned().collect();
        assert!(!question.contains('…'), "{w}x{h}:\n{shown}");
    }
}
