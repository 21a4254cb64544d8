//! The details panel's view of a measure (rendered on a TestBackend): the run chart with
//! mean and limits, special-cause points marked by symbol and colour, variation and
//! assurance in words and symbols, the benchmark, stale and unread periods, and each
//! breakdown as labelled bars with its gap.

mod ui_support;

use carepath::analysis::Status;
use carepath::app::Action;
use carepath::ui::Theme;
use ratatui::buffer::Buffer;
use ui_support::{draw, from_text, run, text};

/// A clinic with a 12-point series, a benchmark it falls short of, a breakdown by
/// deprivation and a period carepath cannot read, judged at 31 March 2025.
const NETWORK: &str = include_str!("fixtures/measures.ron");

/// The cells of the row holding `needle`, and where it starts.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let screen = text(buf);
    for (y, line) in screen.lines().enumerate() {
        if let Some(at) = line.find(needle) {
            let x = line[..at].chars().count() as u16;
            return Some((x, y as u16));
        }
    }
    None
}

#[test]
fn the_chart_verdict_benchmark_and_currency_show_in_words_and_symbols() {
    let mut app = from_text(NETWORK);
    run(&mut app, [Action::NextPanel]);
    let theme = Theme::default();
    let (buf, _) = draw(&app, &theme, 220, 60);
    let screen = text(&buf);
    for expected in [
        "30 weeks target 18 weeks 2024-12",
        "UPL",
        "mean 21.",
        "LPL",
        "▼ concern · F consistently fail",
    ] {
        assert!(screen.contains(expected), "{expected:?} not in\n{screen}");
    }
    // The last point, far above the rest, is a special-cause concern: a diamond, red.
    let (x, y) = find(&buf, "◆").expect("a special-cause point");
    assert_eq!(buf[(x, y)].style().fg, theme.status(Status::Red).fg);
    // The eleven before it all lie below the mean (a shift): special too, and on the
    // better side for waits, so green. The mean is a solid line.
    let (x, y) = find(&buf, "◆─◆").expect("points on the mean row");
    assert_eq!(buf[(x, y)].style().fg, theme.status(Status::Green).fg);
    assert!(screen.contains('─'), "{screen}");

    run(&mut app, [Action::NextItem]);
    let (buf, _) = draw(&app, &theme, 220, 60);
    let screen = text(&buf);
    for expected in [
        "45% target 50% 2019/20 stale",
        "▼ worse than 51% England 2022/23",
        "by Deprivation quintile · gap 0.24 ⚠",
    ] {
        assert!(screen.contains(expected), "{expected:?} not in\n{screen}");
    }
    // Each group is a labelled bar with its value and status symbol.
    let most = screen
        .lines()
        .find(|l| l.contains("1 most deprived"))
        .unwrap();
    assert!(most.contains('█') && most.contains("29% ✗"), "{most}");
    let least = screen
        .lines()
        .find(|l| l.contains("5 least deprived"))
        .unwrap();
    assert!(
        least.contains("41% ✗"),
        "41 of 50 is Red without an amber: {least}"
    );
    assert!(
        least.matches('█').count() > most.matches('█').count(),
        "the better-served group has the longer bar:\n{most}\n{least}"
    );

    run(&mut app, [Action::NextItem]);
    let screen = text(&draw(&app, &theme, 220, 60).0);
    assert!(screen.contains("1 target 1 about now"), "{screen}");
    assert!(screen.contains("period not understood"), "{screen}");
}

#[test]
fn at_80_columns_the_panel_still_shows_the_verdict_and_the_gap() {
    let mut app = from_text(NETWORK);
    run(&mut app, [Action::NextPanel]);
    let (buf, _) = draw(&app, &Theme::default(), 80, 24);
    let screen = text(&buf);
    assert!(screen.contains("▼ concern"), "{screen}");
    // Moving to the second measure scrolls it into view, its name first, then as much
    // of its benchmark and breakdown as the panel holds.
    run(&mut app, [Action::NextItem]);
    let (buf, _) = draw(&app, &Theme::default(), 80, 24);
    let screen = text(&buf);
    assert!(screen.contains("› ! Amber Pump use"), "{screen}");
    assert!(screen.contains("gap 0.24"), "{screen}");
}

#[test]
fn under_twelve_points_there_is_no_chart() {
    let eleven = NETWORK.replace(r#"("2024-01", 21.0), "#, "");
    let mut app = from_text(&eleven);
    run(&mut app, [Action::NextPanel]);
    let screen = text(&draw(&app, &Theme::default(), 220, 60).0);
    assert!(
        screen.contains("11 points over time: a chart needs 12"),
        "{screen}"
    );
    assert!(
        !screen.contains("UPL") && !screen.contains("concern"),
        "{screen}"
    );
}

#[test]
fn without_colour_special_points_are_still_marked() {
    // Waits hovering either side of the mean, then a jump: dots, then a diamond.
    let mut app = from_text(
        &NETWORK
            .replace("(\"2024-02\", 20.0)", "(\"2024-02\", 23.0)")
            .replace("(\"2024-06\", 20.0)", "(\"2024-06\", 23.0)"),
    );
    run(&mut app, [Action::NextPanel]);
    let (buf, _) = draw(&app, &Theme::no_colour(), 160, 48);
    let screen = text(&buf);
    assert!(screen.contains('◆') && screen.contains('•'), "{screen}");
}
