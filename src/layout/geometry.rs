//! Map-space rectangles and the viewport that scrolls over them.
//!
//! Map coordinates are `u32`: a pathway of tens of thousands of components is taller than
//! a terminal's `u16` rows. The viewport turns map cells into screen cells and back.

/// A rectangle in map cells; `x`, `y` is its top-left cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct MapRect {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

impl MapRect {
    pub const fn new(x: u32, y: u32, width: u32, height: u32) -> Self {
        MapRect {
            x,
            y,
            width,
            height,
        }
    }

    /// The first column to the right of the rectangle.
    pub const fn right(&self) -> u32 {
        self.x + self.width
    }

    /// The first row below the rectangle.
    pub const fn bottom(&self) -> u32 {
        self.y + self.height
    }

    pub const fn contains(&self, x: u32, y: u32) -> bool {
        x >= self.x && x < self.right() && y >= self.y && y < self.bottom()
    }

    pub const fn intersects(&self, other: &MapRect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }
}

/// The part of the map shown on screen: a scroll offset and the screen's size in cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Viewport {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

impl Viewport {
    /// A viewport of the given screen size at the map's top-left corner.
    pub const fn new(width: u32, height: u32) -> Self {
        Viewport {
            x: 0,
            y: 0,
            width,
            height,
        }
    }

    /// The same viewport on a screen of a new size (after a terminal resize).
    pub const fn resized(self, width: u32, height: u32) -> Self {
        Viewport {
            width,
            height,
            ..self
        }
    }

    /// The map area this viewport shows.
    pub const fn area(&self) -> MapRect {
        MapRect::new(self.x, self.y, self.width, self.height)
    }

    /// Scrolls only as far as needed to show `target`, then keeps inside the map.
    /// A target larger than the screen shows its top-left part.
    pub fn show(self, target: MapRect, map_width: u32, map_height: u32) -> Self {
        Viewport {
            x: follow(self.x, self.width, target.x, target.width),
            y: follow(self.y, self.height, target.y, target.height),
            ..self
        }
        .clamped(map_width, map_height)
    }

    /// Scrolls by a number of cells (mouse wheel, page keys), kept inside the map.
    pub fn scrolled(self, dx: i64, dy: i64, map_width: u32, map_height: u32) -> Self {
        let shift = |at: u32, by: i64| (i64::from(at) + by).clamp(0, i64::from(u32::MAX)) as u32;
        Viewport {
            x: shift(self.x, dx),
            y: shift(self.y, dy),
            ..self
        }
        .clamped(map_width, map_height)
    }

    /// Keeps the viewport inside the map; a map smaller than the screen sits at offset 0.
    pub fn clamped(self, map_width: u32, map_height: u32) -> Self {
        Viewport {
            x: self.x.min(map_width.saturating_sub(self.width)),
            y: self.y.min(map_height.saturating_sub(self.height)),
            ..self
        }
    }

    /// Where a map cell appears on screen, relative to the viewport's top-left; None when
    /// it is scrolled out of view.
    pub fn to_screen(&self, x: u32, y: u32) -> Option<(u32, u32)> {
        self.area().contains(x, y).then(|| (x - self.x, y - self.y))
    }

    /// The map cell under a screen cell (relative to the viewport's top-left).
    pub fn to_map(&self, column: u32, row: u32) -> (u32, u32) {
        (self.x.saturating_add(column), self.y.saturating_add(row))
    }
}

/// One axis of `Viewport::show`: the new offset for a view of `view` cells.
fn follow(offset: u32, view: u32, start: u32, len: u32) -> u32 {
    let end = start.saturating_add(len);
    if start < offset || len >= view {
        start
    } else if end > offset.saturating_add(view) {
        end - view
    } else {
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rect_edges_and_containment() {
        let r = MapRect::new(2, 3, 4, 2);
        assert_eq!((r.right(), r.bottom()), (6, 5));
        assert!(r.contains(2, 3) && r.contains(5, 4));
        assert!(!r.contains(6, 4) && !r.contains(5, 5) && !r.contains(1, 3));
        assert!(r.intersects(&MapRect::new(5, 4, 3, 3)));
        assert!(!r.intersects(&MapRect::new(6, 3, 3, 3)));
    }

    #[test]
    fn show_scrolls_only_as_needed() {
        let v = Viewport::new(10, 5);
        // Already visible: no scroll.
        assert_eq!(v.show(MapRect::new(2, 1, 4, 3), 100, 100), v);
        // Below the screen: scroll just far enough that its last row is the last one shown.
        let down = v.show(MapRect::new(3, 20, 4, 3), 100, 100);
        assert_eq!((down.x, down.y), (0, 18));
        // Back above: its first row becomes the first shown.
        let up = down.show(MapRect::new(3, 10, 4, 3), 100, 100);
        assert_eq!((up.x, up.y), (0, 10));
        // To the right, and taller than the screen: show its top-left.
        let big = v.show(MapRect::new(30, 40, 4, 9), 100, 100);
        assert_eq!((big.x, big.y), (24, 40));
    }

    #[test]
    fn show_and_scroll_clamp_to_the_map() {
        let v = Viewport::new(10, 5);
        let end = v.show(MapRect::new(45, 28, 5, 2), 50, 30);
        assert_eq!((end.x, end.y), (40, 25));
        assert_eq!(end.scrolled(100, 100, 50, 30), end);
        assert_eq!(
            end.scrolled(-100, -3, 50, 30).area(),
            MapRect::new(0, 22, 10, 5)
        );
        // A map smaller than the screen never scrolls.
        assert_eq!(v.scrolled(4, 4, 8, 3), v);
    }

    #[test]
    fn screen_and_map_cells_convert_both_ways() {
        let v = Viewport {
            x: 5,
            y: 7,
            width: 10,
            height: 4,
        };
        assert_eq!(v.to_screen(5, 7), Some((0, 0)));
        assert_eq!(v.to_screen(14, 10), Some((9, 3)));
        assert_eq!(v.to_screen(15, 10), None);
        assert_eq!(v.to_map(9, 3), (14, 10));
    }
}
