//! What was drawn where, recorded while rendering, so a click can be turned into an
//! action without the event loop knowing the screen's layout.

use ratatui::layout::{Position, Rect};

use crate::app::Action;

/// The clickable areas of the last frame. Later entries lie on top of earlier ones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HitMap {
    /// An area and what a click there does; `None` covers what lies below (an overlay).
    areas: Vec<(Rect, Option<Action>)>,
    map: Option<Rect>,
}

impl HitMap {
    pub fn new() -> HitMap {
        HitMap::default()
    }

    /// Records that a click in `area` means `action`.
    pub fn add(&mut self, area: Rect, action: Action) {
        if !area.is_empty() {
            self.areas.push((area, Some(action)));
        }
    }

    /// Records an area that takes clicks and does nothing with them (an overlay), so the
    /// map beneath it cannot be clicked through.
    pub fn cover(&mut self, area: Rect) {
        self.areas.push((area, None));
        if self.map.is_some_and(|m| m.intersects(area)) {
            self.map = None;
        }
    }

    pub(super) fn set_map_area(&mut self, area: Rect) {
        self.map = Some(area);
    }

    /// The action a click at this screen cell means, if any.
    pub fn action_at(&self, column: u16, row: u16) -> Option<Action> {
        let at = Position::new(column, row);
        self.areas
            .iter()
            .rev()
            .find(|(area, _)| area.contains(at))
            .and_then(|(_, action)| action.clone())
    }

    /// Where the map was drawn, for the mouse wheel; None while an overlay covers it.
    pub fn map_area(&self) -> Option<Rect> {
        self.map
    }

    /// True when the wheel at this cell should scroll the map.
    pub fn over_map(&self, column: u16, row: u16) -> bool {
        let at = Position::new(column, row);
        self.map.is_some_and(|m| m.contains(at))
            && !self
                .areas
                .iter()
                .any(|(area, action)| action.is_none() && area.contains(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_areas_win_and_covers_block() {
        let mut hits = HitMap::new();
        hits.set_map_area(Rect::new(0, 0, 20, 10));
        hits.add(Rect::new(0, 0, 10, 3), Action::SelectPathway(0));
        hits.add(Rect::new(5, 0, 10, 3), Action::SelectPathway(1));
        assert_eq!(hits.action_at(2, 1), Some(Action::SelectPathway(0)));
        assert_eq!(hits.action_at(6, 1), Some(Action::SelectPathway(1)));
        assert_eq!(hits.action_at(30, 1), None);
        assert!(hits.over_map(15, 8));
        hits.cover(Rect::new(0, 0, 8, 8));
        assert_eq!(hits.action_at(2, 1), None);
        assert_eq!(hits.action_at(9, 1), Some(Action::SelectPathway(1)));
        assert_eq!(hits.map_area(), None);
    }
}
