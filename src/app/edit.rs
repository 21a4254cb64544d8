//! The named changes the editor can make to a document. Each applies through the
//! model's checked operations, so a refused change leaves the document as it was.

use crate::model::{
    Action as ImprovementAction, Component, Link, Measure, MeasureOwner, ModelError, Network,
    Organisation, Pathway, PathwayDetails, Phase,
};

#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// The network's own name, population and `as_of` date (checked by the form).
    UpdateNetwork {
        name: String,
        population: String,
        as_of: Option<String>,
    },
    AddComponent {
        pathway: String,
        component: Component,
        at: Option<usize>,
    },
    UpdateComponent {
        id: String,
        component: Component,
    },
    RemoveComponent {
        id: String,
    },
    SetPhase {
        id: String,
        phase: Phase,
    },
    ShiftComponent {
        id: String,
        up: bool,
    },
    ReorderComponents {
        pathway: String,
        order: Vec<String>,
    },
    AddLink {
        pathway: String,
        link: Link,
    },
    UpdateLink {
        from: String,
        to: String,
        link: Link,
    },
    RemoveLink {
        from: String,
        to: String,
    },
    AddMeasure {
        owner: MeasureOwner,
        measure: Measure,
    },
    UpdateMeasure {
        owner: MeasureOwner,
        id: String,
        measure: Measure,
    },
    RemoveMeasure {
        owner: MeasureOwner,
        id: String,
    },
    AddOrganisation(Organisation),
    UpdateOrganisation {
        id: String,
        organisation: Organisation,
    },
    RemoveOrganisation {
        id: String,
    },
    AddPathway(Pathway),
    UpdatePathway {
        id: String,
        details: PathwayDetails,
    },
    RemovePathway {
        id: String,
    },
    AddAction(ImprovementAction),
    UpdateAction {
        id: String,
        action: ImprovementAction,
    },
    RemoveAction {
        id: String,
    },
}

impl Edit {
    /// Applies the change. On error the network is unchanged.
    pub fn apply(self, n: &mut Network) -> Result<(), ModelError> {
        match self {
            Edit::AddComponent {
                pathway,
                component,
                at,
            } => n.add_component(&pathway, component, at),
            Edit::UpdateNetwork {
                name,
                population,
                as_of,
            } => {
                n.name = name;
                n.population = population;
                n.as_of = as_of;
                Ok(())
            }
            Edit::UpdateComponent { id, component } => n.update_component(&id, component),
            Edit::RemoveComponent { id } => n.remove_component(&id).map(drop),
            Edit::SetPhase { id, phase } => n.set_component_phase(&id, phase),
            Edit::ShiftComponent { id, up } => n.shift_component(&id, up).map(drop),
            Edit::ReorderComponents { pathway, order } => n.reorder_components(&pathway, &order),
            Edit::AddLink { pathway, link } => n.add_link(&pathway, link),
            Edit::UpdateLink { from, to, link } => n.update_link(&from, &to, link),
            Edit::RemoveLink { from, to } => n.remove_link(&from, &to).map(drop),
            Edit::AddMeasure { owner, measure } => n.add_measure(&owner, measure),
            Edit::UpdateMeasure { owner, id, measure } => n.update_measure(&owner, &id, measure),
            Edit::RemoveMeasure { owner, id } => n.remove_measure(&owner, &id),
            Edit::AddOrganisation(o) => n.add_organisation(o),
            Edit::UpdateOrganisation { id, organisation } => {
                n.update_organisation(&id, organisation)
            }
            Edit::RemoveOrganisation { id } => n.remove_organisation(&id).map(drop),
            Edit::AddPathway(p) => n.add_pathway(p),
            Edit::UpdatePathway { id, details } => n.update_pathway_details(&id, details),
            Edit::RemovePathway { id } => n.remove_pathway(&id).map(drop),
            Edit::AddAction(a) => n.add_action(a),
            Edit::UpdateAction { id, action } => n.update_action(&id, action),
            Edit::RemoveAction { id } => n.remove_action(&id).map(drop),
        }
    }

    /// What the status line says after the change, e.g. "Added component".
    pub fn describe(&self) -> &'static str {
        match self {
            Edit::AddComponent { .. } => "Added component",
            Edit::UpdateNetwork { .. } => "Changed network",
            Edit::UpdateComponent { .. } => "Changed component",
            Edit::RemoveComponent { .. } => "Deleted component",
            Edit::SetPhase { .. } => "Moved component to another phase",
            Edit::ShiftComponent { .. } => "Moved component in its column",
            Edit::ReorderComponents { .. } => "Tidied the map",
            Edit::AddLink { .. } => "Connected",
            Edit::UpdateLink { .. } => "Changed link",
            Edit::RemoveLink { .. } => "Deleted link",
            Edit::AddMeasure { .. } => "Added measure",
            Edit::UpdateMeasure { .. } => "Changed measure",
            Edit::RemoveMeasure { .. } => "Deleted measure",
            Edit::AddOrganisation(_) => "Added organisation",
            Edit::UpdateOrganisation { .. } => "Changed organisation",
            Edit::RemoveOrganisation { .. } => "Deleted organisation",
            Edit::AddPathway(_) => "Added pathway",
            Edit::UpdatePathway { .. } => "Changed pathway",
            Edit::RemovePathway { .. } => "Deleted pathway",
            Edit::AddAction(_) => "Added action",
            Edit::UpdateAction { .. } => "Changed action",
            Edit::RemoveAction { .. } => "Deleted action",
        }
    }
}
