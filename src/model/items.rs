//! The plain parts of a network: organisations, components, links and actions.
//! They are values; the rules that tie them together are kept by `Network`.

use serde::{Deserialize, Serialize};

use super::error::ModelError;
use super::measure::{Checklist, Measure};
use super::types::{ActionStatus, Integration, Level, LinkKind, Phase, Sector};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub sector: Sector,
    pub level: Level,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

impl Organisation {
    pub fn new(id: &str, name: &str, sector: Sector, level: Level) -> Self {
        Organisation {
            id: id.to_string(),
            name: name.to_string(),
            sector,
            level,
            notes: String::new(),
        }
    }
}

/// One part of a pathway, delivered by one organisation, in one phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub id: String,
    pub name: String,
    pub phase: Phase,
    /// An organisation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Children it sees in a year (docs/format.md, "Counted reach").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children: Option<f64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    #[serde(default, skip_serializing_if = "Checklist::is_empty")]
    pub checklist: Checklist,
}

impl Component {
    pub fn new(id: &str, name: &str, phase: Phase) -> Self {
        Component {
            id: id.to_string(),
            name: name.to_string(),
            phase,
            provider: None,
            children: None,
            notes: String::new(),
            measures: Vec::new(),
            checklist: Checklist::default(),
        }
    }
}

/// A `children` figure is finite and 0 or more (docs/format.md, "Counted reach").
pub(crate) fn check_children(
    item: impl FnOnce() -> String,
    children: Option<f64>,
) -> Result<(), ModelError> {
    match children {
        Some(v) if !(v.is_finite() && v >= 0.0) => Err(ModelError::BadChildren {
            item: item(),
            value: v,
        }),
        _ => Ok(()),
    }
}

fn is_default_kind(kind: &LinkKind) -> bool {
    *kind == LinkKind::default()
}

/// A directed hand-off from one component to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "is_default_kind")]
    pub kind: LinkKind,
    /// None: no integration recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration: Option<Integration>,
    /// Children handed along it in a year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

impl Link {
    pub fn new(from: &str, to: &str) -> Self {
        Link {
            from: from.to_string(),
            to: to.to_string(),
            kind: LinkKind::default(),
            integration: None,
            children: None,
            measures: Vec::new(),
            notes: String::new(),
        }
    }
}

/// An improvement action agreed for a component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    /// A component id.
    pub component: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// A date, conventionally YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    pub status: ActionStatus,
}
