//! The map a lead can read: whole names wrapped in the boxes, boxes that grow with the
//! screen, panels that give way, zoom, and a map that says what is missing while
//! nothing is linked. Rendered on a TestBackend and read back.

use std::collections::HashMap;

use carepath::app::{Action, App};
use carepath::ui::Theme;
use ratatui::buffer::Buffer;

mod ui_support;

use ui_support::{STATUSES, draw, from_text, open, run, screen};

/// The text of a screen rectangle, row by row.
fn cells(buf: &Buffer, x0: u16, y0: u16, x1: u16, y1: u16) -> String {
    let mut out = String::new();
    for y in y0..y1 {
        for x in x0..x1 {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Words of text on screen: box-drawing characters and arrows are not part of words.
fn tokens(text: &str) -> Vec<String> {
    text.chars()
        .map(|c| match c {
            '\u{2500}'..='\u{257f}' | '▶' | '◀' | '▲' | '▼' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// How many words of the current pathway's component names show whole in their own
/// boxes, and how many there are. A box is where a click selects the component; the
/// provider's words shown there are taken out first, so they cannot count as the name's.
fn words_on_screen(app: &App, w: u16, h: u16) -> (usize, usize) {
    let (buf, hits) = draw(app, &Theme::default(), w, h);
    let mut boxes: HashMap<String, (u16, u16, u16, u16)> = HashMap::new();
    for y in 0..h {
        for x in 0..w {
            if let Some(Action::SelectComponent(id)) = hits.action_at(x, y) {
                let b = boxes.entry(id).or_insert((x, y, x + 1, y + 1));
                *b = (b.0.min(x), b.1.min(y), b.2.max(x + 1), b.3.max(y + 1));
            }
        }
    }
    let pathway = app.current_pathway().expect("a pathway");
    let doc = app.document();
    let (mut shown, mut total) = (0, 0);
    for c in pathway.components() {
        let words: Vec<&str> = c.name.split_whitespace().collect();
        total += words.len();
        let Some(&(x0, y0, x1, y1)) = boxes.get(&c.id) else {
            continue;
        };
        let mut seen = tokens(&cells(&buf, x0, y0, x1, y1));
        let provider = c
            .provider
            .as_deref()
            .and_then(|id| doc.organisation(id))
            .map_or("no provider", |o| o.name.as_str());
        for word in provider.split_whitespace() {
            if let Some(k) = seen.iter().rposition(|t| t == word) {
                seen.remove(k);
            }
        }
        for word in words {
            if let Some(k) = seen.iter().position(|t| t == word) {
                seen.remove(k);
                shown += 1;
            }
        }
    }
    (shown, total)
}

fn share(app: &App, w: u16, h: u16) -> f64 {
    let (shown, total) = words_on_screen(app, w, h);
    shown as f64 / total as f64
}

#[test]
fn most_of_every_name_shows_on_the_mental_health_map() {
    let app = open("mental-health.ron");
    let wide = share(&app, 160, 48);
    eprintln!("160x48 {wide:.3}");
    assert!(
        wide >= 0.85,
        "160x48 shows {:.0}% of the words",
        wide * 100.0
    );
    let middle = share(&app, 120, 40);
    eprintln!("120x40 {middle:.3}");
    assert!(
        middle >= 0.70,
        "120x40 shows {:.0}% of the words",
        middle * 100.0
    );
    // A bigger screen never shows less.
    assert!(wide >= middle);
}

#[test]
fn the_measure_counts_only_whole_words_in_their_own_box() {
    let app = open("mental-health.ron");
    let (shown, total) = words_on_screen(&app, 80, 24);
    let first = app.current_pathway().unwrap();
    let all: usize = first
        .components()
        .iter()
        .map(|c| c.name.split_whitespace().count())
        .sum();
    assert_eq!(total, all);
    // At 80x24 the map scrolls: some boxes are off screen, so not every word shows.
    assert!(shown < total, "{shown} of {total}");
    assert!(tokens("┌GP consultation┐").contains(&"consultation".to_string()));
    assert!(!tokens("│a senior…│").contains(&"senior".to_string()));
}

#[test]
fn an_unlinked_pathway_says_what_is_missing() {
    let links = STATUSES.find("            links: [").unwrap();
    let end = STATUSES[links..].find("],\n").unwrap() + links + 3;
    let unlinked = format!("{}{}", &STATUSES[..links], &STATUSES[end..]);
    let app = from_text(&unlinked);
    for (w, h) in [(80, 24), (160, 48)] {
        let shown = screen(&app, w, h);
        assert!(
            shown.contains("Statuses · link components to score journeys"),
            "{shown}"
        );
        assert!(shown.contains("Link components to score"), "{shown}");
        assert!(!shown.contains("journeys ━"), "{shown}");
    }
    // Linked, the header scores the journeys again and the note goes.
    let shown = screen(&from_text(STATUSES), 160, 48);
    assert!(!shown.contains("link components"), "{shown}");
    assert!(shown.contains("journey"), "{shown}");
}

#[test]
fn long_names_wrap_at_word_boundaries_in_their_boxes() {
    let app = open("mental-health.ron");
    let shown = screen(&app, 160, 48);
    // The first box, selected: its name over three lines, cut after a whole word.
    for line in [
        "┏Whole-school approach┓",
        "┃led by a senior      ┃",
        "┃mental health lead   ┃",
    ] {
        assert!(shown.contains(line), "{line} missing:\n{shown}");
    }
    assert!(shown.contains("│drop-in and"), "{shown}");
    assert!(shown.contains("│wellbeing check"), "{shown}");
}

#[test]
fn zoom_is_remembered_across_pathways_and_panels_fold() {
    let mut app = open("mental-health.ron");
    let full = screen(&app, 160, 48);
    run(&mut app, [Action::Zoom, Action::Zoom]);
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("Compact boxes: one line each")
    );
    let compact = screen(&app, 160, 48);
    assert!(compact.contains("[? GP consultat"), "{compact}");
    assert!(!compact.contains("┃approach led by"), "{compact}");
    run(&mut app, [Action::NextPathway]);
    assert!(
        screen(&app, 160, 48).contains("]─"),
        "still compact on the next pathway"
    );
    run(&mut app, [Action::PrevPathway, Action::Zoom]);
    // Round the three: the boxes fit the screen again (only the status line differs).
    let map = |s: &str| s.lines().take(45).collect::<Vec<_>>().join("\n");
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("Boxes fit the screen")
    );
    assert_eq!(map(&screen(&app, 160, 48)), map(&full));
    // Wide: panels beside the map; f folds them to one line under it, and back.
    assert!(full.contains("┌ Details"));
    run(&mut app, [Action::FoldPanels]);
    let folded = screen(&app, 160, 48);
    assert!(!folded.contains("┌ Details"), "{folded}");
    assert!(folded.contains("f: details and weakest links"), "{folded}");
    // At 120 columns they start folded, so the boxes get the width; f shows them.
    run(&mut app, [Action::FoldPanels]);
    assert!(screen(&app, 120, 40).contains("f: details and weakest links"));
    run(&mut app, [Action::FoldPanels]);
    assert!(screen(&app, 120, 40).contains("┌ Details"));
}

#[test]
fn snapshots_at_three_sizes() {
    for name in ["mental-health", "type1-diabetes"] {
        let app = open(&format!("{name}.ron"));
        for (w, h) in [(80, 24), (120, 40), (160, 48)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app, w, h));
        }
    }
}

#[test]
fn a_selected_link_is_drawn_in_the_selection_style_along_its_whole_route() {
    use carepath::layout::{Layout, LayoutOptions};
    let theme = Theme::default();
    let ids: Vec<String> = open("mental-health.ron")
        .current_pathway()
        .unwrap()
        .components()
        .iter()
        .map(|c| c.id.clone())
        .collect();
    // A link out of each box, many of them sharing buses with others.
    let mut checked = 0;
    for id in ids {
        let mut app = open("mental-health.ron");
        run(&mut app, [Action::SelectComponent(id), Action::NextLinkOut]);
        let Some(link) = app.selected_link().cloned() else {
            continue;
        };
        checked += 1;
        let (buf, hits) = draw(&app, &theme, 160, 48);
        let inner = hits.map_area().expect("the map");
        let pathway = app.current_pathway().unwrap();
        let layout = Layout::new(
            pathway,
            &LayoutOptions {
                width: u32::from(inner.width),
                height: u32::from(inner.height),
                boxes: app.zoom,
                ..LayoutOptions::default()
            },
        );
        let j = pathway.link_position(&link.from, &link.to).unwrap();
        let cells = layout.routes[j].cells();
        assert!(cells.len() > 3);
        let mut styled = 0;
        for c in &cells {
            // The map fits at this size, unscrolled: map row y is screen row inner.y + y.
            let (x, y) = (inner.x + c.x as u16, inner.y + c.y as u16);
            // No route cell lies under a box: every one shows a line or an arrow.
            assert!(
                !buf[(x, y)].symbol().chars().all(char::is_alphanumeric),
                "a route cell under text at {x},{y}"
            );
            if buf[(x, y)].bg == theme.selection.bg.unwrap() {
                styled += 1;
            }
        }
        assert_eq!(styled, cells.len(), "{} → {}", link.from, link.to);
        // Other links are not in the selection style.
        let others = layout
            .routes
            .iter()
            .enumerate()
            .filter(|&(k, _)| k != j)
            .flat_map(|(_, r)| r.cells())
            .filter(|c| !cells.iter().any(|s| (s.x, s.y) == (c.x, c.y)))
            .filter(|c| {
                let (x, y) = (inner.x + c.x as u16, inner.y + c.y as u16);
                buf[(x, y)].bg == theme.selection.bg.unwrap()
            })
            .count();
        assert_eq!(others, 0);
    }
    assert!(checked >= 10, "{checked} links checked");
}

#[test]
fn details_scroll_down_to_notes_and_actions_at_80x24() {
    let mut app = open("mental-health.ron");
    let theme = Theme::default();
    let mut state = carepath::ui::UiState::new();
    let shown = |app: &App, state: &mut carepath::ui::UiState| {
        ui_support::text(&ui_support::draw_with(app, &theme, state, 80, 24).0)
    };
    let first = shown(&app, &mut state);
    assert!(!first.contains("Book senior mental health"), "{first}");
    assert!(first.contains("↓ more"), "{first}");
    run(&mut app, [Action::NextPanel]);
    for _ in 0..40 {
        run(&mut app, [Action::NextItem]);
        shown(&app, &mut state);
        app.clamp_details_scroll(state.details_room());
    }
    let bottom = shown(&app, &mut state);
    assert!(bottom.contains("Book senior mental health"), "{bottom}");
    assert!(!bottom.contains("↓ more"), "{bottom}");
    // Clamped to what the panel holds: as many presses up bring the top back.
    let room = state.details_room();
    assert_eq!(app.details_scroll, room);
    for _ in 0..room {
        run(&mut app, [Action::PrevItem]);
    }
    assert_eq!(app.details_scroll, 0);
    // The wheel over the panel (below the map at 80x24) scrolls it too.
    let top = shown(&app, &mut state);
    assert!(state.over_details(5, 18) && !state.over_details(5, 5));
    app.scroll_details(3);
    assert_ne!(shown(&app, &mut state), top);
}
