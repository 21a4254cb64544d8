//! Graphviz DOT: one cluster per pathway, one cluster per phase inside it, in phase order.
//!
//! Each phase's components share a rank, and an invisible edge ties each phase to the next,
//! so `dot` draws six columns left to right whatever the links say. Links that go back to
//! an earlier phase do not constrain the ranks (else a review loop would reorder columns).

use std::fmt::Write;

use super::{View, colours, one_line, status_line};
use crate::analysis::Status;
use crate::model::Phase;

const FONT: &str = "Helvetica,Arial,sans-serif";
const WRAP: usize = 28;

/// A DOT double-quoted string. Backslashes are doubled so that names cannot smuggle in
/// escapes like `\N`, and `&` is written `&amp;` because Graphviz reads character
/// entities in labels; `lines` are joined with DOT's own `\n`.
/// Graphviz rejects very long strings (a name of 16 KB): a label keeps at most this many
/// lines of at most this many characters, and says where it was cut.
const LABEL_LINES: usize = 12;
const LABEL_LINE_CHARS: usize = 200;

fn capped(line: &str) -> String {
    if line.chars().count() <= LABEL_LINE_CHARS {
        return line.to_string();
    }
    let mut cut: String = line.chars().take(LABEL_LINE_CHARS - 1).collect();
    cut.push('…');
    cut
}

fn quoted(lines: &[String]) -> String {
    let mut lines: Vec<String> = lines.iter().map(|l| capped(l)).collect();
    if lines.len() > LABEL_LINES {
        lines.truncate(LABEL_LINES);
        lines[LABEL_LINES - 1] = "…".to_string();
    }
    let parts: Vec<String> = lines
        .iter()
        .map(|l| {
            one_line(l)
                .replace('&', "&amp;")
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
        })
        .collect();
    format!("\"{}\"", parts.join("\\n"))
}

fn q(text: &str) -> String {
    quoted(&[text.to_string()])
}

/// Greedy word wrap at `width` characters; a word longer than a line stays whole.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in one_line(text).split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Line style and width by status, so status reads without colour too.
fn pen(status: Status) -> (&'static str, f64) {
    match status {
        Status::Red => ("rounded,filled,bold", 3.0),
        Status::Amber => ("rounded,filled", 2.0),
        Status::Green => ("rounded,filled", 1.0),
        Status::NoData => ("rounded,filled,dashed", 1.0),
    }
}

pub fn render(view: &View) -> String {
    let network = view.network;
    let mut out = String::new();
    let title = vec![
        one_line(&network.name),
        "✓ Green   ! Amber   ✗ Red   ? No data   · dashed link: weak hand-off".to_string(),
    ];
    let _ = writeln!(out, "digraph carepath {{");
    let _ = writeln!(
        out,
        "    graph [rankdir=LR, fontname=\"{FONT}\", fontsize=16, labelloc=t, \
         label={}, nodesep=0.25, ranksep=0.7, newrank=true];",
        quoted(&title)
    );
    let _ = writeln!(
        out,
        "    node [shape=box, fontname=\"{FONT}\", fontsize=10, fontcolor=\"#000000\", \
         margin=\"0.12,0.06\"];"
    );
    let _ = writeln!(
        out,
        "    edge [fontname=\"{FONT}\", fontsize=9, color=\"#404040\", fontcolor=\"#202020\"];"
    );
    // With rankdir=LR, Graphviz stacks clusters given later above earlier ones: written
    // last to first, the pathways read top to bottom in file order.
    let pathways: Vec<_> = view.pathways().collect();
    for &(p, pathway) in pathways.iter().rev() {
        let a = &view.analysis.pathways[p];
        let _ = writeln!(out, "    subgraph cluster_p{p} {{");
        let label = vec![one_line(&pathway.name), status_line(a.status, a.strength)];
        let _ = writeln!(
            out,
            "        label={}; style=rounded; color=\"#7f7f7f\"; fontsize=13;",
            quoted(&label)
        );
        let mut columns: Vec<(usize, Vec<usize>)> = Vec::new();
        for phase in Phase::ALL {
            let members: Vec<usize> = pathway.column_positions(phase).collect();
            if members.is_empty() {
                continue;
            }
            let _ = writeln!(out, "        subgraph cluster_p{p}_{} {{", phase.index());
            let _ = writeln!(
                out,
                "            label={}; style=filled; fillcolor=\"#f6f6f6\"; color=\"#c8c8c8\"; fontsize=11;",
                q(phase.name())
            );
            for &i in &members {
                node(&mut out, view, p, i);
            }
            let _ = writeln!(out, "        }}");
            columns.push((phase.index(), members));
        }
        let _ = writeln!(out, "    }}");
        // Phase columns in order: an invisible spine, one point per phase, each on the same
        // rank as its phase's components (newrank lets rank=same reach into clusters).
        for (k, members) in &columns {
            let _ = writeln!(
                out,
                "    ph{p}_{k} [style=invis, shape=point, width=0, label=\"\"];"
            );
            let names: Vec<String> = members.iter().map(|&i| node_id(p, i)).collect();
            let _ = writeln!(out, "    {{rank=same; ph{p}_{k}; {};}}", names.join("; "));
        }
        for pair in columns.windows(2) {
            let _ = writeln!(
                out,
                "    ph{p}_{} -> ph{p}_{} [style=invis];",
                pair[0].0, pair[1].0
            );
        }
        for (j, link) in pathway.links().iter().enumerate() {
            edge(&mut out, view, p, j, link);
        }
    }
    let _ = writeln!(out, "}}");
    out
}

/// Node names from positions, not ids: always safe, and unique across pathways.
fn node_id(p: usize, i: usize) -> String {
    format!("c{p}_{i}")
}

fn node(out: &mut String, view: &View, p: usize, i: usize) {
    let c = &view.network.pathways()[p].components()[i];
    let status = view.component_status(p, i);
    let (fill, stroke) = colours(status);
    let (style, width) = pen(status);
    let mut lines = vec![status_line(status, view.component_strength(p, i))];
    lines.extend(wrap(&c.name, WRAP));
    if let Some(org) = view.provider_name(c.provider.as_deref()) {
        lines.extend(wrap(&format!("({org})"), WRAP));
    }
    let _ = writeln!(
        out,
        "            {} [label={}, tooltip={}, style=\"{style}\", penwidth={width}, \
         fillcolor=\"{fill}\", color=\"{stroke}\"];",
        node_id(p, i),
        quoted(&lines),
        q(&format!("{} ({})", c.name, c.id)),
    );
}

fn edge(out: &mut String, view: &View, p: usize, j: usize, link: &crate::model::Link) {
    let pathway = &view.network.pathways()[p];
    let (Some(a), Some(b)) = (pathway.position(&link.from), pathway.position(&link.to)) else {
        return;
    };
    let backwards = pathway.components()[b].phase < pathway.components()[a].phase;
    let status = view.link_status(p, j);
    let weak = view.is_weak_handoff(p, &link.from, &link.to);
    let mut label = link.kind.label().to_string();
    let mut attrs = Vec::new();
    if status != Status::NoData {
        label = format!("{} {} · {label}", status.symbol(), status.word());
        let (_, stroke) = colours(status);
        attrs.push(format!("color=\"{stroke}\""));
        attrs.push(format!("penwidth={}", pen(status).1.max(1.5)));
    }
    if weak {
        label.push_str("\\nweak hand-off");
        attrs.push("style=dashed".to_string());
        if status == Status::NoData {
            attrs.push("color=\"#a4001d\"".to_string());
            attrs.push("penwidth=1.5".to_string());
        }
    }
    // A link back to an earlier phase is written target first with its arrow reversed,
    // so it never pulls a column out of phase order (constraint=false instead makes
    // Graphviz fail in init_rank with newrank).
    let (tail, head) = if backwards {
        attrs.push("dir=back".to_string());
        (b, a)
    } else {
        (a, b)
    };
    // `label` holds only our own words, the status symbol and DOT's `\n`: no escaping needed.
    // A link within a phase joins two nodes of one rank: Graphviz cannot rank a label there
    // (init_rank fails), so it gets an external label.
    let same_phase = pathway.components()[b].phase == pathway.components()[a].phase;
    let key = if same_phase { "xlabel" } else { "label" };
    attrs.insert(0, format!("{key}=\"{label}\""));
    let _ = writeln!(
        out,
        "    {} -> {} [{}];",
        node_id(p, tail),
        node_id(p, head),
        attrs.join(", ")
    );
}
