//! What one change did to a network, kept small for undo: the network's own fields if
//! they changed, and for each changed pathway its fields and the runs of components and
//! links that differ. Applying a delta swaps those parts back and returns the delta
//! that undoes that, so undo and redo are the same operation.

use super::items::{Component, Link};
use super::network::Network;
use super::pathway::Pathway;

/// In a list, the run `at..at + len` (as the list is now) was `before`.
#[derive(Debug, Clone)]
struct Splice<T> {
    at: usize,
    len: usize,
    before: Vec<T>,
}

impl<T: PartialEq> Splice<T> {
    /// The smallest run that differs between `before` and `after`, or None when equal.
    /// Takes its items out of `before`, which is spent.
    fn between(mut before: Vec<T>, after: &[T]) -> Option<Splice<T>> {
        let prefix = before.iter().zip(after).take_while(|(a, b)| a == b).count();
        if prefix == before.len() && prefix == after.len() {
            return None;
        }
        let max_suffix = before.len().min(after.len()) - prefix;
        let suffix = before
            .iter()
            .rev()
            .zip(after.iter().rev())
            .take(max_suffix)
            .take_while(|(a, b)| a == b)
            .count();
        before.truncate(before.len() - suffix);
        let before = before.split_off(prefix);
        Some(Splice {
            at: prefix,
            len: after.len() - suffix - prefix,
            before,
        })
    }

    /// Puts `before` back into `list`; returns the splice that restores `list` as it was.
    fn apply(self, list: &mut Vec<T>) -> Splice<T> {
        let len = self.before.len();
        let removed: Vec<T> = list
            .splice(self.at..self.at + self.len, self.before)
            .collect();
        Splice {
            at: self.at,
            len,
            before: removed,
        }
    }
}

/// A change to one pathway.
#[derive(Debug, Clone)]
struct PathwayDelta {
    /// The pathway's own fields (no components or links), if they changed.
    fields: Option<Pathway>,
    components: Option<Splice<Component>>,
    links: Option<Splice<Link>>,
}

#[derive(Debug, Clone)]
enum Pathways {
    /// The same pathways in the same places, some changed.
    Each(Vec<(usize, PathwayDelta)>),
    /// Pathways added, removed or moved.
    Splice(Splice<Pathway>),
}

/// What one change did; see the module comment.
#[derive(Debug, Clone)]
pub struct Delta {
    /// The network's own fields (no pathways), if they changed.
    fields: Option<Network>,
    pathways: Pathways,
}

/// Rough sizes in memory, to bound the undo history by memory as well as by count.
const COMPONENT_BYTES: usize = 1_600;
const LINK_BYTES: usize = 300;
const FIELDS_BYTES: usize = 512;

fn pathway_bytes(p: &Pathway) -> usize {
    FIELDS_BYTES + p.components.len() * COMPONENT_BYTES + p.links.len() * LINK_BYTES
}

impl PathwayDelta {
    fn between(mut before: Pathway, after: &mut Pathway) -> Option<PathwayDelta> {
        let components = std::mem::take(&mut before.components);
        let links = std::mem::take(&mut before.links);
        // The fields compare without the lists: take them out of `after` for a moment.
        let after_components = std::mem::take(&mut after.components);
        let after_links = std::mem::take(&mut after.links);
        let fields = (before != *after).then(|| {
            before.reindex();
            before
        });
        after.components = after_components;
        after.links = after_links;
        let delta = PathwayDelta {
            fields,
            components: Splice::between(components, &after.components),
            links: Splice::between(links, &after.links),
        };
        (delta.fields.is_some() || delta.components.is_some() || delta.links.is_some())
            .then_some(delta)
    }

    fn apply(self, pathway: &mut Pathway) -> PathwayDelta {
        let fields = self.fields.map(|mut fields| {
            fields.components = std::mem::take(&mut pathway.components);
            fields.links = std::mem::take(&mut pathway.links);
            let mut old = std::mem::replace(pathway, fields);
            old.reindex();
            old
        });
        let components = self.components.map(|s| s.apply(&mut pathway.components));
        let links = self.links.map(|s| s.apply(&mut pathway.links));
        pathway.reindex();
        PathwayDelta {
            fields,
            components,
            links,
        }
    }

    fn bytes(&self) -> usize {
        self.fields.as_ref().map_or(0, pathway_bytes)
            + self
                .components
                .as_ref()
                .map_or(0, |s| s.before.len() * COMPONENT_BYTES)
            + self
                .links
                .as_ref()
                .map_or(0, |s| s.before.len() * LINK_BYTES)
    }
}

impl Delta {
    /// What changed from `before` to `after`; None when nothing did.
    pub fn between(mut before: Network, after: &mut Network) -> Option<Delta> {
        let pathways_before = std::mem::take(&mut before.pathways);
        let pathways_after = std::mem::take(&mut after.pathways);
        let fields = (before != *after).then_some(before);
        after.pathways = pathways_after;
        let pathways = if pathways_before.len() == after.pathways.len()
            && pathways_before
                .iter()
                .zip(&after.pathways)
                .all(|(a, b)| a.id == b.id)
        {
            let each: Vec<(usize, PathwayDelta)> = pathways_before
                .into_iter()
                .zip(after.pathways.iter_mut())
                .enumerate()
                .filter_map(|(i, (b, a))| PathwayDelta::between(b, a).map(|d| (i, d)))
                .collect();
            if each.is_empty() && fields.is_none() {
                return None;
            }
            Pathways::Each(each)
        } else {
            let splice = Splice::between(pathways_before, &after.pathways)
                .expect("pathway lists of different ids differ");
            Pathways::Splice(splice)
        };
        Some(Delta { fields, pathways })
    }

    /// Undoes (or redoes) the change on `network`; returns the delta that reverses this.
    pub fn apply(self, network: &mut Network) -> Delta {
        let fields = self.fields.map(|mut fields| {
            fields.pathways = std::mem::take(&mut network.pathways);
            std::mem::replace(network, fields)
        });
        let pathways = match self.pathways {
            Pathways::Each(each) => Pathways::Each(
                each.into_iter()
                    .map(|(i, d)| (i, d.apply(&mut network.pathways[i])))
                    .collect(),
            ),
            Pathways::Splice(s) => Pathways::Splice(s.apply(&mut network.pathways)),
        };
        Delta { fields, pathways }
    }

    /// A rough size in memory.
    pub fn bytes(&self) -> usize {
        let fields = self.fields.as_ref().map_or(0, |n| {
            FIELDS_BYTES + (n.organisations.len() + n.actions.len()) * LINK_BYTES
        });
        fields
            + match &self.pathways {
                Pathways::Each(each) => each.iter().map(|(_, d)| d.bytes()).sum::<usize>(),
                Pathways::Splice(s) => s.before.iter().map(pathway_bytes).sum::<usize>(),
            }
    }
}
