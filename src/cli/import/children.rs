//! The `children` column of `carepath import` (docs/import.md, "Children a year"): a row
//! with a `children` cell sets the yearly children of its component, of its link
//! (`from->to`), or, with the component cell empty, of its pathway (the cohort).

use crate::model::{MeasureOwner, Network};

/// Where a `children` cell goes, checked against the network before anything changes.
pub struct Children {
    target: Target,
    value: f64,
}

enum Target {
    Pathway(String),
    Component(String),
    Link(String, String),
}

/// Reads a `children` cell: a finite number, 0 or more (a trailing `%` is not a count).
fn parse(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        Ok(_) => Err(format!(
            "children \"{text}\" is not a finite number, 0 or more"
        )),
        Err(_) => Err(format!("children \"{text}\" is not a number")),
    }
}

/// Checks a row's `children` cell against `network`: the pathway, and the component or
/// link in it, must exist. `owner` is the row's component cell read as a component or
/// link; `None` when that cell is empty.
pub fn check(
    network: &Network,
    pathway_id: &str,
    owner: Option<&MeasureOwner>,
    text: &str,
) -> Result<Children, String> {
    if pathway_id.is_empty() {
        return Err("pathway is empty".to_string());
    }
    let value = parse(text)?;
    let pathway = network
        .pathway(pathway_id)
        .ok_or_else(|| format!("unknown pathway \"{pathway_id}\""))?;
    let target = match owner {
        None => Target::Pathway(pathway_id.to_string()),
        Some(MeasureOwner::Component(id)) => {
            pathway
                .component(id)
                .ok_or_else(|| format!("pathway \"{pathway_id}\" has no component \"{id}\""))?;
            Target::Component(id.clone())
        }
        Some(MeasureOwner::Link { from, to }) => {
            pathway
                .link(from, to)
                .ok_or_else(|| format!("pathway \"{pathway_id}\" has no link \"{from}->{to}\""))?;
            Target::Link(from.clone(), to.clone())
        }
    };
    Ok(Children { target, value })
}

/// Sets checked children; true when that changed the network.
pub fn set(network: &mut Network, children: Children) -> Result<bool, String> {
    let value = Some(children.value);
    let changed = match &children.target {
        Target::Pathway(id) => {
            let before = network.pathway(id).and_then(|p| p.children);
            network
                .set_pathway_children(id, value)
                .map_err(|e| e.to_string())?;
            before != value
        }
        Target::Component(id) => {
            let (_, c) = network.find_component(id).ok_or("component gone")?;
            let mut c = c.clone();
            let changed = c.children != value;
            c.children = value;
            network.update_component(id, c).map_err(|e| e.to_string())?;
            changed
        }
        Target::Link(from, to) => {
            let (p, _) = network.find_component(from).ok_or("link gone")?;
            let mut l = p.link(from, to).ok_or("link gone")?.clone();
            let changed = l.children != value;
            l.children = value;
            network
                .update_link(from, to, l)
                .map_err(|e| e.to_string())?;
            changed
        }
    };
    Ok(changed)
}
