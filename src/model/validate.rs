//! Whole-file validation: every rule of docs/format.md, each broken rule reported with
//! a way to find it in the text.

use std::collections::{HashMap, HashSet};

use super::date::parse_date;
use super::error::ModelError;
use super::id::check_id;
use super::items::{Component, Link, check_children};
use super::measure::Measure;
use super::network::Network;
use super::pathway::Pathway;

/// One step of a search through the file's text: the `nth` next `field: "value"`, or the
/// `nth` next `field:` when `value` is `None`. A path of steps leads to the place of a
/// violation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locator {
    pub field: &'static str,
    pub value: Option<String>,
    /// Which match, counting from the step before: 1 for the first. One step says "the
    /// 5000th `id: "x"`", so a path stays short however often a value repeats.
    pub nth: usize,
}

fn at(field: &'static str, value: &str) -> Locator {
    Locator {
        field,
        value: Some(value.to_string()),
        nth: 1,
    }
}

fn bare(field: &'static str) -> Locator {
    Locator {
        field,
        value: None,
        nth: 1,
    }
}

/// A broken rule and the path to where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub error: ModelError,
    pub path: Vec<Locator>,
}

/// From this many components, pathways are checked side by side.
const PARALLEL_FROM: usize = 20_000;

struct Checker {
    found: Vec<Violation>,
    /// How many `id:` fields with each value the walk has passed. The walk follows the
    /// file's order, so the n-th time is the n-th `id: "value"` in the text. `None` on
    /// the first walk, which only asks whether anything is wrong: counting every id is
    /// most of the work, and is needed only to place a violation.
    ids_seen: Option<HashMap<String, usize>>,
}

/// One `id:` field the walk has passed: the `n`-th `id:` in the text with this value.
#[derive(Clone, Copy)]
struct IdAt<'a> {
    id: &'a str,
    n: usize,
}

impl IdAt<'_> {
    /// The path to this very occurrence. Built only for a violation.
    fn path(self) -> Vec<Locator> {
        vec![Locator {
            nth: self.n,
            ..at("id", self.id)
        }]
    }
}

impl Checker {
    /// Passes an `id:` field and says which occurrence of its value it is.
    fn pass_id<'a>(&mut self, id: &'a str) -> IdAt<'a> {
        let Some(ids_seen) = &mut self.ids_seen else {
            return IdAt { id, n: 0 };
        };
        let n = match ids_seen.get_mut(id) {
            Some(n) => n,
            None => ids_seen.entry(id.to_string()).or_insert(0),
        };
        *n += 1;
        IdAt { id, n: *n }
    }

    fn report(&mut self, error: ModelError, path: Vec<Locator>) {
        self.found.push(Violation { error, path });
    }

    /// `owner` names the component or link, and is written only for a duplicate.
    fn measures(&mut self, owner: impl Fn() -> String, measures: &[Measure]) {
        // Most have a handful of measures, where an earlier one with the same id is
        // found by looking; a long list (a file can hold any number) is hashed.
        let mut seen = HashSet::new();
        let mut seen_before = |i: usize| {
            let id = measures[i].id.as_str();
            if measures.len() <= 16 {
                measures[..i].iter().any(|earlier| earlier.id == id)
            } else {
                !seen.insert(id)
            }
        };
        for (i, m) in measures.iter().enumerate() {
            let here = self.pass_id(&m.id);
            if seen_before(i) {
                self.report(
                    ModelError::DuplicateMeasure {
                        owner: owner(),
                        id: m.id.clone(),
                    },
                    here.path(),
                );
                continue;
            }
            if let Err(e) = m.check() {
                let step = match &e {
                    ModelError::NotFinite { field, .. } => Some(bare(field)),
                    ModelError::TargetNotPositive { .. } => Some(bare("target")),
                    ModelError::AmberOnBetterSide { .. } => Some(bare("amber")),
                    ModelError::BadBreakdown { by, .. } => Some(at("by", by)),
                    _ => None,
                };
                let mut path = here.path();
                path.extend(step);
                self.report(e, path);
            }
        }
    }

    /// Checks an id's form and that no earlier one of its kind has it; returns its place.
    fn item_id<'a>(
        &mut self,
        seen: &mut HashSet<&'a str>,
        kind: &'static str,
        id: &'a str,
    ) -> IdAt<'a> {
        let here = self.pass_id(id);
        if let Err(e) = check_id(id) {
            self.report(e, here.path());
        } else if !seen.insert(id) {
            self.report(
                ModelError::DuplicateId {
                    kind,
                    id: id.to_string(),
                },
                here.path(),
            );
        }
        here
    }
}

/// From the pathway's id to `field` of its `index`-th link: past the `from:` of each link
/// before it (each link has exactly one), so links that share an end are told apart.
fn link_path(pathway: Vec<Locator>, index: usize, link: &Link, field: &str) -> Vec<Locator> {
    let mut path = pathway;
    if index > 0 {
        path.push(Locator {
            nth: index,
            ..bare("from")
        });
    }
    path.push(at("from", &link.from));
    if field == "to" {
        path.push(at("to", &link.to));
    }
    path
}

impl Checker {
    fn pathway_children(&mut self, p: &Pathway, here: IdAt) {
        if let Err(e) = check_children(|| format!("pathway {:?}", p.id), p.children) {
            let mut path = here.path();
            path.push(bare("children"));
            self.report(e, path);
        }
    }

    /// A component's own rules: its children and its measures.
    fn component_own(&mut self, c: &Component, here: IdAt) {
        if let Err(e) = check_children(|| format!("component {:?}", c.id), c.children) {
            let mut path = here.path();
            path.push(bare("children"));
            self.report(e, path);
        }
        self.measures(|| c.id.clone(), &c.measures);
    }

    fn links(&mut self, p: &Pathway, pathway_id: IdAt) {
        let mut pairs = HashSet::new();
        for (i, l) in p.links().iter().enumerate() {
            for (field, end) in [("from", &l.from), ("to", &l.to)] {
                if p.position(end).is_none() {
                    self.report(
                        ModelError::UnknownLinkEnd {
                            pathway: p.id.clone(),
                            id: end.clone(),
                        },
                        link_path(pathway_id.path(), i, l, field),
                    );
                }
            }
            if !pairs.insert((l.from.as_str(), l.to.as_str())) {
                let path = link_path(pathway_id.path(), i, l, "to");
                self.report(
                    ModelError::DuplicateLink {
                        from: l.from.clone(),
                        to: l.to.clone(),
                    },
                    path,
                );
            }
            let children =
                check_children(|| format!("link {:?} -> {:?}", l.from, l.to), l.children);
            if let Err(e) = children {
                let mut path = link_path(pathway_id.path(), i, l, "from");
                path.push(bare("children"));
                self.report(e, path);
            }
            self.measures(|| format!("{} -> {}", l.from, l.to), &l.measures);
        }
    }
}

impl Network {
    /// Every broken rule of docs/format.md, in file order. Empty when the network is valid.
    pub fn validate(&self) -> Vec<Violation> {
        // A valid network (the usual case) is walked once, each pathway's own rules on
        // every core; a broken one again, in file order, counting ids as it goes, to
        // place each violation.
        if self.walk(None).is_empty() && self.pathways_keep_their_rules() {
            return Vec::new();
        }
        self.walk(Some(HashMap::new()))
    }

    /// True when the rules within each pathway hold (children, measures, links): the part
    /// of `walk` that needs no other pathway, done for pathways side by side.
    fn pathways_keep_their_rules(&self) -> bool {
        let components: usize = self.pathways.iter().map(|p| p.components.len()).sum();
        // These rules are light: below PARALLEL_FROM, starting a thread (and a heap for
        // it) costs more than it saves (BENCHMARKS.md, "Whole-process figures").
        let threads = if components < PARALLEL_FROM {
            1
        } else {
            crate::threads::threads_for(components)
        };
        fn unplaced(id: &str) -> IdAt<'_> {
            IdAt { id, n: 0 }
        }
        crate::threads::map_pathways(&self.pathways, threads, |_, p| {
            let mut check = Checker {
                found: Vec::new(),
                ids_seen: None,
            };
            check.pathway_children(p, unplaced(&p.id));
            for c in p.components() {
                check.component_own(c, unplaced(&c.id));
            }
            check.links(p, unplaced(&p.id));
            check.found.is_empty()
        })
        .into_iter()
        .all(|kept| kept)
    }

    /// The rules of docs/format.md in file order. Counting ids (`ids_seen`), it places
    /// each violation and checks every rule; without, only those across the file, and
    /// `pathways_keep_their_rules` checks the rest.
    fn walk(&self, ids_seen: Option<HashMap<String, usize>>) -> Vec<Violation> {
        let placing = ids_seen.is_some();
        let mut check = Checker {
            found: Vec::new(),
            ids_seen,
        };
        if self.format != Network::FORMAT {
            check.report(
                ModelError::UnsupportedFormat { found: self.format },
                vec![bare("format")],
            );
        }
        if !self.id.is_empty() {
            let here = check.pass_id(&self.id);
            if let Err(e) = check_id(&self.id) {
                check.report(e, here.path());
            }
        }

        if let Some(as_of) = &self.as_of
            && parse_date(as_of).is_none()
        {
            check.report(
                ModelError::BadAsOf {
                    value: as_of.clone(),
                },
                vec![at("as_of", as_of)],
            );
        }

        let mut orgs = HashSet::new();
        for o in &self.organisations {
            check.item_id(&mut orgs, "organisation", &o.id);
        }

        let mut pathways = HashSet::new();
        let mut components = HashSet::new();
        for p in &self.pathways {
            let pathway_id = check.item_id(&mut pathways, "pathway", &p.id);
            if placing {
                check.pathway_children(p, pathway_id);
            }
            for c in p.components() {
                let component_id = check.item_id(&mut components, "component", &c.id);
                if let Some(provider) = &c.provider
                    && !orgs.contains(provider.as_str())
                {
                    let mut here = component_id.path();
                    here.push(at("provider", provider));
                    check.report(
                        ModelError::UnknownProvider {
                            component: c.id.clone(),
                            provider: provider.clone(),
                        },
                        here,
                    );
                }
                if placing {
                    check.component_own(c, component_id);
                }
            }
            if placing {
                check.links(p, pathway_id);
            }
        }

        let mut actions = HashSet::new();
        for a in &self.actions {
            let action_id = check.item_id(&mut actions, "action", &a.id);
            if !components.contains(a.component.as_str()) {
                let mut here = action_id.path();
                here.push(at("component", &a.component));
                check.report(
                    ModelError::UnknownActionComponent {
                        action: a.id.clone(),
                        component: a.component.clone(),
                    },
                    here,
                );
            }
        }
        check.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A generated network whose first component has `count` measures, the last a second
    /// `m2`: the only broken rule.
    fn with_measures(count: usize) -> Network {
        let mut network = crate::generate::network(60, 1);
        let component = &mut network.pathways[0].components[0];
        let model = component.measures[0].clone();
        component.measures = (1..count)
            .map(|k| Measure {
                id: format!("m{k}"),
                ..model.clone()
            })
            .chain([Measure {
                id: "m2".to_string(),
                ..model.clone()
            }])
            .collect();
        network
    }

    #[test]
    fn a_duplicate_measure_is_found_in_short_and_long_lists() {
        for count in [3, 16, 17, 400] {
            let network = with_measures(count);
            let violations = network.validate();
            assert_eq!(violations.len(), 1, "{count}: {violations:?}");
            assert!(
                matches!(&violations[0].error, ModelError::DuplicateMeasure { id, .. } if id == "m2"),
                "{count}: {violations:?}"
            );
            // The second `id: "m2"` of the file is where it is.
            assert_eq!(violations[0].path[0].nth, 2, "{count}");
        }
        assert!(with_measures(1).validate().is_empty());
    }

    #[test]
    fn a_rule_broken_within_any_pathway_of_a_large_network_is_found() {
        // Pathways are checked side by side from PARALLEL_FROM components.
        let valid = crate::generate::network(PARALLEL_FROM, 1);
        assert!(valid.pathways.len() > 2 && valid.validate().is_empty());
        for p in [0, valid.pathways.len() - 1] {
            let mut broken = valid.clone();
            let pathway = &mut broken.pathways[p];
            let last = pathway.components.len() - 1;
            pathway.components[last].measures[0].target = f64::NAN;
            let link = pathway.links[0].clone();
            pathway.links.push(link);
            let found: Vec<_> = broken.validate().into_iter().map(|v| v.error).collect();
            assert!(
                matches!(
                    found.as_slice(),
                    [
                        ModelError::NotFinite { .. },
                        ModelError::DuplicateLink { .. }
                    ]
                ),
                "pathway {p}: {found:?}"
            );
        }
    }
}
