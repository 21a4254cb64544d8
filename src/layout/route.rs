//! Link routes. Boxes sit on a common grid of slots, so the gap rows between slots are
//! free in every column, and the gutters between columns hold no boxes at all. Every
//! route keeps to gutters, gap rows and rows below the boxes, so it never enters a box:
//!
//! - forward (next column): out of the source's right side, along a vertical track in
//!   the gutter between, into the target's left side (▶);
//! - skip (two or more columns on): down or up to a gap row, along it past the columns
//!   between, then into the target's left side (▶);
//! - backward: down to a lane below the lowest box of the columns it spans, left along
//!   it, then up into the target's left side (▶);
//! - same column: out of the right side, along the right gutter, back into the target's
//!   right side (◀), or in compact form through the gap row beside it (▼ ▲).
//!
//! The first stage chooses rows and tracks (which depend only on rows); the second,
//! once column widths are known, traces the cells.

use super::order::Layers;
use super::tracks::{self, Group};
use super::{Route, RouteKind};

pub(crate) const GUTTERS: usize = 7;
/// The most vertical tracks a gutter asks for; more routes share tracks.
pub(crate) const MAX_TRACKS: usize = 6;
/// How many gap rows a skip link tries before sharing a busy one.
const CHANNEL_TRIES: usize = 64;

/// Vertical geometry: where slots, ports and gap rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Frame {
    /// The first box row; row 0 is for phase headers, row 1 is the gap above slot 0.
    pub top: u32,
    pub box_height: u32,
    pub pitch: u32,
    name_lines: u32,
    provider: bool,
}

impl Frame {
    /// Three-row boxes (one name line, the provider, the status edge) or one-row ones.
    pub fn new(compact: bool) -> Self {
        if compact {
            Frame::sized(1, 1, false)
        } else {
            Frame::boxes(1, true)
        }
    }

    /// Boxes with `name_lines` lines of name (the first in the top edge), a provider
    /// line when `provider`, and the status edge.
    pub fn boxes(name_lines: u32, provider: bool) -> Self {
        let name_lines = name_lines.max(1);
        Frame::sized(name_lines + u32::from(provider) + 1, name_lines, provider)
    }

    fn sized(box_height: u32, name_lines: u32, provider: bool) -> Self {
        Frame {
            top: 2,
            box_height,
            pitch: box_height + 1,
            name_lines,
            provider,
        }
    }

    pub fn name_lines(&self) -> u32 {
        self.name_lines
    }

    pub fn provider_line(&self) -> bool {
        self.provider
    }

    pub fn compact(&self) -> bool {
        self.box_height == 1
    }

    pub fn box_y(&self, slot: usize) -> u32 {
        self.top + slot as u32 * self.pitch
    }

    /// Rows a column of `len` boxes takes, with the gap row below its last box.
    pub fn rows_for(&self, len: usize) -> u32 {
        self.box_y(len)
    }

    /// Left-side entry row (▶). Entries, exits and right-side arrivals use different
    /// rows of a normal box so routes in one gutter never share a row by accident.
    fn in_left(&self, y: u32) -> u32 {
        y
    }

    fn in_right(&self, y: u32) -> u32 {
        y + u32::from(!self.compact())
    }

    fn out(&self, y: u32) -> u32 {
        y + self.box_height - 1
    }
}

/// Horizontal positions as bits: gutter `g` is bit `2g`, column `c` is bit `2c + 1`.
fn span(from: usize, to: usize) -> u16 {
    let (lo, hi) = (from.min(to), from.max(to));
    ((1u32 << (hi + 1)) - (1u32 << lo)) as u16
}

/// Which stretches of each row already carry a horizontal run of some route.
#[derive(Default)]
struct Rows {
    taken: Vec<u16>,
    max: u32,
}

impl Rows {
    fn free(&self, y: u32, mask: u16) -> bool {
        self.taken.get(y as usize).is_none_or(|t| t & mask == 0)
    }

    fn take(&mut self, y: u32, mask: u16) {
        let y_at = y as usize;
        if self.taken.len() <= y_at {
            self.taken.resize(y_at + 1, 0);
        }
        self.taken[y_at] |= mask;
        self.max = self.max.max(y);
    }
}

#[derive(Debug, Clone, Copy)]
enum Shape {
    Forward,
    Skip {
        channel: u32,
    },
    Backward {
        lane: u32,
    },
    /// `arrive`: the row where the route reaches the target.
    Same {
        arrive: u32,
    },
}

#[derive(Debug, Clone, Copy)]
struct Plan {
    from: usize,
    to: usize,
    shape: Shape,
    exit: usize,
    entry: Option<usize>,
}

/// Rows and tracks for every link of a pathway, before column widths are known.
pub(crate) struct Routing {
    plans: Vec<Option<Plan>>,
    groups: Vec<Group>,
    /// Each gutter's groups left to right, worked out once.
    order: Option<[Vec<usize>; GUTTERS]>,
    /// The lowest row any route uses, if any.
    pub last_row: Option<u32>,
}

impl Routing {
    /// Plans a route for each link; `ends` are the links' ends as component positions.
    pub fn new(ends: &[Option<(usize, usize)>], layers: &Layers, frame: &Frame) -> Self {
        let col = |i: usize| layers.column[i];
        let y = |i: usize| frame.box_y(layers.slot[i]);
        let mut rows = Rows::default();
        let mut shapes: Vec<Option<Shape>> = vec![None; ends.len()];

        // Fixed rows first, so that channels and lanes can keep clear of them.
        for (shape, &(s, t)) in shapes
            .iter_mut()
            .zip(ends)
            .filter_map(|(a, e)| Some((a, e.as_ref()?)))
        {
            let c = col(s);
            if c == col(t) {
                let arrive = if !frame.compact() {
                    frame.in_right(y(t))
                } else if layers.slot[t] > layers.slot[s] {
                    y(t) - 1
                } else {
                    y(t) + 1
                };
                if frame.compact() {
                    rows.take(arrive, span(2 * c + 1, 2 * c + 2));
                }
                *shape = Some(Shape::Same { arrive });
            } else if c + 1 == col(t) {
                *shape = Some(Shape::Forward);
            }
        }
        for (shape, &(s, t)) in shapes
            .iter_mut()
            .zip(ends)
            .filter_map(|(a, e)| Some((a, e.as_ref()?)))
        {
            if col(s) + 1 < col(t) {
                let mask = span(2 * col(s) + 2, 2 * col(t));
                let channel = channel(&rows, frame, layers.slot[s], layers.slot[t], mask);
                rows.take(channel, mask);
                *shape = Some(Shape::Skip { channel });
            }
        }
        // Shorter backward links take the lanes nearest the boxes; longer ones go round.
        let mut back: Vec<usize> = (0..ends.len())
            .filter(|&j| ends[j].is_some_and(|(s, t)| col(t) < col(s)))
            .collect();
        back.sort_by_key(|&j| ends[j].map(|(s, t)| col(s) - col(t)));
        for j in back {
            let Some((s, t)) = ends[j] else { continue };
            let tallest = (col(t)..=col(s)).map(|c| layers.columns[c].len()).max();
            let mask = span(2 * col(t), 2 * col(s) + 2);
            let mut lane = frame.rows_for(tallest.unwrap_or(0)) - 1;
            while !rows.free(lane, mask) {
                lane += 1;
            }
            rows.take(lane, mask);
            shapes[j] = Some(Shape::Backward { lane });
        }

        let mut routing = Routing {
            plans: Vec::with_capacity(ends.len()),
            groups: Vec::new(),
            order: None,
            last_row: (!rows.taken.is_empty()).then_some(rows.max),
        };
        let n = layers.column.len();
        let (mut exits, mut entries) = (vec![None; n], vec![None; n]);
        for (end, shape) in ends.iter().zip(shapes) {
            let (Some((s, t)), Some(shape)) = (*end, shape) else {
                routing.plans.push(None);
                continue;
            };
            let exit = group(&mut routing.groups, &mut exits[s], col(s) + 1);
            let (out, into) = (frame.out(y(s)), frame.in_left(y(t)));
            let mut entry = None;
            let g = &mut routing.groups;
            g[exit].attach(out, false);
            match shape {
                Shape::Forward => g[exit].attach(into, true),
                Shape::Same { arrive } => g[exit].attach(arrive, false),
                Shape::Skip { channel: row } | Shape::Backward { lane: row } => {
                    let skip = matches!(shape, Shape::Skip { .. });
                    g[exit].attach(row, skip);
                    let e = group(g, &mut entries[t], col(t));
                    g[e].attach(row, !skip);
                    g[e].attach(into, true);
                    entry = Some(e);
                }
            }
            routing.plans.push(Some(Plan {
                from: s,
                to: t,
                shape,
                exit,
                entry,
            }));
        }
        routing
    }

    /// Assigns tracks, at most `capacity[g]` in gutter `g`; returns how many each uses.
    pub fn pack(&mut self, capacity: &[usize; GUTTERS]) -> [usize; GUTTERS] {
        let order = self
            .order
            .get_or_insert_with(|| tracks::order(&self.groups));
        tracks::pack(&mut self.groups, order, capacity)
    }

    /// Every link's route, once column positions are known.
    pub fn trace(&self, layers: &Layers, frame: &Frame, xs: &Xs) -> Vec<Route> {
        self.plans
            .iter()
            .map(|plan| match plan {
                None => Route::new(RouteKind::Missing, Vec::new(), ' '),
                Some(p) => self.trace_one(p, layers, frame, xs),
            })
            .collect()
    }

    fn trace_one(&self, p: &Plan, layers: &Layers, frame: &Frame, xs: &Xs) -> Route {
        let (cs, ct) = (layers.column[p.from], layers.column[p.to]);
        let (ys, yt) = (
            frame.box_y(layers.slot[p.from]),
            frame.box_y(layers.slot[p.to]),
        );
        let track = |g: usize| xs.track_x(self.groups[g].gutter, self.groups[g].track);
        let start = (xs.column_x[cs] + xs.column_width[cs], frame.out(ys));
        let t1 = track(p.exit);
        let into = frame.in_left(yt);
        let arrow_x = xs.column_x[ct].saturating_sub(1);
        match p.shape {
            Shape::Forward => Route::new(
                RouteKind::Forward,
                vec![start, (t1, start.1), (t1, into), (arrow_x, into)],
                '▶',
            ),
            Shape::Skip { channel: row } | Shape::Backward { lane: row } => {
                let t2 = p.entry.map_or(t1, track);
                let kind = match p.shape {
                    Shape::Skip { .. } => RouteKind::Skip,
                    _ => RouteKind::Backward,
                };
                let points = vec![
                    start,
                    (t1, start.1),
                    (t1, row),
                    (t2, row),
                    (t2, into),
                    (arrow_x, into),
                ];
                Route::new(kind, points, '▶')
            }
            Shape::Same { arrive } => {
                let right = xs.column_x[ct] + xs.column_width[ct];
                let (end, arrow) = if !frame.compact() {
                    ((right, arrive), '◀')
                } else if arrive < yt {
                    ((right - 1, arrive), '▼')
                } else {
                    ((right - 1, arrive), '▲')
                };
                let points = vec![start, (t1, start.1), (t1, arrive), end];
                Route::new(RouteKind::SameColumn, points, arrow)
            }
        }
    }
}

/// The group in `slot`, made on first use.
fn group(groups: &mut Vec<Group>, slot: &mut Option<usize>, gutter: usize) -> usize {
    *slot.get_or_insert_with(|| {
        groups.push(Group::new(gutter));
        groups.len() - 1
    })
}

/// A gap row for a skip link between slots `a` and `b`: one between them if free,
/// else the nearest free one outside, else the first candidate, shared.
fn channel(rows: &Rows, frame: &Frame, a: usize, b: usize, mask: u16) -> u32 {
    let lo = a.min(b) + 1;
    let hi = a.max(b).max(lo);
    let inside = lo..=hi;
    let outside = (1..)
        .flat_map(|d| [Some(hi + d), lo.checked_sub(d)])
        .flatten();
    inside
        .chain(outside)
        .take(CHANNEL_TRIES)
        .map(|k| frame.box_y(k) - 1)
        .find(|&row| rows.free(row, mask))
        .unwrap_or(frame.box_y(lo) - 1)
}

/// Column and gutter positions across the map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Xs {
    pub column_x: [u32; 6],
    pub column_width: [u32; 6],
    pub gutter_x: [u32; GUTTERS],
    pub gutter_width: [u32; GUTTERS],
}

impl Xs {
    /// Tracks start after the gutter's first cell (exit stubs, ◀) except in the left
    /// margin, which has no exits.
    fn track_x(&self, gutter: usize, track: usize) -> u32 {
        self.gutter_x[gutter] + u32::from(gutter > 0) + track as u32
    }

    /// How many tracks fit in each gutter: its cells less the exit cell and the ▶ cell.
    pub fn capacity(&self) -> [usize; GUTTERS] {
        std::array::from_fn(|g| {
            let edges = if g == 0 || g == GUTTERS - 1 { 1 } else { 2 };
            (self.gutter_width[g].saturating_sub(edges) as usize).max(1)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_cover_positions_inclusive_either_way() {
        assert_eq!(span(0, 0), 0b1);
        assert_eq!(span(2, 4), 0b11100);
        assert_eq!(span(12, 0), 0x1fff);
    }

    #[test]
    fn frame_ports_use_different_rows_of_a_normal_box() {
        let f = Frame::new(false);
        assert_eq!((f.box_y(0), f.box_y(2)), (2, 10));
        assert_eq!((f.in_left(10), f.in_right(10), f.out(10)), (10, 11, 12));
        let c = Frame::new(true);
        assert_eq!(
            (c.box_y(3), c.in_left(8), c.in_right(8), c.out(8)),
            (8, 8, 8, 8)
        );
    }

    #[test]
    fn channels_prefer_a_free_gap_between_the_ends() {
        let f = Frame::new(false);
        let mut rows = Rows::default();
        // Slots 1 and 3: gap rows above slots 2 and 3 are between them.
        assert_eq!(channel(&rows, &f, 1, 3, 0b100), f.box_y(2) - 1);
        rows.take(f.box_y(2) - 1, 0b100);
        assert_eq!(channel(&rows, &f, 3, 1, 0b100), f.box_y(3) - 1);
        // Another span can share the row.
        assert_eq!(channel(&rows, &f, 1, 3, 0b1000), f.box_y(2) - 1);
    }
}
