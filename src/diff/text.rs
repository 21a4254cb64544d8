//! `diff --format text`: the changes for a reviewer, status changes first.
//!
//! Lines start with `+` (added), `-` (removed) or `~` (changed); ids come first because
//! they are what stays the same, names in quotes after them.

use std::fmt::Write;

use crate::analysis::Status;
use crate::diff::{
    Change, FieldChange, FindingRef, MeasureDiff, NetworkDiff, Owner, Strength, StrengthDiff, Value,
};
use crate::model::{Checklist, Network};

/// The names to show for the two sides, and whether a side is `/dev/null`.
pub struct Names<'a> {
    pub old: &'a str,
    pub new: &'a str,
    pub old_absent: bool,
    pub new_absent: bool,
}

fn sign(change: Change) -> char {
    match change {
        Change::Added => '+',
        Change::Removed => '-',
        Change::Changed => '~',
    }
}

/// Fields whose values are file-format variant names, shown bare rather than quoted.
const VARIANT_FIELDS: &[&str] = &[
    "phase",
    "kind",
    "integration",
    "condition",
    "sector",
    "level",
    "domain",
    "direction",
    "status",
];

fn show(field: &str, v: &Value) -> String {
    match v {
        Value::Text(s) if VARIANT_FIELDS.contains(&field) || is_checklist(field) => s.clone(),
        other => other.to_string(),
    }
}

fn is_checklist(field: &str) -> bool {
    Checklist::QUESTIONS.iter().any(|q| q.field == field)
}

/// Text from a file with control characters made visible, never sent raw to a terminal.
fn visible(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// One field change in words: "renamed "A" → "B"", "moved Recognition → Assessment".
fn describe(f: &FieldChange) -> String {
    if f.field == "notes" || f.field == "history" {
        return format!("{} changed", f.field);
    }
    let (old, new) = (show(f.field, &f.old), show(f.field, &f.new));
    match f.field {
        "name" => format!("renamed {old} → {new}"),
        "phase" => format!("moved {old} → {new}"),
        "pathway" => format!("moved to pathway {new} (from {old})"),
        field => format!("{field} {old} → {new}"),
    }
}

/// The fields of an added item as "field value", its name left to the caller.
fn listing(fields: &[FieldChange], skip: &[&str]) -> String {
    let parts: Vec<String> = fields
        .iter()
        .filter(|f| !skip.contains(&f.field) && f.field != "notes" && !f.new.is_none())
        .map(|f| format!("{} {}", f.field, show(f.field, &f.new)))
        .collect();
    parts.join(", ")
}

fn changes(fields: &[FieldChange]) -> String {
    let parts: Vec<String> = fields.iter().map(describe).collect();
    parts.join("; ")
}

fn status_text(s: Status) -> String {
    format!("{} {}", s.symbol(), s.word())
}

fn owner_path(m: &MeasureDiff) -> String {
    match &m.owner {
        Owner::Component(c) => format!("{}/{c}/{}", m.pathway, m.id),
        Owner::Link { from, to } => format!("{}/{from}->{to}/{}", m.pathway, m.id),
    }
}

fn measure_line(out: &mut String, m: &MeasureDiff) {
    let head = format!("  {} {} {:?}", sign(m.change), owner_path(m), m.name);
    let body = match m.change {
        Change::Added => listing(
            &m.fields,
            &["name", "domain", "unit", "direction", "history", "source"],
        ),
        Change::Removed => String::new(),
        Change::Changed => {
            // A new value pushes the old one into history: saying so again is noise.
            let value_moved = m.fields.iter().any(|f| f.field == "value");
            let shown: Vec<FieldChange> = m
                .fields
                .iter()
                .filter(|f| !(value_moved && f.field == "history"))
                .cloned()
                .collect();
            changes(&shown)
        }
    };
    let status = match (m.status.old, m.status.new) {
        (Some(a), Some(b)) if a != b => {
            let trend = if m.status.worse() { "worse" } else { "better" };
            format!("  [{} → {}, {trend}]", status_text(a), status_text(b))
        }
        // Added, removed, or changed with the same status: the status for context.
        (None, Some(s)) | (Some(s), None) | (Some(s), Some(_)) => {
            format!("  [{}]", status_text(s))
        }
        (None, None) => String::new(),
    };
    let sep = if body.is_empty() { "" } else { ": " };
    let _ = writeln!(out, "{head}{sep}{body}{status}");
}

fn finding_line(out: &mut String, sign: char, f: &FindingRef) {
    let _ = writeln!(
        out,
        "  {sign} {} · {} · {}: {}",
        f.severity.word(),
        f.kind.label(),
        f.pathway,
        visible(&f.message)
    );
}

fn strength_text(s: &Option<Strength>) -> String {
    match s {
        None => "absent".to_string(),
        Some(s) => match s.strength {
            Some(x) => format!("{} {:.0}%", status_text(s.status), x * 100.0),
            None => status_text(s.status),
        },
    }
}

fn strength_line(out: &mut String, s: &StrengthDiff) {
    let head = format!("{} {:?}", s.pathway, s.name);
    if !s.moved() {
        let _ = writeln!(out, "  = {head}: {}, unchanged", strength_text(&s.new));
        return;
    }
    // Strength is a whole percentage everywhere; its change is the difference of the
    // percentages shown, in points.
    let shown = |x: &Option<Strength>| {
        x.as_ref()
            .and_then(|s| s.strength)
            .map(|v| (v * 100.0).round())
    };
    let by = match (shown(&s.old), shown(&s.new)) {
        (Some(o), Some(n)) if n != o => format!(" ({:+.0} points)", n - o),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "  ~ {head}: {} → {}{by}",
        strength_text(&s.old),
        strength_text(&s.new)
    );
}

fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}");
}

pub fn report(names: &Names, old: &Network, new: &Network, diff: &NetworkDiff) -> String {
    let mut out = String::new();
    let side = |name: &str, absent: bool, n: &Network| {
        if absent {
            format!("{name} (no file)")
        } else {
            format!("{name} ({:?})", n.name)
        }
    };
    let _ = writeln!(
        out,
        "carepath diff {} → {}",
        side(names.old, names.old_absent, old),
        side(names.new, names.new_absent, new)
    );
    if diff.is_empty() {
        let _ = writeln!(out, "No changes in pathway terms.");
        return out;
    }
    let one_sided = names.old_absent || names.new_absent;
    if !diff.network.is_empty() && !one_sided {
        let _ = writeln!(out, "  ~ network: {}", changes(&diff.network));
    }
    let status: Vec<&MeasureDiff> = diff.status_changes().collect();
    if !status.is_empty() {
        heading(&mut out, "Status changes");
        for m in status {
            measure_line(&mut out, m);
        }
    }
    items_section(&mut out, "Organisations", &diff.organisations, &[]);
    items_section(&mut out, "Pathways", &diff.pathways, &["name"]);
    if !diff.components.is_empty() {
        heading(&mut out, "Components");
        for c in &diff.components {
            let body = match c.change {
                Change::Added => listing(&c.fields, &["name"]),
                Change::Removed => String::new(),
                Change::Changed => changes(&c.fields),
            };
            let sep = if body.is_empty() { "" } else { ": " };
            let head = format!("  {} {}/{} {:?}", sign(c.change), c.pathway, c.id, c.name);
            let _ = writeln!(out, "{head}{sep}{body}");
        }
    }
    if !diff.links.is_empty() {
        heading(&mut out, "Links");
        for l in &diff.links {
            let body = match l.change {
                Change::Added => listing(&l.fields, &[]),
                Change::Removed => String::new(),
                Change::Changed => changes(&l.fields),
            };
            let sep = if body.is_empty() { "" } else { ": " };
            let head = format!("  {} {}/{} -> {}", sign(l.change), l.pathway, l.from, l.to);
            let _ = writeln!(out, "{head}{sep}{body}");
        }
    }
    let others: Vec<&MeasureDiff> = diff
        .measures
        .iter()
        .filter(|m| !m.status.changed())
        .collect();
    if !others.is_empty() {
        heading(&mut out, "Measures");
        for m in others {
            measure_line(&mut out, m);
        }
    }
    if !diff.checklists.is_empty() {
        heading(&mut out, "Checklist");
        for c in &diff.checklists {
            let _ = writeln!(
                out,
                "  ~ {}/{}: {}",
                c.pathway,
                c.component,
                changes(&c.fields)
            );
        }
    }
    items_section(&mut out, "Actions", &diff.actions, &["text"]);
    if !diff.findings.appeared.is_empty() || !diff.findings.disappeared.is_empty() {
        heading(&mut out, "Findings");
        for f in &diff.findings.appeared {
            finding_line(&mut out, '+', f);
        }
        for f in &diff.findings.disappeared {
            finding_line(&mut out, '-', f);
        }
    }
    if !diff.strength.is_empty() {
        heading(&mut out, "Pathway strength");
        for s in &diff.strength {
            strength_line(&mut out, s);
        }
    }
    out
}

fn items_section(out: &mut String, title: &str, items: &[crate::diff::ItemDiff], skip: &[&str]) {
    if items.is_empty() {
        return;
    }
    heading(out, title);
    for i in items {
        let body = match i.change {
            Change::Added => listing(&i.fields, &[skip, &["name"]].concat()),
            Change::Removed => String::new(),
            Change::Changed => changes(&i.fields),
        };
        let sep = if body.is_empty() { "" } else { ": " };
        let _ = writeln!(out, "  {} {} {:?}{sep}{body}", sign(i.change), i.id, i.name);
    }
}
