//! Helpers for the workshop screen tests: open an example, apply actions, draw a
//! frame on a TestBackend and read it back.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use carepath::app::{Action, App};
use carepath::storage;
use carepath::ui::{self, HitMap, Theme, UiState};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// An example from `pathways/`, on a fixed day so overdue actions stay overdue.
pub fn open(name: &str) -> App {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("pathways")
        .join(name);
    let doc = storage::load(&path).expect("the example loads");
    let mut app = App::new(doc, Some(path), true);
    app.today = "2027-04-15".into();
    app
}

pub fn example() -> App {
    open("type1-diabetes.ron")
}

pub fn from_text(text: &str) -> App {
    let doc = storage::parse(text, Path::new("test.ron")).expect("the test network loads");
    App::new(doc, Some(PathBuf::from("test.ron")), true)
}

pub fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        app.update(a);
    }
}

pub fn draw(app: &App, theme: &Theme, w: u16, h: u16) -> (Buffer, HitMap) {
    draw_with(app, theme, &mut UiState::new(), w, h)
}

/// Renders one frame with the UI state kept by the caller; returns the buffer and the
/// hit map.
pub fn draw_with(
    app: &App,
    theme: &Theme,
    state: &mut UiState,
    w: u16,
    h: u16,
) -> (Buffer, HitMap) {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut hits = HitMap::default();
    terminal
        .draw(|f| hits = ui::render(f, app, theme, state))
        .unwrap();
    (terminal.backend().buffer().clone(), hits)
}

pub fn screen(app: &App, w: u16, h: u16) -> String {
    text(&draw(app, &Theme::default(), w, h).0)
}

/// The buffer's text, one line per row (a wide character's hidden cell left out).
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            let symbol = buf[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                continue;
            }
            out.push_str(symbol);
            skip = ratatui::text::Span::raw(symbol).width().saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

/// Every cell where `needle` starts, as (x, y).
pub fn find(buf: &Buffer, needle: &str) -> Vec<(u16, u16)> {
    let chars: Vec<char> = needle.chars().collect();
    let mut found = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width.saturating_sub(chars.len() as u16 - 1) {
            let hit = chars
                .iter()
                .enumerate()
                .all(|(i, c)| buf[(x + i as u16, y)].symbol() == c.to_string());
            if hit {
                found.push((x, y));
            }
        }
    }
    found
}

/// Three components, one of each status with data, and a weak hand-off.
pub const STATUSES: &str = r#"Network(
    format: 1,
    name: "Statuses",
    organisations: [
        Organisation(id: "gp", name: "GP", sector: Health, level: Primary),
        Organisation(id: "sc", name: "Social care team", sector: SocialCare, level: Community),
    ],
    pathways: [
        Pathway(
            id: "p",
            name: "Statuses",
            components: [
                Component(id: "red", name: "Red one", phase: Recognition, provider: "gp",
                    measures: [Measure(id: "m", name: "M", domain: Safety,
                        direction: HigherIsBetter, target: 100.0, value: 10.0)]),
                Component(id: "amber", name: "Amber one", phase: Assessment, provider: "sc",
                    measures: [Measure(id: "m", name: "M", domain: Safety,
                        direction: HigherIsBetter, target: 100.0, value: 95.0)]),
                Component(id: "green", name: "Green one", phase: Management,
                    measures: [Measure(id: "m", name: "M", domain: Safety,
                        direction: HigherIsBetter, target: 100.0, value: 100.0)]),
            ],
            links: [
                Link(from: "red", to: "amber"),
                Link(from: "amber", to: "green", integration: FullIntegration),
            ],
        ),
    ],
)"#;
