//! What changed between two versions of a network, in pathway terms (README, "Commands").
//!
//! Everything is matched by id, so a renamed component keeps its id and shows as a rename,
//! not as one component removed and another added. Plain Rust: it reads two `Network`s and
//! knows nothing of the terminal, so the editor can show the same changes.

mod compare;
pub mod text;
mod values;

use serde::Serialize;

use crate::analysis::{NetworkAnalysis, Severity, Status, analyse};
use crate::model::Network;

pub use values::{FieldChange, Value};

/// Whether an item is new, gone, or present in both versions with different fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

/// One organisation, pathway or action that changed, keyed by id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemDiff {
    pub change: Change,
    pub id: String,
    /// The name (or text, for an action) in the newer version it appears in.
    pub name: String,
    pub fields: Vec<FieldChange>,
}

/// A component that changed. `pathway` is the pathway it is in now (or was, if removed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentDiff {
    pub change: Change,
    pub pathway: String,
    pub id: String,
    pub name: String,
    pub fields: Vec<FieldChange>,
}

/// A link that changed, keyed by its two ends.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkDiff {
    pub change: Change,
    pub pathway: String,
    pub from: String,
    pub to: String,
    pub fields: Vec<FieldChange>,
}

/// What a measure (or a checklist) belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    Component(String),
    Link { from: String, to: String },
}

/// A measure's status before and after; `None` where the measure did not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    pub old: Option<Status>,
    pub new: Option<Status>,
}

impl StatusChange {
    /// True when the measure exists in both versions with different statuses.
    pub fn changed(&self) -> bool {
        matches!((self.old, self.new), (Some(a), Some(b)) if a != b)
    }

    /// True when the status moved towards Red (or lost its data).
    pub fn worse(&self) -> bool {
        match (self.old, self.new) {
            (Some(a), Some(b)) if a != b => match (a, b) {
                (Status::NoData, _) => false,
                (_, Status::NoData) => true,
                (a, b) => b.rank() < a.rank(),
            },
            _ => false,
        }
    }
}

/// A measure that changed, keyed by its owner and its id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureDiff {
    pub change: Change,
    pub pathway: String,
    #[serde(flatten)]
    pub owner: Owner,
    pub id: String,
    pub name: String,
    pub status: StatusChange,
    pub fields: Vec<FieldChange>,
}

/// Checklist answers that changed on a component present in both versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChecklistDiff {
    pub pathway: String,
    pub component: String,
    pub fields: Vec<FieldChange>,
}

/// A finding, as it reads in the version it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingRef {
    pub kind: crate::analysis::FindingKind,
    pub severity: Severity,
    pub pathway: String,
    pub component: Option<String>,
    pub link: Option<LinkEnds>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct LinkEnds {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FindingsDiff {
    /// In the new version's order (severity first).
    pub appeared: Vec<FindingRef>,
    /// In the old version's order.
    pub disappeared: Vec<FindingRef>,
}

/// A pathway's strength and status in one version.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Strength {
    pub strength: Option<f64>,
    pub status: Status,
}

/// How one pathway's strength moved. Every pathway of either version has one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrengthDiff {
    pub pathway: String,
    pub name: String,
    /// `None` where the pathway did not exist.
    pub old: Option<Strength>,
    pub new: Option<Strength>,
    /// new - old, where both have a strength.
    pub change: Option<f64>,
}

impl StrengthDiff {
    pub fn moved(&self) -> bool {
        self.old != self.new
    }
}

/// Everything that changed, section by section. Each list is in the newer version's
/// author order, with removed items after the rest in the old version's order; measures
/// whose status changed come first, worsening before improving.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NetworkDiff {
    /// The network's own fields: name, id, population, notes.
    pub network: Vec<FieldChange>,
    pub organisations: Vec<ItemDiff>,
    pub pathways: Vec<ItemDiff>,
    pub components: Vec<ComponentDiff>,
    pub links: Vec<LinkDiff>,
    pub measures: Vec<MeasureDiff>,
    pub checklists: Vec<ChecklistDiff>,
    pub actions: Vec<ItemDiff>,
    pub findings: FindingsDiff,
    pub strength: Vec<StrengthDiff>,
}

impl NetworkDiff {
    /// True when nothing changed in pathway terms (text layout and order aside).
    pub fn is_empty(&self) -> bool {
        self.network.is_empty()
            && self.organisations.is_empty()
            && self.pathways.is_empty()
            && self.components.is_empty()
            && self.links.is_empty()
            && self.measures.is_empty()
            && self.checklists.is_empty()
            && self.actions.is_empty()
            && self.findings.appeared.is_empty()
            && self.findings.disappeared.is_empty()
            && !self.strength.iter().any(StrengthDiff::moved)
    }

    /// The measures whose status changed, worsening first.
    pub fn status_changes(&self) -> impl Iterator<Item = &MeasureDiff> {
        self.measures.iter().filter(|m| m.status.changed())
    }
}

/// Compares two networks.
pub fn diff(old: &Network, new: &Network) -> NetworkDiff {
    diff_analysed(old, &analyse(old), new, &analyse(new))
}

/// Compares two networks whose analyses the caller already has.
pub fn diff_analysed(
    old: &Network,
    old_analysis: &NetworkAnalysis,
    new: &Network,
    new_analysis: &NetworkAnalysis,
) -> NetworkDiff {
    let mut measures = compare::measures(old, new);
    // A stable sort keeps author order within each group.
    measures.sort_by_key(|m| match (m.status.changed(), m.status.worse()) {
        (true, true) => 0,
        (true, false) => 1,
        _ => 2,
    });
    NetworkDiff {
        network: compare::network_fields(old, new),
        organisations: compare::organisations(old, new),
        pathways: compare::pathways(old, new),
        components: compare::components(old, new),
        links: compare::links(old, new),
        measures,
        checklists: compare::checklists(old, new),
        actions: compare::actions(old, new),
        findings: compare::findings(old, old_analysis, new, new_analysis),
        strength: compare::strength(old, old_analysis, new, new_analysis),
    }
}

/// The changes from `old` to `new` as the text `carepath diff` prints, for people.
pub fn describe(old: &Network, new: &Network) -> String {
    let names = text::Names {
        old: "on disk",
        new: "recovered",
        old_absent: false,
        new_absent: false,
    };
    text::report(&names, old, new, &diff(old, new))
}
