//! The children figures of `check --format text` (docs/format.md, "Counted reach").

use crate::analysis::{Basis, WeakLink, about, whole};

/// "cohort 1,800 children a year" under a pathway's line, when its cohort is known.
pub fn cohort(cohort: Option<f64>) -> Option<String> {
    cohort.map(|c| format!("cohort {} children a year", whole(c)))
}

/// What a reach rests on, after its figure.
pub fn basis(basis: Basis) -> &'static str {
    match basis {
        Basis::Counted => "counted",
        Basis::Routes => "of routes",
    }
}

/// "1,650 children a year, ≈ 660 affected" under a weakest-links entry that has children.
pub fn counted(w: &WeakLink) -> Option<String> {
    let children = w.children?;
    Some(match w.affected {
        Some(a) => format!(
            "{} children a year, ≈ {} affected",
            whole(children),
            about(a)
        ),
        None => format!("{} children a year", whole(children)),
    })
}
