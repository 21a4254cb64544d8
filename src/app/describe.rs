//! What a change did, in words with the names in it ("delete component Seizure first aid
//! training"), and the item it is about, so undo and redo can say what they undid and
//! select what came back.

use crate::model::{MeasureOwner, Network};

use super::Edit;

/// The item a change is about: selected again when the change is undone or redone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Component(String),
    Link { from: String, to: String },
    Measure { owner: MeasureOwner, id: String },
    Pathway(String),
}

impl Edit {
    /// The change in words, named from `doc` as it is before the change.
    pub fn summary(&self, doc: &Network) -> String {
        let component = |id: &str| {
            doc.find_component(id)
                .map_or_else(|| id.to_string(), |(_, c)| c.name.clone())
        };
        let link = |from: &str, to: &str| format!("{} → {}", component(from), component(to));
        let measure = |owner: &MeasureOwner, id: &str| {
            doc.measures(owner)
                .and_then(|ms| ms.iter().find(|m| m.id == id))
                .map_or_else(|| id.to_string(), |m| m.name.clone())
        };
        let organisation = |id: &str| {
            doc.organisations()
                .iter()
                .find(|o| o.id == id)
                .map_or_else(|| id.to_string(), |o| o.name.clone())
        };
        let pathway = |id: &str| {
            doc.pathway(id)
                .map_or_else(|| id.to_string(), |p| p.name.clone())
        };
        let action = |id: &str| {
            doc.actions()
                .iter()
                .find(|a| a.id == id)
                .map_or_else(|| id.to_string(), |a| a.text.clone())
        };
        match self {
            Edit::UpdateNetwork { name, .. } => format!("change network {name}"),
            Edit::AddComponent { component: c, .. } => format!("add component {}", c.name),
            Edit::UpdateComponent { component: c, .. } => format!("change component {}", c.name),
            Edit::RemoveComponent { id } => format!("delete component {}", component(id)),
            Edit::SetPhase { id, phase } => {
                format!("move component {} to {}", component(id), phase.name())
            }
            Edit::ShiftComponent { id, up } => format!(
                "move component {} {} its column",
                component(id),
                if *up { "up" } else { "down" }
            ),
            Edit::ReorderComponents { pathway: p, .. } => format!("tidy pathway {}", pathway(p)),
            Edit::AddLink { link: l, .. } => format!("connect {}", link(&l.from, &l.to)),
            Edit::UpdateLink { from, to, .. } => format!("change link {}", link(from, to)),
            Edit::RemoveLink { from, to } => format!("delete link {}", link(from, to)),
            Edit::AddMeasure { measure: m, .. } => format!("add measure {}", m.name),
            Edit::UpdateMeasure { measure: m, .. } => format!("change measure {}", m.name),
            Edit::RemoveMeasure { owner, id } => format!("delete measure {}", measure(owner, id)),
            Edit::AddOrganisation(o) => format!("add organisation {}", o.name),
            Edit::UpdateOrganisation {
                organisation: o, ..
            } => {
                format!("change organisation {}", o.name)
            }
            Edit::RemoveOrganisation { id } => {
                format!("delete organisation {}", organisation(id))
            }
            Edit::AddPathway(p) => format!("add pathway {}", p.name),
            Edit::UpdatePathway { details, .. } => format!("change pathway {}", details.name),
            Edit::RemovePathway { id } => format!("delete pathway {}", pathway(id)),
            Edit::AddAction(a) => format!("add action \"{}\"", a.text),
            Edit::UpdateAction { action: a, .. } => format!("change action \"{}\"", a.text),
            Edit::RemoveAction { id } => format!("delete action \"{}\"", action(id)),
        }
    }

    /// The item the change is about, if it is one the map can select.
    pub fn subject(&self, doc: &Network) -> Option<Subject> {
        let action_component = |id: &str| {
            doc.actions()
                .iter()
                .find(|a| a.id == id)
                .map(|a| Subject::Component(a.component.clone()))
        };
        match self {
            Edit::AddComponent { component: c, .. } => Some(Subject::Component(c.id.clone())),
            Edit::UpdateComponent { id, .. }
            | Edit::RemoveComponent { id }
            | Edit::SetPhase { id, .. }
            | Edit::ShiftComponent { id, .. } => Some(Subject::Component(id.clone())),
            Edit::ReorderComponents { pathway, .. } => Some(Subject::Pathway(pathway.clone())),
            Edit::AddLink { link, .. } => Some(Subject::Link {
                from: link.from.clone(),
                to: link.to.clone(),
            }),
            Edit::UpdateLink { from, to, .. } | Edit::RemoveLink { from, to } => {
                Some(Subject::Link {
                    from: from.clone(),
                    to: to.clone(),
                })
            }
            Edit::AddMeasure { owner, measure } => Some(Subject::Measure {
                owner: owner.clone(),
                id: measure.id.clone(),
            }),
            Edit::UpdateMeasure { owner, id, .. } | Edit::RemoveMeasure { owner, id } => {
                Some(Subject::Measure {
                    owner: owner.clone(),
                    id: id.clone(),
                })
            }
            Edit::AddPathway(p) => Some(Subject::Pathway(p.id.clone())),
            Edit::UpdatePathway { id, .. } | Edit::RemovePathway { id } => {
                Some(Subject::Pathway(id.clone()))
            }
            Edit::AddAction(a) => Some(Subject::Component(a.component.clone())),
            Edit::UpdateAction { action, .. } => Some(Subject::Component(action.component.clone())),
            Edit::RemoveAction { id } => action_component(id),
            Edit::UpdateNetwork { .. }
            | Edit::AddOrganisation(_)
            | Edit::UpdateOrganisation { .. }
            | Edit::RemoveOrganisation { .. } => None,
        }
    }
}
