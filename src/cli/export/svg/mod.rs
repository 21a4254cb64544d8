//! carepath's own drawing of the map as SVG 1.1, with no Graphviz needed.
//!
//! Status is never colour alone: every box carries the status symbol and word, and a
//! stripe down its left side whose pattern differs by status (solid for Red, hatched for
//! Amber, clear for Green, dotted for No data), and a border whose weight and dashes differ
//! too, so a greyscale print still reads.

mod layout;
mod volume;

use std::fmt::Write;

pub use layout::{Band, Layout, Rect};

use layout::{
    BOX_W, D1, Ends, HEAD_H, MARGIN, NAME_LINE, NAME_SIZE, PROVIDER_LINE, PROVIDER_SIZE, STRIPE,
    TEXT_X, column_x, route,
};

use super::{View, colours, font, percent, status_line};
use crate::analysis::{Status, Target};
use crate::model::Phase;

/// The embedded font first (text is measured with it), then look-alikes.
const FONT: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

/// Text for XML: the five markup characters escaped; characters XML 1.0 forbids (control
/// characters, U+FFFE, U+FFFF) become spaces, as do line and paragraph separators (the
/// text is on one line, `one_line`).
pub fn xml(text: &str) -> String {
    Xml(text).to_string()
}

/// `xml` written straight into a map's text, with no string of its own.
pub struct Xml<'a>(pub &'a str);

impl std::fmt::Display for Xml<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let text = self.0;
        let mut start = 0;
        for (i, c) in text.char_indices() {
            let instead = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                '\u{FFFE}' | '\u{FFFF}' | '\u{2028}' | '\u{2029}' => " ",
                c if c.is_control() => " ",
                _ => continue,
            };
            f.write_str(&text[start..i])?;
            f.write_str(instead)?;
            start = i + c.len_utf8();
        }
        f.write_str(&text[start..])
    }
}

fn status_key(s: Status) -> &'static str {
    match s {
        Status::Red => "red",
        Status::Amber => "amber",
        Status::Green => "green",
        Status::NoData => "nodata",
    }
}

/// The border of a box: width and dash pattern by status.
fn border(s: Status) -> (f64, &'static str) {
    match s {
        Status::Red => (3.0, ""),
        Status::Amber => (2.0, ""),
        Status::Green => (1.2, ""),
        Status::NoData => (1.2, " stroke-dasharray=\"5 3\""),
    }
}

const STATUSES: [Status; 4] = [Status::Red, Status::Amber, Status::Green, Status::NoData];

fn defs(out: &mut String) {
    out.push_str("<defs>\n");
    // Stripe patterns, one per status.
    let (_, red) = colours(Status::Red);
    let (_, amber) = colours(Status::Amber);
    let (_, grey) = colours(Status::NoData);
    let _ = writeln!(
        out,
        "<pattern id=\"stripe-red\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">\
         <rect width=\"6\" height=\"6\" fill=\"{red}\"/></pattern>"
    );
    let _ = writeln!(
        out,
        "<pattern id=\"stripe-amber\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">\
         <rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>\
         <path d=\"M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5\" stroke=\"{amber}\" stroke-width=\"1.6\"/></pattern>"
    );
    let _ = writeln!(
        out,
        "<pattern id=\"stripe-green\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">\
         <rect width=\"6\" height=\"6\" fill=\"#ffffff\"/></pattern>"
    );
    let _ = writeln!(
        out,
        "<pattern id=\"stripe-nodata\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">\
         <rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>\
         <circle cx=\"3\" cy=\"3\" r=\"1.2\" fill=\"{grey}\"/></pattern>"
    );
    // Arrowheads, one per link colour (SVG 1.1 markers cannot take the line's colour).
    let mut arrow = |id: &str, colour: &str| {
        let _ = writeln!(
            out,
            "<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" \
             markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">\
             <path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"/></marker>"
        );
    };
    arrow("arrow", "#404040");
    for s in STATUSES {
        arrow(&format!("arrow-{}", status_key(s)), colours(s).1);
    }
    out.push_str("</defs>\n");
}

/// A status box: stripe, fill, border, then the text lines.
fn status_box(out: &mut String, r: &Rect, status: Status) {
    let (fill, stroke) = colours(status);
    let (width, dash) = border(status);
    let _ = writeln!(
        out,
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"6\" fill=\"{fill}\" \
         stroke=\"{stroke}\" stroke-width=\"{width}\"{dash}/>",
        D1(r.x),
        D1(r.y),
        D1(r.w),
        D1(r.h)
    );
    let _ = writeln!(
        out,
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{STRIPE}\" height=\"{:.1}\" \
         fill=\"url(#stripe-{})\" stroke=\"{stroke}\" stroke-width=\"1\"/>",
        D1(r.x + 1.5),
        D1(r.y + 1.5),
        D1(r.h - 3.0),
        status_key(status)
    );
}

fn text(out: &mut String, x: f64, y: f64, size: f64, extra: &str, content: &str) {
    let (x, y) = (D1(x), D1(y));
    let _ = writeln!(
        out,
        "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\"{extra}>{}</text>",
        Xml(content)
    );
}

/// A numbered disc marking one of the pathway's weakest links, as in the editor.
fn rank_badge(out: &mut String, x: f64, y: f64, rank: usize) {
    let (cx, cy) = (D1(x), D1(y));
    let _ = writeln!(
        out,
        "<g class=\"rank\"><circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"9\" fill=\"#1a1a1a\"/>"
    );
    text(
        out,
        x,
        y + 3.8,
        10.5,
        " text-anchor=\"middle\" font-weight=\"bold\" fill=\"#ffffff\"",
        &rank.to_string(),
    );
    out.push_str("</g>\n");
}

fn component(out: &mut String, view: &View, p: usize, i: usize, band: &Band) {
    let c = &view.network.pathways()[p].components()[i];
    let (r, words) = (&band.boxes[i], &band.texts[i]);
    let status = view.component_status(p, i);
    let _ = writeln!(
        out,
        "<g class=\"component status-{}\" id=\"c{p}-{i}\">",
        status_key(status),
    );
    let _ = writeln!(out, "<title>{} ({})</title>", Xml(&c.name), Xml(&c.id));
    status_box(out, r, status);
    let x = r.x + TEXT_X;
    let head = status_line(status, view.component_strength(p, i));
    text(
        out,
        x,
        r.y + 17.0,
        NAME_SIZE,
        " font-weight=\"bold\"",
        &head,
    );
    let mut y = r.y + HEAD_H + NAME_SIZE;
    for line in &words.name {
        text(out, x, y, NAME_SIZE, " class=\"name\"", line);
        y += NAME_LINE;
    }
    y += 4.0 + PROVIDER_SIZE - NAME_SIZE;
    for line in &words.provider {
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
    if let Some(rank) = view.rank(p, Target::Component(i)) {
        rank_badge(out, r.right() - 12.0, r.y + 13.0, rank);
    }
    out.push_str("</g>\n");
}

fn links(out: &mut String, view: &View, p: usize, band: &Band) {
    let pathway = &view.network.pathways()[p];
    let busiest = volume::busiest(pathway);
    for (j, l) in pathway.links().iter().enumerate() {
        let (Some(a), Some(b)) = (pathway.position(&l.from), pathway.position(&l.to)) else {
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
        let path = route(&ends, band, j);
        let status = view.link_status(p, j);
        let weak = view.is_weak_link(p, j);
        let (colour, marker, width) = match status {
            Status::NoData if weak => (colours(Status::Red).1, "arrow-red".to_string(), 1.6),
            Status::NoData => ("#404040", "arrow".to_string(), 1.4),
            s => (
                colours(s).1,
                format!("arrow-{}", status_key(s)),
                border(s).0.max(1.6),
            ),
        };
        let width = volume::width(l.children, busiest).unwrap_or(width);
        let dash = if weak {
            " stroke-dasharray=\"7 4\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<g class=\"link{}\" id=\"l{p}-{j}\"><title>{} → {} ({}{}{}{})</title>",
            if weak { " weak-handoff" } else { "" },
            Xml(&ca.name),
            Xml(&cb.name),
            l.kind.label(),
            if status == Status::NoData {
                String::new()
            } else {
                format!(", {}", status.word())
            },
            if weak { ", weak hand-off" } else { "" },
            volume::title(l.children),
        );
        let _ = writeln!(
            out,
            "<path d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash} \
             marker-end=\"url(#{marker})\"/>",
            path.d
        );
        // The gaps between columns are too narrow for words: a measured link gets a
        // badge with its status symbol (its title has the rest).
        if status != Status::NoData {
            let (x, y) = path.label;
            let (cx, cy) = (D1(x), D1(y));
            let _ = writeln!(
                out,
                "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"7.5\" fill=\"#ffffff\" stroke=\"{colour}\" \
                 stroke-width=\"1.5\"/>"
            );
            text(
                out,
                x,
                y + 3.5,
                10.0,
                " text-anchor=\"middle\" font-weight=\"bold\" fill=\"#000000\"",
                status.symbol(),
            );
        }
        if let Some(rank) = view.rank(p, Target::Link(j)) {
            let (x, y) = path.label;
            rank_badge(out, x + 15.0, y - 9.0, rank);
        }
        out.push_str("</g>\n");
    }
}

fn legend(out: &mut String, lay: &Layout, counted: bool) {
    let top = lay.legend_top;
    let _ = writeln!(out, "<g class=\"legend\">");
    text(
        out,
        MARGIN,
        top + 14.0,
        12.0,
        " font-weight=\"bold\"",
        "Legend",
    );
    let meaning = [
        "target missed",
        "near target",
        "target met",
        "no measure with data",
    ];
    for (k, (status, words)) in STATUSES.iter().zip(meaning).enumerate() {
        let r = Rect {
            x: MARGIN + k as f64 * 200.0,
            y: top + 24.0,
            w: 40.0,
            h: 28.0,
        };
        status_box(out, &r, *status);
        let label = format!("{} {}: {words}", status.symbol(), status.word());
        text(out, r.x + 48.0, r.y + 18.0, 10.5, "", &label);
    }
    let y = top + 78.0;
    let _ = writeln!(
        out,
        "<path d=\"M{:.1},{y:.1} H{:.1}\" stroke=\"#404040\" stroke-width=\"1.4\" marker-end=\"url(#arrow)\"/>",
        MARGIN,
        MARGIN + 44.0
    );
    text(out, MARGIN + 52.0, y + 4.0, 10.5, "", "link (hand-off)");
    let x = MARGIN + 200.0;
    let _ = writeln!(
        out,
        "<path d=\"M{x:.1},{y:.1} H{:.1}\" stroke=\"{}\" stroke-width=\"1.6\" stroke-dasharray=\"7 4\" marker-end=\"url(#arrow-red)\"/>",
        x + 44.0,
        colours(Status::Red).1
    );
    text(
        out,
        x + 52.0,
        y + 4.0,
        10.5,
        "",
        "weak hand-off: different sectors, little or no integration",
    );
    if counted {
        volume::legend(out, MARGIN + 640.0, y);
    }
    text(
        out,
        MARGIN,
        y + 26.0,
        10.0,
        " fill=\"#333333\"",
        "Strength is the lowest attainment among a part's measures. A circle on a link shows \
         its status; a black disc numbers the pathway's weakest links, 1 the weakest.",
    );
    out.push_str("</g>\n");
}

/// The whole map: title, every pathway, legend.
pub fn render(view: &View) -> String {
    let all: Vec<usize> = (0..view.network.pathways().len()).collect();
    let mut out = String::with_capacity(room(view, &all));
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    write_map(&mut out, view, &all, true);
    out
}

/// About how many bytes the map of `pathways` takes, so its text is made in one piece
/// rather than copied each time it outgrows its room.
fn room(view: &View, pathways: &[usize]) -> usize {
    let all = view.network.pathways();
    let (components, links) = pathways.iter().fold((0, 0), |(c, l), &p| {
        (c + all[p].components().len(), l + all[p].links().len())
    });
    16_384 + 900 * components + 300 * links
}

/// The definitions (patterns, arrowheads) maps drawn with `render_map(.., false)` use,
/// in an invisible SVG of their own, for a page that holds several maps.
pub fn shared_defs() -> String {
    let mut out = String::from(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\" \
         style=\"position:absolute\" aria-hidden=\"true\">",
    );
    defs(&mut out);
    out.push_str("</svg>\n");
    out
}

/// An `<svg>` of `pathways`; `whole` adds the network's title, the definitions and the
/// legend, for a map that stands alone.
pub fn render_map(view: &View, pathways: &[usize], whole: bool) -> String {
    let mut out = String::with_capacity(room(view, pathways));
    write_map(&mut out, view, pathways, whole);
    out
}

fn write_map(out: &mut String, view: &View, pathways: &[usize], whole: bool) {
    let lay = layout::layout(view, pathways, whole, whole);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w:.0}\" \
         height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\" font-family=\"{FONT}\">",
        w = lay.width,
        h = lay.height
    );
    if !whole {
        render_bands(out, view, &lay);
        out.push_str("</svg>\n");
        return;
    }
    let _ = writeln!(out, "<title>{}</title>", xml(&view.network.name));
    defs(out);
    let _ = writeln!(
        out,
        "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
    );
    text(
        out,
        MARGIN,
        MARGIN + 20.0,
        20.0,
        " font-weight=\"bold\"",
        &view.network.name,
    );
    if !view.network.population.is_empty() {
        let lines = font::wrap(
            &view.network.population,
            11.0,
            false,
            lay.width - 2.0 * MARGIN,
        );
        let population = lines.join(" ");
        text(
            out,
            MARGIN,
            MARGIN + 42.0,
            11.0,
            " fill=\"#333333\"",
            &population,
        );
    }
    if lay.bands.is_empty() {
        text(out, MARGIN, MARGIN + 90.0, 12.0, "", "No pathways yet.");
    }
    render_bands(out, view, &lay);
    let counted = pathways
        .iter()
        .any(|&p| volume::busiest(&view.network.pathways()[p]).is_some());
    legend(out, &lay, counted);
    out.push_str("</svg>\n");
}

fn render_bands(out: &mut String, view: &View, lay: &Layout) {
    for band in &lay.bands {
        let p = band.pathway;
        let pathway = &view.network.pathways()[p];
        let a = &view.analysis.pathways[p];
        let _ = writeln!(out, "<g class=\"pathway\" id=\"p{p}\">");
        let _ = writeln!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"8\" \
             fill=\"none\" stroke=\"#9a9a9a\"/>",
            MARGIN - 10.0,
            band.top,
            lay.width - 2.0 * MARGIN + 20.0,
            band.height
        );
        let strength = a
            .strength
            .map_or(String::new(), |s| format!(" · strength {}", percent(s)));
        let head = format!(
            "{} — {} {}{strength}",
            pathway.name,
            a.status.symbol(),
            a.status.word(),
        );
        text(
            out,
            MARGIN,
            band.top + 20.0,
            14.0,
            " font-weight=\"bold\"",
            &head,
        );
        for phase in Phase::ALL {
            let _ = writeln!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#f4f4f4\"/>",
                column_x(phase) - 6.0,
                band.top + 30.0,
                BOX_W + 12.0,
                band.height - 36.0
            );
            // An empty column is named too, greyed: a missing phase should be seen.
            let (colour, name) = if band.columns.contains(&phase) {
                ("#222222", phase.name().to_string())
            } else {
                ("#8a8a8a", format!("{} (none)", phase.name()))
            };
            text(
                out,
                column_x(phase) + BOX_W / 2.0,
                band.top + 46.0,
                11.5,
                &format!(" text-anchor=\"middle\" font-weight=\"bold\" fill=\"{colour}\""),
                &name,
            );
        }
        links(out, view, p, band);
        for i in 0..band.boxes.len() {
            component(out, view, p, i, band);
        }
        out.push_str("</g>\n");
    }
}
