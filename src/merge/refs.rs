//! After the lists are merged, every reference must still name something: a link's ends,
//! a component's provider, an action's component, and component ids unique in the file.
//! Where one side deleted what the other side's result uses, that is a conflict, settled
//! towards ours: what ours uses and theirs deleted comes back from ours; what only theirs
//! uses, and ours deleted, is left out (or the field keeps ours' value).

use std::collections::HashSet;

use crate::model::{Action, Component, Network, Organisation, Pathway};

use super::fields::Merger;

pub struct Draft {
    pub organisations: Vec<Organisation>,
    pub pathways: Vec<Pathway>,
    pub actions: Vec<Action>,
}

/// Inserts `item` where ours has it: after the nearest item before it in `ours` that is
/// in `list` (at the start when there is none).
fn insert_like<T: Clone>(list: &mut Vec<T>, item: T, ours: &[T], same: impl Fn(&T, &T) -> bool) {
    let at = ours.iter().position(|x| same(x, &item)).unwrap_or(0);
    let after = ours[..at]
        .iter()
        .rev()
        .find_map(|prev| list.iter().position(|x| same(x, prev)));
    list.insert(after.map_or(0, |i| i + 1), item);
}

impl Draft {
    /// Settles broken references until none is left. Each step moves the draft towards
    /// ours, which keeps every rule, so this ends.
    pub fn repair(&mut self, ours: &Network, m: &mut Merger) {
        while self.unique_components(ours, m)
            || self.link_ends(ours, m)
            || self.providers(ours, m)
            || self.action_components(ours, m)
        {}
    }

    fn has_component(&self, id: &str) -> bool {
        self.pathways.iter().any(|p| p.component(id).is_some())
    }

    /// Brings back a component ours has (and its pathway, if that went too).
    fn restore_component(&mut self, ours: &Network, id: &str) -> bool {
        let Some((op, oc)) = ours.find_component(id) else {
            return false;
        };
        if !self.pathways.iter().any(|p| p.id == op.id) {
            let shell = op.clone().with_lists(Vec::new(), Vec::new());
            insert_like(&mut self.pathways, shell, ours.pathways(), |a, b| {
                a.id == b.id
            });
        }
        let p = self
            .pathways
            .iter_mut()
            .find(|p| p.id == op.id)
            .expect("the pathway is there now");
        let mut components = p.components().to_vec();
        insert_like(&mut components, oc.clone(), op.components(), |a, b| {
            a.id == b.id
        });
        let links = p.links().to_vec();
        *p = p.clone().with_lists(components, links);
        true
    }

    /// A component id used in two pathways (each side added it in a different one):
    /// the one that is not ours' is left out.
    fn unique_components(&mut self, ours: &Network, m: &mut Merger) -> bool {
        let mut seen = HashSet::new();
        let mut drop = None;
        'find: for (pi, p) in self.pathways.iter().enumerate() {
            for c in p.components() {
                if !seen.insert(c.id.clone()) {
                    let ours_here = ours
                        .find_component(&c.id)
                        .is_some_and(|(op, _)| op.id == p.id);
                    let at = if ours_here {
                        // Leave out the other one.
                        self.pathways
                            .iter()
                            .position(|q| q.id != p.id && q.component(&c.id).is_some())
                    } else {
                        Some(pi)
                    };
                    drop = at.map(|at| (at, c.id.clone()));
                    break 'find;
                }
            }
        }
        let Some((at, id)) = drop else {
            return false;
        };
        let p = &self.pathways[at];
        m.within(format!("component {id}"), |m| {
            m.conflict(format!(
                "in pathway {} on one side and another pathway on the other; left out of {}",
                p.id, p.id
            ))
        });
        let components: Vec<Component> = p
            .components()
            .iter()
            .filter(|c| c.id != id)
            .cloned()
            .collect();
        let links = p
            .links()
            .iter()
            .filter(|l| l.from != id && l.to != id)
            .cloned()
            .collect();
        self.pathways[at] = p.clone().with_lists(components, links);
        true
    }

    fn link_ends(&mut self, ours: &Network, m: &mut Merger) -> bool {
        for pi in 0..self.pathways.len() {
            let p = &self.pathways[pi];
            let broken = p.links().iter().find_map(|l| {
                [&l.from, &l.to]
                    .into_iter()
                    .find(|end| p.component(end).is_none())
                    .map(|end| (l.from.clone(), l.to.clone(), end.clone()))
            });
            let Some((from, to, end)) = broken else {
                continue;
            };
            let ours_has = ours
                .find_component(&end)
                .is_some_and(|(op, _)| op.id == p.id);
            let place = format!("link {from} → {to}");
            if ours_has && !self.has_component(&end) {
                m.within(place, |m| {
                    m.conflict(format!("component {end} was deleted (theirs) but this link uses it (ours); component kept"))
                });
                self.restore_component(ours, &end);
            } else {
                m.within(place, |m| {
                    m.conflict(format!("component {end} was deleted (ours) but this link uses it (theirs); link left out"))
                });
                let p = &self.pathways[pi];
                let components = p.components().to_vec();
                let links = p
                    .links()
                    .iter()
                    .filter(|l| !(l.from == from && l.to == to))
                    .cloned()
                    .collect();
                self.pathways[pi] = p.clone().with_lists(components, links);
            }
            return true;
        }
        false
    }

    fn providers(&mut self, ours: &Network, m: &mut Merger) -> bool {
        let known: HashSet<&str> = self.organisations.iter().map(|o| o.id.as_str()).collect();
        let broken = self.pathways.iter().enumerate().find_map(|(pi, p)| {
            p.components().iter().find_map(|c| {
                c.provider
                    .as_ref()
                    .filter(|org| !known.contains(org.as_str()))
                    .map(|org| (pi, c.id.clone(), org.clone()))
            })
        });
        let Some((pi, id, org)) = broken else {
            return false;
        };
        if let Some(o) = ours.organisation(&org) {
            m.within(format!("organisation {org}"), |m| {
                m.conflict(format!(
                    "deleted (theirs) but component {id} uses it (ours); organisation kept"
                ))
            });
            insert_like(
                &mut self.organisations,
                o.clone(),
                ours.organisations(),
                |a, b| a.id == b.id,
            );
        } else {
            let fallback = ours
                .find_component(&id)
                .and_then(|(_, c)| c.provider.clone());
            m.within(format!("component {id}"), |m| {
                m.conflict(format!(
                    "provider {org} (theirs) was deleted (ours); provider left as {}",
                    fallback.as_deref().unwrap_or("none")
                ))
            });
            let p = &self.pathways[pi];
            let components = p
                .components()
                .iter()
                .map(|c| {
                    let mut c = c.clone();
                    if c.id == id {
                        c.provider = fallback.clone();
                    }
                    c
                })
                .collect();
            let links = p.links().to_vec();
            self.pathways[pi] = p.clone().with_lists(components, links);
        }
        true
    }

    fn action_components(&mut self, ours: &Network, m: &mut Merger) -> bool {
        let Some(i) = self
            .actions
            .iter()
            .position(|a| !self.has_component(&a.component))
        else {
            return false;
        };
        let action = self.actions[i].clone();
        let target = action.component.clone();
        if ours.find_component(&target).is_some() {
            m.within(format!("component {target}"), |m| {
                m.conflict(format!(
                    "deleted (theirs) but action {} is for it (ours); component kept",
                    action.id
                ))
            });
            self.restore_component(ours, &target);
            return true;
        }
        let ours_action = ours.actions().iter().find(|a| a.id == action.id);
        match ours_action {
            // Ours' component; if theirs deleted that one, the next round brings it back.
            Some(a) => {
                m.within(format!("action {}", action.id), |m| {
                    m.conflict(format!(
                        "component {target} (theirs) was deleted (ours); component left as {}",
                        a.component
                    ))
                });
                self.actions[i].component = a.component.clone();
            }
            _ => {
                m.within(format!("action {}", action.id), |m| {
                    m.conflict(format!(
                        "its component {target} was deleted (ours); action left out"
                    ))
                });
                self.actions.remove(i);
            }
        }
        true
    }
}
