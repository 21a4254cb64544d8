//! Presentation mode on a TestBackend: one phase before and after reveal and the whole
//! pathway, at 80×24 and 160×48. Snapshots hold the text (insta ignores styles); that
//! nothing shows a status before reveal, and the Red one is in the theme's red after
//! it, is asserted cell by cell in the projector themes.

mod ui_support;

use carepath::app::{Action, App};
use carepath::ui::{Theme, Themes};
use ratatui::style::{Color, Modifier};
use ui_support::{STATUSES, draw, example, find, from_text, run, screen, text};

/// What a room must not see before reveal: status symbols, words and rank marks.
const REVEALING: [&str; 9] = [
    "✗",
    "✓",
    "!",
    "⚠",
    "✗ Red",
    "! Amber",
    "✓ Green",
    "No data",
    "#1",
];

/// The example presenting the Management phase (4 of 6): six components, Red ones,
/// weak hand-offs and a ranked weakest one among them.
fn presenting_management() -> App {
    let mut app = example();
    app.update(Action::Present);
    run(&mut app, std::iter::repeat_n(Action::NextColumn, 3));
    app
}

#[test]
fn presentation_one_phase_before_reveal() {
    let app = presenting_management();
    for (w, h) in [(80, 24), (160, 48)] {
        let shown = screen(&app, w, h);
        assert!(shown.contains("M A N A G E M E N T   ·   Type 1 diabetes"));
        assert!(shown.contains("Management · phase 4 of 6"));
        assert!(shown.contains("←→ phase") && shown.contains("r reveal"));
        assert!(
            shown.contains("from: Structured edu"),
            "links in are listed"
        );
        assert!(
            shown.contains("to: Continuous gluco"),
            "links out are listed"
        );
        assert!(shown.contains("Peer support for"));
        assert!(
            shown.contains('┏') && shown.contains('┛'),
            "heavy box edges"
        );
        // No panels, tabs or key hints of the editor.
        assert!(!shown.contains("Details") && !shown.contains("Weakest links"));
        assert!(!shown.contains("type1-diabetes.ron"));
        for word in REVEALING {
            assert!(
                !shown.contains(word),
                "{w}×{h}: {word:?} shows before reveal"
            );
        }
        insta::assert_snapshot!(format!("present_phase_{w}x{h}"), shown);
    }
}

#[test]
fn presentation_one_phase_after_reveal() {
    let mut app = presenting_management();
    app.update(Action::Reveal);
    for (w, h) in [(80, 24), (160, 48)] {
        let shown = screen(&app, w, h);
        assert!(shown.contains("✗ Red"), "status with symbol and word");
        assert!(shown.contains("? No data"));
        assert!(
            shown.contains("#2 weakest"),
            "the weakest items are numbered"
        );
        assert!(
            shown.contains("⚠ Structured e"),
            "weak hand-offs are marked"
        );
        assert!(shown.contains("✗ Real-time CGM use"), "the weakest measure");
        assert!(shown.contains("r hide"));
        insta::assert_snapshot!(format!("present_phase_revealed_{w}x{h}"), shown);
    }
}

#[test]
fn presentation_whole_pathway() {
    let mut app = presenting_management();
    app.update(Action::WholePathway);
    for (w, h) in [(80, 24), (160, 48)] {
        let shown = screen(&app, w, h);
        assert!(shown.contains("W H O L E    P A T H W A Y   ·   Type 1 diabetes"));
        assert!(shown.contains("Prevention") && shown.contains("Transition"));
        assert!(shown.contains("whole pathway") && shown.contains("Space one phase"));
        for word in REVEALING {
            assert!(
                !shown.contains(word),
                "{w}×{h}: {word:?} shows before reveal"
            );
        }
        assert!(
            !shown.contains('┄') && !shown.contains('─'),
            "no thin lines"
        );
        insta::assert_snapshot!(format!("present_whole_{w}x{h}"), shown);
    }
    app.update(Action::Reveal);
    for (w, h) in [(80, 24), (160, 48)] {
        let shown = screen(&app, w, h);
        assert!(
            shown.contains("✗ Red · strength 30%"),
            "the pathway's status"
        );
        assert!(shown.contains('⚠') && shown.contains('┅'), "weak hand-offs");
        assert!(shown.contains("#1"), "ranks");
        insta::assert_snapshot!(format!("present_whole_revealed_{w}x{h}"), shown);
    }
}

/// The foreground colours that carry a status or a weak link in `theme`.
fn meaningful(theme: &Theme) -> Vec<Color> {
    [
        theme.status_red,
        theme.status_amber,
        theme.status_green,
        theme.highlight,
        theme.weak_handoff,
    ]
    .iter()
    .map(|s| s.fg.expect("projector themes colour every status"))
    .collect()
}

#[test]
fn reveal_in_projector_themes() {
    let (themes, warnings) = Themes::load(None);
    assert!(warnings.is_empty(), "{warnings:?}");
    for name in ["light", "high-contrast"] {
        let theme = themes.get(themes.index_of(name).unwrap());
        let mut app = from_text(STATUSES);
        // Presentation starts at Prevention, empty here; the red box is one phase on.
        run(&mut app, [Action::Present, Action::NextColumn]);
        assert_eq!(app.column, carepath::model::Phase::Recognition);
        for whole in [false, true] {
            if whole {
                app.update(Action::WholePathway);
            }
            for (w, h) in [(80, 24), (160, 48)] {
                // Before reveal: no cell in a status colour, no status symbol or word.
                let (buf, _) = draw(&app, theme, w, h);
                let colours = meaningful(theme);
                for cell in buf.content() {
                    assert!(
                        !colours.contains(&cell.fg),
                        "{name} {w}×{h}: {:?} in a status colour before reveal",
                        cell.symbol()
                    );
                }
                for word in REVEALING {
                    assert!(!text(&buf).contains(word), "{name}: {word:?} before reveal");
                }
                // Boxes have heavy bold edges.
                let (x, y) = find(&buf, "┏")[0];
                assert!(buf[(x, y)].modifier.contains(Modifier::BOLD), "{name}");

                // After reveal: the Red component's status in the theme's red.
                app.update(Action::Reveal);
                let (buf, _) = draw(&app, theme, w, h);
                let at = find(&buf, "✗ Red");
                assert!(!at.is_empty(), "{name} {w}×{h}: the red status is shown");
                let (x, y) = at[0];
                for i in 0..5 {
                    let cell = &buf[(x + i, y)];
                    assert_eq!(cell.fg, theme.status_red.fg.unwrap(), "{name}");
                    assert!(cell.modifier.contains(theme.status_red.add_modifier));
                }
                assert!(!find(&buf, "! Amber").is_empty() || !whole, "{name}");
                assert!(text(&buf).contains('⚠'), "{name}: the weak hand-off");
                app.update(Action::Reveal);
            }
        }
    }
}

#[test]
fn one_phase_boxes_are_in_the_status_colour_after_reveal() {
    let theme = Themes::load(None).0;
    let light = theme.get(theme.index_of("light").unwrap());
    let mut app = from_text(STATUSES);
    run(
        &mut app,
        [Action::Present, Action::NextColumn, Action::Reveal],
    );
    let (buf, _) = draw(&app, light, 80, 24);
    let (x, y) = find(&buf, "┏")[0];
    assert_eq!(buf[(x, y)].fg, light.status_red.fg.unwrap());
    let shown = text(&buf);
    assert!(shown.contains("R E C O G N I T I O N"));
    assert!(shown.contains("to: ⚠ Amber one"), "{shown}");
    assert!(shown.contains("✗ M 10 vs 100"), "{shown}");
}

#[test]
fn an_empty_phase_says_so_and_after_reveal_why() {
    let mut app = from_text(STATUSES);
    app.update(Action::Present);
    assert!(screen(&app, 80, 24).contains("No component in Prevention"));
    run(&mut app, std::iter::repeat_n(Action::NextColumn, 4));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("No component in Review"), "{shown}");
    assert!(!shown.contains('⚠'));
    app.update(Action::Reveal);
    assert!(
        screen(&app, 80, 24).contains("⚠ "),
        "the missing phase finding"
    );
}
