//! The map: six phase columns of boxes with the links routed between them, scrolled so
//! the selection shows. Where things go comes from `layout`; this only draws.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use super::UiState;
use super::boxes::{BoxItem, BoxShape, Mark, Painter, draw_box};
use super::hit::HitMap;
use super::panels::{status_span, unlinked};
use super::text::{fit, number, share, width};
use super::theme::Theme;
use crate::analysis::{FindingKind, Status, Target};
use crate::app::{Action, App, Mode, Panel, Selection};
use crate::layout::{Layout, LayoutOptions, MapRect, Viewport};
use crate::model::{Pathway, Phase};

/// How many of the current pathway's weakest items `w` highlights.
pub const HIGHLIGHTED: usize = 5;

/// The last frame's layout and what it was made from.
#[derive(Debug)]
pub struct Cached {
    key: (u64, usize, u16, u16, crate::layout::BoxSize),
    layout: Layout,
    /// The screen cells the map's rows below the headings were drawn in.
    view: (u16, u16),
}

/// The layout for this pathway and area, from the cache when nothing has changed.
fn layout<'a>(state: &'a mut UiState, app: &App, pathway: &Pathway, area: Rect) -> &'a Layout {
    let key = (
        app.generation(),
        app.pathway,
        area.width,
        area.height,
        app.zoom,
    );
    if state.map.as_ref().is_none_or(|c| c.key != key) {
        let options = LayoutOptions {
            width: u32::from(area.width),
            height: u32::from(area.height),
            boxes: app.zoom,
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
pub(super) fn body_rect(r: MapRect) -> MapRect {
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

/// Links of the current pathway that are weak hand-offs (README: status and weakest links), by position.
pub(super) fn weak_handoffs(app: &App, pathway: &Pathway) -> Vec<usize> {
    app.analysis()
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::WeakHandoff && f.pathway == app.pathway)
        .filter_map(|f| match f.target {
            Some(Target::Link(j)) if j < pathway.links().len() => Some(j),
            _ => None,
        })
        .collect()
}

/// Positions of components and of links with their rank.
pub(super) type Ranks = (HashMap<usize, usize>, HashMap<usize, usize>);

/// The current pathway's highlighted weakest items with their rank, 1 first; none
/// unless `show`.
pub(super) fn ranks(app: &App, pathway: &Pathway, show: bool) -> Ranks {
    let mut components = HashMap::new();
    let mut links = HashMap::new();
    if !show {
        return (components, links);
    }
    let current = app
        .analysis()
        .weakest
        .iter()
        .filter(|w| w.pathway == app.pathway);
    for (rank, w) in current.take(HIGHLIGHTED).enumerate() {
        match w.target {
            Target::Component(i) if i < pathway.components().len() => {
                components.insert(i, rank + 1);
            }
            Target::Link(j) if j < pathway.links().len() => {
                links.insert(j, rank + 1);
            }
            _ => {}
        }
    }
    (components, links)
}

/// How the map is dressed: the editor's, or presentation's before and after reveal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Status symbols and words on the boxes.
    pub status: bool,
    /// Weak hand-offs marked.
    pub weak: bool,
    /// The weakest items numbered.
    pub ranks: bool,
    /// Presentation: heavy bold lines, no selection or column mark.
    pub heavy: bool,
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
    let look = Look {
        status: true,
        weak: true,
        ranks: app.show_weakest,
        heavy: false,
    };
    body(frame, inner, app, theme, state, hits, look);
}

/// The map of the current pathway in `inner`: phase headings on its top row, then the
/// boxes and links, scrolled to follow the selection.
pub(super) fn body(
    frame: &mut Frame,
    inner: Rect,
    app: &App,
    theme: &Theme,
    state: &mut UiState,
    hits: &mut HitMap,
    look: Look,
) {
    let Some(pathway) = app.current_pathway() else {
        return;
    };
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
        heavy: look.heavy,
    };
    let current = (!look.heavy).then_some(app.column);
    headings(frame.buffer_mut(), inner, layout, view, current, theme);
    if pathway.components().is_empty() {
        let text = Line::styled(
            " No components yet: press a to add one in the current column",
            theme.dim,
        );
        let rect = Rect::new(inner.x, inner.y + 2, inner.width, 1);
        frame.render_widget(text, rect);
        return;
    }
    let (box_ranks, link_ranks) = ranks(app, pathway, look.ranks);
    let weak = if look.weak {
        weak_handoffs(app, pathway)
    } else {
        Vec::new()
    };
    let routes = Routes {
        weak: &weak,
        ranks: &link_ranks,
        selected: app
            .selected_link()
            .filter(|_| !look.heavy)
            .and_then(|l| pathway.link_position(&l.from, &l.to)),
    };
    links(frame.buffer_mut(), &painter, layout, &routes, theme);
    let analysis = app.analysis().pathways.get(app.pathway);
    let connecting = match &app.mode {
        Mode::Connect { from, .. } => Some(from.as_str()),
        _ => None,
    };
    for (i, (c, rect)) in pathway.components().iter().zip(&layout.boxes).enumerate() {
        let Some(screen) = painter.rect(*rect) else {
            continue;
        };
        let selected = !look.heavy && app.selection == Some(Selection::Component(c.id.clone()));
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
            status: look.status.then_some(status),
            mark,
            rank: box_ranks.get(&i).copied(),
        };
        draw_box(
            frame.buffer_mut(),
            &painter,
            *rect,
            &item,
            BoxShape::of(layout),
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
    if let Some(missing) = unlinked(app) {
        spans.push(Span::styled("· ", style));
        spans.push(Span::styled(
            format!("{} ", lowercase_first(missing)),
            theme.highlight,
        ));
        return Line::from(spans);
    }
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

/// The phase headings, kept on the top row however far the map is scrolled down.
fn headings(
    buf: &mut Buffer,
    inner: Rect,
    layout: &Layout,
    view: Viewport,
    current: Option<Phase>,
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
        if Some(column.phase) == current {
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

/// Which links are marked, by position.
struct Routes<'a> {
    weak: &'a [usize],
    ranks: &'a HashMap<usize, usize>,
    selected: Option<usize>,
}

/// Links: all routes merged, then weak hand-offs dotted (with a ⚠ in presentation),
/// highlighted ones with their rank, and the selected link in the selection style.
fn links(buf: &mut Buffer, painter: &Painter, layout: &Layout, routes: &Routes, theme: &Theme) {
    let area = body_rect(painter.view.area());
    let area = MapRect::new(area.x, area.y + 1, area.width, area.height);
    for cell in layout.cells_in(area) {
        painter.put(buf, cell.x, cell.y, cell.ch, theme.link);
    }
    // A route's cells on screen that no other route shares, so junctions stay whole.
    // Routes wholly off screen are not traced at all: a big pathway has hundreds.
    let visible = |i: usize| {
        layout
            .routes
            .get(i)
            .filter(|r| r.bounds().intersects(&area))
    };
    let own = |i: usize| -> Vec<_> {
        visible(i).map_or_else(Vec::new, |route| {
            route
                .cells()
                .into_iter()
                .filter(|c| area.contains(c.x, c.y) && layout.cell(c.x, c.y) == Some(c.ch))
                .collect()
        })
    };
    for &i in routes.weak {
        let cells = own(i);
        for cell in &cells {
            painter.put(buf, cell.x, cell.y, dotted(cell.ch), theme.weak_handoff);
        }
        if painter.heavy
            && let Some(mid) = cells.get(cells.len() / 2)
        {
            painter.put(buf, mid.x, mid.y, '⚠', theme.weak_handoff);
        }
    }
    for (&i, &rank) in routes.ranks {
        let cells = own(i);
        for cell in &cells {
            painter.put(buf, cell.x, cell.y, cell.ch, theme.highlight);
        }
        if let Some(mid) = cells.get(cells.len() / 2) {
            let digit = char::from_digit(rank as u32, 10).unwrap_or('#');
            painter.put(buf, mid.x, mid.y, digit, theme.highlight);
        }
    }
    if let Some(i) = routes.selected
        && let Some(route) = visible(i)
    {
        for cell in route.cells() {
            let merged = layout.cell(cell.x, cell.y).unwrap_or(cell.ch);
            let ch = if routes.weak.contains(&i) && merged == cell.ch {
                dotted(merged)
            } else {
                merged
            };
            painter.put(buf, cell.x, cell.y, ch, theme.selection);
        }
    }
}

/// "Link components…" as it reads after a `·`.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_lowercase().chain(chars).collect::<String>()
    })
}
