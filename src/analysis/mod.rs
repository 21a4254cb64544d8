//! The analysis of DESIGN §4-5: status, strength, reach, impact, findings and the
//! weakest links. Plain Rust: it reads a `Network` and knows nothing of the terminal.

mod findings;
mod overview;
mod reach;
mod status;

use serde::Serialize;

use crate::model::{Network, Pathway, Phase};

pub use findings::{Finding, FindingKind, Severity, with_unit};
pub use overview::{CrossFinding, Overview, PathwaySummary, overview};
pub use reach::{Journeys, is_full_reach, journeys};
pub use status::{Score, Status, attainment, measure_status};

/// The analysis of one component.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentAnalysis {
    pub score: Score,
    /// Share of the pathway's journeys that pass through it, in [0, 1].
    pub reach: f64,
    /// (1 - strength) × reach; `None` without data.
    pub impact: Option<f64>,
}

/// The analysis of one link.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkAnalysis {
    pub score: Score,
    pub reach: f64,
    pub impact: Option<f64>,
}

/// The analysis of one pathway; vectors are indexed like its components and links.
#[derive(Debug, Clone, PartialEq)]
pub struct PathwayAnalysis {
    /// The smallest strength among components with reach > 0.
    pub strength: Option<f64>,
    /// The worst status among components with reach > 0 (`NoData` when none has data).
    pub status: Status,
    pub journeys: Journeys,
    pub components: Vec<ComponentAnalysis>,
    pub links: Vec<LinkAnalysis>,
}

/// What a weakest-links entry points at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    Component(String),
    Link { from: String, to: String },
}

/// One entry of the weakest-links list.
#[derive(Debug, Clone, PartialEq)]
pub struct WeakLink {
    /// Index of the pathway in the network.
    pub pathway: usize,
    pub target: Target,
    pub strength: f64,
    pub reach: f64,
    pub impact: f64,
}

/// The analysis of a whole network.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkAnalysis {
    pub pathways: Vec<PathwayAnalysis>,
    /// In the order of DESIGN §5: severity, impact, pathway, phase, id.
    pub findings: Vec<Finding>,
    /// Measured components and links, highest impact first.
    pub weakest: Vec<WeakLink>,
}

fn impact(score: &Score, reach: f64) -> Option<f64> {
    score.strength.map(|s| (1.0 - s) * reach)
}

/// Analyses one pathway.
pub fn analyse_pathway(pathway: &Pathway) -> PathwayAnalysis {
    let journeys = journeys(pathway);
    let components: Vec<ComponentAnalysis> = pathway
        .components()
        .iter()
        .zip(&journeys.component_reach)
        .map(|(c, &reach)| {
            let score = Score::of(&c.measures);
            ComponentAnalysis {
                impact: impact(&score, reach),
                score,
                reach,
            }
        })
        .collect();
    let links = pathway
        .links()
        .iter()
        .zip(&journeys.link_reach)
        .map(|(l, &reach)| {
            let score = Score::of(&l.measures);
            LinkAnalysis {
                impact: impact(&score, reach),
                score,
                reach,
            }
        })
        .collect();
    let reached = components.iter().filter(|c| c.reach > 0.0);
    let (strength, status) = reached.fold((None, Status::NoData), |(s, st), c| {
        let s = match (s, c.score.strength) {
            (Some(a), Some(b)) => Some(f64::min(a, b)),
            (a, b) => a.or(b),
        };
        (s, st.worst(c.score.status))
    });
    PathwayAnalysis {
        strength,
        status,
        journeys,
        components,
        links,
    }
}

/// Analyses every pathway, then ranks the findings and the weakest links.
pub fn analyse(network: &Network) -> NetworkAnalysis {
    let pathways: Vec<PathwayAnalysis> = network.pathways().iter().map(analyse_pathway).collect();
    let findings = findings::findings(network, &pathways);
    let weakest = weakest(network, &pathways);
    NetworkAnalysis {
        pathways,
        findings,
        weakest,
    }
}

/// Measured components and links by impact, highest first; ties in pathway, phase and
/// id order so the list is stable.
fn weakest(network: &Network, analyses: &[PathwayAnalysis]) -> Vec<WeakLink> {
    let mut list: Vec<(WeakLink, Phase, String)> = Vec::new();
    for (p, (pathway, analysis)) in network.pathways().iter().zip(analyses).enumerate() {
        for (c, a) in pathway.components().iter().zip(&analysis.components) {
            if let (Some(strength), Some(impact)) = (a.score.strength, a.impact) {
                let entry = WeakLink {
                    pathway: p,
                    target: Target::Component(c.id.clone()),
                    strength,
                    reach: a.reach,
                    impact,
                };
                list.push((entry, c.phase, c.id.clone()));
            }
        }
        for (l, a) in pathway.links().iter().zip(&analysis.links) {
            if let (Some(strength), Some(impact)) = (a.score.strength, a.impact) {
                let phase = pathway
                    .component(&l.from)
                    .map_or(Phase::Prevention, |c| c.phase);
                let entry = WeakLink {
                    pathway: p,
                    target: Target::Link {
                        from: l.from.clone(),
                        to: l.to.clone(),
                    },
                    strength,
                    reach: a.reach,
                    impact,
                };
                list.push((entry, phase, format!("{}->{}", l.from, l.to)));
            }
        }
    }
    list.sort_by(|(a, pa, ia), (b, pb, ib)| {
        findings::impact_key(b.impact)
            .cmp(&findings::impact_key(a.impact))
            .then(a.pathway.cmp(&b.pathway))
            .then(pa.cmp(pb))
            .then(ia.cmp(ib))
    });
    list.into_iter().map(|(w, _, _)| w).collect()
}
