//! Where everything goes in the SVG: six phase columns, each pathway a band of rows with
//! its components in author order within their column, and a route for every link.

use crate::model::{Network, Phase};

pub const MARGIN: f64 = 24.0;
/// Horizontal distance from one phase column to the next.
pub const COLUMN: f64 = 216.0;
pub const BOX_W: f64 = 184.0;
pub const BOX_H: f64 = 80.0;
const ROW_GAP: f64 = 22.0;
pub const TITLE_H: f64 = 70.0;
/// Pathway title and phase headings above the boxes.
pub const BAND_HEAD: f64 = 58.0;
const BAND_GAP: f64 = 26.0;
/// Room under the boxes for links that go back to an earlier phase.
const BACK_ROOM: f64 = 34.0;
pub const LEGEND_H: f64 = 118.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn mid_y(&self) -> f64 {
        self.y + self.h / 2.0
    }
}

/// One pathway's band: its place and a box per component, indexed like `components()`.
#[derive(Debug, Clone)]
pub struct Band {
    pub top: f64,
    pub height: f64,
    pub boxes: Vec<Rect>,
    pub columns: Vec<Phase>,
    /// Where links that go back to an earlier phase run, under every box of the band.
    pub back_lane: f64,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub bands: Vec<Band>,
    pub legend_top: f64,
}

pub fn column_x(phase: Phase) -> f64 {
    MARGIN + phase.index() as f64 * COLUMN
}

pub fn layout(network: &Network) -> Layout {
    // The last column keeps its gap on the right for links that bow out of it.
    let width = 2.0 * MARGIN + Phase::ALL.len() as f64 * COLUMN;
    let mut y = MARGIN + TITLE_H;
    let mut bands = Vec::new();
    for pathway in network.pathways() {
        let mut rows = [0usize; 6];
        let boxes: Vec<Rect> = pathway
            .components()
            .iter()
            .map(|c| {
                let row = rows[c.phase.index()];
                rows[c.phase.index()] += 1;
                Rect {
                    x: column_x(c.phase),
                    y: y + BAND_HEAD + row as f64 * (BOX_H + ROW_GAP),
                    w: BOX_W,
                    h: BOX_H,
                }
            })
            .collect();
        let deepest = rows.iter().copied().max().unwrap_or(0).max(1);
        let boxes_h = deepest as f64 * (BOX_H + ROW_GAP) - ROW_GAP;
        let goes_back = pathway.links().iter().any(|l| {
            let phase = |id: &str| pathway.component(id).map(|c| c.phase);
            phase(&l.to) < phase(&l.from)
        });
        let back_lane = y + BAND_HEAD + boxes_h + BACK_ROOM / 2.0;
        let height = BAND_HEAD + boxes_h + if goes_back { BACK_ROOM } else { 12.0 };
        let columns = Phase::ALL
            .into_iter()
            .filter(|&p| pathway.column(p).next().is_some())
            .collect();
        bands.push(Band {
            top: y,
            height,
            boxes,
            columns,
            back_lane,
        });
        y += height + BAND_GAP;
    }
    if bands.is_empty() {
        y += 40.0;
    }
    Layout {
        width,
        height: y + LEGEND_H + MARGIN,
        bands,
        legend_top: y,
    }
}

/// A link's path (SVG path data) and the point where its label goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub d: String,
    pub label: (f64, f64),
}

/// Half the gap between two columns: the lane where links run up and down.
const LANE: f64 = (COLUMN - BOX_W) / 2.0;

fn cubic(p: [(f64, f64); 4]) -> Route {
    let [p0, p1, p2, p3] = p;
    Route {
        d: format!(
            "M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            p0.0, p0.1, p1.0, p1.1, p2.0, p2.1, p3.0, p3.1
        ),
        label: (
            (p0.0 + 3.0 * p1.0 + 3.0 * p2.0 + p3.0) / 8.0,
            (p0.1 + 3.0 * p1.1 + 3.0 * p2.1 + p3.1) / 8.0,
        ),
    }
}

/// The route of a link. Forward links run from the right side of one box to the left side
/// of the next; links within a column bow out into the gap to its right; links back to an
/// earlier phase go down the gap beside their source, along under the band's boxes, and
/// up the gap before their target, so they never run through a box.
pub fn route(from: &Rect, to: &Rect, from_phase: Phase, to_phase: Phase, back_lane: f64) -> Route {
    if from == to {
        let (x, y) = (from.right(), from.mid_y());
        return cubic([
            (x, y - 14.0),
            (x + 28.0, y - 30.0),
            (x + 28.0, y + 30.0),
            (x, y + 14.0),
        ]);
    }
    if to_phase > from_phase {
        let (x1, y1) = (from.right(), from.mid_y());
        let (x2, y2) = (to.x, to.mid_y());
        let dx = (x2 - x1) / 2.0;
        return cubic([(x1, y1), (x1 + dx, y1), (x2 - dx, y2), (x2, y2)]);
    }
    if to_phase == from_phase {
        let (x, y1, y2) = (from.right(), from.mid_y(), to.mid_y());
        let bow = LANE + (y2 - y1).abs().min(100.0) * 0.1;
        return cubic([(x, y1), (x + bow, y1), (x + bow, y2), (x, y2)]);
    }
    let (y1, y2) = (from.mid_y() + 10.0, to.mid_y() + 10.0);
    let out_x = from.right() + LANE;
    let in_x = to.x - LANE;
    Route {
        d: format!(
            "M{:.1},{y1:.1} H{out_x:.1} V{back_lane:.1} H{in_x:.1} V{y2:.1} H{:.1}",
            from.right(),
            to.x
        ),
        label: ((out_x + in_x) / 2.0, back_lane),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Component, Condition, Link, Pathway};

    #[test]
    fn six_columns_in_phase_order_and_author_order_within_each() {
        let mut n = Network::new("n");
        n.add_pathway(Pathway::new("p", "P", Condition::LongTerm))
            .unwrap();
        for (id, phase) in [
            ("review", Phase::Review),
            ("first", Phase::Management),
            ("entry", Phase::Recognition),
            ("second", Phase::Management),
        ] {
            n.add_component("p", Component::new(id, id, phase), None)
                .unwrap();
        }
        n.add_link("p", Link::new("review", "first")).unwrap();
        let lay = layout(&n);
        let b = &lay.bands[0].boxes;
        assert_eq!(b[0].x, column_x(Phase::Review));
        assert_eq!(b[1].x, column_x(Phase::Management));
        assert_eq!(b[2].x, column_x(Phase::Recognition));
        assert!(
            b[2].x < b[1].x && b[1].x < b[0].x,
            "phase order left to right"
        );
        assert_eq!(b[3].x, b[1].x);
        assert!(b[1].y < b[3].y, "author order top to bottom");
        assert_eq!(b[0].y, b[1].y, "each column starts at the top");
        // The back link runs under every box of the band, inside the band.
        let band = &lay.bands[0];
        assert!(band.back_lane > b[3].y + b[3].h);
        assert!(band.back_lane < band.top + band.height);
        assert!(lay.legend_top >= band.top + band.height);
        let r = route(
            &b[0],
            &b[1],
            Phase::Review,
            Phase::Management,
            band.back_lane,
        );
        assert!(r.d.contains(&format!("V{:.1}", band.back_lane)), "{}", r.d);
        assert!(lay.width >= column_x(Phase::Transition) + BOX_W + MARGIN);
    }
}
