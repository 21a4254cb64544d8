//! The map: six phase columns of boxes with the links routed between them, scrolled so
//! the selection shows. Where things go comes from `layout`; this only draws.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use super::UiState;
use super::hit::HitMap;
use super::panels::status_span;
use super::text::{fit, fit_padded, number, share, width};
use super::theme::Theme;
use crate::analysis::{FindingKind, Status, Target};
use crate::app::{Action, App, Mode, Panel, Selection};
use crate::layout::{Layout, LayoutOptions, MapRect, Viewport};
use crate::model::Pathway;

/// How many of the current pathway's weakest items `w` highlights.
pub const HIGHLIGHTED: usize = 5;

/// The last frame's layout and what it was made from.
#[derive(Debug)]
pub struct Cached {
    key: (u64, usize, u16, u16),
    layout: Layout,
    /// The screen cells the map's rows below the headings were drawn in.
    view: (u16, u16),
}

/// The layout for this pathway and area, from the cache when nothing has changed.
fn layout<'a>(state: &'a mut UiState, app: &App, pathway: &Pathway, area: Rect) -> &'a Layout {
    let key = (app.generation(), app.pathway, area.width, area.height);
    if state.map.as_ref().is_none_or(|c| c.key != key) {
        let options = LayoutOptions {
            width: u32::from(area.width),
            height: u32::from(area.height),
            ..LayoutOptions::default()
        };
        state.map = Some(Cached {
            key,
            layout: Layout::new(pathway, &options),
            view: (area.width, area.height.saturating_sub(1)),
        });
    }
    &state.map.as_ref().expect("just filled").layout
}

/// The viewport over the map's rows below the heading row (map row 0 stays on screen as
/// the column headings), so its `y` is one less than the map row it shows first.
fn body_size(layout: &Layout) -> (u32, u32) {
    (layout.width, layout.height.saturating_sub(1))
}

/// A box in body coordinates (map row 1 is body row 0).
fn body_rect(r: MapRect) -> MapRect {
    MapRect::new(r.x, r.y.saturating_sub(1), r.width, r.height)
}

/// Scrolls the current pathway's map by cells; false when there is nothing to scroll.
pub fn scroll(state: &mut UiState, app: &App, dx: i32, dy: i32) -> bool {
    let Some(pathway) = app.current_pathway() else {
        return false;
    };
    let Some(cached) = &state.map else {
        return false;
    };
    let (w, h) = body_size(&cached.layout);
    let (vx, vy) = state.offsets.get(&pathway.id).copied().unwrap_or_default();
    let view = Viewport {
        x: vx,
        y: vy,
        width: u32::from(cached.view.0),
        height: u32::from(cached.view.1),
    }
    .scrolled(i64::from(dx), i64::from(dy), w, h);
    state.offsets.insert(pathway.id.clone(), (view.x, view.y));
    true
}

/// Links of the current pathway that are weak hand-offs (DESIGN §5), by position.
fn weak_handoffs(app: &App, pathway: &Pathway) -> Vec<usize> {
    app.analysis()
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::WeakHandoff && f.pathway == app.pathway)
        .filter_map(|f| f.link.as_ref())
        .filter_map(|(from, to)| pathway.link_position(from, to))
        .collect()
}

/// The current pathway's highlighted weakest items with their rank, 1 first.
fn ranks(app: &App, pathway: &Pathway) -> (HashMap<usize, usize>, HashMap<usize, usize>) {
    let mut components = HashMap::new();
    let mut links = HashMap::new();
    if !app.show_weakest {
        return (components, links);
    }
    let current = app
        .analysis()
        .weakest
        .iter()
        .filter(|w| w.pathway == app.pathway);
    for (rank, w) in current.take(HIGHLIGHTED).enumerate() {
        match &w.target {
            Target::Component(id) => {
                if let Some(i) = pathway.position(id) {
                    components.insert(i, rank + 1);
                }
            }
            Target::Link { from, to } => {
                if let Some(i) = pathway.link_position(from, to) {
                    links.insert(i, rank + 1);
                }
            }
        }
    }
    (components, links)
}

/// How a box is marked, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// The box a new link would go to (connect mode).
    Target,
    Selected,
    /// The source of a link being connected.
    Source,
    Plain,
}

/// Draws the map panel and records its boxes for the mouse.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    state: &mut UiState,
    hits: &mut HitMap,
) {
    let focused = app.focus == Panel::Map;
    let Some(pathway) = app.current_pathway() else {
        let block = map_block(Line::styled(" No pathway ", theme.title), focused, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let text = Line::styled(" Press + to add a pathway", theme.dim);
        frame.render_widget(Paragraph::new(text), inner);
        return;
    };
    let block = map_block(map_title(app, pathway, focused, theme), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 || inner.width < 2 {
        return;
    }
    hits.set_map_area(inner);
    let (body_w, body_h, anchor) = {
        let layout = layout(state, app, pathway, inner);
        let (w, h) = body_size(layout);
        let anchor = app
            .anchor_id()
            .and_then(|id| pathway.position(id))
            .and_then(|i| layout.boxes.get(i))
            .copied();
        (w, h, anchor)
    };

    // Follow the selection unless the wheel moved the view since it last moved.
    let now = (app.pathway, app.selection.clone());
    if state.followed.as_ref() != Some(&now) {
        state.followed = Some(now);
        state.wheel_scrolled = false;
    }
    let (vx, vy) = state.offsets.get(&pathway.id).copied().unwrap_or_default();
    let mut view = Viewport {
        x: vx,
        y: vy,
        width: u32::from(inner.width),
        height: u32::from(inner.height - 1),
    }
    .clamped(body_w, body_h);
    if !state.wheel_scrolled
        && let Some(rect) = anchor
    {
        view = view.show(body_rect(rect), body_w, body_h);
    }
    state.offsets.insert(pathway.id.clone(), (view.x, view.y));
    let layout = &state.map.as_ref().expect("laid out above").layout;

    let painter = Painter {
        origin: (inner.x, inner.y + 1),
        view,
    };
    headings(frame.buffer_mut(), inner, layout, view, app, theme);
    if pathway.components().is_empty() {
        let text = Line::styled(
            " No components yet: press a to add one in the current column",
            theme.dim,
        );
        let rect = Rect::new(inner.x, inner.y + 2, inner.width, 1);
        frame.render_widget(text, rect);
        return;
    }
    let (box_ranks, link_ranks) = ranks(app, pathway);
    links(
        frame.buffer_mut(),
        &painter,
        layout,
        app,
        pathway,
        theme,
        &link_ranks,
    );
    let analysis = app.analysis().pathways.get(app.pathway);
    let connecting = match &app.mode {
        Mode::Connect { from } => Some(from.as_str()),
        _ => None,
    };
    for (i, (c, rect)) in pathway.components().iter().zip(&layout.boxes).enumerate() {
        let Some(screen) = painter.rect(*rect) else {
            continue;
        };
        let selected = app.selection == Some(Selection::Component(c.id.clone()));
        let mark = match (connecting, selected) {
            (Some(_), true) => Mark::Target,
            (_, true) => Mark::Selected,
            (Some(from), false) if from == c.id => Mark::Source,
            _ => Mark::Plain,
        };
        let status = analysis
            .and_then(|a| a.components.get(i))
            .map_or(Status::NoData, |a| a.score.status);
        let provider = c
            .provider
            .as_deref()
            .map(|id| app.document().organisation(id).map_or(id, |o| &o.name));
        let item = BoxItem {
            name: &c.name,
            provider,
            status,
            mark,
            rank: box_ranks.get(&i).copied(),
        };
        draw_box(
            frame.buffer_mut(),
            &painter,
            *rect,
            &item,
            layout.compact,
            theme,
        );
        hits.add(screen, Action::SelectComponent(c.id.clone()));
    }
}

/// The map's frame: a title line only, so the boxes get every other cell.
fn map_block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::new()
        .borders(Borders::TOP)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.border(focused))
        .title(title)
}

/// The pathway's name and overall status, strength and journeys.
fn map_title(app: &App, pathway: &Pathway, focused: bool, theme: &Theme) -> Line<'static> {
    let style = if focused {
        theme.border_focused
    } else {
        theme.title
    };
    let mut spans = vec![Span::styled(format!(" {} ", fit(&pathway.name, 40)), style)];
    if let Some(a) = app.analysis().pathways.get(app.pathway) {
        let journeys = a.journeys.total();
        let count = if journeys < 1e6 {
            number(journeys)
        } else {
            format!("{journeys:.1e}")
        };
        let plural = if journeys == 1.0 { "" } else { "s" };
        spans.push(Span::styled("· ", style));
        spans.push(status_span(a.status, theme));
        spans.push(Span::styled(
            format!(
                " · strength {} · {count} journey{plural} ",
                share(a.strength)
            ),
            style,
        ));
    }
    Line::from(spans)
}

/// Turns map cells into screen cells for one frame.
struct Painter {
    /// The screen cell of body row 0 at the viewport's left edge.
    origin: (u16, u16),
    view: Viewport,
}

impl Painter {
    /// The screen cell of a map cell (map row 1 is the first body row), if shown.
    fn cell(&self, x: u32, y: u32) -> Option<(u16, u16)> {
        let (sx, sy) = self.view.to_screen(x, y.checked_sub(1)?)?;
        Some((self.origin.0 + sx as u16, self.origin.1 + sy as u16))
    }

    /// The visible part of a map rectangle on screen.
    fn rect(&self, r: MapRect) -> Option<Rect> {
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

    fn put(&self, buf: &mut Buffer, x: u32, y: u32, ch: char, style: Style) {
        if let Some((sx, sy)) = self.cell(x, y)
            && let Some(cell) = buf.cell_mut((sx, sy))
        {
            cell.set_char(ch).set_style(style);
        }
    }

    /// A string from map cell (`x`, `y`), one cell per character (callers pass
    /// single-width text or text already fitted by cells).
    fn text(&self, buf: &mut Buffer, x: u32, y: u32, text: &str, style: Style) {
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

/// The phase headings, kept on the top row however far the map is scrolled down.
fn headings(
    buf: &mut Buffer,
    inner: Rect,
    layout: &Layout,
    view: Viewport,
    app: &App,
    theme: &Theme,
) {
    for column in &layout.columns {
        let x0 = column.x.max(view.x);
        let x1 = (column.x + column.width).min(view.x + view.width);
        if x0 >= x1 {
            continue;
        }
        let name = column.phase.name();
        let text = fit(name, column.width as usize);
        let pad = (column.width as usize).saturating_sub(width(&text)) / 2;
        let full = format!("{}{}", " ".repeat(pad), text);
        let mut style = if column.components.is_empty() {
            theme.dim
        } else {
            theme.heading
        };
        if column.phase == app.column {
            style = style.add_modifier(Modifier::UNDERLINED);
        }
        let skip = (x0 - column.x) as usize;
        let shown: String = full.chars().skip(skip).take((x1 - x0) as usize).collect();
        buf.set_string(inner.x + (x0 - view.x) as u16, inner.y, shown, style);
    }
}

/// Dotted forms of straight lines, for weak hand-offs.
fn dotted(ch: char) -> char {
    match ch {
        '─' => '┄',
        '│' => '┆',
        other => other,
    }
}

/// Links: all routes merged, then weak hand-offs dotted, highlighted ones with their
/// rank, and the selected link in the selection style.
fn links(
    buf: &mut Buffer,
    painter: &Painter,
    layout: &Layout,
    app: &App,
    pathway: &Pathway,
    theme: &Theme,
    ranks: &HashMap<usize, usize>,
) {
    let area = body_rect(painter.view.area());
    let area = MapRect::new(area.x, area.y + 1, area.width, area.height);
    for cell in layout.cells_in(area) {
        painter.put(buf, cell.x, cell.y, cell.ch, theme.link);
    }
    let selected = app
        .selected_link()
        .and_then(|l| pathway.link_position(&l.from, &l.to));
    let weak = weak_handoffs(app, pathway);
    for &i in &weak {
        let Some(route) = layout.routes.get(i) else {
            continue;
        };
        for cell in route.cells() {
            // Only where no other route shares the cell, so junctions stay whole.
            if layout.cell(cell.x, cell.y) == Some(cell.ch) {
                painter.put(buf, cell.x, cell.y, dotted(cell.ch), theme.weak_handoff);
            }
        }
    }
    for (&i, &rank) in ranks {
        let Some(route) = layout.routes.get(i) else {
            continue;
        };
        // Only where no other route shares the cell, as for weak hand-offs.
        let own: Vec<_> = route
            .cells()
            .into_iter()
            .filter(|c| layout.cell(c.x, c.y) == Some(c.ch))
            .collect();
        for cell in &own {
            painter.put(buf, cell.x, cell.y, cell.ch, theme.highlight);
        }
        if let Some(mid) = own.get(own.len() / 2) {
            let digit = char::from_digit(rank as u32, 10).unwrap_or('#');
            painter.put(buf, mid.x, mid.y, digit, theme.highlight);
        }
    }
    if let Some(i) = selected
        && let Some(route) = layout.routes.get(i)
    {
        for cell in route.cells() {
            let merged = layout.cell(cell.x, cell.y).unwrap_or(cell.ch);
            let ch = if weak.contains(&i) && merged == cell.ch {
                dotted(merged)
            } else {
                merged
            };
            painter.put(buf, cell.x, cell.y, ch, theme.selection);
        }
    }
}

/// What one box shows.
struct BoxItem<'a> {
    name: &'a str,
    provider: Option<&'a str>,
    status: Status,
    mark: Mark,
    rank: Option<usize>,
}

/// Box-drawing sets: corners top-left, top-right, bottom-left, bottom-right, then
/// horizontal and vertical.
const PLAIN: [char; 6] = ['┌', '┐', '└', '┘', '─', '│'];
const THICK: [char; 6] = ['┏', '┓', '┗', '┛', '━', '┃'];
const DOUBLE: [char; 6] = ['╔', '╗', '╚', '╝', '═', '║'];

/// One component: name in the top edge, provider inside, status symbol and word in the
/// bottom edge; or one row in compact form. Marked boxes get a thick or double edge, so
/// the mark does not depend on colour.
fn draw_box(
    buf: &mut Buffer,
    p: &Painter,
    r: MapRect,
    item: &BoxItem,
    compact: bool,
    theme: &Theme,
) {
    let (set, edge) = match item.mark {
        Mark::Target => (DOUBLE, theme.target),
        Mark::Selected => (THICK, theme.selection),
        Mark::Source => (THICK, theme.border_focused),
        Mark::Plain if item.rank.is_some() => (PLAIN, theme.highlight),
        Mark::Plain => (PLAIN, theme.border),
    };
    let inner = r.width.saturating_sub(2) as usize;
    let rank = item.rank.map(|n| format!("#{n}")).unwrap_or_default();
    let status_style = theme.status(item.status);
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
        p.text(buf, x, r.y, item.status.symbol(), status_style);
        let room = (r.x + 1 + inner as u32).saturating_sub(x + 2) as usize;
        let name_style = match item.mark {
            Mark::Plain => theme.text,
            _ => edge,
        };
        p.text(buf, x + 1, r.y, " ", name_style);
        p.text(buf, x + 2, r.y, &fit_padded(item.name, room), name_style);
        p.put(buf, r.right() - 1, r.y, right, edge);
        return;
    }
    let bottom = r.y + r.height - 1;
    // Top edge with the name.
    p.put(buf, r.x, r.y, set[0], edge);
    let name = fit(item.name, inner);
    let name_style = match item.mark {
        Mark::Plain => theme.title,
        _ => edge,
    };
    p.text(buf, r.x + 1, r.y, &name, name_style);
    for x in r.x + 1 + width(&name) as u32..r.right() - 1 {
        p.put(buf, x, r.y, set[4], edge);
    }
    p.put(buf, r.right() - 1, r.y, set[1], edge);
    // Sides and the provider.
    for y in r.y + 1..bottom {
        p.put(buf, r.x, y, set[5], edge);
        p.put(buf, r.right() - 1, y, set[5], edge);
        p.text(buf, r.x + 1, y, &" ".repeat(inner), theme.text);
    }
    match item.provider {
        Some(provider) => p.text(buf, r.x + 1, r.y + 1, &fit(provider, inner), theme.text),
        None => p.text(buf, r.x + 1, r.y + 1, &fit("no provider", inner), theme.dim),
    }
    // Bottom edge: status symbol and word, and the rank when highlighted.
    p.put(buf, r.x, bottom, set[2], edge);
    for x in r.x + 1..r.right() - 1 {
        p.put(buf, x, bottom, set[4], edge);
    }
    let full = status_span(item.status, theme).content.into_owned();
    let room = inner.saturating_sub(if rank.is_empty() { 0 } else { rank.len() + 1 });
    let shown = if width(&full) <= room {
        full
    } else {
        item.status.symbol().to_string()
    };
    p.text(buf, r.x + 1, bottom, &shown, status_style);
    if !rank.is_empty() && inner > rank.len() {
        let x = r.right() - 1 - rank.len() as u32;
        p.text(buf, x, bottom, &rank, theme.highlight);
    }
    p.put(buf, r.right() - 1, bottom, set[3], edge);
}
