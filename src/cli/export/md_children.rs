//! The children figures of the Markdown report (docs/format.md, "Counted reach"): a
//! "children affected" cell per weakest link, and a note for each pathway whose reach is
//! part counted in children and part the share of routes.

use std::fmt::Write;

use super::View;
use super::md::escape;
use crate::analysis::{Basis, WeakLink, about, whole};

/// The reach cell: the figure and what it rests on.
pub fn reach(w: &WeakLink) -> String {
    match w.basis {
        Basis::Counted => format!("{:.2} counted", w.reach),
        Basis::Routes => format!("{:.2} of routes", w.reach),
    }
}

/// The "children affected" cell: "≈ 23 of 380", or "–" where the file gives no children.
pub fn affected(w: &WeakLink) -> String {
    match (w.affected, w.children) {
        (Some(a), Some(c)) => format!("≈ {} of {}", about(a), whole(c)),
        _ => "–".to_string(),
    }
}

/// After the weakest links: how reach was read in each pathway that gives children.
pub fn notes(out: &mut String, view: &View) {
    let mut any = false;
    for (p, pathway) in view.pathways() {
        let a = &view.analysis.pathways[p];
        let bases = a.components.iter().map(|c| c.basis);
        let bases = bases.chain(a.links.iter().map(|l| l.basis));
        let (counted, total) = bases.fold((0, 0), |(c, t), b| {
            (c + usize::from(b == Basis::Counted), t + 1)
        });
        if counted == 0 {
            continue;
        }
        let cohort = a.cohort.map_or_else(String::new, |c| {
            format!(" (a cohort of {} children a year)", whole(c))
        });
        let how = if counted == total {
            "every reach is counted in children".to_string()
        } else {
            format!(
                "reach is counted in children for {counted} of {total} components and links; \
                 the others are a share of the routes through the map, which counts a loop \
                 as one step and can overstate how many children a part serves"
            )
        };
        let _ = writeln!(out, "- {}{cohort}: {how}.", escape(&pathway.name));
        any = true;
    }
    if any {
        out.push('\n');
    }
}
