//! Layout of small hand-made pathways: boxes, routes, hit-testing, scrolling, tidy.

use carepath::layout::{
    BoxSize, Layout, LayoutOptions, MapRect, RouteCell, RouteKind, Viewport, crossings, tidy,
};
use carepath::model::{Component, Condition, Link, Network, Pathway, Phase};
use proptest::prelude::*;

use Phase::*;

fn network(components: &[(&str, Phase)], links: &[(&str, &str)]) -> Network {
    let mut net = Network::new("test");
    net.add_pathway(Pathway::new("p", "P", Condition::LongTerm))
        .unwrap();
    for &(id, phase) in components {
        net.add_component("p", Component::new(id, id, phase), None)
            .unwrap();
    }
    for &(from, to) in links {
        net.add_link("p", Link::new(from, to)).unwrap();
    }
    net
}

fn pathway(components: &[(&str, Phase)], links: &[(&str, &str)]) -> Pathway {
    network(components, links).pathway("p").unwrap().clone()
}

fn layout(p: &Pathway, width: u32, boxes: BoxSize) -> Layout {
    Layout::new(
        p,
        &LayoutOptions {
            width,
            height: 200,
            boxes,
            order: None,
        },
    )
}

fn at(cells: &[RouteCell]) -> Vec<(u32, u32, char)> {
    cells.iter().map(|c| (c.x, c.y, c.ch)).collect()
}

/// No route cell of any link lies inside any box.
fn assert_clear_of_boxes(l: &Layout) {
    for (j, route) in l.routes.iter().enumerate() {
        for c in &route.cells() {
            let hit = l.boxes.iter().position(|b| b.contains(c.x, c.y));
            assert_eq!(
                hit, None,
                "link {j} passes through a box at ({}, {})",
                c.x, c.y
            );
        }
    }
}

const CHAIN: [(&str, Phase); 6] = [
    ("p", Prevention),
    ("r", Recognition),
    ("a", Assessment),
    ("m", Management),
    ("v", Review),
    ("t", Transition),
];

fn chain() -> Pathway {
    pathway(
        &CHAIN,
        &[("p", "r"), ("r", "a"), ("a", "m"), ("m", "v"), ("v", "t")],
    )
}

#[test]
fn a_chain_fills_six_columns_at_80_cells() {
    let l = layout(&chain(), 80, BoxSize::Auto);
    assert!(!l.compact);
    assert_eq!((l.width, l.height), (80, 6));
    let xs: Vec<(Phase, u32, u32)> = l.columns.iter().map(|c| (c.phase, c.x, c.width)).collect();
    assert_eq!(
        xs,
        [
            (Prevention, 1, 11),
            (Recognition, 15, 11),
            (Assessment, 29, 11),
            (Management, 43, 10),
            (Review, 56, 10),
            (Transition, 69, 10),
        ]
    );
    assert_eq!(l.boxes[0], MapRect::new(1, 2, 11, 3));
    assert_eq!(l.boxes[5], MapRect::new(69, 2, 10, 3));
    // Out of the bottom row of one box, into the top row of the next.
    assert_eq!(
        at(&l.routes[0].cells()),
        [
            (12, 4, '─'),
            (13, 4, '┘'),
            (13, 3, '│'),
            (13, 2, '┌'),
            (14, 2, '▶')
        ]
    );
    for (j, route) in l.routes.iter().enumerate() {
        assert_eq!(route.kind, RouteKind::Forward);
        let (from, to) = (l.boxes[j], l.boxes[j + 1]);
        let (first, last) = (route.cells()[0], *route.cells().last().unwrap());
        assert_eq!((first.x, first.y), (from.right(), from.y + 2));
        assert_eq!((last.x, last.y, last.ch), (to.x - 1, to.y, '▶'));
    }
    assert_clear_of_boxes(&l);
}

#[test]
fn hit_testing_finds_boxes_links_and_cells() {
    let l = layout(&chain(), 80, BoxSize::Normal);
    assert_eq!(l.box_at(1, 2), Some(0));
    assert_eq!(l.box_at(11, 4), Some(0));
    assert_eq!(l.box_at(12, 4), None, "gutter");
    assert_eq!(l.box_at(5, 5), None, "gap row below the box");
    assert_eq!(l.box_at(5, 0), None, "header row");
    assert_eq!(l.box_at(30, 3), Some(2));
    assert_eq!(l.column_at(30).map(|c| c.phase), Some(Assessment));
    assert_eq!(l.column_at(13).map(|c| c.phase), None);
    assert_eq!(l.link_at(13, 3), Some(0));
    assert_eq!(l.cell(13, 3), Some('│'));
    assert_eq!((l.link_at(5, 3), l.cell(5, 3)), (None, None));
    let shown: Vec<_> = l
        .cells_in(MapRect::new(12, 2, 3, 2))
        .map(|c| (c.x, c.y, c.ch))
        .collect();
    assert_eq!(shown, [(13, 2, '┌'), (14, 2, '▶'), (13, 3, '│')]);
}

#[test]
fn a_link_within_one_column_uses_the_gutter_to_its_right() {
    let p = pathway(&[("a1", Assessment), ("a2", Assessment)], &[("a1", "a2")]);
    let l = layout(&p, 80, BoxSize::Normal);
    let (a1, a2) = (l.boxes[0], l.boxes[1]);
    assert_eq!((a1.y, a2.y, a1.x, a2.x), (2, 6, a2.x, a1.x));
    let route = &l.routes[0];
    assert_eq!(route.kind, RouteKind::SameColumn);
    let x = a1.right();
    assert_eq!(
        at(&route.cells()),
        [
            (x, 4, '─'),
            (x + 1, 4, '┐'),
            (x + 1, 5, '│'),
            (x + 1, 6, '│'),
            (x + 1, 7, '┘'),
            (x, 7, '◀'),
        ]
    );
    assert_clear_of_boxes(&l);
}

#[test]
fn a_link_to_itself_loops_beside_its_box() {
    let p = pathway(&[("a", Assessment)], &[("a", "a")]);
    let l = layout(&p, 80, BoxSize::Normal);
    let x = l.boxes[0].right();
    assert_eq!(
        at(&l.routes[0].cells()),
        [(x, 4, '─'), (x + 1, 4, '┘'), (x + 1, 3, '┐'), (x, 3, '◀')]
    );
}

#[test]
fn a_skip_link_runs_along_a_gap_row_past_the_boxes_between() {
    let p = pathway(
        &[
            ("r", Recognition),
            ("a1", Assessment),
            ("a2", Assessment),
            ("m", Management),
        ],
        &[("r", "a1"), ("a1", "m"), ("r", "m")],
    );
    let l = layout(&p, 100, BoxSize::Normal);
    let route = &l.routes[2];
    assert_eq!(route.kind, RouteKind::Skip);
    assert_clear_of_boxes(&l);
    // Across the Assessment column only on the gap row between a1 and a2.
    let a = &l.columns[Assessment.index()];
    let across: Vec<u32> = route
        .cells()
        .iter()
        .filter(|c| c.x >= a.x && c.x < a.x + a.width)
        .map(|c| c.y)
        .collect();
    assert_eq!(across.len() as u32, a.width);
    assert!(across.iter().all(|&y| y == 5));
    let m = l.boxes[3];
    let last = route.arrowhead().unwrap();
    assert_eq!((last.x, last.y, last.ch), (m.x - 1, m.y, '▶'));
}

#[test]
fn a_backward_link_runs_along_a_lane_below_the_boxes() {
    let p = pathway(
        &[("a", Assessment), ("m", Management), ("v", Review)],
        &[("a", "m"), ("m", "v"), ("v", "a")],
    );
    let l = layout(&p, 80, BoxSize::Normal);
    let route = &l.routes[2];
    assert_eq!(route.kind, RouteKind::Backward);
    assert_clear_of_boxes(&l);
    let lowest = l.boxes.iter().map(MapRect::bottom).max().unwrap();
    let lane = route.cells().iter().map(|c| c.y).max().unwrap();
    assert_eq!((lowest, lane), (5, 5));
    // The lane runs from the Review exit back to the Assessment entry gutter.
    let (a, v) = (l.boxes[0], l.boxes[2]);
    let on_lane: Vec<u32> = route
        .cells()
        .iter()
        .filter(|c| c.y == lane)
        .map(|c| c.x)
        .collect();
    assert_eq!(on_lane.first(), Some(&(v.right() + 1)));
    assert!(*on_lane.last().unwrap() < a.x);
    let last = route.arrowhead().unwrap();
    assert_eq!((last.x, last.y, last.ch), (a.x - 1, a.y, '▶'));
    assert!(l.height > lane);
}

#[test]
fn compact_boxes_are_one_row_when_forced_or_when_normal_would_not_fit() {
    let five: Vec<(String, Phase)> = (0..5).map(|i| (format!("a{i}"), Assessment)).collect();
    let refs: Vec<(&str, Phase)> = five.iter().map(|(id, ph)| (id.as_str(), *ph)).collect();
    let p = pathway(&refs, &[("a0", "a4")]);
    let options = |height, boxes| LayoutOptions {
        width: 80,
        height,
        boxes,
        order: None,
    };
    // Normal needs 2 + 5 * 4 = 22 rows.
    assert!(!Layout::new(&p, &options(22, BoxSize::Auto)).compact);
    let auto = Layout::new(&p, &options(21, BoxSize::Auto));
    assert!(auto.compact);
    assert_eq!(auto, Layout::new(&p, &options(100, BoxSize::Compact)));
    let ys: Vec<(u32, u32)> = auto.boxes.iter().map(|b| (b.y, b.height)).collect();
    assert_eq!(ys, [(2, 1), (4, 1), (6, 1), (8, 1), (10, 1)]);
    assert_eq!(auto.height, 12);
    assert!(
        Layout::new(&p, &options(5, BoxSize::Normal))
            .boxes
            .iter()
            .all(|b| b.height == 3)
    );
    // Down the column: the arrow comes in through the gap row above the target.
    let route = &auto.routes[0];
    let x = auto.boxes[4].right();
    let last = route.arrowhead().unwrap();
    assert_eq!((last.x, last.y, last.ch), (x - 1, 9, '▼'));
    assert_eq!(auto.box_at(x - 1, 8), Some(3));
    assert_eq!(auto.box_at(x - 1, 9), None);
    assert_clear_of_boxes(&auto);
}

#[test]
fn the_viewport_follows_the_selection() {
    let twelve: Vec<(String, Phase)> = (0..12).map(|i| (format!("a{i}"), Assessment)).collect();
    let refs: Vec<(&str, Phase)> = twelve.iter().map(|(id, ph)| (id.as_str(), *ph)).collect();
    let p = pathway(&refs, &[]);
    let l = layout(&p, 60, BoxSize::Normal);
    assert_eq!(l.height, 2 + 12 * 4);
    let v = Viewport::new(40, 10);
    let last = v.show(l.boxes[11], l.width, l.height);
    assert_eq!(l.boxes[11].y, 46);
    assert_eq!((last.x, last.y), (0, 39));
    // One box up is still on screen: no scroll.
    assert_eq!(last.show(l.boxes[10], l.width, l.height), last);
    let first = last.show(l.boxes[0], l.width, l.height);
    assert_eq!(first.y, 2);
    assert_eq!(first.scrolled(0, -5, l.width, l.height).y, 0);
    assert_eq!(first.scrolled(0, 500, l.width, l.height).y, l.height - 10);
}

#[test]
fn crossing_count_and_tidy_on_two_crossed_links() {
    let mut net = network(
        &[
            ("r1", Recognition),
            ("a1", Assessment),
            ("r2", Recognition),
            ("a2", Assessment),
        ],
        &[("r1", "a2"), ("r2", "a1")],
    );
    let p = net.pathway("p").unwrap().clone();
    assert_eq!(crossings(&p, None), 1);
    let t = tidy(&p, None);
    assert_eq!((t.before, t.after), (1, 0));
    assert!(t.improved());
    // Each position keeps its phase: Recognition, Assessment, Recognition, Assessment.
    assert_eq!(t.order, ["r1", "a2", "r2", "a1"]);
    assert_eq!(t.positions, [0, 3, 2, 1]);
    assert_eq!(crossings(&p, Some(&t.positions)), 0);
    net.reorder_components("p", &t.order).unwrap();
    let tidied = net.pathway("p").unwrap();
    assert_eq!(crossings(tidied, None), 0);
    // Laid out in the tidy order, both links run straight across.
    let l = Layout::new(
        &p,
        &LayoutOptions {
            order: Some(&t.positions),
            ..LayoutOptions::default()
        },
    );
    assert_eq!(l.columns[Assessment.index()].components, [3, 1]);
    assert_eq!(l.boxes[3].y, l.boxes[0].y);
}

#[test]
fn tidy_keeps_an_order_it_cannot_improve() {
    let p = chain();
    let t = tidy(&p, None);
    assert_eq!((t.before, t.after), (0, 0));
    assert!(!t.improved());
    let ids: Vec<&str> = CHAIN.iter().map(|c| c.0).collect();
    assert_eq!(t.order, ids);
}

#[test]
fn only_links_between_neighbouring_columns_count_as_crossings() {
    let p = pathway(
        &[
            ("r1", Recognition),
            ("r2", Recognition),
            ("m1", Management),
            ("m2", Management),
        ],
        &[("r1", "m2"), ("r2", "m1"), ("r1", "r2"), ("r2", "r1")],
    );
    assert_eq!(crossings(&p, None), 0);
    let l = layout(&p, 100, BoxSize::Auto);
    assert_clear_of_boxes(&l);
    assert_eq!(l.routes[0].kind, RouteKind::Skip);
}

#[test]
fn an_order_that_is_not_a_permutation_is_ignored() {
    let p = chain();
    let bad = [0, 0, 1, 2, 3, 4];
    let l = Layout::new(
        &p,
        &LayoutOptions {
            order: Some(&bad),
            ..LayoutOptions::default()
        },
    );
    assert_eq!(l, layout(&p, 80, BoxSize::Auto));
    assert_eq!(crossings(&p, Some(&bad)), 0);
}

#[test]
fn an_empty_pathway_still_has_six_columns() {
    let p = pathway(&[], &[]);
    let l = layout(&p, 80, BoxSize::Auto);
    assert_eq!(l.columns.len(), 6);
    assert!(
        l.columns
            .iter()
            .all(|c| c.components.is_empty() && c.width >= 4)
    );
    assert!(l.columns.windows(2).all(|w| w[0].x + w[0].width < w[1].x));
    assert_eq!((l.boxes.len(), l.routes.len(), l.cells().len()), (0, 0, 0));
    assert_eq!(l.box_at(3, 3), None);
    let t = tidy(&p, None);
    assert_eq!((t.before, t.after, t.order.len()), (0, 0, 0));
}

#[test]
fn a_link_to_an_unknown_component_is_not_drawn() {
    // Only a pathway read straight from text, never checked, can hold such a link.
    let p: Pathway = ron::from_str(
        r#"Pathway(id: "p", name: "P", components: [
            Component(id: "a", name: "A", phase: Recognition),
            Component(id: "b", name: "B", phase: Assessment),
        ], links: [
            Link(from: "a", to: "nowhere"),
            Link(from: "a", to: "b"),
        ])"#,
    )
    .unwrap();
    let l = layout(&p, 80, BoxSize::Normal);
    assert_eq!(l.routes[0].kind, RouteKind::Missing);
    assert!(l.routes[0].cells().is_empty() && l.routes[0].arrowhead().is_none());
    assert_eq!(l.routes[1].kind, RouteKind::Forward);
    let last = l.routes[1].arrowhead().unwrap();
    assert_eq!((last.x, last.y), (l.boxes[1].x - 1, l.boxes[1].y));
    assert_eq!(crossings(&p, None), 0);
}

#[test]
fn tidy_untangles_a_reversed_column() {
    let mut ids = Vec::new();
    for i in 0..3 {
        ids.push((format!("r{i}"), Recognition));
        ids.push((format!("a{i}"), Assessment));
        ids.push((format!("m{i}"), Management));
    }
    let comps: Vec<(&str, Phase)> = ids.iter().map(|(id, ph)| (id.as_str(), *ph)).collect();
    // Assessment is upside down relative to both neighbours: 3 + 3 crossings.
    let p = pathway(
        &comps,
        &[
            ("r0", "a2"),
            ("r1", "a1"),
            ("r2", "a0"),
            ("a2", "m0"),
            ("a1", "m1"),
            ("a0", "m2"),
        ],
    );
    assert_eq!(crossings(&p, None), 6);
    let t = tidy(&p, None);
    assert_eq!((t.before, t.after), (6, 0));
    let l = Layout::new(
        &p,
        &LayoutOptions {
            order: Some(&t.positions),
            ..LayoutOptions::default()
        },
    );
    let names = |c: Phase| -> Vec<&str> {
        l.columns[c.index()]
            .components
            .iter()
            .map(|&i| p.components()[i].id.as_str())
            .collect()
    };
    assert_eq!(names(Assessment), ["a2", "a1", "a0"]);
    assert_eq!(names(Recognition), ["r0", "r1", "r2"]);
}

/// A random pathway: up to 16 components in random phases and random links between them.
fn arbitrary_pathway() -> impl Strategy<Value = Pathway> {
    (1usize..16)
        .prop_flat_map(|n| {
            (
                proptest::collection::vec(0usize..6, n),
                proptest::collection::vec((0..n, 0..n), 0..3 * n),
            )
        })
        .prop_map(|(phases, links)| {
            let ids: Vec<String> = (0..phases.len()).map(|i| format!("c{i}")).collect();
            let components: Vec<(&str, Phase)> = ids
                .iter()
                .zip(&phases)
                .map(|(id, &ph)| (id.as_str(), Phase::ALL[ph]))
                .collect();
            let mut pairs: Vec<(&str, &str)> = Vec::new();
            for (a, b) in links {
                let pair = (ids[a].as_str(), ids[b].as_str());
                if !pairs.contains(&pair) {
                    pairs.push(pair);
                }
            }
            pathway(&components, &pairs)
        })
}

/// The merged map built cell by cell from each route's own cells: the union of their
/// line directions, with the first link's arrowhead on top.
fn naive_merge(l: &Layout) -> Vec<RouteCell> {
    const LINES: [char; 16] = [
        ' ', '│', '─', '└', '│', '│', '┌', '├', '─', '┘', '─', '┴', '┐', '┤', '┬', '┼',
    ];
    let mut map: std::collections::BTreeMap<(u32, u32), (usize, Option<char>)> = Default::default();
    for route in &l.routes {
        for c in route.cells() {
            let entry = map.entry((c.y, c.x)).or_default();
            // The last match: a route's own │ and ─ always run both ways.
            match LINES.iter().rposition(|&l| l == c.ch) {
                Some(dirs) => entry.0 |= dirs,
                None => entry.1 = entry.1.or(Some(c.ch)),
            }
        }
    }
    map.into_iter()
        .map(|((y, x), (dirs, arrow))| RouteCell {
            x,
            y,
            ch: arrow.unwrap_or(LINES[dirs]),
        })
        .collect()
}

proptest! {
    #[test]
    fn tidy_never_adds_crossings_and_returns_a_permutation(p in arbitrary_pathway()) {
        let t = tidy(&p, None);
        prop_assert!(t.after <= t.before);
        prop_assert_eq!(t.before, crossings(&p, None));
        prop_assert_eq!(t.after, crossings(&p, Some(&t.positions)));
        let mut sorted = t.positions.clone();
        sorted.sort_unstable();
        prop_assert_eq!(sorted, (0..p.components().len()).collect::<Vec<_>>());
        for (i, &pos) in t.positions.iter().enumerate() {
            prop_assert_eq!(&t.order[i], &p.components()[pos].id);
            prop_assert_eq!(p.components()[pos].phase, p.components()[i].phase);
        }
        // Tidy again from its own result: never worse.
        prop_assert!(tidy(&p, Some(&t.positions)).after <= t.after);
    }

    #[test]
    fn routes_stay_out_of_boxes_and_inside_the_map(
        p in arbitrary_pathway(),
        width in 30u32..200,
        compact in any::<bool>(),
    ) {
        let boxes = if compact { BoxSize::Compact } else { BoxSize::Normal };
        let l = layout(&p, width, boxes);
        for (i, a) in l.boxes.iter().enumerate() {
            prop_assert!(a.right() <= l.width && a.bottom() <= l.height);
            for b in &l.boxes[i + 1..] {
                prop_assert!(!a.intersects(b));
            }
        }
        for (j, route) in l.routes.iter().enumerate() {
            prop_assert!(route.kind != RouteKind::Missing);
            let from = l.boxes[p.position(&p.links()[j].from).unwrap()];
            let first = route.cells()[0];
            prop_assert_eq!((first.x, first.y), (from.right(), from.y + from.height - 1));
            let cells = route.cells();
            prop_assert!("▶◀▲▼".contains(cells.last().unwrap().ch));
            prop_assert_eq!(cells.last().copied(), route.arrowhead());
            for pair in route.cells().windows(2) {
                let step = pair[0].x.abs_diff(pair[1].x) + pair[0].y.abs_diff(pair[1].y);
                prop_assert_eq!(step, 1, "route {} jumps", j);
            }
            for c in &route.cells() {
                prop_assert!(c.x < l.width && c.y < l.height);
                prop_assert!(l.boxes.iter().all(|b| !b.contains(c.x, c.y)), "route {} enters a box", j);
                prop_assert!(l.cell(c.x, c.y).is_some());
                prop_assert!(route.covers(c.x, c.y));
                prop_assert!(l.link_at(c.x, c.y).is_some_and(|k| k <= j));
            }
        }
        prop_assert_eq!(l.cells().len(), l.cells_in(MapRect::new(0, 0, l.width, l.height)).count());
        prop_assert_eq!(l.cells().to_vec(), naive_merge(&l));
    }
}
