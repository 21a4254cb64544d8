//! The network: organisations and pathways, and the checked operations that change them.
//! Every operation keeps every rule of docs/format.md true, or changes nothing and says why.

use serde::{Deserialize, Serialize};

use super::error::ModelError;
use super::id::{check_id, id_from_name, unique_id};
use super::items::{Action, Component, Link, Organisation, check_children};
use super::measure::Measure;
use super::pathway::Pathway;
use super::types::{Condition, Phase};

/// The whole file: pathways sharing organisations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    pub format: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub population: String,
    /// The date figures are judged at, `YYYY-MM-DD` (docs/format.md, "Benchmarks and currency").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) organisations: Vec<Organisation>,
    pub(super) pathways: Vec<Pathway>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) actions: Vec<Action>,
}

/// Where a measure lives: on a component or on a link.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MeasureOwner {
    Component(String),
    Link { from: String, to: String },
}

/// The fields of a pathway other than its components and links.
#[derive(Debug, Clone, PartialEq)]
pub struct PathwayDetails {
    pub id: String,
    pub name: String,
    pub condition: Condition,
    /// Children on the pathway in a year (docs/format.md, "Counted reach").
    pub children: Option<f64>,
    pub notes: String,
}

impl Network {
    /// The file format version this build reads and writes.
    pub const FORMAT: u32 = 1;

    /// An empty network with no pathways.
    pub fn new(name: &str) -> Self {
        Network {
            format: Self::FORMAT,
            id: String::new(),
            name: name.to_string(),
            population: String::new(),
            as_of: None,
            notes: String::new(),
            organisations: Vec::new(),
            pathways: Vec::new(),
            actions: Vec::new(),
        }
    }

    /// The network with `pathways` as its pathways: for the loader, which may read them
    /// apart from the rest of the file (`storage`); the result is validated as any is.
    pub(crate) fn with_loaded_pathways(mut self, pathways: Vec<Pathway>) -> Network {
        self.pathways = pathways;
        self
    }

    pub fn organisations(&self) -> &[Organisation] {
        &self.organisations
    }

    pub fn organisation(&self, id: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.id == id)
    }

    pub fn pathways(&self) -> &[Pathway] {
        &self.pathways
    }

    pub fn pathway(&self, id: &str) -> Option<&Pathway> {
        self.pathways.iter().find(|p| p.id == id)
    }

    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// The pathway that holds a component, and the component.
    pub fn find_component(&self, id: &str) -> Option<(&Pathway, &Component)> {
        self.pathways
            .iter()
            .find_map(|p| p.component(id).map(|c| (p, c)))
    }

    fn component_pathway(&self, id: &str) -> Result<usize, ModelError> {
        self.pathways
            .iter()
            .position(|p| p.position(id).is_some())
            .ok_or_else(|| not_found("component", id))
    }

    fn pathway_position(&self, id: &str) -> Result<usize, ModelError> {
        self.pathways
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| not_found("pathway", id))
    }

    fn link_position(&self, from: &str, to: &str) -> Result<(usize, usize), ModelError> {
        let p = self.component_pathway(from)?;
        let l = self.pathways[p]
            .link_position(from, to)
            .ok_or_else(|| not_found("link", &format!("{from} -> {to}")))?;
        Ok((p, l))
    }

    /// True when any component, in any pathway, has this id.
    pub fn has_component(&self, id: &str) -> bool {
        self.pathways.iter().any(|p| p.position(id).is_some())
    }

    /// A fresh component id derived from `name`, unique in the file.
    pub fn new_component_id(&self, name: &str) -> String {
        unique_id(&id_from_name(name, "component"), |c| self.has_component(c))
    }

    pub fn new_organisation_id(&self, name: &str) -> String {
        unique_id(&id_from_name(name, "organisation"), |c| {
            self.organisation(c).is_some()
        })
    }

    pub fn new_pathway_id(&self, name: &str) -> String {
        unique_id(&id_from_name(name, "pathway"), |c| {
            self.pathway(c).is_some()
        })
    }

    /// The first of `action-1`, `action-2`, ... that no action has.
    pub fn new_action_id(&self) -> String {
        (1u64..)
            .map(|n| format!("action-{n}"))
            .find(|c| !self.actions.iter().any(|a| a.id == *c))
            .expect("an unbounded range always yields a free id")
    }

    // ----- organisations -----

    pub fn add_organisation(&mut self, org: Organisation) -> Result<(), ModelError> {
        check_id(&org.id)?;
        if self.organisation(&org.id).is_some() {
            return Err(duplicate("organisation", &org.id));
        }
        self.organisations.push(org);
        Ok(())
    }

    /// Replaces organisation `id`; a new id is carried to every component it provides.
    pub fn update_organisation(&mut self, id: &str, org: Organisation) -> Result<(), ModelError> {
        let at = self
            .organisations
            .iter()
            .position(|o| o.id == id)
            .ok_or_else(|| not_found("organisation", id))?;
        check_id(&org.id)?;
        if org.id != id && self.organisation(&org.id).is_some() {
            return Err(duplicate("organisation", &org.id));
        }
        if org.id != id {
            for p in &mut self.pathways {
                for c in &mut p.components {
                    if c.provider.as_deref() == Some(id) {
                        c.provider = Some(org.id.clone());
                    }
                }
            }
        }
        self.organisations[at] = org;
        Ok(())
    }

    /// Removes an organisation that provides no component.
    pub fn remove_organisation(&mut self, id: &str) -> Result<Organisation, ModelError> {
        let at = self
            .organisations
            .iter()
            .position(|o| o.id == id)
            .ok_or_else(|| not_found("organisation", id))?;
        let count = self
            .pathways
            .iter()
            .flat_map(|p| &p.components)
            .filter(|c| c.provider.as_deref() == Some(id))
            .count();
        if count > 0 {
            return Err(ModelError::OrganisationInUse {
                id: id.to_string(),
                count,
            });
        }
        Ok(self.organisations.remove(at))
    }

    // ----- pathways -----

    /// Adds a pathway with everything in it, checking all of it against the file.
    pub fn add_pathway(&mut self, pathway: Pathway) -> Result<(), ModelError> {
        check_id(&pathway.id)?;
        if self.pathway(&pathway.id).is_some() {
            return Err(duplicate("pathway", &pathway.id));
        }
        check_children(|| format!("pathway {:?}", pathway.id), pathway.children)?;
        let mut empty = Pathway::new(&pathway.id, &pathway.name, pathway.condition);
        empty.children = pathway.children;
        empty.notes = pathway.notes.clone();
        self.pathways.push(empty);
        let added = self.pathways.len() - 1;
        let result = (|| {
            for c in pathway.components {
                self.add_component(&pathway.id, c, None)?;
            }
            for l in pathway.links {
                self.add_link(&pathway.id, l)?;
            }
            Ok(())
        })();
        if result.is_err() {
            self.pathways.remove(added);
        }
        result
    }

    pub fn update_pathway_details(
        &mut self,
        id: &str,
        details: PathwayDetails,
    ) -> Result<(), ModelError> {
        let at = self.pathway_position(id)?;
        check_id(&details.id)?;
        check_children(|| format!("pathway {:?}", details.id), details.children)?;
        if details.id != id && self.pathway(&details.id).is_some() {
            return Err(duplicate("pathway", &details.id));
        }
        let p = &mut self.pathways[at];
        p.id = details.id;
        p.name = details.name;
        p.condition = details.condition;
        p.children = details.children;
        p.notes = details.notes;
        Ok(())
    }

    /// Sets pathway `id`'s cohort: its children a year (docs/format.md, "Counted reach").
    pub fn set_pathway_children(
        &mut self,
        id: &str,
        children: Option<f64>,
    ) -> Result<(), ModelError> {
        let at = self.pathway_position(id)?;
        check_children(|| format!("pathway {id:?}"), children)?;
        self.pathways[at].children = children;
        Ok(())
    }

    /// Removes a pathway with its components, their links and their actions.
    pub fn remove_pathway(&mut self, id: &str) -> Result<Pathway, ModelError> {
        let at = self.pathway_position(id)?;
        let removed = self.pathways.remove(at);
        self.actions
            .retain(|a| removed.position(&a.component).is_none());
        Ok(removed)
    }

    // ----- components -----

    fn check_component(&self, c: &Component, replacing: Option<&str>) -> Result<(), ModelError> {
        check_id(&c.id)?;
        if replacing != Some(c.id.as_str()) && self.has_component(&c.id) {
            return Err(duplicate("component", &c.id));
        }
        if let Some(provider) = &c.provider
            && self.organisation(provider).is_none()
        {
            return Err(ModelError::UnknownProvider {
                component: c.id.clone(),
                provider: provider.clone(),
            });
        }
        check_children(|| format!("component {:?}", c.id), c.children)?;
        check_measures(&c.id, &c.measures)
    }

    /// Adds a component to a pathway, at `at` in author order or at the end.
    pub fn add_component(
        &mut self,
        pathway: &str,
        component: Component,
        at: Option<usize>,
    ) -> Result<(), ModelError> {
        let p = self.pathway_position(pathway)?;
        self.check_component(&component, None)?;
        let pathway = &mut self.pathways[p];
        match at {
            Some(i) if i < pathway.components.len() => {
                pathway.components.insert(i, component);
                pathway.reindex();
            }
            _ => pathway.push_component(component),
        }
        Ok(())
    }

    /// Replaces component `id` in place. A new id is carried to its links and actions.
    pub fn update_component(&mut self, id: &str, component: Component) -> Result<(), ModelError> {
        let p = self.component_pathway(id)?;
        self.check_component(&component, Some(id))?;
        let new_id = component.id.clone();
        let pathway = &mut self.pathways[p];
        let at = pathway.position(id).expect("component_pathway found it");
        pathway.components[at] = component;
        if new_id != id {
            for l in &mut pathway.links {
                for end in [&mut l.from, &mut l.to] {
                    if end == id {
                        *end = new_id.clone();
                    }
                }
            }
            for a in &mut self.actions {
                if a.component == id {
                    a.component = new_id.clone();
                }
            }
            // Only a new id changes the index; skipping it otherwise keeps bulk updates
            // (an import of thousands of measures) linear.
            self.pathways[p].reindex();
        }
        Ok(())
    }

    /// Removes a component with its links and its actions.
    pub fn remove_component(&mut self, id: &str) -> Result<Component, ModelError> {
        let p = self.component_pathway(id)?;
        let pathway = &mut self.pathways[p];
        let at = pathway.position(id).expect("component_pathway found it");
        let removed = pathway.components.remove(at);
        pathway.links.retain(|l| l.from != id && l.to != id);
        pathway.reindex();
        self.actions.retain(|a| a.component != id);
        Ok(removed)
    }

    /// Moves a component to another phase, keeping its place in author order.
    pub fn set_component_phase(&mut self, id: &str, phase: Phase) -> Result<(), ModelError> {
        let mut c = self.component_or_err(id)?.clone();
        c.phase = phase;
        self.update_component(id, c)
    }

    /// Swaps a component with its neighbour above (`-1`) or below (`+1`) in its phase
    /// column. Returns false, changing nothing, at the top or bottom of the column.
    pub fn shift_component(&mut self, id: &str, up: bool) -> Result<bool, ModelError> {
        let p = self.component_pathway(id)?;
        let pathway = &mut self.pathways[p];
        let at = pathway.position(id).expect("component_pathway found it");
        let phase = pathway.components[at].phase;
        let same_phase = |c: &Component| c.phase == phase;
        let other = if up {
            pathway.components[..at].iter().rposition(same_phase)
        } else {
            pathway.components[at + 1..]
                .iter()
                .position(same_phase)
                .map(|i| at + 1 + i)
        };
        let Some(other) = other else {
            return Ok(false);
        };
        pathway.components.swap(at, other);
        pathway.reindex();
        Ok(true)
    }

    /// Puts a pathway's components in the given order of ids (a permutation of them).
    pub fn reorder_components(
        &mut self,
        pathway: &str,
        order: &[String],
    ) -> Result<(), ModelError> {
        let p = self.pathway_position(pathway)?;
        let pathway = &mut self.pathways[p];
        let mut seen = vec![false; pathway.components.len()];
        for id in order {
            let i = pathway
                .position(id)
                .ok_or_else(|| not_found("component", id))?;
            if std::mem::replace(&mut seen[i], true) {
                return Err(duplicate("component", id));
            }
        }
        if seen.iter().any(|s| !s) {
            return Err(ModelError::Empty {
                what: "the new order's missing components",
            });
        }
        let mut components: Vec<Option<Component>> =
            pathway.components.drain(..).map(Some).collect();
        let positions: Vec<usize> = order.iter().filter_map(|id| pathway.position(id)).collect();
        pathway.components = positions
            .into_iter()
            .map(|i| components[i].take().expect("each position once"))
            .collect();
        pathway.reindex();
        Ok(())
    }

    fn component_or_err(&self, id: &str) -> Result<&Component, ModelError> {
        self.find_component(id)
            .map(|(_, c)| c)
            .ok_or_else(|| not_found("component", id))
    }

    // ----- links -----

    fn check_link(
        &self,
        p: usize,
        link: &Link,
        replacing: Option<(&str, &str)>,
    ) -> Result<(), ModelError> {
        let pathway = &self.pathways[p];
        for end in [&link.from, &link.to] {
            if pathway.position(end).is_none() {
                return Err(ModelError::UnknownLinkEnd {
                    pathway: pathway.id.clone(),
                    id: end.clone(),
                });
            }
        }
        let same_ends = replacing == Some((link.from.as_str(), link.to.as_str()));
        if !same_ends && pathway.link_position(&link.from, &link.to).is_some() {
            return Err(ModelError::DuplicateLink {
                from: link.from.clone(),
                to: link.to.clone(),
            });
        }
        check_children(
            || format!("link {:?} -> {:?}", link.from, link.to),
            link.children,
        )?;
        check_measures(&format!("{} -> {}", link.from, link.to), &link.measures)
    }

    pub fn add_link(&mut self, pathway: &str, link: Link) -> Result<(), ModelError> {
        let p = self.pathway_position(pathway)?;
        self.check_link(p, &link, None)?;
        self.pathways[p].push_link(link);
        Ok(())
    }

    /// Replaces the link `from -> to` in place; its ends may change within the pathway.
    pub fn update_link(&mut self, from: &str, to: &str, link: Link) -> Result<(), ModelError> {
        let (p, l) = self.link_position(from, to)?;
        self.check_link(p, &link, Some((from, to)))?;
        let same_ends = link.from == from && link.to == to;
        self.pathways[p].links[l] = link;
        // The graph mirrors the ends only: unchanged ends need no rebuild.
        if !same_ends {
            self.pathways[p].reindex();
        }
        Ok(())
    }

    pub fn remove_link(&mut self, from: &str, to: &str) -> Result<Link, ModelError> {
        let (p, l) = self.link_position(from, to)?;
        let removed = self.pathways[p].links.remove(l);
        self.pathways[p].reindex();
        Ok(removed)
    }

    // ----- measures -----

    pub fn measures(&self, owner: &MeasureOwner) -> Option<&[Measure]> {
        match owner {
            MeasureOwner::Component(id) => self.find_component(id).map(|(_, c)| &c.measures[..]),
            MeasureOwner::Link { from, to } => {
                let (p, l) = self.link_position(from, to).ok()?;
                Some(&self.pathways[p].links[l].measures)
            }
        }
    }

    /// Applies `change` to a copy of the owner's measures and keeps it if every rule holds.
    fn change_measures(
        &mut self,
        owner: &MeasureOwner,
        change: impl FnOnce(&mut Vec<Measure>) -> Result<(), ModelError>,
    ) -> Result<(), ModelError> {
        match owner {
            MeasureOwner::Component(id) => {
                let mut c = self.component_or_err(id)?.clone();
                change(&mut c.measures)?;
                self.update_component(id, c)
            }
            MeasureOwner::Link { from, to } => {
                let (p, l) = self.link_position(from, to)?;
                let mut link = self.pathways[p].links[l].clone();
                change(&mut link.measures)?;
                self.update_link(from, to, link)
            }
        }
    }

    pub fn add_measure(
        &mut self,
        owner: &MeasureOwner,
        measure: Measure,
    ) -> Result<(), ModelError> {
        self.change_measures(owner, |ms| {
            ms.push(measure);
            Ok(())
        })
    }

    /// Replaces measure `id` of `owner`; the new measure may have a new id.
    pub fn update_measure(
        &mut self,
        owner: &MeasureOwner,
        id: &str,
        measure: Measure,
    ) -> Result<(), ModelError> {
        self.change_measures(owner, |ms| {
            let at = ms
                .iter()
                .position(|m| m.id == id)
                .ok_or_else(|| not_found("measure", id))?;
            ms[at] = measure;
            Ok(())
        })
    }

    pub fn remove_measure(&mut self, owner: &MeasureOwner, id: &str) -> Result<(), ModelError> {
        self.change_measures(owner, |ms| {
            let at = ms
                .iter()
                .position(|m| m.id == id)
                .ok_or_else(|| not_found("measure", id))?;
            ms.remove(at);
            Ok(())
        })
    }

    // ----- actions -----

    fn check_action(&self, action: &Action, replacing: Option<&str>) -> Result<(), ModelError> {
        check_id(&action.id)?;
        if replacing != Some(action.id.as_str()) && self.actions.iter().any(|a| a.id == action.id) {
            return Err(duplicate("action", &action.id));
        }
        if !self.has_component(&action.component) {
            return Err(ModelError::UnknownActionComponent {
                action: action.id.clone(),
                component: action.component.clone(),
            });
        }
        Ok(())
    }

    pub fn add_action(&mut self, action: Action) -> Result<(), ModelError> {
        self.check_action(&action, None)?;
        self.actions.push(action);
        Ok(())
    }

    pub fn update_action(&mut self, id: &str, action: Action) -> Result<(), ModelError> {
        let at = self
            .actions
            .iter()
            .position(|a| a.id == id)
            .ok_or_else(|| not_found("action", id))?;
        self.check_action(&action, Some(id))?;
        self.actions[at] = action;
        Ok(())
    }

    pub fn remove_action(&mut self, id: &str) -> Result<Action, ModelError> {
        let at = self
            .actions
            .iter()
            .position(|a| a.id == id)
            .ok_or_else(|| not_found("action", id))?;
        Ok(self.actions.remove(at))
    }
}

/// Each measure keeps its own rules, and ids are unique within the owner.
pub(super) fn check_measures(owner: &str, measures: &[Measure]) -> Result<(), ModelError> {
    for (i, m) in measures.iter().enumerate() {
        m.check()?;
        if measures[..i].iter().any(|other| other.id == m.id) {
            return Err(ModelError::DuplicateMeasure {
                owner: owner.to_string(),
                id: m.id.clone(),
            });
        }
    }
    Ok(())
}

fn not_found(kind: &'static str, id: &str) -> ModelError {
    ModelError::NotFound {
        kind,
        id: id.to_string(),
    }
}

fn duplicate(kind: &'static str, id: &str) -> ModelError {
    ModelError::DuplicateId {
        kind,
        id: id.to_string(),
    }
}
