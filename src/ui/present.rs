//! Presentation mode (`p`): the map alone, for a room looking at a projector. One phase
//! at a time in large boxes, or the whole pathway; statuses and weak links stay hidden
//! until revealed (`r`), so the room discusses before it sees the answer.
//!
//! Nothing essential is in a thin line or a dim colour: boxes have heavy bold edges,
//! and a revealed status always has its symbol and word.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph};

use super::UiState;
use super::hit::HitMap;
use super::map::{self, Look};
use super::panels::status_span;
use super::text::{fit, share, visible, width, with_unit, wrap};
use super::theme::Theme;
use crate::analysis::{FindingKind, Status, attainment, measure_status};
use crate::app::{App, Mode};
use crate::model::{Component, Pathway, Phase};

/// Presentation (`Mode::Present`), in place of the whole editor screen.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    state: &mut UiState,
    hits: &mut HitMap,
) {
    let Mode::Present { phase, reveal } = app.mode else {
        return;
    };
    let banner_row = Rect { height: 1, ..area };
    let footer_row = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    let body = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(3),
        ..area
    };
    banner(frame, banner_row, app, phase, reveal, theme);
    footer(frame, footer_row, phase, reveal, theme);
    let Some(pathway) = app.current_pathway() else {
        let text = Line::styled("No pathway yet: press Esc, then + to add one", theme.title);
        frame.render_widget(Paragraph::new(text).centered(), body);
        return;
    };
    match phase {
        Some(phase) => {
            let shown = members(app, pathway, phase, reveal, theme);
            if shown.is_empty() {
                empty_phase(frame, body, app, phase, reveal, theme);
            } else {
                one_phase(frame, body, &shown, theme);
            }
        }
        None => {
            let look = Look {
                status: reveal,
                weak: reveal,
                ranks: reveal,
                heavy: true,
            };
            map::body(frame, body, app, theme, state, hits, look);
        }
    }
}

/// "R E V I E W": a name spaced out in capitals, to read from the back of the room.
fn spaced(name: &str) -> String {
    name.to_uppercase()
        .chars()
        .map(|c| {
            if c == ' ' {
                "  ".to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The top row: the phase (or "whole pathway") and the pathway's name, on a solid bar;
/// after reveal, the pathway's status and strength at its right end.
fn banner(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    phase: Option<Phase>,
    reveal: bool,
    theme: &Theme,
) {
    let style = theme.tab_active.add_modifier(Modifier::BOLD);
    frame.buffer_mut().set_style(area, style);
    let mut chip = Vec::new();
    if reveal && let Some(a) = app.analysis().pathways.get(app.pathway) {
        let plain = theme.text.add_modifier(Modifier::BOLD);
        chip = vec![
            Span::styled(" ", plain),
            status_span(a.status, theme).patch_style(theme.text.patch(theme.status(a.status))),
            Span::styled(format!(" · strength {} ", share(a.strength)), plain),
        ];
    }
    let chip_w: usize = chip.iter().map(|s| width(&s.content)).sum();
    let what = phase.map_or("Whole pathway", Phase::name);
    let pathway = app
        .current_pathway()
        .map_or_else(String::new, |p| visible(&p.name).into_owned());
    let room = (area.width as usize).saturating_sub(chip_w + 1);
    let big = format!(" {}   ·   {pathway} ", spaced(what));
    let text = if width(&big) <= room {
        big
    } else {
        let plain = format!(" {}  ·  ", what.to_uppercase());
        let left = room.saturating_sub(width(&plain) + 1);
        format!("{plain}{}", fit(&pathway, left))
    };
    frame.render_widget(Line::styled(text, style), area);
    if chip_w > 0 && chip_w < area.width as usize {
        let chip_area = Rect {
            x: area.right() - chip_w as u16,
            width: chip_w as u16,
            ..area
        };
        frame.render_widget(Line::from(chip), chip_area);
    }
}

/// The bottom row, discreet: where the room is and the keys; after reveal, what the
/// marks mean, where it fits.
fn footer(frame: &mut Frame, area: Rect, phase: Option<Phase>, reveal: bool, theme: &Theme) {
    let at = match phase {
        Some(p) => format!(
            " {} · phase {} of {}  ",
            p.name(),
            p.index() + 1,
            Phase::ALL.len()
        ),
        None => " whole pathway  ".to_string(),
    };
    let mut spans = vec![Span::styled(at, theme.title)];
    let whole = if phase.is_some() {
        "whole pathway"
    } else {
        "one phase"
    };
    // The key table's hints, in the words of the moment.
    let keys = crate::app::hints(crate::app::KeyMode::Present);
    for (key, what) in keys {
        let what = match what {
            "whole pathway" => whole,
            "reveal" if reveal => "hide",
            other => other,
        };
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    if reveal {
        let legend = [
            Span::styled("⚠ weak hand-off", theme.weak_handoff),
            Span::raw("  "),
            Span::styled("#1 weakest", theme.highlight),
        ];
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let more: usize = legend.iter().map(|s| width(&s.content)).sum();
        if used + more <= area.width as usize {
            spans.extend(legend);
        }
    }
    frame.render_widget(Line::from(spans), area);
}

/// One side of a component's links: the names at the other ends, weak hand-offs and
/// ranked links first once revealed.
struct Ends {
    label: &'static str,
    /// Name, mark ("⚠ ", "#2 ") and its style.
    items: Vec<(String, String, Style)>,
}

/// A component's links in and out, as names, for a phase shown without its neighbours;
/// `weak` and `link_ranks` are empty before reveal.
fn ends(
    pathway: &Pathway,
    c: &Component,
    weak: &[usize],
    link_ranks: &HashMap<usize, usize>,
    theme: &Theme,
) -> [Ends; 2] {
    let mut from = Ends {
        label: "from: ",
        items: Vec::new(),
    };
    let mut to = Ends {
        label: "to: ",
        items: Vec::new(),
    };
    let mut keyed = [Vec::new(), Vec::new()];
    for (i, link) in pathway.links().iter().enumerate() {
        let (side, other) = if link.to == c.id {
            (0, &link.from)
        } else if link.from == c.id {
            (1, &link.to)
        } else {
            continue;
        };
        let name = pathway
            .component(other)
            .map_or_else(|| other.clone(), |o| o.name.clone());
        let rank = link_ranks.get(&i).copied();
        let is_weak = weak.contains(&i);
        let mut mark = String::new();
        if let Some(n) = rank {
            mark.push_str(&format!("#{n} "));
        }
        if is_weak {
            mark.push_str("⚠ ");
        }
        let style = match (rank, is_weak) {
            (Some(_), _) => theme.highlight,
            (None, true) => theme.weak_handoff,
            (None, false) => theme.text,
        };
        // Marked ones first, the rest in the author's order.
        let key = (rank.unwrap_or(usize::MAX), !is_weak, i);
        keyed[side].push((key, (name, mark, style)));
    }
    for (side, list) in keyed.iter_mut().enumerate() {
        list.sort_by_key(|(k, _)| *k);
        let target = if side == 0 { &mut from } else { &mut to };
        target.items = list.drain(..).map(|(_, item)| item).collect();
    }
    [from, to]
}

/// The items after a label, on as many lines as `wrap` allows (one when false), each
/// item whole where it fits and cut where it does not.
fn link_lines(ends: &Ends, w: usize, wrapped: bool, theme: &Theme) -> Vec<Line<'static>> {
    if ends.items.is_empty() {
        return Vec::new();
    }
    let indent = width(ends.label);
    let mut lines = Vec::new();
    let mut spans = vec![Span::styled(ends.label, theme.heading)];
    let mut used = indent;
    for (n, (name, mark, style)) in ends.items.iter().enumerate() {
        let sep = if n == 0 || used == indent { "" } else { " · " };
        let whole = width(mark) + width(&visible(name));
        if n > 0 && used + width(sep) + whole > w && wrapped {
            lines.push(Line::from(std::mem::take(&mut spans)));
            spans.push(Span::raw(" ".repeat(indent)));
            used = indent;
        }
        let sep = if used == indent { "" } else { " · " };
        let room = w.saturating_sub(used + width(sep) + width(mark));
        if room == 0 {
            break;
        }
        let shown = fit(name, room);
        used += width(sep) + width(mark) + width(&shown);
        spans.push(Span::raw(sep));
        spans.push(Span::styled(format!("{mark}{shown}"), *style));
    }
    lines.push(Line::from(spans));
    lines
}

/// The weakest measure with data, for a revealed box: "✗ DKA at diagnosis 25.6% vs
/// 15%" (the value against its target).
fn weakest_measure(c: &Component, theme: &Theme) -> Option<Line<'static>> {
    let (_, m) = c
        .measures
        .iter()
        .filter_map(|m| attainment(m).map(|a| (a, m)))
        .min_by(|(a, _), (b, _)| a.total_cmp(b))?;
    let status = measure_status(m);
    Some(Line::from(vec![
        Span::styled(status.symbol().to_string(), theme.status(status)),
        Span::raw(format!(
            " {} {} vs {}",
            visible(&m.name),
            with_unit(m.value.unwrap_or_default(), &m.unit),
            with_unit(m.target, &m.unit)
        )),
    ]))
}

/// One component of the phase shown, with everything its box needs that does not
/// depend on the box's size.
struct Member<'a> {
    name: &'a str,
    provider: String,
    ends: [Ends; 2],
    /// The weakest measure, once revealed.
    measure: Option<Line<'static>>,
    /// Status and rank, once revealed.
    status: Option<Status>,
    rank: Option<usize>,
}

/// The components of `phase`, in the author's order, ready to be boxed.
fn members<'a>(
    app: &'a App,
    pathway: &'a Pathway,
    phase: Phase,
    reveal: bool,
    theme: &Theme,
) -> Vec<Member<'a>> {
    let weak = if reveal {
        map::weak_handoffs(app, pathway)
    } else {
        Vec::new()
    };
    let (box_ranks, link_ranks) = map::ranks(app, pathway, reveal);
    let analysis = app.analysis().pathways.get(app.pathway);
    pathway
        .column_positions(phase)
        .map(|pos| (pos, &pathway.components()[pos]))
        .map(|(pos, c)| {
            let provider = c.provider.as_deref().map_or_else(
                || "no provider".to_string(),
                |id| {
                    app.document()
                        .organisation(id)
                        .map_or(id, |o| &o.name)
                        .to_string()
                },
            );
            let status = analysis
                .and_then(|a| a.components.get(pos))
                .map_or(Status::NoData, |a| a.score.status);
            Member {
                name: &c.name,
                provider,
                ends: ends(pathway, c, &weak, &link_ranks, theme),
                measure: weakest_measure(c, theme).filter(|_| reveal),
                status: reveal.then_some(status),
                rank: box_ranks.get(&pos).copied(),
            }
        })
        .collect()
}

/// A box's lines at text width `w`: name over several lines, provider, links in and
/// out, and once revealed the weakest measure. `full` leaves room between parts and
/// wraps the links; otherwise everything is packed.
fn card(m: &Member, w: usize, full: bool, theme: &Theme) -> Vec<Line<'static>> {
    let bold = Modifier::BOLD;
    let mut lines: Vec<Line<'static>> = wrap(m.name, w.max(1))
        .into_iter()
        .map(|l| Line::styled(l, theme.title.add_modifier(bold)))
        .collect();
    lines.push(Line::styled(
        fit(&m.provider, w),
        theme.text.add_modifier(bold),
    ));
    let [from, to] = &m.ends;
    if full && !(from.items.is_empty() && to.items.is_empty()) {
        lines.push(Line::raw(""));
    }
    lines.extend(link_lines(from, w, full, theme));
    lines.extend(link_lines(to, w, full, theme));
    if let Some(line) = &m.measure {
        if full {
            lines.push(Line::raw(""));
        }
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let mut spans = line.spans.clone();
        if width(&text) > w {
            let symbol = spans.remove(0);
            let rest = fit(&text[symbol.content.len()..], w.saturating_sub(1));
            spans = vec![symbol, Span::raw(rest)];
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// Cells between boxes, across and down.
const GAP: (u16, u16) = (2, 1);

/// How the boxes of a phase are laid out.
struct Grid {
    columns: u16,
    rows: u16,
    box_width: u16,
    box_height: u16,
    full: bool,
}

/// The grid that shows every box whole, closest to a comfortable shape (four cells
/// across per cell down, about twice as wide as tall on screen), preferring room
/// between parts; when nothing fits, the one that cuts least.
fn grid(area: Rect, n: usize, needed: impl Fn(u16, bool) -> u16) -> Grid {
    let mut best: Option<(f64, Grid)> = None;
    for columns in 1..=n as u16 {
        let rows = (n as u16).div_ceil(columns);
        let box_width = area.width.saturating_sub((columns - 1) * GAP.0) / columns;
        let box_height = area.height.saturating_sub((rows - 1) * GAP.1) / rows;
        if box_width < 12 || box_height < 3 {
            continue;
        }
        for full in [true, false] {
            let need = needed(box_width, full);
            let aspect = f64::from(box_width) / f64::from(need.min(box_height).max(1));
            let mut score = (aspect / 4.0).ln().abs() + if full { 0.0 } else { 0.7 };
            if need > box_height {
                score += 100.0 + f64::from(need - box_height);
            }
            if best.as_ref().is_none_or(|(s, _)| score < *s) {
                let grid = Grid {
                    columns,
                    rows,
                    box_width,
                    box_height: box_height.min(need + u16::from(full)),
                    full,
                };
                best = Some((score, grid));
            }
        }
    }
    // Too many to show whole: the smallest boxes, as many as fit (the rest are counted).
    best.map_or_else(
        || {
            let columns = ((area.width + GAP.0) / (12 + GAP.0)).max(1);
            Grid {
                columns,
                rows: ((area.height + GAP.1) / (3 + GAP.1)).max(1),
                box_width: area.width.saturating_sub((columns - 1) * GAP.0) / columns,
                box_height: 3,
                full: false,
            }
        },
        |(_, g)| g,
    )
}

/// One phase: its components as large boxes filling the screen, with their links in
/// and out listed, since the neighbouring columns are not shown.
fn one_phase(frame: &mut Frame, area: Rect, members: &[Member], theme: &Theme) {
    let total = members.len();
    // Text width inside a box: heavy edges and a cell of padding on each side.
    let text_w = |box_w: u16| box_w.saturating_sub(4) as usize;
    let needed = |box_w: u16, full: bool| {
        members
            .iter()
            .map(|m| card(m, text_w(box_w), full, theme).len() as u16 + 2 + u16::from(full))
            .max()
            .unwrap_or(3)
    };
    let g = grid(area, members.len(), needed);
    let fits = usize::from(g.columns * g.rows);
    let members = &members[..members.len().min(fits)];
    let n = members.len() as u16;
    let used_h = g.rows * g.box_height + (g.rows - 1) * GAP.1;
    let top = area.y + area.height.saturating_sub(used_h) / 2;
    for (k, m) in members.iter().enumerate() {
        let (row, col) = (k as u16 / g.columns, k as u16 % g.columns);
        // The last row, when not full, is centred.
        let in_row = (n - row * g.columns).min(g.columns);
        let row_w = in_row * g.box_width + (in_row - 1) * GAP.0;
        let left = area.x + area.width.saturating_sub(row_w) / 2;
        let rect = Rect::new(
            left + col * (g.box_width + GAP.0),
            top + row * (g.box_height + GAP.1),
            g.box_width,
            g.box_height,
        )
        .intersection(area);
        let lines = card(m, text_w(g.box_width), g.full, theme);
        draw_card(frame, rect, m, lines, g.full, theme);
    }
    if let Some(more) = total.checked_sub(members.len()).filter(|&m| m > 0) {
        let text = format!(" and {more} more: Space shows the whole pathway ");
        let row = Rect {
            y: area.bottom().saturating_sub(1),
            height: 1,
            ..area
        };
        frame.render_widget(Line::styled(text, theme.title).centered(), row);
    }
}

/// A box with heavy bold edges: plain before reveal; after it, in the status's colour
/// with the status symbol and word, and the rank, in its bottom edge.
fn draw_card(
    frame: &mut Frame,
    rect: Rect,
    m: &Member,
    mut lines: Vec<Line<'static>>,
    full: bool,
    theme: &Theme,
) {
    let edge = m
        .status
        .map_or(theme.border, |s| theme.status(s))
        .add_modifier(Modifier::BOLD);
    let mut block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(edge)
        .padding(Padding::new(1, 1, u16::from(full), 0));
    if let Some(status) = m.status {
        let word = status_span(status, theme);
        block = block.title_bottom(Line::from(vec![
            Span::styled(" ", edge),
            word,
            Span::styled(" ", edge),
        ]));
    }
    if let Some(rank) = m.rank {
        block = block.title_bottom(
            Line::styled(format!(" #{rank} weakest "), theme.highlight).right_aligned(),
        );
    }
    let inner = block.inner(rect);
    frame.buffer_mut().set_style(rect, theme.text);
    frame.render_widget(block, rect);
    if lines.len() > inner.height as usize && inner.height > 0 {
        lines.truncate(inner.height as usize);
        if let Some(last) = lines.last_mut() {
            last.spans.push(Span::raw("…"));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A phase with no component: said plainly; after reveal, why that matters.
fn empty_phase(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    phase: Phase,
    reveal: bool,
    theme: &Theme,
) {
    let mut lines = vec![Line::styled(
        format!("No component in {}", phase.name()),
        theme.title.add_modifier(Modifier::BOLD),
    )];
    let missing = app.analysis().findings.iter().find(|f| {
        f.kind == FindingKind::MissingPhase && f.pathway == app.pathway && f.phase == phase
    });
    if reveal && let Some(f) = missing {
        lines.push(Line::raw(""));
        let text = format!("⚠ {}", f.message(app.document(), app.analysis()));
        for part in wrap(&text, area.width.saturating_sub(8).max(1) as usize) {
            lines.push(Line::styled(part, theme.weak_handoff));
        }
    }
    let h = lines.len() as u16;
    let rect = Rect {
        y: area.y + area.height.saturating_sub(h) / 2,
        height: h.min(area.height),
        ..area
    };
    frame.render_widget(Paragraph::new(lines).centered(), rect);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_spaced_in_capitals() {
        assert_eq!(spaced("Review"), "R E V I E W");
        assert_eq!(spaced("Whole pathway"), "W H O L E    P A T H W A Y");
    }
}
