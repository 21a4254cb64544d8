//! Painting the map on screen: map cells to screen cells, in heavy lines for a
//! projector, and the component boxes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::map::body_rect;
use super::panels::status_span;
use super::text::{fit, fit_padded, visible, width};
use super::theme::Theme;
use crate::analysis::Status;
use crate::layout::wrap;
use crate::layout::{MapRect, Viewport};

/// How a box is marked, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The box a new link would go to (connect mode).
    Target,
    Selected,
    /// The source of a link being connected.
    Source,
    Plain,
}

/// Turns map cells into screen cells for one frame.
pub struct Painter {
    /// The screen cell of body row 0 at the viewport's left edge.
    pub origin: (u16, u16),
    pub view: Viewport,
    /// Lines in their heavy forms, in bold (presentation).
    pub heavy: bool,
}

/// The heavy form of a line character, for a projector.
fn heavy(ch: char) -> Option<char> {
    const LIGHT: &str = "─│┌┐└┘├┤┬┴┼┄┆";
    const HEAVY: &str = "━┃┏┓┗┛┣┫┳┻╋┅┇";
    LIGHT
        .chars()
        .position(|c| c == ch)
        .and_then(|i| HEAVY.chars().nth(i))
}

impl Painter {
    /// The screen cell of a map cell (map row 1 is the first body row), if shown.
    pub fn cell(&self, x: u32, y: u32) -> Option<(u16, u16)> {
        let (sx, sy) = self.view.to_screen(x, y.checked_sub(1)?)?;
        Some((self.origin.0 + sx as u16, self.origin.1 + sy as u16))
    }

    /// The visible part of a map rectangle on screen.
    pub fn rect(&self, r: MapRect) -> Option<Rect> {
        let body = body_rect(r);
        let area = self.view.area();
        let x0 = body.x.max(area.x);
        let y0 = body.y.max(area.y);
        let x1 = body.right().min(area.right());
        let y1 = body.bottom().min(area.bottom());
        (x0 < x1 && y0 < y1).then(|| {
            Rect::new(
                self.origin.0 + (x0 - area.x) as u16,
                self.origin.1 + (y0 - area.y) as u16,
                (x1 - x0) as u16,
                (y1 - y0) as u16,
            )
        })
    }

    pub fn put(&self, buf: &mut Buffer, x: u32, y: u32, ch: char, style: Style) {
        let (ch, style) = match heavy(ch).filter(|_| self.heavy) {
            Some(h) => (h, style.add_modifier(Modifier::BOLD)),
            None => (ch, style),
        };
        if let Some((sx, sy)) = self.cell(x, y)
            && let Some(cell) = buf.cell_mut((sx, sy))
        {
            cell.set_char(ch).set_style(style);
        }
    }

    /// A string from map cell (`x`, `y`), one cell per character (callers pass
    /// single-width text or text already fitted by cells).
    pub fn text(&self, buf: &mut Buffer, x: u32, y: u32, text: &str, style: Style) {
        let mut at = x;
        for c in text.chars() {
            let w = width(c.encode_utf8(&mut [0; 4])) as u32;
            if w == 0 {
                continue;
            }
            if w == 1 {
                self.put(buf, at, y, c, style);
            } else if let (Some(a), Some(_)) = (self.cell(at, y), self.cell(at + w - 1, y)) {
                // A wide character only where it shows whole.
                buf.set_string(a.0, a.1, c.to_string(), style);
            }
            at += w;
        }
    }
}

/// What one box shows.
pub struct BoxItem<'a> {
    pub name: &'a str,
    pub provider: Option<&'a str>,
    /// None: status not shown (presentation before reveal).
    pub status: Option<Status>,
    pub mark: Mark,
    pub rank: Option<usize>,
}

/// Box-drawing sets: corners top-left, top-right, bottom-left, bottom-right, then
/// horizontal and vertical.
const PLAIN: [char; 6] = ['┌', '┐', '└', '┘', '─', '│'];
const THICK: [char; 6] = ['┏', '┓', '┗', '┛', '━', '┃'];
const DOUBLE: [char; 6] = ['╔', '╗', '╚', '╝', '═', '║'];

/// How the layout shaped every box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoxShape {
    pub compact: bool,
    /// Lines of name, the first in the top edge.
    pub name_lines: u32,
    /// A line for the provider above the bottom edge.
    pub provider_line: bool,
}

impl BoxShape {
    pub fn of(layout: &crate::layout::Layout) -> BoxShape {
        BoxShape {
            compact: layout.compact,
            name_lines: layout.name_lines,
            provider_line: layout.provider_line,
        }
    }
}

/// One component: its name wrapped from the top edge down (cut with `…` only past the
/// lines it has), the provider on its own line when there is one, status symbol and word
/// in the bottom edge (with the provider there when it has no line); or one row in
/// compact form. Marked boxes get a thick or double edge, so the mark does not depend
/// on colour.
pub fn draw_box(
    buf: &mut Buffer,
    p: &Painter,
    r: MapRect,
    item: &BoxItem,
    shape: BoxShape,
    theme: &Theme,
) {
    let compact = shape.compact;
    let (set, edge) = match item.mark {
        Mark::Target => (DOUBLE, theme.target),
        Mark::Selected => (THICK, theme.selection),
        Mark::Source => (THICK, theme.border_focused),
        Mark::Plain if item.rank.is_some() => (PLAIN, theme.highlight),
        Mark::Plain => (PLAIN, theme.border),
    };
    let inner = r.width.saturating_sub(2) as usize;
    let rank = item.rank.map(|n| format!("#{n}")).unwrap_or_default();
    let status_style = item.status.map_or(theme.text, |s| theme.status(s));
    let symbol = item.status.map_or(" ", Status::symbol);
    if compact || r.height < 3 {
        let (left, right) = match item.mark {
            Mark::Plain => ('[', ']'),
            _ => (set[5], set[5]),
        };
        p.put(buf, r.x, r.y, left, edge);
        let mut x = r.x + 1;
        if !rank.is_empty() && inner > rank.len() + 2 {
            p.text(buf, x, r.y, &rank, theme.highlight);
            x += rank.len() as u32;
        }
        let name_style = match item.mark {
            Mark::Plain => theme.text,
            _ => edge,
        };
        if item.status.is_some() {
            p.text(buf, x, r.y, symbol, status_style);
            p.text(buf, x + 1, r.y, " ", name_style);
            x += 2;
        }
        let room = (r.x + 1 + inner as u32).saturating_sub(x) as usize;
        p.text(buf, x, r.y, &fit_padded(item.name, room), name_style);
        p.put(buf, r.right() - 1, r.y, right, edge);
        return;
    }
    let bottom = r.y + r.height - 1;
    let name_style = match item.mark {
        Mark::Plain => theme.title,
        _ => edge,
    };
    let rows = (r.height - 2) as usize;
    let lines = shape.name_lines.max(1) as usize;
    let name = wrap(&visible(item.name), inner, lines.min(rows + 1));
    // Top edge with the name's first line.
    p.put(buf, r.x, r.y, set[0], edge);
    let first = name.first().map_or("", String::as_str);
    p.text(buf, r.x + 1, r.y, first, name_style);
    for x in r.x + 1 + width(first) as u32..r.right() - 1 {
        p.put(buf, x, r.y, set[4], edge);
    }
    p.put(buf, r.right() - 1, r.y, set[1], edge);
    // Sides, the rest of the name and the provider.
    for y in r.y + 1..bottom {
        p.put(buf, r.x, y, set[5], edge);
        p.put(buf, r.right() - 1, y, set[5], edge);
        p.text(buf, r.x + 1, y, &" ".repeat(inner), theme.text);
    }
    for (k, line) in name.iter().enumerate().skip(1) {
        p.text(buf, r.x + 1, r.y + k as u32, line, name_style);
    }
    // The provider's own line, or else the first line a short name leaves free.
    let provider_at = if shape.provider_line && rows >= lines {
        Some(bottom - 1)
    } else {
        (name.len() <= rows).then_some(r.y + name.len() as u32)
    };
    let provider_row = provider_at.is_some();
    if let Some(y) = provider_at {
        match item.provider {
            Some(provider) => p.text(buf, r.x + 1, y, &fit(provider, inner), theme.text),
            None => p.text(buf, r.x + 1, y, &fit("no provider", inner), theme.dim),
        }
    }
    // Bottom edge: status symbol and word (or the provider when it has no line), and
    // the rank when highlighted.
    p.put(buf, r.x, bottom, set[2], edge);
    for x in r.x + 1..r.right() - 1 {
        p.put(buf, x, bottom, set[4], edge);
    }
    let room = inner.saturating_sub(if rank.is_empty() { 0 } else { rank.len() + 1 });
    let mut x = r.x + 1;
    if let Some(status) = item.status {
        let full = status_span(status, theme).content.into_owned();
        let shown = if provider_row && width(&full) <= room {
            full
        } else {
            symbol.to_string()
        };
        p.text(buf, x, bottom, &shown, status_style);
        x += width(&shown) as u32 + 1;
    }
    if !provider_row && let Some(provider) = item.provider {
        let left = (r.x + 1 + room as u32).saturating_sub(x) as usize;
        p.text(buf, x, bottom, &fit(provider, left), theme.dim);
    }
    if !rank.is_empty() && inner > rank.len() {
        let x = r.right() - 1 - rank.len() as u32;
        p.text(buf, x, bottom, &rank, theme.highlight);
    }
    p.put(buf, r.right() - 1, bottom, set[3], edge);
}
