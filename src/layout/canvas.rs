//! Route cells: tracing a polyline into box-drawing cells, and merging many routes into
//! one map where lines that meet or cross share a cell (─ and │ make ┼, and so on).

use super::{Route, RouteCell};

pub(crate) const N: u8 = 1;
pub(crate) const E: u8 = 2;
pub(crate) const S: u8 = 4;
pub(crate) const W: u8 = 8;

/// The line character for a set of directions, indexed by `N | E | S | W` bits.
const LINES: [char; 16] = [
    ' ', '│', '─', '└', '│', '│', '┌', '├', '─', '┘', '─', '┴', '┐', '┤', '┬', '┼',
];

pub(crate) fn line_char(dirs: u8) -> char {
    LINES[usize::from(dirs & 15)]
}

/// One cell of a route: the directions its line leaves the cell in, or an arrowhead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    pub x: u32,
    pub y: u32,
    pub dirs: u8,
    pub arrow: Option<char>,
}

impl Mark {
    pub fn cell(&self) -> RouteCell {
        RouteCell {
            x: self.x,
            y: self.y,
            ch: self.arrow.unwrap_or_else(|| line_char(self.dirs)),
        }
    }
}

fn toward(from: (u32, u32), to: (u32, u32)) -> u8 {
    if to.0 > from.0 {
        E
    } else if to.0 < from.0 {
        W
    } else if to.1 > from.1 {
        S
    } else {
        N
    }
}

/// The cells of an orthogonal polyline, first point to last. The first cell also joins
/// `start` (the side its box is on); the last cell is the arrowhead.
pub(crate) fn trace(points: &[(u32, u32)], start: u8, arrow: char) -> Vec<Mark> {
    let mut path: Vec<(u32, u32)> = Vec::new();
    for pair in points.windows(2) {
        let (mut at, to) = (pair[0], pair[1]);
        debug_assert!(at.0 == to.0 || at.1 == to.1, "segments are straight");
        while at != to {
            path.push(at);
            match toward(at, to) {
                E => at.0 += 1,
                W => at.0 -= 1,
                S => at.1 += 1,
                _ => at.1 -= 1,
            }
        }
    }
    path.extend(points.last());
    let last = path.len().saturating_sub(1);
    path.iter()
        .enumerate()
        .map(|(k, &at)| {
            let mut dirs = if k == 0 {
                start
            } else {
                toward(at, path[k - 1])
            };
            if k < last {
                dirs |= toward(at, path[k + 1]);
            }
            Mark {
                x: at.0,
                y: at.1,
                dirs,
                arrow: (k == last).then_some(arrow),
            }
        })
        .collect()
}

/// All routes merged, row by row and left to right within a row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Canvas {
    pub cells: Vec<RouteCell>,
    /// `cells[row_start[y]..row_start[y + 1]]` are the cells of row `y`.
    pub row_start: Vec<usize>,
}

/// A straight run of line cells `lo..=hi` along row or column `at`.
type Run = (u32, u32, u32);

const ARROWS: [char; 4] = ['▶', '◀', '▲', '▼'];

impl Canvas {
    /// Merges routes into a map `width` by `height`. A cell's directions are the union of
    /// the route edges that touch it, so overlapping segments are first joined into runs
    /// per row and per column: the work follows the merged map's size, not the sum of the
    /// routes' lengths (long routes sharing a track would otherwise cost millions of cells).
    pub fn merge(routes: &[Route], width: u32, height: u32) -> Canvas {
        let (mut across, mut down) = (Vec::<Run>::new(), Vec::<Run>::new());
        for route in routes {
            for pair in route.points().windows(2) {
                let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
                if y0 == y1 && x0 != x1 {
                    across.push((y0, x0.min(x1), x0.max(x1)));
                } else if x0 == x1 && y0 != y1 {
                    down.push((x0, y0.min(y1), y0.max(y1)));
                }
            }
        }
        // One byte a cell: directions in the low bits, 1 + an arrowhead's index above.
        let w = width as usize;
        let mut grid = vec![0u8; w * height as usize];
        for (y, lo, hi) in join(across) {
            let row = &mut grid[y as usize * w..][..w];
            row[lo as usize] |= E;
            row[lo as usize + 1..hi as usize]
                .iter_mut()
                .for_each(|c| *c |= E | W);
            row[hi as usize] |= W;
        }
        for (x, lo, hi) in join(down) {
            let at = |y: u32| y as usize * w + x as usize;
            grid[at(lo)] |= S;
            (lo + 1..hi).for_each(|y| grid[at(y)] |= N | S);
            grid[at(hi)] |= N;
        }
        // In link order, so that the lowest link's arrowhead wins a shared cell.
        for route in routes {
            let (Some(&(x0, y0)), Some(&(x1, y1))) =
                (route.points().first(), route.points().last())
            else {
                continue;
            };
            grid[y0 as usize * w + x0 as usize] |= W;
            let end = &mut grid[y1 as usize * w + x1 as usize];
            if *end >> 4 == 0 {
                let arrow = ARROWS.iter().position(|&a| a == route.arrow_char());
                *end |= arrow.map_or(0, |a| (a as u8 + 1) << 4);
            }
        }
        let mut canvas = Canvas {
            row_start: Vec::with_capacity(height as usize + 1),
            ..Canvas::default()
        };
        for (y, row) in grid.chunks_exact(w.max(1)).enumerate() {
            canvas.row_start.push(canvas.cells.len());
            for (x, &cell) in row.iter().enumerate().filter(|(_, c)| **c != 0) {
                let ch = match cell >> 4 {
                    0 => line_char(cell),
                    a => ARROWS[usize::from(a - 1)],
                };
                canvas.cells.push(RouteCell {
                    x: x as u32,
                    y: y as u32,
                    ch,
                });
            }
        }
        canvas
            .row_start
            .resize(height as usize + 1, canvas.cells.len());
        canvas
    }

    /// The range of `cells` in row `y` between columns `x0` (inclusive) and `x1`.
    pub fn row_range(&self, y: u32, x0: u32, x1: u32) -> std::ops::Range<usize> {
        let y = y as usize;
        if y + 1 >= self.row_start.len() {
            return 0..0;
        }
        let row = &self.cells[self.row_start[y]..self.row_start[y + 1]];
        let from = row.partition_point(|c| c.x < x0);
        let to = row.partition_point(|c| c.x < x1.max(x0));
        self.row_start[y] + from..self.row_start[y] + to
    }
}

/// Sorts runs and joins those on one line that share a cell, so each cell of a line is
/// covered by at most one run.
fn join(mut runs: Vec<Run>) -> Vec<Run> {
    runs.sort_unstable_by_key(|&(line, lo, _)| u64::from(line) << 32 | u64::from(lo));
    let mut joined: Vec<Run> = Vec::with_capacity(runs.len());
    for run in runs {
        match joined.last_mut() {
            Some(last) if last.0 == run.0 && run.1 <= last.2 => last.2 = last.2.max(run.2),
            _ => joined.push(run),
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::RouteKind;

    fn chars(marks: &[Mark]) -> String {
        marks.iter().map(|m| m.cell().ch).collect()
    }

    #[test]
    fn trace_turns_corners_and_ends_in_an_arrow() {
        let marks = trace(&[(0, 0), (2, 0), (2, 2), (4, 2)], W, '▶');
        assert_eq!(chars(&marks), "──┐│└─▶");
        let at: Vec<(u32, u32)> = marks.iter().map(|m| (m.x, m.y)).collect();
        assert_eq!(at, [(0, 0), (1, 0), (2, 0), (2, 1), (2, 2), (3, 2), (4, 2)]);
        // Repeated points add nothing; going up and left works too.
        let up = trace(&[(3, 3), (3, 3), (3, 1), (1, 1)], W, '◀');
        assert_eq!(chars(&up), "┘│┐─◀");
    }

    #[test]
    fn merged_routes_share_cells() {
        let across = Route::new(RouteKind::Forward, vec![(0, 1), (2, 1)], '▶');
        let down = Route::new(RouteKind::Forward, vec![(1, 0), (1, 2)], '▼');
        let canvas = Canvas::merge(&[across, down], 3, 3);
        let row = |y| -> String {
            canvas.cells[canvas.row_range(y, 0, 9)]
                .iter()
                .map(|c| c.ch)
                .collect()
        };
        // Every route starts from a box on its left, hence ┐ at the top.
        assert_eq!(
            (row(0), row(1), row(2)),
            ("┐".into(), "─┼▶".into(), "▼".into())
        );
        assert_eq!(canvas.row_range(1, 1, 2), 2..3);
    }

    #[test]
    fn overlapping_runs_merge_into_one_line() {
        let a = Route::new(
            RouteKind::Forward,
            vec![(0, 0), (3, 0), (3, 4), (4, 4)],
            '▶',
        );
        let b = Route::new(
            RouteKind::Forward,
            vec![(0, 2), (3, 2), (3, 0), (4, 0)],
            '▶',
        );
        let canvas = Canvas::merge(&[a, b], 5, 5);
        let column: String = canvas
            .cells
            .iter()
            .filter(|c| c.x == 3)
            .map(|c| c.ch)
            .collect();
        assert_eq!(column, "┬│┤│└");
        assert_eq!(canvas.cells.len(), 5 + 1 + 4 + 1 + 2);
    }

    #[test]
    fn every_direction_set_has_a_character() {
        assert_eq!(line_char(N | S | E | W), '┼');
        assert_eq!(line_char(E | W | S), '┬');
        assert_eq!(line_char(N | W), '┘');
        assert_eq!(line_char(N | S | E), '├');
    }
}
