//! The parts a map has thousands of: boxes, their text, and links. Each is appended to the
//! map's text piece by piece (`out`), with no string of its own.

use super::layout::{Band, Ends, HEAD_H, NAME_LINE, NAME_SIZE, PROVIDER_LINE, PROVIDER_SIZE};
use super::layout::{Rect, STRIPE, TEXT_X, link_ends, route};
use super::{border, out, status_key, volume};
use crate::analysis::{Status, Target};
use crate::cli::export::{View, colours};

/// `<text x=".." y=".." font-size=".."{extra}>`: the content and `text_end` follow.
fn text_start(out: &mut String, x: f64, y: f64, size: f64, extra: &str) {
    out.push_str("<text x=\"");
    out::d1(out, x);
    out.push_str("\" y=\"");
    out::d1(out, y);
    out.push_str("\" font-size=\"");
    out::num(out, size);
    out.push('"');
    out.push_str(extra);
    out.push('>');
}

fn text_end(out: &mut String) {
    out.push_str("</text>\n");
}

/// A line of text at (`x`, `y`); `extra` is more attributes, each after a space.
pub fn text(out: &mut String, x: f64, y: f64, size: f64, extra: &str, content: &str) {
    text_start(out, x, y, size, extra);
    out::xml(out, content);
    text_end(out);
}

/// A status box: stripe, fill, border, then the text lines.
pub fn status_box(out: &mut String, r: &Rect, status: Status) {
    let (fill, stroke) = colours(status);
    let (width, dash) = border(status);
    out.push_str("<rect x=\"");
    out::d1(out, r.x);
    out.push_str("\" y=\"");
    out::d1(out, r.y);
    out.push_str("\" width=\"");
    out::d1(out, r.w);
    out.push_str("\" height=\"");
    out::d1(out, r.h);
    out.push_str("\" rx=\"6\" fill=\"");
    out.push_str(fill);
    out.push_str("\" stroke=\"");
    out.push_str(stroke);
    out.push_str("\" stroke-width=\"");
    out::num(out, width);
    out.push('"');
    out.push_str(dash);
    out.push_str("/>\n<rect x=\"");
    out::d1(out, r.x + 1.5);
    out.push_str("\" y=\"");
    out::d1(out, r.y + 1.5);
    out.push_str("\" width=\"");
    out::num(out, STRIPE);
    out.push_str("\" height=\"");
    out::d1(out, r.h - 3.0);
    out.push_str("\" fill=\"url(#stripe-");
    out.push_str(status_key(status));
    out.push_str(")\" stroke=\"");
    out.push_str(stroke);
    out.push_str("\" stroke-width=\"1\"/>\n");
}

fn circle(out: &mut String, (x, y): (f64, f64), rest: &str) {
    out.push_str("<circle cx=\"");
    out::d1(out, x);
    out.push_str("\" cy=\"");
    out::d1(out, y);
    out.push_str(rest);
}

/// A numbered disc marking one of the pathway's weakest links, as in the editor.
fn rank_badge(out: &mut String, x: f64, y: f64, rank: usize) {
    out.push_str("<g class=\"rank\">");
    circle(out, (x, y), "\" r=\"9\" fill=\"#1a1a1a\"/>\n");
    text_start(
        out,
        x,
        y + 3.8,
        10.5,
        " text-anchor=\"middle\" font-weight=\"bold\" fill=\"#ffffff\"",
    );
    out::int(out, rank as u64);
    text_end(out);
    out.push_str("</g>\n");
}

/// The first `RANKED` of a pathway's weakest links, weakest first (`View::rank`, for
/// every part of a band at once).
pub struct Ranked(Vec<Target>);

impl Ranked {
    pub fn of(view: &View, p: usize) -> Ranked {
        Ranked(
            view.analysis
                .weakest
                .iter()
                .filter(|w| w.pathway == p)
                .take(super::super::RANKED)
                .map(|w| w.target)
                .collect(),
        )
    }

    fn rank(&self, target: Target) -> Option<usize> {
        self.0.iter().position(|&t| t == target).map(|k| k + 1)
    }
}

/// `<g id="{prefix}{p}-{i}">`'s id, after its prefix.
fn ids(out: &mut String, p: usize, i: usize) {
    out::int(out, p as u64);
    out.push('-');
    out::int(out, i as u64);
}

pub fn component(out: &mut String, view: &View, p: usize, i: usize, band: &Band, ranked: &Ranked) {
    let c = &view.network.pathways()[p].components()[i];
    let (r, words) = (&band.boxes[i], &band.texts[i]);
    let status = view.component_status(p, i);
    out.push_str("<g class=\"component status-");
    out.push_str(status_key(status));
    out.push_str("\" id=\"c");
    ids(out, p, i);
    out.push_str("\">\n<title>");
    out::xml(out, &c.name);
    out.push_str(" (");
    out::xml(out, &c.id);
    out.push_str(")</title>\n");
    status_box(out, r, status);
    let x = r.x + TEXT_X;
    // The status line, as `status_line` words it.
    text_start(out, x, r.y + 17.0, NAME_SIZE, " font-weight=\"bold\"");
    out::xml(out, status.symbol());
    out.push(' ');
    out::xml(out, status.word());
    if let Some(s) = view.component_strength(p, i) {
        out.push_str(" · ");
        out::percent(out, s);
    }
    text_end(out);
    let mut y = r.y + HEAD_H + NAME_SIZE;
    for line in &words.name {
        text(out, x, y, NAME_SIZE, " class=\"name\"", line);
        y += NAME_LINE;
    }
    y += 4.0 + PROVIDER_SIZE - NAME_SIZE;
    for line in words.provider.iter() {
        text(
            out,
            x,
            y,
            PROVIDER_SIZE,
            " class=\"provider\" font-style=\"italic\" fill=\"#333333\"",
            line,
        );
        y += PROVIDER_LINE;
    }
    if let Some(rank) = ranked.rank(Target::Component(i)) {
        rank_badge(out, r.right() - 12.0, r.y + 13.0, rank);
    }
    out.push_str("</g>\n");
}

pub fn links(
    out: &mut String,
    view: &View,
    p: usize,
    band: &Band,
    ranked: &Ranked,
    spill: &mut super::Spill,
) {
    let pathway = &view.network.pathways()[p];
    let busiest = volume::busiest(pathway);
    for (j, l) in pathway.links().iter().enumerate() {
        let Some((a, b)) = link_ends(pathway, j) else {
            continue;
        };
        let (ca, cb) = (&pathway.components()[a], &pathway.components()[b]);
        let ends = Ends {
            from: &band.boxes[a],
            to: &band.boxes[b],
            from_row: band.rows[a],
            to_row: band.rows[b],
            from_phase: ca.phase,
            to_phase: cb.phase,
        };
        let route = route(&ends, band, j);
        let status = view.link_status(p, j);
        let weak = view.is_weak_link(p, j);
        // The colour, the arrowhead's status ("arrow-red"; none is plain "arrow") and the
        // width of the line.
        let (colour, marker, width) = match status {
            Status::NoData if weak => (colours(Status::Red).1, Some(Status::Red), 1.6),
            Status::NoData => ("#404040", None, 1.4),
            s => (colours(s).1, Some(s), border(s).0.max(1.6)),
        };
        let width = volume::width(l.children, busiest).unwrap_or(width);
        out.push_str(if weak {
            "<g class=\"link weak-handoff\" id=\"l"
        } else {
            "<g class=\"link\" id=\"l"
        });
        ids(out, p, j);
        out.push_str("\"><title>");
        out::xml(out, &ca.name);
        out.push_str(" → ");
        out::xml(out, &cb.name);
        out.push_str(" (");
        out.push_str(l.kind.label());
        if status != Status::NoData {
            out.push_str(", ");
            out.push_str(status.word());
        }
        if weak {
            out.push_str(", weak hand-off");
        }
        if let Some(children) = l.children {
            out.push_str(&volume::title(Some(children)));
        }
        out.push_str(")</title>\n<path d=\"");
        route.path.write(out);
        out.push_str("\" fill=\"none\" stroke=\"");
        out.push_str(colour);
        out.push_str("\" stroke-width=\"");
        out::num(out, width);
        out.push('"');
        if weak {
            out.push_str(" stroke-dasharray=\"7 4\"");
        }
        out.push_str(" marker-end=\"url(#arrow");
        if let Some(s) = marker {
            out.push('-');
            out.push_str(status_key(s));
        }
        out.push_str(")\"/>\n");
        // The gaps between columns are too narrow for words: a measured link gets a
        // badge with its status symbol (its title has the rest).
        let (x, y) = route.label;
        if status != Status::NoData {
            circle(out, (x, y), "\" r=\"7.5\" fill=\"#ffffff\" stroke=\"");
            out.push_str(colour);
            out.push_str("\" stroke-width=\"1.5\"/>\n");
            text(
                out,
                x,
                y + 3.5,
                10.0,
                " text-anchor=\"middle\" font-weight=\"bold\" fill=\"#000000\"",
                status.symbol(),
            );
        }
        if let Some(rank) = ranked.rank(Target::Link(j)) {
            rank_badge(out, x + 15.0, y - 9.0, rank);
        }
        out.push_str("</g>\n");
        spill(out);
    }
}
