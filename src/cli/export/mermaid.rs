//! A Mermaid `flowchart LR`: a subgraph per pathway, a subgraph per phase inside it.
//!
//! Ids are made from positions (`c0_3`), never from names, so no name can break the
//! syntax; every label is a quoted string with Mermaid's `#NN;` entity codes for the
//! characters that would end or reinterpret it.

use std::fmt::Write;

use super::{View, colours, one_line, status_line};
use crate::analysis::Status;
use crate::model::Phase;

/// A label's text as entity-coded characters: quotes, `#`, `&`, `%`, angle brackets,
/// backtick, bar and backslash are written as decimal codes; control characters become
/// spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '"' | '#' | '&' | '%' | '<' | '>' | '`' | '|' | '\\' => {
                let _ = write!(out, "#{};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

fn class_name(status: Status) -> &'static str {
    match status {
        Status::Red => "st_red",
        Status::Amber => "st_amber",
        Status::Green => "st_green",
        Status::NoData => "st_nodata",
    }
}

const STATUSES: [Status; 4] = [Status::Red, Status::Amber, Status::Green, Status::NoData];

pub fn render(view: &View) -> String {
    let mut out = String::from("flowchart LR\n");
    let _ = writeln!(
        out,
        "    %% {} · ✓ Green, ! Amber, ✗ Red, ? No data · dotted link: weak hand-off",
        // Entity-coded like a label: no `%%` from the name can open a directive
        // (`%%{init: …}%%`), and no line break can end the comment.
        escape(&view.network.name)
    );
    // linkStyle counts links in the order they are written, invisible ones included.
    let mut link_count = 0usize;
    let mut link_styles: Vec<(usize, String)> = Vec::new();
    let mut classes: Vec<(Status, String)> = Vec::new();
    for (p, pathway) in view.pathways() {
        let a = &view.analysis.pathways[p];
        let title = format!(
            "{} · {}",
            escape(&pathway.name),
            status_line(a.status, a.strength)
        );
        let _ = writeln!(out, "    subgraph p{p}[\"{title}\"]");
        let _ = writeln!(out, "        direction LR");
        let mut phases = Vec::new();
        for phase in Phase::ALL {
            let members: Vec<usize> = pathway.column_positions(phase).collect();
            if members.is_empty() {
                continue;
            }
            let sub = format!("p{p}_{}", phase.index());
            let _ = writeln!(out, "        subgraph {sub}[\"{}\"]", phase.name());
            let _ = writeln!(out, "            direction TB");
            for i in members {
                let c = &pathway.components()[i];
                let status = view.component_status(p, i);
                let mut label = vec![
                    status_line(status, view.component_strength(p, i)),
                    escape(&c.name),
                ];
                if let Some(org) = view.provider_name(c.provider.as_deref()) {
                    label.push(format!("({})", escape(org)));
                }
                let _ = writeln!(out, "            c{p}_{i}[\"{}\"]", label.join("<br/>"));
                classes.push((status, format!("c{p}_{i}")));
            }
            let _ = writeln!(out, "        end");
            phases.push(sub);
        }
        let _ = writeln!(out, "    end");
        // Invisible links keep the phase subgraphs in order.
        for pair in phases.windows(2) {
            let _ = writeln!(out, "    {} ~~~ {}", pair[0], pair[1]);
            link_count += 1;
        }
        for (j, link) in pathway.links().iter().enumerate() {
            let (Some(a), Some(b)) = (pathway.position(&link.from), pathway.position(&link.to))
            else {
                continue;
            };
            let status = view.link_status(p, j);
            let weak = view.is_weak_handoff(p, &link.from, &link.to);
            let mut label = link.kind.label().to_string();
            if status != Status::NoData {
                label = format!("{} {} · {label}", status.symbol(), status.word());
            }
            if weak {
                label.push_str(" · weak hand-off");
            }
            let arrow = if weak { "-.->" } else { "-->" };
            let _ = writeln!(out, "    c{p}_{a} {arrow}|\"{label}\"| c{p}_{b}");
            if status != Status::NoData || weak {
                let colour = if status == Status::NoData {
                    colours(Status::Red).1
                } else {
                    colours(status).1
                };
                link_styles.push((link_count, format!("stroke:{colour},stroke-width:2px")));
            }
            link_count += 1;
        }
    }
    for status in STATUSES {
        let (fill, stroke) = colours(status);
        let extra = match status {
            Status::Red => ",stroke-width:3px",
            Status::Amber => ",stroke-width:2px",
            Status::Green => ",stroke-width:1px",
            Status::NoData => ",stroke-width:1px,stroke-dasharray:4 3",
        };
        let _ = writeln!(
            out,
            "    classDef {} fill:{fill},stroke:{stroke},color:#000000{extra}",
            class_name(status)
        );
    }
    for status in STATUSES {
        let ids: Vec<&str> = classes
            .iter()
            .filter(|(s, _)| *s == status)
            .map(|(_, id)| id.as_str())
            .collect();
        if !ids.is_empty() {
            let _ = writeln!(out, "    class {} {}", ids.join(","), class_name(status));
        }
    }
    for (index, style) in link_styles {
        let _ = writeln!(out, "    linkStyle {index} {style}");
    }
    out
}
