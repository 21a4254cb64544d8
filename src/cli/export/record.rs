//! What a workshop produced, for the md report and the minutes: checklist answers, notes
//! at every level (network, pathway, component, link, measure), the hand-off integration
//! profile by sector boundary, and which of the five domains are measured.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::View;
use super::md::escape;
use crate::analysis::Status;
use crate::model::{Answer, Checklist, Component, Domain, Integration, Measure, Pathway};

fn answer_word(a: Answer) -> &'static str {
    match a {
        Answer::Unknown => "not answered",
        Answer::No => "No",
        Answer::Partly => "Partly",
        Answer::Yes => "Yes",
    }
}

/// The checklist as "question answer" lines, answered questions only.
pub fn answers(c: &Checklist) -> Vec<String> {
    Checklist::QUESTIONS
        .iter()
        .filter(|q| !(q.answer)(c).is_unknown())
        .map(|q| format!("{} {}", q.text, answer_word((q.answer)(c))))
        .collect()
}

/// Notes of a component and of its measures, each with what it is about.
pub fn component_notes(c: &Component) -> Vec<(String, String)> {
    let mut all = Vec::new();
    if !c.notes.trim().is_empty() {
        all.push((c.name.clone(), c.notes.clone()));
    }
    for (m, text) in measure_notes(&c.measures) {
        all.push((format!("{}, {m}", c.name), text));
    }
    all
}

fn measure_notes(measures: &[Measure]) -> Vec<(String, String)> {
    measures
        .iter()
        .filter(|m| !m.notes.trim().is_empty())
        .map(|m| (format!("measure “{}”", m.name), m.notes.clone()))
        .collect()
}

fn note_lines(out: &mut String, notes: &[(String, String)]) {
    for (about, text) in notes {
        let _ = writeln!(out, "- {}: {}", escape(about), escape(text));
    }
}

/// Every note in the pathway: its own, then its components', then its links'.
fn pathway_notes(pathway: &Pathway) -> Vec<(String, String)> {
    let mut all = Vec::new();
    if !pathway.notes.trim().is_empty() {
        all.push(("the pathway".to_string(), pathway.notes.clone()));
    }
    for c in pathway.components() {
        all.extend(component_notes(c));
    }
    for l in pathway.links() {
        let name = |id: &str| {
            pathway
                .component(id)
                .map_or(id.to_string(), |c| c.name.clone())
        };
        let about = format!("link {} → {}", name(&l.from), name(&l.to));
        if !l.notes.trim().is_empty() {
            all.push((about.clone(), l.notes.clone()));
        }
        for (m, text) in measure_notes(&l.measures) {
            all.push((format!("{about}, {m}"), text));
        }
    }
    all
}

/// Links between providers of different sectors, counted by integration.
fn integration_profile(out: &mut String, view: &View, pathway: &Pathway) {
    let mut rows: BTreeMap<(String, String), [usize; 5]> = BTreeMap::new();
    for l in pathway.links() {
        let sector = |id: &str| {
            let c = pathway.component(id)?;
            view.network
                .organisation(c.provider.as_deref()?)
                .map(|o| o.sector)
        };
        let (Some(a), Some(b)) = (sector(&l.from), sector(&l.to)) else {
            continue;
        };
        if a == b {
            continue;
        }
        let row = rows
            .entry((a.label().to_string(), b.label().to_string()))
            .or_default();
        let at = l.integration.map_or(4, |i| {
            Integration::ALL.iter().position(|x| *x == i).unwrap_or(4)
        });
        row[at] += 1;
    }
    let _ = writeln!(out, "#### Hand-offs across sectors\n");
    if rows.is_empty() {
        let _ = writeln!(out, "No link joins providers of different sectors.\n");
        return;
    }
    let _ = writeln!(
        out,
        "| From sector | To sector | Linkage | Coordination | Managed integration | Full integration | Not recorded |\n\
         |---|---|---:|---:|---:|---:|---:|"
    );
    for ((a, b), n) in rows {
        let _ = writeln!(
            out,
            "| {a} | {b} | {} | {} | {} | {} | {} |",
            n[0], n[1], n[2], n[3], n[4]
        );
    }
    out.push('\n');
}

fn domains(out: &mut String, pathway: &Pathway) {
    let measures: Vec<&Measure> = pathway
        .components()
        .iter()
        .flat_map(|c| &c.measures)
        .chain(pathway.links().iter().flat_map(|l| &l.measures))
        .collect();
    let parts: Vec<String> = Domain::ALL
        .iter()
        .map(|d| {
            let of: Vec<_> = measures.iter().filter(|m| m.domain == *d).collect();
            let with_data = of.iter().filter(|m| m.value.is_some()).count();
            match of.len() {
                0 => format!("{d:?}: not measured"),
                1 => format!("{d:?}: 1 measure, {with_data} with data"),
                n => format!("{d:?}: {n} measures, {with_data} with data"),
            }
        })
        .collect();
    let _ = writeln!(out, "#### Domains measured\n\n{}.\n", parts.join("; "));
}

/// The md report's workshop record, one part per pathway.
pub fn report(out: &mut String, view: &View) {
    let _ = writeln!(out, "## Workshop record\n");
    if !view.network.notes.trim().is_empty() {
        let _ = writeln!(out, "Network notes: {}\n", escape(&view.network.notes));
    }
    for (p, pathway) in view.pathways() {
        let _ = writeln!(out, "### {}\n", escape(&pathway.name));
        let _ = writeln!(out, "#### Checklist answers of Red and Amber components\n");
        let mut any = false;
        for (i, c) in pathway.components().iter().enumerate() {
            let st = view.component_status(p, i);
            if !matches!(st, Status::Red | Status::Amber) {
                continue;
            }
            any = true;
            let given = answers(&c.checklist);
            let text = if given.is_empty() {
                "no question answered yet".to_string()
            } else {
                escape(&given.join("; "))
            };
            let _ = writeln!(
                out,
                "- {} ({} {}): {text}",
                escape(&c.name),
                st.symbol(),
                st.word()
            );
        }
        if !any {
            let _ = writeln!(out, "No component is Red or Amber.");
        }
        out.push('\n');
        let _ = writeln!(out, "#### Notes\n");
        let notes = pathway_notes(pathway);
        if notes.is_empty() {
            let _ = writeln!(out, "None.");
        }
        note_lines(out, &notes);
        out.push('\n');
        integration_profile(out, view, pathway);
        domains(out, pathway);
    }
}

/// The minutes' record for one component: its notes and checklist answers, if any.
pub fn minutes(out: &mut String, c: &Component) {
    let notes = component_notes(c);
    if !notes.is_empty() {
        let _ = writeln!(out, "\nNotes:\n");
        note_lines(out, &notes);
    }
    let given = answers(&c.checklist);
    if !given.is_empty() {
        let _ = writeln!(out, "\nChecklist answers:\n");
        for a in given {
            let _ = writeln!(out, "- {}", escape(&a));
        }
    }
}

/// Whether the minutes have anything to say of a component besides its actions.
pub fn has_record(c: &Component) -> bool {
    !component_notes(c).is_empty() || !answers(&c.checklist).is_empty()
}
