//! Whole-file validation: every rule of DESIGN §3, each broken rule reported with
//! a way to find it in the text.

use std::collections::{HashMap, HashSet};

use super::error::ModelError;
use super::id::check_id;
use super::items::Link;
use super::measure::Measure;
use super::network::Network;

/// One step of a search through the file's text: the next `field: "value"`, or the next
/// `field:` when `value` is `None`. A path of steps leads to the place of a violation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locator {
    pub field: &'static str,
    pub value: Option<String>,
}

fn at(field: &'static str, value: &str) -> Locator {
    Locator {
        field,
        value: Some(value.to_string()),
    }
}

fn bare(field: &'static str) -> Locator {
    Locator { field, value: None }
}

/// A broken rule and the path to where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub error: ModelError,
    pub path: Vec<Locator>,
}

struct Checker<'a> {
    found: Vec<Violation>,
    /// How many `id:` fields with each value the walk has passed. The walk follows the
    /// file's order, so the n-th time is the n-th `id: "value"` in the text.
    ids_seen: HashMap<&'a str, usize>,
}

/// The n-th `id: "value"` of the text. Its path (n steps) is built only when a rule is
/// broken there: building it for every id made validation quadratic in how often an id
/// recurs (measure ids such as "did-not-attend" recur on thousands of components).
#[derive(Clone, Copy)]
struct IdPlace<'a> {
    id: &'a str,
    n: usize,
}

impl IdPlace<'_> {
    fn path(self) -> Vec<Locator> {
        vec![at("id", self.id); self.n]
    }
}

impl<'a> Checker<'a> {
    /// Passes an `id:` field and returns the place of this very occurrence of it.
    fn pass_id(&mut self, id: &'a str) -> IdPlace<'a> {
        let n = self.ids_seen.entry(id).or_insert(0);
        *n += 1;
        IdPlace { id, n: *n }
    }

    fn report(&mut self, error: ModelError, path: Vec<Locator>) {
        self.found.push(Violation { error, path });
    }

    fn measures(&mut self, owner: &str, measures: &'a [Measure]) {
        let mut seen = HashSet::new();
        for m in measures {
            let place = self.pass_id(&m.id);
            if !seen.insert(m.id.as_str()) {
                self.report(
                    ModelError::DuplicateMeasure {
                        owner: owner.to_string(),
                        id: m.id.clone(),
                    },
                    place.path(),
                );
                continue;
            }
            if let Err(e) = m.check() {
                let field = match &e {
                    ModelError::NotFinite { field, .. } => Some(*field),
                    ModelError::TargetNotPositive { .. } => Some("target"),
                    ModelError::AmberOnBetterSide { .. } => Some("amber"),
                    _ => None,
                };
                let mut here = place.path();
                here.extend(field.map(bare));
                self.report(e, here);
            }
        }
    }

    /// Checks an id's form and that no earlier one of its kind has it; returns its place.
    fn item_id(
        &mut self,
        seen: &mut HashSet<&'a str>,
        kind: &'static str,
        id: &'a str,
    ) -> IdPlace<'a> {
        let place = self.pass_id(id);
        if let Err(e) = check_id(id) {
            self.report(e, place.path());
        } else if !seen.insert(id) {
            self.report(
                ModelError::DuplicateId {
                    kind,
                    id: id.to_string(),
                },
                place.path(),
            );
        }
        place
    }
}

/// From the pathway's id to the link's `from:` and `to:`.
fn link_path(pathway: &[Locator], link: &Link) -> Vec<Locator> {
    let mut path = pathway.to_vec();
    path.extend([at("from", &link.from), at("to", &link.to)]);
    path
}

impl Network {
    /// Every broken rule of DESIGN §3, in file order. Empty when the network is valid.
    pub fn validate(&self) -> Vec<Violation> {
        let mut check = Checker {
            found: Vec::new(),
            ids_seen: HashMap::new(),
        };
        if self.format != Network::FORMAT {
            check.report(
                ModelError::UnsupportedFormat { found: self.format },
                vec![bare("format")],
            );
        }
        if !self.id.is_empty() {
            let place = check.pass_id(&self.id);
            if let Err(e) = check_id(&self.id) {
                check.report(e, place.path());
            }
        }

        let mut orgs = HashSet::new();
        for o in &self.organisations {
            check.item_id(&mut orgs, "organisation", &o.id);
        }

        let mut pathways = HashSet::new();
        let mut components = HashSet::new();
        for p in &self.pathways {
            let ppath = check.item_id(&mut pathways, "pathway", &p.id);
            for c in p.components() {
                let cpath = check.item_id(&mut components, "component", &c.id);
                if let Some(provider) = &c.provider
                    && !orgs.contains(provider.as_str())
                {
                    let mut here = cpath.path();
                    here.push(at("provider", provider));
                    check.report(
                        ModelError::UnknownProvider {
                            component: c.id.clone(),
                            provider: provider.clone(),
                        },
                        here,
                    );
                }
                check.measures(&c.id, &c.measures);
            }
            let mut pairs = HashSet::new();
            for l in p.links() {
                for (field, end) in [("from", &l.from), ("to", &l.to)] {
                    if p.position(end).is_none() {
                        check.report(
                            ModelError::UnknownLinkEnd {
                                pathway: p.id.clone(),
                                id: end.clone(),
                            },
                            [ppath.path(), vec![at(field, end)]].concat(),
                        );
                    }
                }
                if !pairs.insert((l.from.as_str(), l.to.as_str())) {
                    let mut path = link_path(&ppath.path(), l);
                    path.extend(link_path(&[], l));
                    check.report(
                        ModelError::DuplicateLink {
                            from: l.from.clone(),
                            to: l.to.clone(),
                        },
                        path,
                    );
                }
                check.measures(&format!("{} -> {}", l.from, l.to), &l.measures);
            }
        }

        let mut actions = HashSet::new();
        for a in &self.actions {
            let place = check.item_id(&mut actions, "action", &a.id);
            if !components.contains(a.component.as_str()) {
                let mut here = place.path();
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
