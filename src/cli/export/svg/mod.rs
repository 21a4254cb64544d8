//! carepath's own drawing of the map as SVG 1.1, with no Graphviz needed.
//!
//! Status is never colour alone: every box carries the status symbol and word, and a
//! stripe down its left side whose pattern differs by status (solid for Red, hatched for
//! Amber, clear for Green, dotted for No data), and a border whose weight and dashes differ
//! too, so a greyscale print still reads.

mod draw;
mod layout;
mod out;
mod volume;

use std::fmt::Write;

pub use layout::{Layout, Rect};

use draw::{Ranked, status_box, text};
use layout::{BOX_W, MARGIN, column_x};

use super::{View, colours, font, percent};
use crate::analysis::Status;
use crate::model::Phase;

/// The embedded font first (text is measured with it), then look-alikes.
const FONT: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

/// Text for XML: the five markup characters escaped; characters XML 1.0 forbids (control
/// characters, U+FFFE, U+FFFF) become spaces, as do line and paragraph separators (the
/// text is on one line, `one_line`).
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out::xml(&mut out, text);
    out
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

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// The whole map: title, every pathway, legend.
pub fn render(view: &View) -> String {
    let all: Vec<usize> = (0..view.network.pathways().len()).collect();
    let mut out = String::with_capacity(room(view, &all));
    out.push_str(XML_DECLARATION);
    write_map(&mut out, view, &all, true, &mut |_| {});
    out
}

/// About how much of a map is made before it is written on, by `render_into`.
const CHUNK: usize = 1 << 16;

/// The whole map as `render` makes it, written to `sink` a piece at a time as it is made,
/// so a large map is never held whole. The first failure to write is returned (what
/// remains is still drawn, and not written).
pub fn render_into(view: &View, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
    let all: Vec<usize> = (0..view.network.pathways().len()).collect();
    let mut out = String::with_capacity(2 * CHUNK);
    out.push_str(XML_DECLARATION);
    let mut written = Ok(());
    let mut spill = |out: &mut String| {
        if out.len() >= CHUNK {
            if written.is_ok() {
                written = sink.write_all(out.as_bytes());
            }
            out.clear();
        }
    };
    write_map(&mut out, view, &all, true, &mut spill);
    written?;
    sink.write_all(out.as_bytes())
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
    write_map(&mut out, view, pathways, whole, &mut |_| {});
    out
}

/// What the map's parts are written with: `spill` is given the text made so far between
/// parts, and may write it on and clear it (`render_into`).
type Spill<'a> = dyn FnMut(&mut String) + 'a;

fn write_map(out: &mut String, view: &View, pathways: &[usize], whole: bool, spill: &mut Spill) {
    let lay = layout::layout(view, pathways, whole, whole);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w:.0}\" \
         height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\" font-family=\"{FONT}\">",
        w = lay.width,
        h = lay.height
    );
    if !whole {
        render_bands(out, view, &lay, spill);
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
    render_bands(out, view, &lay, spill);
    let counted = pathways
        .iter()
        .any(|&p| volume::busiest(&view.network.pathways()[p]).is_some());
    legend(out, &lay, counted);
    out.push_str("</svg>\n");
}

fn render_bands(out: &mut String, view: &View, lay: &Layout, spill: &mut Spill) {
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
        let ranked = Ranked::of(view, p);
        draw::links(out, view, p, band, &ranked, spill);
        for i in 0..band.boxes.len() {
            draw::component(out, view, p, i, band, &ranked);
            spill(out);
        }
        out.push_str("</g>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sink that takes `room` bytes, then fails.
    struct Full {
        taken: Vec<u8>,
        room: usize,
    }

    impl std::io::Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.room - self.taken.len());
            if n == 0 {
                return Err(std::io::Error::other("full"));
            }
            self.taken.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_map_written_as_it_is_made_is_the_map_made_whole() {
        for size in [0, 12, 600, 3000] {
            let network = crate::generate::network(size, 7);
            let view = View::new(&network);
            let whole = render(&view);
            let mut streamed = Vec::new();
            render_into(&view, &mut streamed).unwrap();
            assert_eq!(String::from_utf8(streamed).unwrap(), whole, "{size}");
            if size == 3000 {
                assert!(whole.len() > 4 * CHUNK, "written in many pieces");
                let mut full = Full {
                    taken: Vec::new(),
                    room: 3 * CHUNK,
                };
                assert!(render_into(&view, &mut full).is_err());
                assert!(whole.as_bytes().starts_with(&full.taken));
            }
        }
    }
}
