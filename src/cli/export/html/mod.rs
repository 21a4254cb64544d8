//! `export --format html`: one self-contained page anyone can open offline. The maps are
//! the SVG export's own drawing, inline; the style, the script and the details data are
//! inline too, so nothing is fetched. Everything a reader needs without the script (names,
//! statuses, weakest links, findings) is in the markup; the script adds the details panel,
//! tabs, search and keyboard moves.

mod data;

use std::fmt::Write;

use super::svg::{render_map, shared_defs, xml};
use super::{View, percent};
use crate::analysis::{Messages, Target};

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// Where the page came from, for its footer.
pub struct Origin<'a> {
    /// The file as the user named it.
    pub source: &'a str,
    /// The export date, YYYY-MM-DD.
    pub date: &'a str,
}

fn target_id(p: usize, t: Target) -> String {
    match t {
        Target::Component(i) => format!("c{p}-{i}"),
        Target::Link(j) => format!("l{p}-{j}"),
    }
}

fn place(view: &View, p: usize, t: Target) -> String {
    match t.names(&view.network.pathways()[p]) {
        Some((from, Some(to))) => format!("{from} → {to}"),
        Some((name, None)) => name.to_string(),
        None => String::new(),
    }
}

fn status_of(view: &View, p: usize, t: Target) -> crate::analysis::Status {
    match t {
        Target::Component(i) => view.component_status(p, i),
        Target::Link(j) => view.link_status(p, j),
    }
}

/// The pathway's weakest links and findings, each a link to its place on the map.
fn lists(out: &mut String, view: &View, p: usize, messages: &Messages) {
    let weakest: Vec<_> = view
        .analysis
        .weakest
        .iter()
        .filter(|w| w.pathway == p)
        .take(10)
        .collect();
    out.push_str("<div class=\"lists\"><section><h3>Weakest links</h3>");
    if weakest.is_empty() {
        out.push_str("<p>No component or link has a measure with data.</p>");
    } else {
        out.push_str("<ol class=\"weakest\">");
        for w in weakest {
            let st = status_of(view, p, w.target);
            let _ = write!(
                out,
                "<li><a href=\"#{id}\" data-target=\"{id}\">{}</a> <span class=\"st st-{}\">{} {}</span> \
                 strength {}, impact {:.2}</li>",
                xml(&place(view, p, w.target)),
                st.word().to_lowercase().replace(' ', ""),
                st.symbol(),
                st.word(),
                percent(w.strength),
                w.impact,
                id = target_id(p, w.target),
            );
        }
        out.push_str("</ol>");
    }
    out.push_str("</section><section><h3>Findings</h3>");
    let findings: Vec<_> = view
        .analysis
        .findings
        .iter()
        .filter(|f| f.pathway == p)
        .collect();
    if findings.is_empty() {
        out.push_str("<p>None.</p>");
    } else {
        out.push_str("<ul class=\"findings\">");
        for f in findings {
            let text = format!("{}: {}", f.kind.label(), messages.of(f));
            let _ = match f.target {
                Some(t) => write!(
                    out,
                    "<li><span class=\"sev\">{}</span> <a href=\"#{id}\" data-target=\"{id}\">{}</a></li>",
                    f.severity.word(),
                    xml(&text),
                    id = target_id(p, t)
                ),
                None => write!(
                    out,
                    "<li><span class=\"sev\">{}</span> {}</li>",
                    f.severity.word(),
                    xml(&text)
                ),
            };
        }
        out.push_str("</ul>");
    }
    out.push_str("</section></div>");
}

fn legend() -> &'static str {
    "<p class=\"legend\"><span class=\"st st-red\">✗ Red</span> target missed · \
     <span class=\"st st-amber\">! Amber</span> near target · \
     <span class=\"st st-green\">✓ Green</span> target met · \
     <span class=\"st st-nodata\">? No data</span> no measure with data · dashed red link: \
     weak hand-off (different sectors, little or no integration) · black disc: the \
     pathway's weakest links, 1 the weakest. Strength is the lowest attainment among a \
     part's measures.</p>"
}

/// The page as text (standard output, tests).
pub fn render(view: &View, origin: &Origin) -> String {
    let mut bytes = Vec::new();
    render_into(view, origin, &mut bytes).expect("writing to memory does not fail");
    String::from_utf8(bytes).expect("the page is made of text")
}

/// The page, written to `sink` a part at a time: the head, each pathway's section, the
/// data. A large page (150 MB at 60,000 components) is never held whole.
pub fn render_into(
    view: &View,
    origin: &Origin,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use std::io::Write as _;
    let network = view.network;
    let messages = Messages::new(network, &view.analysis);
    let mut sink = std::io::BufWriter::with_capacity(1 << 16, sink);
    let mut out = String::with_capacity(1 << 16);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n",
        xml(&network.name)
    );
    let _ = write!(
        out,
        "<header><h1>{}</h1>{}<nav><div role=\"tablist\" aria-label=\"Pathways\">",
        xml(&network.name),
        if network.population.is_empty() {
            String::new()
        } else {
            format!("<p class=\"population\">{}</p>", xml(&network.population))
        }
    );
    for (p, pathway) in view.pathways() {
        let a = &view.analysis.pathways[p];
        let _ = write!(
            out,
            "<button role=\"tab\" id=\"tab-{p}\" aria-controls=\"pw-{p}\" aria-selected=\"{}\" \
             tabindex=\"{}\">{} <span class=\"st\">{} {}</span></button>",
            p == 0,
            if p == 0 { 0 } else { -1 },
            xml(&pathway.name),
            a.status.symbol(),
            a.status.word()
        );
    }
    out.push_str(
        "</div><label class=\"search\">Search <input type=\"search\" id=\"search\" \
         placeholder=\"component, provider…\" aria-describedby=\"search-result\"></label>\
         <span id=\"search-result\" role=\"status\"></span></nav></header>\n",
    );
    out.push_str(&shared_defs());
    out.push_str("<main>");
    if network.pathways().is_empty() {
        out.push_str("<p>No pathways yet.</p>");
    }
    for (p, pathway) in view.pathways() {
        sink.write_all(out.as_bytes())?;
        out.clear();
        let a = &view.analysis.pathways[p];
        let strength = a
            .strength
            .map_or(String::new(), |s| format!(" · strength {}", percent(s)));
        let _ = write!(
            out,
            "<section class=\"pathway\" role=\"tabpanel\" id=\"pw-{p}\" aria-labelledby=\"tab-{p}\"{}>\
             <h2>{} — {} {}{strength}</h2><div class=\"map\">",
            if p == 0 { "" } else { " hidden" },
            xml(&pathway.name),
            a.status.symbol(),
            a.status.word(),
        );
        out.push_str(&render_map(view, &[p], false));
        out.push_str("</div>");
        lists(&mut out, view, p, &messages);
        out.push_str("</section>\n");
    }
    out.push_str(legend());
    out.push_str(
        "</main><aside id=\"details\" aria-live=\"polite\" hidden><button id=\"close\" \
         aria-label=\"Close details\">×</button><div id=\"details-body\"></div></aside>\n",
    );
    let _ = writeln!(
        out,
        "<footer>{} · from {} · exported {} by carepath<span class=\"keys\"> · keys: Tab \
         and Enter to open a box, ← → between pathways, / to search, Esc to close</span></footer>",
        xml(&network.name),
        xml(origin.source),
        xml(origin.date)
    );
    out.push_str("<script type=\"application/json\" id=\"data\">");
    sink.write_all(out.as_bytes())?;
    data::write(&mut sink, view, origin.date)?;
    write!(sink, "</script>\n<script>{SCRIPT}</script></body></html>\n")?;
    sink.flush()
}
