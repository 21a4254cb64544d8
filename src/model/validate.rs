//! Whole-file validation: every rule of docs/format.md, each broken rule reported with
//! a way to find it in the text.

use std::collections::{HashMap, HashSet};

use super::date::parse_date;
use super::error::ModelError;
use super::id::check_id;
use super::items::{Link, check_children};
use super::measure::Measure;
use super::network::Network;

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
        let mut seen = HashSet::new();
        for m in measures {
            let here = self.pass_id(&m.id);
            if !seen.insert(m.id.as_str()) {
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

impl Network {
    /// Every broken rule of docs/format.md, in file order. Empty when the network is valid.
    pub fn validate(&self) -> Vec<Violation> {
        // A valid network (the usual case) is walked once; a broken one again, counting
        // ids as it goes, to place each violation.
        let quick = self.walk(None);
        if quick.is_empty() {
            return quick;
        }
        self.walk(Some(HashMap::new()))
    }

    fn walk(&self, ids_seen: Option<HashMap<String, usize>>) -> Vec<Violation> {
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
            if let Err(e) = check_children(|| format!("pathway {:?}", p.id), p.children) {
                let mut path = pathway_id.path();
                path.push(bare("children"));
                check.report(e, path);
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
                if let Err(e) = check_children(|| format!("component {:?}", c.id), c.children) {
                    let mut path = component_id.path();
                    path.push(bare("children"));
                    check.report(e, path);
                }
                check.measures(|| c.id.clone(), &c.measures);
            }
            let mut pairs = HashSet::new();
            for (i, l) in p.links().iter().enumerate() {
                for (field, end) in [("from", &l.from), ("to", &l.to)] {
                    if p.position(end).is_none() {
                        check.report(
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
                    check.report(
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
                    check.report(e, path);
                }
                check.measures(|| format!("{} -> {}", l.from, l.to), &l.measures);
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
