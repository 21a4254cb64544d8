//! Help at every size: wrapped, never cut, every key reachable by scrolling.

use carepath::app::{Action, KEYS, KeyMode};
use carepath::ui::{self, Theme, UiState};

mod ui_support;

use ui_support::{draw_with, example, text};

#[test]
fn no_help_line_is_cut_at_80x24_or_larger() {
    let mut app = example();
    app.update(Action::Help);
    let theme = Theme::default();
    for (w, h) in [(80, 24), (100, 30), (120, 40), (160, 48)] {
        let mut state = UiState::new();
        let mut seen = String::new();
        for _ in 0..200 {
            let buf = draw_with(&app, &theme, &mut state, w, h).0;
            let shown = help_box(&text(&buf));
            assert!(
                !shown.contains('…'),
                "{w}x{h}: a help line is cut:\n{shown}"
            );
            seen.push_str(&shown);
            ui::scroll(&mut state, &app, 0, 1);
        }
        // Every key shows, in full, somewhere on the way down.
        for mode in KeyMode::ALL {
            assert!(seen.contains(mode.title()), "{w}x{h}: {mode:?} missing");
        }
        for b in KEYS {
            assert!(seen.contains(&b.label()), "{w}x{h}: {} missing", b.label());
        }
    }
}

/// The help overlay's rows, from its top edge to its bottom edge (the map behind it
/// left out).
fn help_box(screen: &str) -> String {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let (top, x0) = rows
        .iter()
        .enumerate()
        .find_map(|(y, r)| {
            let line: String = r.iter().collect();
            line.find("┏ Help").map(|b| (y, line[..b].chars().count()))
        })
        .expect("the help box");
    let x1 = (x0..rows[top].len())
        .find(|&x| rows[top][x] == '┓')
        .expect("its right corner");
    let mut out = String::new();
    for row in &rows[top..] {
        out.extend(&row[x0..=x1]);
        out.push('\n');
        if row[x0] == '┗' {
            break;
        }
    }
    out
}
