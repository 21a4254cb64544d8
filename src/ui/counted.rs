//! Counted reach in the details and weakest-links panels (docs/format.md, "Counted
//! reach"): what a reach rests on, the children affected, and counts that disagree.

use ratatui::text::{Line, Span};

use super::text::wrap;
use super::theme::Theme;
use crate::analysis::{Basis, WeakLink, about, whole};

/// What follows a reach figure: " of 400 children" or " of routes".
pub fn basis_words(basis: Basis, cohort: Option<f64>) -> String {
    match (basis, cohort) {
        (Basis::Counted, Some(c)) => format!(" of {} children", whole(c)),
        _ => " of routes".to_string(),
    }
}

/// The details panel's lines on a part's children: how many a year and how many meet it
/// below standard; and, when its children are above the pathway's cohort, that the counts
/// disagree (its reach is then held at 100%).
pub fn lines(
    children: Option<f64>,
    affected: Option<f64>,
    cohort: Option<f64>,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let Some(children) = children else {
        return Vec::new();
    };
    let mut text = format!("{} children a year", whole(children));
    if let Some(a) = affected {
        text.push_str(&format!(" · ≈ {} meet it below standard", about(a)));
    }
    let mut out: Vec<Line<'static>> = wrap(&text, width.max(1))
        .into_iter()
        .map(|l| Line::from(Span::raw(l)))
        .collect();
    if let Some(c) = cohort.filter(|&c| c > 0.0 && children > c) {
        let warn = format!(
            "Counts disagree: {} children here, {} on the whole pathway; reach held at 100%",
            whole(children),
            whole(c)
        );
        out.extend(
            wrap(&warn, width.max(1))
                .into_iter()
                .map(|l| Line::styled(l, theme.status(crate::analysis::Status::Amber))),
        );
    }
    out
}

/// "≈660 affected · " before a weakest-links entry's name when its reach is counted:
/// before, so that a long name cut to the panel's width does not hide it.
pub fn weakest_prefix(entry: &WeakLink) -> String {
    match (entry.basis, entry.affected) {
        (Basis::Counted, Some(a)) => format!("≈{} affected · ", about(a)),
        _ => String::new(),
    }
}
