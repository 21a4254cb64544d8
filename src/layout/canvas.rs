//! Route cells: tracing a polyline into box-drawing cells, and merging many routes into
//! one map where lines that meet or cross share a cell (─ and │ make ┼, and so on).

use super::RouteCell;

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
    /// For each cell, the lowest-numbered link that passes through it.
    pub links: Vec<usize>,
    /// `cells[row_start[y]..row_start[y + 1]]` are the cells of row `y`.
    pub row_start: Vec<usize>,
}

impl Canvas {
    /// Merges routes (by link index) into a map `height` rows tall. Rows are bucketed in
    /// one counting pass, so the cost stays linear in the number of cells.
    pub fn merge(routes: &[Vec<Mark>], height: u32) -> Canvas {
        let rows = height as usize;
        let mut start = vec![0usize; rows + 1];
        for mark in routes.iter().flatten() {
            start[mark.y as usize + 1] += 1;
        }
        for y in 0..rows {
            start[y + 1] += start[y];
        }
        let mut fill = start.clone();
        let mut bucket = vec![(0u32, 0u8, None, 0usize); start[rows]];
        for (link, route) in routes.iter().enumerate() {
            for m in route {
                let at = &mut fill[m.y as usize];
                bucket[*at] = (m.x, m.dirs, m.arrow, link);
                *at += 1;
            }
        }
        let mut canvas = Canvas {
            row_start: Vec::with_capacity(rows + 1),
            ..Canvas::default()
        };
        for y in 0..rows {
            canvas.row_start.push(canvas.cells.len());
            let row = &mut bucket[start[y]..start[y + 1]];
            // Stable, so the lowest link comes first among marks on one cell.
            row.sort_by_key(|b| b.0);
            for chunk in row.chunk_by(|a, b| a.0 == b.0) {
                let dirs = chunk.iter().fold(0, |d, b| d | b.1);
                let arrow = chunk.iter().find_map(|b| b.2);
                canvas.cells.push(RouteCell {
                    x: chunk[0].0,
                    y: y as u32,
                    ch: arrow.unwrap_or_else(|| line_char(dirs)),
                });
                canvas.links.push(chunk[0].3);
            }
        }
        canvas.row_start.push(canvas.cells.len());
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
        let to = row.partition_point(|c| c.x < x1);
        self.row_start[y] + from..self.row_start[y] + to
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let across = trace(&[(0, 1), (2, 1)], W, '▶');
        let down = trace(&[(1, 0), (1, 2)], N, '▼');
        let canvas = Canvas::merge(&[across, down], 3);
        let row1: String = canvas.cells[canvas.row_range(1, 0, 9)]
            .iter()
            .map(|c| c.ch)
            .collect();
        assert_eq!(row1, "─┼▶");
        assert_eq!(canvas.row_range(1, 1, 2), 2..3);
        assert_eq!(canvas.links[canvas.row_range(1, 1, 2).start], 0);
        assert_eq!(canvas.cells.last().map(|c| c.ch), Some('▼'));
    }

    #[test]
    fn every_direction_set_has_a_character() {
        assert_eq!(line_char(N | S | E | W), '┼');
        assert_eq!(line_char(E | W | S), '┬');
        assert_eq!(line_char(N | W), '┘');
        assert_eq!(line_char(N | S | E), '├');
    }
}
