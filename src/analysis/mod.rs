//! The analysis of DESIGN §4-5: status, strength, reach, impact, findings and the
//! weakest links. Plain Rust: it reads a `Network` and knows nothing of the terminal.

mod findings;
mod messages;
mod overview;
mod rank;
mod reach;
mod services;
mod status;

use petgraph::visit::EdgeRef;

use crate::model::{Component, Link, Network, Pathway, Phase};

pub use findings::{Finding, FindingKind, Severity};
pub use messages::{Messages, with_unit};
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

/// The component or link a finding or weakest-links entry is about, by its position in
/// the pathway (`components()[i]`, `links()[j]`): analysis copies no ids, and the ids and
/// words are looked up only when shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Component(usize),
    Link(usize),
}

impl Target {
    pub fn component(self, pathway: &Pathway) -> Option<&Component> {
        match self {
            Target::Component(i) => pathway.components().get(i),
            Target::Link(_) => None,
        }
    }

    pub fn link(self, pathway: &Pathway) -> Option<&Link> {
        match self {
            Target::Link(j) => pathway.links().get(j),
            Target::Component(_) => None,
        }
    }
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
    let ranks: Vec<Vec<u32>> = network.pathways().iter().map(rank::id_ranks).collect();
    let findings = rank::findings(network, &ranks, findings::findings(network, &pathways));
    let weakest = rank::weakest(network, &ranks, weakest(network, &pathways));
    NetworkAnalysis {
        pathways,
        findings,
        weakest,
    }
}

/// Measured components and links, each with its phase, for ranking.
fn weakest(network: &Network, analyses: &[PathwayAnalysis]) -> Vec<(WeakLink, Phase)> {
    let mut list: Vec<(WeakLink, Phase)> = Vec::new();
    for (p, (pathway, analysis)) in network.pathways().iter().zip(analyses).enumerate() {
        let components = pathway.components();
        for (i, a) in analysis.components.iter().enumerate() {
            if let (Some(strength), Some(impact)) = (a.score.strength, a.impact) {
                let entry = WeakLink {
                    pathway: p,
                    target: Target::Component(i),
                    strength,
                    reach: a.reach,
                    impact,
                };
                list.push((entry, components[i].phase));
            }
        }
        for (e, a) in pathway.graph().edge_references().zip(&analysis.links) {
            if let (Some(strength), Some(impact)) = (a.score.strength, a.impact) {
                let entry = WeakLink {
                    pathway: p,
                    target: Target::Link(e.id().index()),
                    strength,
                    reach: a.reach,
                    impact,
                };
                list.push((entry, components[e.source().index()].phase));
            }
        }
    }
    list
}
