//! Counted reach (docs/format.md, "Counted reach"): where the file says how many children
//! pass a component or link, reach is their share of the pathway's cohort rather than the
//! share of routes. A loop makes every route pass its members; it does not make every
//! child pass them.

use crate::model::Pathway;

/// What a reach figure rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Basis {
    /// Children counted in the file, divided by the pathway's cohort.
    Counted,
    /// The share of journeys (routes through the map).
    Routes,
}

impl Basis {
    /// The name used in JSON and files.
    pub fn name(self) -> &'static str {
        match self {
            Basis::Counted => "Counted",
            Basis::Routes => "Routes",
        }
    }
}

/// The children of one pathway's components and links, and its cohort.
#[derive(Debug, Clone, PartialEq)]
pub struct Children {
    /// Each component's own `children`, or the sum over its incoming links when it has
    /// some and every one has `children`.
    pub components: Vec<Option<f64>>,
    /// Each link's own `children`.
    pub links: Vec<Option<f64>>,
    /// The pathway's `children`, or the sum over its entries when every entry has
    /// children (and there is at least one).
    pub cohort: Option<f64>,
}

/// A sum of finite figures can pass f64's range; it is then the largest finite number,
/// so that shares stay in [0, 1] and affected stays a number.
fn finite(sum: f64) -> f64 {
    if sum.is_finite() { sum } else { f64::MAX }
}

impl Children {
    /// Derives the children of `pathway`'s components and its cohort; `is_entry` marks
    /// where journeys start, indexed like its components.
    pub fn of(pathway: &Pathway, is_entry: &[bool]) -> Children {
        let n = pathway.components().len();
        let links: Vec<Option<f64>> = pathway.links().iter().map(|l| l.children).collect();
        // (sum of incoming children, incoming links, incoming links without children)
        let mut incoming = vec![(0.0, 0u32, 0u32); n];
        for (j, children) in links.iter().enumerate() {
            let Some((_, b)) = pathway.link_ends(j) else {
                continue;
            };
            let into = &mut incoming[b];
            into.1 += 1;
            match children {
                Some(c) => into.0 += c,
                None => into.2 += 1,
            }
        }
        let components: Vec<Option<f64>> = pathway
            .components()
            .iter()
            .zip(&incoming)
            .map(|(c, &(sum, count, missing))| {
                c.children
                    .or((count > 0 && missing == 0).then(|| finite(sum)))
            })
            .collect();
        let cohort = pathway.children.or_else(|| {
            let mut entries = components
                .iter()
                .zip(is_entry)
                .filter(|&(_, &e)| e)
                .map(|(c, _)| *c)
                .peekable();
            entries.peek()?;
            entries.sum::<Option<f64>>().map(finite)
        });
        Children {
            components,
            links,
            cohort,
        }
    }

    /// The reach and its basis for a part with `children`, whose share of routes is
    /// `routes`: `min(1, children / cohort)` when both are known and the cohort is above 0.
    pub fn reach(&self, children: Option<f64>, routes: f64) -> (f64, Basis) {
        match (children, self.cohort) {
            (Some(c), Some(cohort)) if cohort > 0.0 => ((c / cohort).min(1.0), Basis::Counted),
            _ => (routes, Basis::Routes),
        }
    }
}

/// (1 - strength) × children: the children a year who meet a part below standard.
pub fn affected(strength: Option<f64>, children: Option<f64>) -> Option<f64> {
    Some((1.0 - strength?) * children?)
}

/// A count of children, whole, with thousands separators: "1,650".
pub fn whole(children: f64) -> String {
    let rounded = children.round();
    if !(rounded.is_finite() && rounded < 1e15) {
        return format!("{children:.3e}");
    }
    let digits = format!("{}", rounded as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// An estimate of children, to two significant figures from 100 up: "1,100", "660", "45".
/// Affected is (1 - strength) × children, no more exact than that.
pub fn about(children: f64) -> String {
    if children < 100.0 || !children.is_finite() {
        return whole(children);
    }
    let scale = 10f64.powi(children.log10().floor() as i32 - 1);
    whole((children / scale).round() * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_whole_with_separators() {
        assert_eq!(whole(0.0), "0");
        assert_eq!(whole(999.4), "999");
        assert_eq!(whole(1650.0), "1,650");
        assert_eq!(whole(1_234_567.0), "1,234,567");
    }

    #[test]
    fn estimates_keep_two_significant_figures() {
        assert_eq!(about(44.6), "45");
        assert_eq!(about(657.0), "660");
        assert_eq!(about(1_149.0), "1,100");
        assert_eq!(about(99.6), "100");
        assert_eq!(about(123_456.0), "120,000");
    }
}
