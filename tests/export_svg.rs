//! The SVG map read back as geometry: whole names (no `…`), no link segment through a
//! box, links within a column apart, the weakest links numbered as in the editor.

mod exchange_support;

use std::path::{Path, PathBuf};

use carepath::analysis::{Target, analyse};
use carepath::model::{Component, Link, Network, Phase};
use exchange_support::{awkward, base, examples, run_in, save};

#[derive(Debug, Clone, Copy)]
struct Box_ {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Box_ {
    /// Strictly inside, a pixel and a half in from the border (ends touch the border).
    fn holds(&self, (x, y): (f64, f64)) -> bool {
        let m = 1.5;
        x > self.x + m && x < self.x + self.w - m && y > self.y + m && y < self.y + self.h - m
    }
}

fn num(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("a number: {s:?}"))
}

fn pair(s: &str) -> (f64, f64) {
    let (x, y) = s.split_once(',').expect("x,y");
    (num(x), num(y))
}

/// Points along an SVG path made of M, H, V, L and C commands (as carepath writes them),
/// every couple of pixels on straight runs and 40 steps along each curve.
fn points(d: &str) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut at = (0.0, 0.0);
    let line_to = |from: (f64, f64), to: (f64, f64), out: &mut Vec<(f64, f64)>| {
        let n = ((to.0 - from.0).abs() + (to.1 - from.1).abs())
            .ceil()
            .max(1.0) as usize;
        for k in 0..=n {
            let t = k as f64 / n as f64;
            out.push((from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t));
        }
    };
    let mut tokens = d.split_whitespace().peekable();
    while let Some(tok) = tokens.next() {
        let (cmd, rest) = tok.split_at(1);
        match cmd {
            "M" => at = pair(rest),
            "L" => {
                let to = pair(rest);
                line_to(at, to, &mut out);
                at = to;
            }
            "H" => {
                let to = (num(rest), at.1);
                line_to(at, to, &mut out);
                at = to;
            }
            "V" => {
                let to = (at.0, num(rest));
                line_to(at, to, &mut out);
                at = to;
            }
            "C" => {
                let p1 = pair(rest);
                let p2 = pair(tokens.next().unwrap());
                let p3 = pair(tokens.next().unwrap());
                for k in 0..=40 {
                    let t = k as f64 / 40.0;
                    let u = 1.0 - t;
                    let b = |a: f64, b: f64, c: f64, d: f64| {
                        u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * d
                    };
                    out.push((b(at.0, p1.0, p2.0, p3.0), b(at.1, p1.1, p2.1, p3.1)));
                }
                at = p3;
            }
            other => panic!("unexpected path command {other:?} in {d}"),
        }
    }
    out
}

fn has_class(n: &roxmltree::Node, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|w| w == class))
}

fn rect_of(g: &roxmltree::Node) -> Box_ {
    let r = g.children().find(|n| n.has_tag_name("rect")).unwrap();
    let a = |k: &str| num(r.attribute(k).unwrap());
    Box_ {
        x: a("x"),
        y: a("y"),
        w: a("width"),
        h: a("height"),
    }
}

/// A pathway whose links skip phases over full columns, go back, and stay in a column,
/// with names far longer than a box is wide.
fn crowded() -> Network {
    let mut n = base();
    let long = "Community paediatric diabetes specialist nursing and dietetic outreach service \
                for families in rural districts";
    for (k, phase) in Phase::ALL.into_iter().enumerate() {
        for row in 0..3 {
            let id = format!("x{k}-{row}");
            let mut c = Component::new(&id, &format!("{long} {k}.{row}"), phase);
            c.provider = Some("school".to_string());
            n.add_component("t1d", c, None).unwrap();
        }
    }
    for (from, to) in [
        ("x0-0", "x5-2"),
        ("x0-2", "x3-0"),
        ("x1-1", "x4-1"),
        ("x5-0", "x0-1"),
        ("x4-2", "x1-0"),
        ("x2-0", "x2-2"),
        ("x2-2", "x2-0"),
        ("x2-1", "x2-2"),
        ("x3-1", "x3-1"),
        ("x1-2", "x2-2"),
    ] {
        n.add_link("t1d", Link::new(from, to)).unwrap();
    }
    n
}

fn networks(dir: &Path) -> Vec<(PathBuf, Network)> {
    let mut all: Vec<(PathBuf, Network)> = examples()
        .into_iter()
        .map(|p| {
            let n = carepath::storage::load(&p).expect("examples load");
            (p, n)
        })
        .collect();
    all.push((save(dir, "awkward.ron", &awkward()), awkward()));
    all.push((save(dir, "crowded.ron", &crowded()), crowded()));
    let generated = carepath::generate::network(300, 7);
    all.push((save(dir, "generated.ron", &generated), generated));
    all
}

#[test]
fn names_are_whole_and_links_never_run_under_a_box() {
    let dir = tempfile::tempdir().unwrap();
    for (file, network) in networks(dir.path()) {
        let run = run_in(
            dir.path(),
            &["export", file.to_str().unwrap(), "--format", "svg"],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(!run.stdout.contains('…'), "{}: an ellipsis", file.display());
        let doc = roxmltree::Document::parse(&run.stdout).unwrap();
        let root = doc.root_element();
        for (p, pathway) in network.pathways().iter().enumerate() {
            let group = root
                .descendants()
                .find(|n| n.attribute("id") == Some(&format!("p{p}")))
                .unwrap();
            let boxes: Vec<roxmltree::Node> = group
                .descendants()
                .filter(|n| has_class(n, "component"))
                .collect();
            assert_eq!(boxes.len(), pathway.components().len());
            let rects: Vec<Box_> = boxes.iter().map(rect_of).collect();
            for (c, b) in pathway.components().iter().zip(&boxes) {
                let lines: Vec<&str> = b
                    .descendants()
                    .filter(|n| has_class(n, "name"))
                    .filter_map(|n| n.text())
                    .collect();
                let words = |s: &str| {
                    s.replace(|c: char| c.is_control() || c == '\u{FFFE}', " ")
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let (expected, shown) = (words(&c.name), words(&lines.join(" ")));
                // Words broken inside (too long for a line) lose only the space.
                assert!(
                    shown == expected || shown.replace(' ', "") == expected.replace(' ', ""),
                    "{}: {shown:?} should be {expected:?}",
                    file.display()
                );
            }
            let links: Vec<roxmltree::Node> = group
                .descendants()
                .filter(|n| has_class(n, "link"))
                .collect();
            assert_eq!(links.len(), pathway.links().len());
            for (j, g) in links.iter().enumerate() {
                let l = &pathway.links()[j];
                let d = g
                    .children()
                    .find(|n| n.has_tag_name("path"))
                    .unwrap()
                    .attribute("d")
                    .unwrap();
                for pt in points(d) {
                    for (i, r) in rects.iter().enumerate() {
                        assert!(
                            !r.holds(pt),
                            "{}: link {} -> {} runs under {} at {pt:?}",
                            file.display(),
                            l.from,
                            l.to,
                            pathway.components()[i].id
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn links_within_a_column_are_apart_and_weakest_links_are_numbered() {
    let dir = tempfile::tempdir().unwrap();
    let network = crowded();
    let file = save(dir.path(), "crowded.ron", &network);
    let run = run_in(
        dir.path(),
        &["export", file.to_str().unwrap(), "--format", "svg"],
    );
    let doc = roxmltree::Document::parse(&run.stdout).unwrap();
    let pathway = &network.pathways()[0];
    let path_of = |from: &str, to: &str| -> Vec<(f64, f64)> {
        let j = pathway
            .links()
            .iter()
            .position(|l| l.from == from && l.to == to)
            .unwrap();
        let g = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(&format!("l0-{j}")))
            .unwrap();
        points(
            g.children()
                .find(|n| n.has_tag_name("path"))
                .unwrap()
                .attribute("d")
                .unwrap(),
        )
    };
    // Two links in one column over the same rows do not lie on each other.
    let (a, b) = (path_of("x2-0", "x2-2"), path_of("x2-2", "x2-0"));
    let far_a = a.iter().map(|p| p.0).fold(f64::MIN, f64::max);
    let far_b = b.iter().map(|p| p.0).fold(f64::MIN, f64::max);
    assert!((far_a - far_b).abs() >= 3.0, "{far_a} vs {far_b}");

    // The numbered discs are the pathway's weakest, 1 first, as the editor ranks them.
    let analysis = analyse(&network);
    let expected: Vec<(Target, usize)> = analysis
        .weakest
        .iter()
        .filter(|w| w.pathway == 0)
        .take(5)
        .enumerate()
        .map(|(k, w)| (w.target, k + 1))
        .collect();
    assert!(!expected.is_empty());
    for (target, rank) in expected {
        let id = match target {
            Target::Component(i) => format!("c0-{i}"),
            Target::Link(j) => format!("l0-{j}"),
        };
        let g = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(id.as_str()))
            .unwrap();
        let badge = g
            .descendants()
            .find(|n| has_class(n, "rank"))
            .unwrap_or_else(|| panic!("{id} has no rank disc"));
        let text: String = badge
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(text.trim(), rank.to_string());
    }
    let discs = doc.descendants().filter(|n| has_class(n, "rank")).count();
    assert!(discs <= 5);
}
