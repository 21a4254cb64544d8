//! Where the editor draws a pathway: six phase columns of boxes, links routed between
//! them in box-drawing characters, hit-testing, scrolling, crossing counts and "tidy".
//!
//! Plain Rust with no terminal code. Everything is in map cells: `x` to the right and
//! `y` down from the map's top-left; row 0 is for the phase headers. The viewport that
//! shows part of the map on screen is separate (`Viewport`).

mod canvas;
mod geometry;
mod order;
mod route;
mod tracks;
mod wrap;

pub use geometry::{MapRect, Viewport};
pub use order::{Tidy, crossings, tidy};
pub use wrap::{lines, wrap};

use crate::model::{Pathway, Phase};
use canvas::{Canvas, W, trace};
use order::{Layers, link_ends};
use route::{Frame, GUTTERS, MAX_TRACKS, Routing, Xs};

/// The row of the phase headers.
pub const HEADER_ROW: u32 = 0;
/// A column with boxes is never narrower than this, whatever the screen.
pub const MIN_BOX_WIDTH: u32 = 8;
/// Boxes grow to this width before gutters widen for more tracks.
const COMFORT_BOX_WIDTH: u32 = 14;
/// Boxes stop growing here, or where their longest name fits on one line; a wide
/// screen leaves room to the right instead.
pub const MAX_BOX_WIDTH: u32 = 40;
/// Up to this many components, columns whose names need the width get it first.
const WEIGHED_COMPONENTS: usize = 300;
/// The most lines of name a box shows; a longer name ends in `…`.
pub const MAX_NAME_LINES: u32 = 3;
/// An empty phase column still shows, narrower.
const EMPTY_COLUMN: (u32, u32) = (4, 12);

/// How tall boxes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BoxSize {
    /// Boxes as tall as their names need (at most `MAX_NAME_LINES` lines of name, and
    /// a provider line) when the map fits the height; fewer lines when it does not;
    /// compact boxes when even one line does not fit.
    #[default]
    Auto,
    /// As tall as the names need, however tall the map gets (it scrolls).
    Full,
    /// Three rows: name, provider, status.
    Normal,
    /// One row.
    Compact,
}

/// What `Layout::new` has to work with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutOptions<'a> {
    /// Cells available across and down for the map (the screen area it is drawn in).
    pub width: u32,
    pub height: u32,
    pub boxes: BoxSize,
    /// Component positions (into `Pathway::components()`) in display order, such as
    /// `Tidy::positions` for a preview; author order when None or not a permutation.
    pub order: Option<&'a [usize]>,
}

impl Default for LayoutOptions<'_> {
    fn default() -> Self {
        LayoutOptions {
            width: 80,
            height: 24,
            boxes: BoxSize::Auto,
            order: None,
        }
    }
}

/// One phase column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub phase: Phase,
    pub x: u32,
    pub width: u32,
    /// Its components (positions in `Pathway::components()`), top to bottom.
    pub components: Vec<usize>,
}

/// How a link is routed, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RouteKind {
    /// To the next phase column.
    Forward,
    /// Past one or more columns, along a gap row between boxes.
    Skip,
    /// To an earlier column, along a lane below the boxes.
    Backward,
    /// Within one column (or to itself), through the gutter on its right.
    SameColumn,
    /// An end is not in the pathway; nothing is drawn.
    Missing,
}

/// One cell of a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RouteCell {
    pub x: u32,
    pub y: u32,
    pub ch: char,
}

/// One link's route: a polyline from the cell beside the source box to the arrowhead
/// beside the target. Its cells, drawn as if alone, come from `cells()`; the merged map
/// of all routes is `Layout::cells`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub kind: RouteKind,
    points: Vec<(u32, u32)>,
    arrow: char,
}

impl Route {
    pub(crate) fn new(kind: RouteKind, points: Vec<(u32, u32)>, arrow: char) -> Self {
        Route {
            kind,
            points,
            arrow,
        }
    }

    /// The corners of the route, first to last; segments between them are straight.
    pub fn points(&self) -> &[(u32, u32)] {
        &self.points
    }

    /// The smallest rectangle holding every cell of the route, so a renderer can skip
    /// routes outside its view without tracing them.
    pub fn bounds(&self) -> MapRect {
        let xs = self.points.iter().map(|p| p.0);
        let ys = self.points.iter().map(|p| p.1);
        match (xs.clone().min(), xs.max(), ys.clone().min(), ys.max()) {
            (Some(x0), Some(x1), Some(y0), Some(y1)) => {
                MapRect::new(x0, y0, x1 - x0 + 1, y1 - y0 + 1)
            }
            _ => MapRect::default(),
        }
    }

    pub(crate) fn arrow_char(&self) -> char {
        self.arrow
    }

    /// The route's own cells from source to arrowhead: `─ │ ┌ ┐ └ ┘` and one of `▶ ◀ ▲ ▼`.
    /// Empty for a `Missing` route.
    pub fn cells(&self) -> Vec<RouteCell> {
        if self.points.is_empty() {
            return Vec::new();
        }
        trace(&self.points, W, self.arrow)
            .iter()
            .map(|m| m.cell())
            .collect()
    }

    /// The arrowhead cell.
    pub fn arrowhead(&self) -> Option<RouteCell> {
        self.points.last().map(|&(x, y)| RouteCell {
            x,
            y,
            ch: self.arrow,
        })
    }

    /// True when the route passes through map cell (`x`, `y`).
    pub fn covers(&self, x: u32, y: u32) -> bool {
        let between = |v: u32, a: u32, b: u32| v >= a.min(b) && v <= a.max(b);
        match self.points.as_slice() {
            [only] => *only == (x, y),
            points => points.windows(2).any(|p| {
                let ((x0, y0), (x1, y1)) = (p[0], p[1]);
                between(x, x0, x1) && between(y, y0, y1)
            }),
        }
    }
}

/// Where everything goes on the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// True when the boxes are one row tall.
    pub compact: bool,
    /// Lines of name in each (not compact) box, the first in its top edge.
    pub name_lines: u32,
    /// True when boxes have a line for the provider above the status edge.
    pub provider_line: bool,
    /// The size of the whole map in cells.
    pub width: u32,
    pub height: u32,
    /// The six phase columns, in phase order, empty ones included.
    pub columns: Vec<Column>,
    /// Each component's box, by position in `Pathway::components()`.
    pub boxes: Vec<MapRect>,
    /// Each link's route, by position in `Pathway::links()`.
    pub routes: Vec<Route>,
    frame: Frame,
    canvas: Canvas,
}

impl Layout {
    pub fn new(pathway: &Pathway, options: &LayoutOptions) -> Layout {
        let layers = Layers::new(pathway, options.order);
        let ends = link_ends(pathway);
        let tallest = layers.columns.iter().map(Vec::len).max().unwrap_or(0);
        let filled: [bool; 6] = std::array::from_fn(|c| !layers.columns[c].is_empty());
        // A column grows no wider than its longest name on one line.
        let most: [u32; 6] = std::array::from_fn(|c| {
            let name = layers.columns[c]
                .iter()
                .map(|&i| wrap::cells(&pathway.components()[i].name) as u32)
                .max()
                .unwrap_or(0);
            (name + 2).clamp(COMFORT_BOX_WIDTH, MAX_BOX_WIDTH)
        });
        let plan = |frame: Frame| {
            let routing = Routing::new(&ends, &layers, &frame);
            let height = frame
                .rows_for(tallest)
                .max(routing.last_row.map_or(0, |r| r + 2));
            (frame, routing, height)
        };
        // Words each column's names lose at a box width, for sharing the width out;
        // skipped for a large pathway, where boxes are compact anyway.
        let lost = |c: usize, w: u32| -> usize {
            let components = pathway.components();
            layers.columns[c]
                .iter()
                .map(|&i| wrap::words_lost(&components[i].name, w.saturating_sub(2) as usize))
                .sum()
        };
        let weigh = pathway.components().len() <= WEIGHED_COMPONENTS;
        let place = |routing: &mut Routing, frame: &Frame| {
            let wanted = routing.pack(&[MAX_TRACKS; GUTTERS]);
            let lost: Option<&dyn Fn(usize, u32) -> usize> =
                (weigh && !frame.compact()).then_some(&lost);
            let xs = allocate(options.width, filled, wanted, most, lost);
            routing.pack(&xs.capacity());
            xs
        };
        let compact = Frame::new(true);
        let smallest = Frame::boxes(1, true);
        let (frame, mut routing, height) = match options.boxes {
            BoxSize::Normal => plan(smallest),
            BoxSize::Compact => plan(compact),
            // Routes only add rows, so boxes alone that overflow settle it.
            BoxSize::Auto if smallest.rows_for(tallest) > options.height => plan(compact),
            BoxSize::Auto | BoxSize::Full => {
                let tallest_frame = Frame::boxes(MAX_NAME_LINES, true);
                let (_, mut routing, _) = plan(tallest_frame);
                let xs = place(&mut routing, &tallest_frame);
                let need = name_lines_needed(pathway, &layers, &xs);
                let mut tries = (1..=need)
                    .rev()
                    .flat_map(|n| [(n, true), (n, false)])
                    .filter(|&(n, provider)| n > 1 || provider);
                if options.boxes == BoxSize::Full {
                    plan(Frame::boxes(need, true))
                } else {
                    tries
                        .find_map(|(n, provider)| {
                            let planned = plan(Frame::boxes(n, provider));
                            (planned.2 <= options.height).then_some(planned)
                        })
                        .unwrap_or_else(|| plan(compact))
                }
            }
        };
        let xs = place(&mut routing, &frame);
        let routes = routing.trace(&layers, &frame, &xs);
        let width = xs.gutter_x[GUTTERS - 1] + xs.gutter_width[GUTTERS - 1];
        let canvas = Canvas::merge(&routes, width, height);

        let boxes = (0..layers.column.len())
            .map(|i| {
                let c = layers.column[i];
                MapRect::new(
                    xs.column_x[c],
                    frame.box_y(layers.slot[i]),
                    xs.column_width[c],
                    frame.box_height,
                )
            })
            .collect();
        let columns = Phase::ALL
            .iter()
            .zip(layers.columns)
            .enumerate()
            .map(|(c, (&phase, components))| Column {
                phase,
                x: xs.column_x[c],
                width: xs.column_width[c],
                components,
            })
            .collect();
        Layout {
            compact: frame.compact(),
            name_lines: frame.name_lines(),
            provider_line: frame.provider_line(),
            width,
            height,
            columns,
            boxes,
            routes,
            frame,
            canvas,
        }
    }

    /// The column under map column `x`, if it is not in a gutter.
    pub fn column_at(&self, x: u32) -> Option<&Column> {
        self.columns.iter().find(|c| x >= c.x && x < c.x + c.width)
    }

    /// The component whose box covers map cell (`x`, `y`).
    pub fn box_at(&self, x: u32, y: u32) -> Option<usize> {
        let column = self.column_at(x)?;
        let from_top = y.checked_sub(self.frame.top)?;
        if from_top % self.frame.pitch >= self.frame.box_height {
            return None;
        }
        column
            .components
            .get((from_top / self.frame.pitch) as usize)
            .copied()
    }

    /// The link drawn at map cell (`x`, `y`); where routes share a cell, the first link.
    /// Checks every route, which is quick enough for a mouse click.
    pub fn link_at(&self, x: u32, y: u32) -> Option<usize> {
        self.routes.iter().position(|r| r.covers(x, y))
    }

    /// All route cells merged (lines that meet share a cell), by row, then left to right.
    pub fn cells(&self) -> &[RouteCell] {
        &self.canvas.cells
    }

    /// The merged route cells inside `area`, such as `Viewport::area()`.
    pub fn cells_in(&self, area: MapRect) -> impl Iterator<Item = &RouteCell> + '_ {
        let rows = area.y..area.bottom().min(self.height);
        rows.flat_map(move |y| &self.canvas.cells[self.canvas.row_range(y, area.x, area.right())])
    }

    /// The merged character at map cell (`x`, `y`), if a route passes there.
    pub fn cell(&self, x: u32, y: u32) -> Option<char> {
        let range = self.canvas.row_range(y, x, x.saturating_add(1));
        self.canvas
            .cells
            .get(range)
            .and_then(|c| c.first())
            .map(|c| c.ch)
    }
}

/// How many lines of name the longest-wrapping name takes in its column, at most
/// `MAX_NAME_LINES`.
fn name_lines_needed(pathway: &Pathway, layers: &Layers, xs: &Xs) -> u32 {
    let components = pathway.components();
    (0..layers.column.len())
        .map(|i| {
            let inner = xs.column_width[layers.column[i]].saturating_sub(2) as usize;
            lines(&components[i].name, inner).len() as u32
        })
        .max()
        .unwrap_or(1)
        .clamp(1, MAX_NAME_LINES)
}

/// Shares the width out: every column and gutter gets its minimum, then columns grow to a
/// comfortable width, columns whose names lose words grow, then gutters to the tracks
/// they want, and columns to `most`.
/// Too narrow a screen gives a map wider than it, to scroll across.
/// `lost(c, w)`: how many words of column `c`'s names a box `w` wide does not show
/// whole; the spare goes first to the column losing most.
fn allocate(
    width: u32,
    filled: [bool; 6],
    tracks: [usize; GUTTERS],
    most: [u32; 6],
    lost: Option<&dyn Fn(usize, u32) -> usize>,
) -> Xs {
    let margin = |g: usize| g == 0 || g == GUTTERS - 1;
    let mut gutters: [u32; GUTTERS] = std::array::from_fn(|g| match (margin(g), tracks[g]) {
        (true, 0) => 1,
        (true, _) => 2,
        (false, _) => 3,
    });
    let want: [u32; GUTTERS] = std::array::from_fn(|g| {
        let edges = if margin(g) { 1 } else { 2 };
        (tracks[g] as u32 + edges).max(gutters[g])
    });
    let mut columns: [u32; 6] = std::array::from_fn(|c| {
        if filled[c] {
            MIN_BOX_WIDTH
        } else {
            EMPTY_COLUMN.0
        }
    });
    let used = columns.iter().sum::<u32>() + gutters.iter().sum::<u32>();
    let mut spare = width.saturating_sub(used);

    let caps = |limit: u32, now: &[u32; 6]| -> [u32; 6] {
        std::array::from_fn(|c| if filled[c] { limit } else { now[c] })
    };
    let comfort = caps(COMFORT_BOX_WIDTH, &columns);
    grow(&mut columns, &comfort, &mut spare);
    let most: [u32; 6] = std::array::from_fn(|c| if filled[c] { most[c] } else { columns[c] });
    if let Some(lost) = lost {
        while spare > 0 {
            let worst = (0..6)
                .filter(|&c| columns[c] < most[c])
                .map(|c| (lost(c, columns[c]), std::cmp::Reverse(c)))
                .filter(|&(n, _)| n > 0)
                .max();
            let Some((_, std::cmp::Reverse(c))) = worst else {
                break;
            };
            columns[c] += 1;
            spare -= 1;
        }
    }
    grow(&mut gutters, &want, &mut spare);
    grow(&mut columns, &most, &mut spare);
    let empty: [u32; 6] = std::array::from_fn(|c| {
        if filled[c] {
            columns[c]
        } else {
            EMPTY_COLUMN.1
        }
    });
    grow(&mut columns, &empty, &mut spare);

    let mut xs = Xs {
        column_width: columns,
        gutter_width: gutters,
        ..Xs::default()
    };
    let mut x = 0;
    for g in 0..GUTTERS {
        xs.gutter_x[g] = x;
        x += gutters[g];
        if g < 6 {
            xs.column_x[g] = x;
            x += columns[g];
        }
    }
    xs
}

/// Grows `sizes` towards `caps` one cell at a time round them, so equal ones stay equal.
fn grow(sizes: &mut [u32], caps: &[u32], spare: &mut u32) {
    while *spare > 0 {
        let mut grew = false;
        for (size, &cap) in sizes.iter_mut().zip(caps) {
            if *spare > 0 && *size < cap {
                *size += 1;
                *spare -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_meets_minimums_on_a_narrow_screen() {
        let xs = allocate(40, [true; 6], [1; GUTTERS], [MAX_BOX_WIDTH; 6], None);
        assert_eq!(xs.column_width, [MIN_BOX_WIDTH; 6]);
        assert_eq!(xs.gutter_width, [2, 3, 3, 3, 3, 3, 2]);
        assert_eq!(xs.column_x[0], 2);
        assert_eq!(xs.gutter_x[1], 2 + MIN_BOX_WIDTH);
    }

    #[test]
    fn allocation_fills_the_width_and_caps_growth() {
        let filled = [false, true, true, true, true, false];
        let xs = allocate(100, filled, [0, 2, 2, 2, 2, 2, 0], [28; 6], None);
        let total: u32 = xs.column_width.iter().sum::<u32>() + xs.gutter_width.iter().sum::<u32>();
        assert_eq!(total, 100);
        assert_eq!(xs.column_width[0], EMPTY_COLUMN.0);
        assert!(
            xs.column_width[1..5]
                .iter()
                .all(|&w| w >= COMFORT_BOX_WIDTH)
        );
        assert_eq!(xs.gutter_width[1], 4);
        let wide = allocate(1000, [true; 6], [0; GUTTERS], [20; 6], None);
        assert_eq!(wide.column_width, [20; 6]);
    }
}
