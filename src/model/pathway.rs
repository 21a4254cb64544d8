//! A pathway: components and links in author order, with a petgraph graph kept beside them.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use serde::{Deserialize, Serialize};

use super::items::{Component, Link};
use super::types::{Condition, Phase};

fn is_long_term(c: &Condition) -> bool {
    *c == Condition::LongTerm
}

/// A directed graph of components and links for one condition or need.
///
/// The lists keep the author's order, which is the layout order within a phase column.
/// `graph` mirrors them: node `i` is `components[i]` and edge `j` is `links[j]`. Ids are
/// the stable names; graph indices are only valid until the next change.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "PathwayDoc")]
pub struct Pathway {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "is_long_term")]
    pub condition: Condition,
    /// Children on this pathway in a year: the cohort that counted reach divides by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub children: Option<f64>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) components: Vec<Component>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) links: Vec<Link>,
    #[serde(skip)]
    graph: DiGraph<(), ()>,
    #[serde(skip)]
    index: HashMap<String, usize>,
}

/// The file form of a pathway, before its graph is built.
#[derive(Deserialize)]
#[serde(rename = "Pathway", deny_unknown_fields)]
struct PathwayDoc {
    id: String,
    name: String,
    #[serde(default)]
    condition: Condition,
    #[serde(default)]
    children: Option<f64>,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    components: Vec<Component>,
    #[serde(default)]
    links: Vec<Link>,
}

impl From<PathwayDoc> for Pathway {
    fn from(doc: PathwayDoc) -> Self {
        let mut pathway = Pathway {
            id: doc.id,
            name: doc.name,
            condition: doc.condition,
            children: doc.children,
            notes: doc.notes,
            components: doc.components,
            links: doc.links,
            graph: DiGraph::new(),
            index: HashMap::new(),
        };
        pathway.reindex();
        pathway
    }
}

impl PartialEq for Pathway {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.name == other.name
            && self.condition == other.condition
            && self.children == other.children
            && self.notes == other.notes
            && self.components == other.components
            && self.links == other.links
    }
}

impl Pathway {
    pub fn new(id: &str, name: &str, condition: Condition) -> Self {
        Pathway::from(PathwayDoc {
            id: id.to_string(),
            name: name.to_string(),
            condition,
            children: None,
            notes: String::new(),
            components: Vec::new(),
            links: Vec::new(),
        })
    }

    /// Components in author order.
    pub fn components(&self) -> &[Component] {
        &self.components
    }

    /// Links in author order.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// The graph: node `i` is `components()[i]`, edge `j` is `links()[j]`.
    pub fn graph(&self) -> &DiGraph<(), ()> {
        &self.graph
    }

    /// Position of a component in `components()`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn component(&self, id: &str) -> Option<&Component> {
        self.position(id).map(|i| &self.components[i])
    }

    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.position(id).map(NodeIndex::new)
    }

    pub fn link_position(&self, from: &str, to: &str) -> Option<usize> {
        let (a, b) = (self.node(from)?, self.node(to)?);
        self.graph.find_edge(a, b).map(EdgeIndex::index)
    }

    /// The positions in `components()` of link `j`'s two ends, from the graph.
    pub fn link_ends(&self, j: usize) -> Option<(usize, usize)> {
        let (a, b) = self.graph.edge_endpoints(EdgeIndex::new(j))?;
        Some((a.index(), b.index()))
    }

    pub fn link(&self, from: &str, to: &str) -> Option<&Link> {
        self.link_position(from, to).map(|i| &self.links[i])
    }

    /// The components of one phase column, in author order.
    pub fn column(&self, phase: Phase) -> impl Iterator<Item = &Component> {
        self.components.iter().filter(move |c| c.phase == phase)
    }

    /// The positions in `components()` of one phase column, in author order.
    pub fn column_positions(&self, phase: Phase) -> impl Iterator<Item = usize> + '_ {
        self.components
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.phase == phase)
            .map(|(i, _)| i)
    }

    /// Rebuilds the id index and the graph from the lists. Links whose ends are unknown
    /// get no edge; such a pathway fails validation, so it is never used for analysis.
    pub(super) fn reindex(&mut self) {
        self.index = self
            .components
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let mut graph = DiGraph::with_capacity(self.components.len(), self.links.len());
        for _ in &self.components {
            graph.add_node(());
        }
        for link in &self.links {
            if let (Some(&a), Some(&b)) = (self.index.get(&link.from), self.index.get(&link.to)) {
                graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
            }
        }
        self.graph = graph;
    }

    /// Appends a component without a full reindex (loading large networks stays linear).
    pub(super) fn push_component(&mut self, component: Component) {
        self.index
            .insert(component.id.clone(), self.components.len());
        self.components.push(component);
        self.graph.add_node(());
    }

    /// Appends a link whose ends are known components.
    pub(super) fn push_link(&mut self, link: Link) {
        let a = self.index[&link.from];
        let b = self.index[&link.to];
        self.links.push(link);
        self.graph
            .add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
    }
}
