//! Where everything goes in the SVG: six phase columns, each pathway a band of rows with
//! its components in author order within their column, and a route for every link.
//!
//! Boxes of a band share one height (enough for its longest wrapped name), so rows line up
//! across columns and the gaps between rows form corridors that run the band's width
//! without meeting a box: links that skip a phase travel along them.

use super::super::font;
use super::super::{View, one_line};
use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

use super::out;
use crate::model::{Pathway, Phase};

pub const MARGIN: f64 = 24.0;
/// Horizontal distance from one phase column to the next.
pub const COLUMN: f64 = 216.0;
pub const BOX_W: f64 = 184.0;
pub const STRIPE: f64 = 12.0;
/// Where text starts inside a box, and how wide it may be.
pub const TEXT_X: f64 = STRIPE + 8.0;
pub const TEXT_W: f64 = BOX_W - TEXT_X - 8.0;
pub const NAME_SIZE: f64 = 11.0;
pub const NAME_LINE: f64 = 14.0;
pub const PROVIDER_SIZE: f64 = 9.5;
pub const PROVIDER_LINE: f64 = 12.0;
/// Above the name: padding and the status line.
pub const HEAD_H: f64 = 26.0;
const ROW_GAP: f64 = 24.0;
pub const TITLE_H: f64 = 70.0;
/// Pathway title and phase headings above the boxes.
pub const BAND_HEAD: f64 = 58.0;
const BAND_GAP: f64 = 26.0;
/// Room under the boxes: a corridor for links that skip phases, then the lane for links
/// back to an earlier phase.
const BOTTOM_ROOM: f64 = 40.0;
pub const LEGEND_H: f64 = 132.0;

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

/// What a box says: the component's whole name and provider, wrapped to the box. Boxes
/// with one provider share its lines.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxText {
    pub name: Vec<String>,
    pub provider: Rc<[String]>,
}

/// One pathway's band: its place and a box per component, indexed like `components()`.
#[derive(Debug, Clone)]
pub struct Band {
    /// The pathway's index in the network.
    pub pathway: usize,
    pub top: f64,
    pub height: f64,
    pub boxes: Vec<Rect>,
    /// Each box's row in its column.
    pub rows: Vec<usize>,
    pub texts: Vec<BoxText>,
    pub columns: Vec<Phase>,
    /// The y of the corridor under each row (the last under every box of the band).
    pub corridors: Vec<f64>,
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

/// The positions of link `j`'s ends among the pathway's components, if both are there.
pub fn link_ends(pathway: &Pathway, j: usize) -> Option<(usize, usize)> {
    let (l, all) = (pathway.links().get(j)?, pathway.components());
    // The graph knows them without hashing names; its answer is checked by id.
    let found = pathway.link_ends(j).filter(|&(a, b)| {
        all.get(a).is_some_and(|c| c.id == l.from) && all.get(b).is_some_and(|c| c.id == l.to)
    });
    found.or_else(|| Some((pathway.position(&l.from)?, pathway.position(&l.to)?)))
}

pub fn column_x(phase: Phase) -> f64 {
    MARGIN + phase.index() as f64 * COLUMN
}

/// `text` as `one_line` has it, copied only if it changes.
fn on_one_line(text: &str) -> Cow<'_, str> {
    if text
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
    {
        Cow::Owned(one_line(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// The wrapped lines of providers' names, each wrapped once for a band.
struct Providers<'a> {
    wrapped: HashMap<&'a str, Rc<[String]>>,
    none: Rc<[String]>,
}

impl<'a> Providers<'a> {
    fn new() -> Self {
        Providers {
            wrapped: HashMap::new(),
            none: Rc::from(Vec::new()),
        }
    }

    fn lines(&mut self, name: Option<&'a str>) -> Rc<[String]> {
        let Some(name) = name else {
            return Rc::clone(&self.none);
        };
        let lines = self.wrapped.entry(name).or_insert_with(|| {
            Rc::from(font::wrap(&on_one_line(name), PROVIDER_SIZE, false, TEXT_W))
        });
        Rc::clone(lines)
    }
}

fn box_text<'a>(
    view: &View<'a>,
    c: &crate::model::Component,
    providers: &mut Providers<'a>,
) -> BoxText {
    BoxText {
        name: font::wrap(&on_one_line(&c.name), NAME_SIZE, false, TEXT_W),
        provider: providers.lines(view.provider_name(c.provider.as_deref())),
    }
}

/// The height a box needs for its text.
fn box_height(t: &BoxText) -> f64 {
    let provider = if t.provider.is_empty() {
        0.0
    } else {
        4.0 + PROVIDER_LINE * t.provider.len() as f64
    };
    (HEAD_H + NAME_LINE * t.name.len() as f64 + provider + 10.0).max(80.0)
}

fn band(view: &View, p: usize, top: f64) -> Band {
    let pathway: &Pathway = &view.network.pathways()[p];
    let mut providers = Providers::new();
    let texts: Vec<BoxText> = pathway
        .components()
        .iter()
        .map(|c| box_text(view, c, &mut providers))
        .collect();
    let box_h = texts.iter().map(box_height).fold(80.0, f64::max);
    let mut per_column = [0usize; 6];
    let rows: Vec<usize> = pathway
        .components()
        .iter()
        .map(|c| {
            let row = per_column[c.phase.index()];
            per_column[c.phase.index()] += 1;
            row
        })
        .collect();
    let boxes: Vec<Rect> = pathway
        .components()
        .iter()
        .zip(&rows)
        .map(|(c, &row)| Rect {
            x: column_x(c.phase),
            y: top + BAND_HEAD + row as f64 * (box_h + ROW_GAP),
            w: BOX_W,
            h: box_h,
        })
        .collect();
    let deepest = per_column.iter().copied().max().unwrap_or(0).max(1);
    let boxes_bottom = top + BAND_HEAD + deepest as f64 * (box_h + ROW_GAP) - ROW_GAP;
    let corridors = (0..deepest)
        .map(|r| {
            if r + 1 < deepest {
                top + BAND_HEAD + r as f64 * (box_h + ROW_GAP) + box_h + ROW_GAP / 2.0
            } else {
                boxes_bottom + 12.0
            }
        })
        .collect();
    let roundabout = (0..pathway.links().len()).any(|j| {
        let phase = |i: usize| pathway.components()[i].phase.index();
        match link_ends(pathway, j) {
            Some((a, b)) => phase(b) < phase(a) || phase(b) > phase(a) + 1,
            None => false,
        }
    });
    let height =
        BAND_HEAD + (boxes_bottom - top - BAND_HEAD) + if roundabout { BOTTOM_ROOM } else { 12.0 };
    let columns = Phase::ALL
        .into_iter()
        .filter(|&p| pathway.column(p).next().is_some())
        .collect();
    Band {
        pathway: p,
        top,
        height,
        boxes,
        rows,
        texts,
        columns,
        corridors,
        back_lane: boxes_bottom + 28.0,
    }
}

/// The bands of `pathways` (indexes into the network's), under the network's title when
/// `title`, above the legend when `legend`.
pub fn layout(view: &View, pathways: &[usize], title: bool, legend: bool) -> Layout {
    // The last column keeps its gap on the right for links that bow out of it.
    let width = 2.0 * MARGIN + Phase::ALL.len() as f64 * COLUMN;
    let mut y = if title { MARGIN + TITLE_H } else { 6.0 };
    let mut bands = Vec::new();
    for &p in pathways {
        let b = band(view, p, y);
        y += b.height + BAND_GAP;
        bands.push(b);
    }
    if bands.is_empty() {
        y += 40.0;
    }
    let bottom = if legend { LEGEND_H + MARGIN } else { 0.0 };
    Layout {
        width,
        height: y + bottom,
        bands,
        legend_top: y,
    }
}

/// A link's path and the point where its label goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub path: Path,
    pub label: (f64, f64),
}

/// The shape of a link's line.
#[derive(Debug, Clone, PartialEq)]
pub enum Path {
    /// A cubic Bézier curve through its four points.
    Cubic([(f64, f64); 4]),
    /// Right angles: from (x1, y1) across to x, down or up to y, across to x, to y, and
    /// across to the end x.
    Elbow { start: (f64, f64), turns: [f64; 5] },
}

impl Path {
    /// Appends the SVG path data, every number to a tenth.
    pub fn write(&self, out: &mut String) {
        match self {
            Path::Cubic([p0, p1, p2, p3]) => {
                out.push('M');
                pair(out, *p0);
                out.push_str(" C");
                pair(out, *p1);
                out.push(' ');
                pair(out, *p2);
                out.push(' ');
                pair(out, *p3);
            }
            Path::Elbow { start, turns } => {
                out.push('M');
                pair(out, *start);
                for (k, t) in turns.iter().enumerate() {
                    out.push_str(if k % 2 == 0 { " H" } else { " V" });
                    out::d1(out, *t);
                }
            }
        }
    }
}

fn pair(out: &mut String, (x, y): (f64, f64)) {
    out::d1(out, x);
    out.push(',');
    out::d1(out, y);
}

fn cubic(p: [(f64, f64); 4]) -> Route {
    let [p0, p1, p2, p3] = p;
    Route {
        path: Path::Cubic(p),
        label: (
            (p0.0 + 3.0 * p1.0 + 3.0 * p2.0 + p3.0) / 8.0,
            (p0.1 + 3.0 * p1.1 + 3.0 * p2.1 + p3.1) / 8.0,
        ),
    }
}

/// Where a link runs, by its ends: boxes, rows and phases.
pub struct Ends<'a> {
    pub from: &'a Rect,
    pub to: &'a Rect,
    pub from_row: usize,
    pub to_row: usize,
    pub from_phase: Phase,
    pub to_phase: Phase,
}

/// The route of a link; `lane` (the link's index) spreads links that share a gap or a
/// corridor so each can be followed. Links between neighbouring columns cross the gap
/// between them; links within a column bow out into the gap to its right; links that skip
/// a phase go into the gap beside their source, along the corridor under the higher of
/// their rows, and down or up the gap before their target; links back to an earlier phase
/// take the lane under every box. None runs through a box.
pub fn route(e: &Ends, band: &Band, lane: usize) -> Route {
    let (from, to) = (e.from, e.to);
    let spread = (lane % 4) as f64 * 5.0;
    let nudge = ((lane % 5) as f64 - 2.0) * 4.0;
    if from == to {
        let (x, y) = (from.right(), from.mid_y());
        return cubic([
            (x, y - 14.0),
            (x + 28.0, y - 30.0),
            (x + 28.0, y + 30.0),
            (x, y + 14.0),
        ]);
    }
    let (fi, ti) = (e.from_phase.index(), e.to_phase.index());
    if ti == fi + 1 {
        let (x1, y1) = (from.right(), from.mid_y() + nudge);
        let (x2, y2) = (to.x, to.mid_y() + nudge);
        let dx = (x2 - x1) / 2.0;
        return cubic([(x1, y1), (x1 + dx, y1), (x2 - dx, y2), (x2, y2)]);
    }
    if ti == fi {
        let (x, y1, y2) = (from.right(), from.mid_y() - 8.0, to.mid_y() + 8.0);
        let bow = 9.0 + spread;
        return cubic([(x, y1), (x + bow, y1), (x + bow, y2), (x, y2)]);
    }
    let (y1, y2) = (from.mid_y() + nudge, to.mid_y() + nudge);
    let out_x = from.right() + 8.0 + spread;
    let in_x = to.x - 8.0 - spread;
    let along = if ti > fi {
        band.corridors[e.from_row.min(e.to_row)] + ((lane % 3) as f64 - 1.0) * 4.0
    } else {
        band.back_lane + ((lane % 3) as f64 - 1.0) * 3.0
    };
    Route {
        path: Path::Elbow {
            start: (from.right(), y1),
            turns: [out_x, along, in_x, y2, to.x],
        },
        label: ((out_x + in_x) / 2.0, along),
    }
}
