//! Drawing the editor. `render` reads the `App` and never changes it; what it keeps
//! between frames (scroll offsets, the last layout) lives in `UiState`, and what it drew
//! where comes back as a `HitMap` for the mouse.

mod actions;
mod boxes;
mod counted;
mod examine;
mod hit;
mod map;
pub mod measure_view;
mod overlays;
mod overview;
mod panels;
mod present;
mod rows;
mod status;
mod text;
mod theme;

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::{App, Mode, Selection};

pub use hit::HitMap;
pub use text::visible;
pub use theme::{DEFAULT_THEME, ROLES, Theme, Themes, differing_roles, user_theme_dir};

/// The smallest screen carepath draws on; below it a message says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width the details and weakest-links panels go to the right of the map.
const SIDE_PANELS_WIDTH: u16 = 120;
/// The side panels' narrowest and widest: wide enough for a measure line, and no wider,
/// so the map's boxes get the room.
const SIDE_PANEL: (u16, u16) = (30, 44);

/// UI-only state the event loop keeps between frames.
#[derive(Debug, Default)]
pub struct UiState {
    /// The map's scroll offset, per pathway id.
    offsets: HashMap<String, (u32, u32)>,
    /// True after the wheel moved the map: the view stays put until the selection moves.
    wheel_scrolled: bool,
    /// The pathway and selection the view last followed.
    followed: Option<(usize, Option<Selection>)>,
    /// The last frame's map layout, reused while nothing it depends on has changed.
    map: Option<map::Cached>,
    /// How far the help overlay is scrolled, when it does not fit.
    help_scroll: u16,
    /// Where the details panel was drawn and how far it could scroll then.
    details: Option<(Rect, usize)>,
}

impl UiState {
    pub fn new() -> UiState {
        UiState::default()
    }

    /// Scrolls the map (or the help overlay, when it is open) by whole cells, as the mouse
    /// wheel does. The view then stays where the user put it until the selection moves.
    pub fn scroll(&mut self, app: &App, dx: i32, dy: i32) {
        if app.mode == Mode::Help {
            let dy = dy.clamp(i32::from(i16::MIN), i32::from(i16::MAX)) as i16;
            self.help_scroll = self.help_scroll.saturating_add_signed(dy);
            return;
        }
        if map::scroll(self, app, dx, dy) {
            self.wheel_scrolled = true;
        }
    }

    /// How far the last frame's details panel could scroll, for `App::clamp_details_scroll`.
    pub fn details_room(&self) -> usize {
        self.details.map_or(0, |(_, most)| most)
    }

    /// True when the wheel at this cell should scroll the details panel.
    pub fn over_details(&self, column: u16, row: u16) -> bool {
        self.details
            .is_some_and(|(r, _)| r.contains(ratatui::layout::Position::new(column, row)))
    }

    /// The map's scroll offset for the current pathway, in map cells.
    pub fn offset(&self, app: &App) -> (u32, u32) {
        app.current_pathway()
            .and_then(|p| self.offsets.get(&p.id))
            .copied()
            .unwrap_or_default()
    }
}

/// Scrolls the map by whole cells (the mouse wheel): `UiState::scroll`.
pub fn scroll(state: &mut UiState, app: &App, dx: i32, dy: i32) {
    state.scroll(app, dx, dy);
}

/// Draws one screen and returns what was drawn where.
pub fn render(frame: &mut Frame, app: &App, theme: &Theme, state: &mut UiState) -> HitMap {
    let area = frame.area();
    let mut hits = HitMap::new();
    frame.buffer_mut().set_style(area, theme.text);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        overlays::too_small(frame, area, theme);
        return hits;
    }
    if app.mode != Mode::Help {
        state.help_scroll = 0;
    }
    if let Mode::Present { .. } = app.mode {
        present::draw(frame, area, app, theme, state, &mut hits);
        return hits;
    }
    // The weakest-links panel beside the map takes the rows its entries need (and a
    // line for an unlinked pathway's note); details take the rest.
    let weakest_rows = app.analysis().weakest.len() + 3;
    let screen = Screen::split(area, panels_folded(app, area), weakest_rows);
    status::tabs(frame, screen.tabs, app, theme, &mut hits);
    map::draw(frame, screen.map, app, theme, state, &mut hits);
    state.details = None;
    if screen.details.height == 1 {
        panels::folded(frame, screen.details, app, theme);
    } else {
        let most = panels::details(frame, screen.details, app, theme);
        state.details = Some((screen.details, most));
        panels::weakest(frame, screen.weakest, app, theme, &mut hits);
    }
    status::status_line(frame, screen.status, app, theme);
    overlays::draw(frame, area, app, theme, state, &mut hits);
    hits
}

/// Between these widths the panels beside the map would leave its boxes too narrow
/// for names, so they start folded to one line under it; `f` shows them.
const FOLDED_WIDTHS: std::ops::Range<u16> = SIDE_PANELS_WIDTH..140;

/// Whether the panels are folded: by the screen's width, unless `f` switched them.
fn panels_folded(app: &App, area: Rect) -> bool {
    FOLDED_WIDTHS.contains(&area.width) != app.panels_folded
}

/// Where each part of the main screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Screen {
    tabs: Rect,
    map: Rect,
    details: Rect,
    weakest: Rect,
    /// Two rows: file and message, then key hints (or the find line).
    status: Rect,
}

impl Screen {
    /// The map takes most of the screen; the panels go to its right on a wide screen
    /// (no wider than they need, so the map's boxes get the width), below it otherwise,
    /// details beside weakest links; folded, the map has the screen but one line, which
    /// sums the selection up (`details`, one row high; `weakest` empty).
    fn split(area: Rect, folded: bool, weakest_rows: usize) -> Screen {
        let tabs = Rect { height: 1, ..area };
        let status = Rect {
            y: area.bottom() - 2,
            height: 2,
            ..area
        };
        let body = Rect {
            y: area.y + 1,
            height: area.height - 3,
            ..area
        };
        if folded {
            let map = Rect {
                height: body.height - 1,
                ..body
            };
            let details = Rect {
                y: map.bottom(),
                height: 1,
                ..body
            };
            let weakest = Rect {
                y: body.bottom(),
                height: 0,
                ..body
            };
            return Screen {
                tabs,
                map,
                details,
                weakest,
                status,
            };
        }
        let (map, panels, side) = if area.width >= SIDE_PANELS_WIDTH {
            let w = (body.width / 5).clamp(SIDE_PANEL.0, SIDE_PANEL.1);
            let map = Rect {
                width: body.width - w,
                ..body
            };
            let panels = Rect {
                x: map.right(),
                width: w,
                ..body
            };
            (map, panels, true)
        } else {
            let h = (body.height / 3).max(7);
            let map = Rect {
                height: body.height - h,
                ..body
            };
            let panels = Rect {
                y: map.bottom(),
                height: h,
                ..body
            };
            (map, panels, false)
        };
        let (details, weakest) = if side {
            let most = panels.height * 2 / 5;
            let wanted = u16::try_from(weakest_rows)
                .unwrap_or(u16::MAX)
                .clamp(5, most.max(5));
            let h = panels.height.saturating_sub(wanted.min(most));
            (
                Rect {
                    height: h,
                    ..panels
                },
                Rect {
                    y: panels.y + h,
                    height: panels.height - h,
                    ..panels
                },
            )
        } else {
            let w = panels.width * 3 / 5;
            (
                Rect { width: w, ..panels },
                Rect {
                    x: panels.x + w,
                    width: panels.width - w,
                    ..panels
                },
            )
        };
        Screen {
            tabs,
            map,
            details,
            weakest,
            status,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_screens_put_panels_below_wide_ones_beside() {
        let s = Screen::split(Rect::new(0, 0, 80, 24), false, 10);
        assert_eq!((s.tabs.height, s.status.y, s.status.height), (1, 22, 2));
        assert_eq!(s.map, Rect::new(0, 1, 80, 14));
        assert_eq!(s.details.y, 15);
        assert_eq!(s.details.right(), s.weakest.x);
        let w = Screen::split(Rect::new(0, 0, 160, 48), false, 10);
        assert_eq!(w.map.height, 45);
        assert_eq!(w.details.x, w.map.right());
        assert_eq!(w.details.bottom(), w.weakest.y);
        // Beside the map, weakest links take the rows they need, up to two fifths.
        assert_eq!(w.weakest.height, 10);
        let many = Screen::split(Rect::new(0, 0, 160, 48), false, 100);
        assert_eq!(many.weakest.height, 18);
    }
}
