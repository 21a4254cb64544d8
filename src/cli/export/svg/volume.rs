//! Link widths by children a year (docs/format.md, "Counted reach"): where a link counts
//! the children handed along it, its line is as wide as its share of the pathway's
//! busiest link, so the map reads like a Sankey diagram of where children go.

use std::fmt::Write;

use super::draw::text;
use crate::analysis::whole;
use crate::model::Pathway;

/// The thinnest and thickest counted link (the arrowheads are 7 units wide).
const THIN: f64 = 1.6;
const THICK: f64 = 9.0;

/// The largest `children` among a pathway's links, when above 0.
pub fn busiest(pathway: &Pathway) -> Option<f64> {
    let most = pathway
        .links()
        .iter()
        .filter_map(|l| l.children)
        .fold(0.0, f64::max);
    (most > 0.0).then_some(most)
}

/// The stroke width of a link with `children`, against the pathway's `busiest` link.
pub fn width(children: Option<f64>, busiest: Option<f64>) -> Option<f64> {
    let share = children? / busiest?;
    // To a tenth: the SVG carries the number as written.
    Some(((THIN + (THICK - THIN) * share.clamp(0.0, 1.0)) * 10.0).round() / 10.0)
}

/// ", 240 children a year" for a link's title.
pub fn title(children: Option<f64>) -> String {
    children.map_or_else(String::new, |c| format!(", {} children a year", whole(c)))
}

/// The legend entry, at (`x`, `y`): a thin and a thick line and what their width means.
pub fn legend(out: &mut String, x: f64, y: f64) {
    for (k, w) in [THIN, THICK].into_iter().enumerate() {
        let y = y - 4.0 + 8.0 * k as f64;
        let _ = writeln!(
            out,
            "<path d=\"M{x:.1},{y:.1} H{:.1}\" stroke=\"#404040\" stroke-width=\"{w}\"/>",
            x + 44.0
        );
    }
    text(
        out,
        x + 52.0,
        y + 4.0,
        10.5,
        "",
        "line width: children a year, where the link counts them",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_follows_the_share_of_the_busiest_link() {
        assert_eq!(width(Some(240.0), Some(240.0)), Some(THICK));
        assert_eq!(width(Some(0.0), Some(240.0)), Some(THIN));
        assert_eq!(width(Some(120.0), Some(240.0)), Some((THIN + THICK) / 2.0));
        assert_eq!(width(None, Some(240.0)), None);
        assert_eq!(width(Some(5.0), None), None);
    }
}
