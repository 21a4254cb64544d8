//! The analysis of the README's rules (status and weakest links): status, strength, reach, impact, findings and the
//! weakest links. Plain Rust: it reads a `Network` and knows nothing of the terminal.

mod counted;
pub mod currency;
pub mod equity;
mod findings;
mod measure_findings;
mod measure_messages;
mod messages;
mod overview;
mod rank;
mod reach;
mod services;
pub mod spc;
mod status;

use petgraph::visit::EdgeRef;

use crate::model::{Component, Link, Network, Pathway, Phase};

pub use counted::{Basis, Children, about, affected, whole};
pub use findings::{Finding, FindingKind, Severity};
pub use messages::{Messages, with_unit};
pub use overview::{CrossFinding, Overview, PathwaySummary, overview};
pub use reach::{Journeys, is_full_reach, journeys};
pub use status::{Score, Status, attainment, measure_status};

/// The analysis of one component.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentAnalysis {
    pub score: Score,
    /// Its share of the cohort when counted, else of the pathway's journeys; in [0, 1].
    pub reach: f64,
    /// What `reach` rests on.
    pub basis: Basis,
    /// Children a year: its own, or the sum over its incoming links.
    pub children: Option<f64>,
    /// (1 - strength) × reach; `None` without data.
    pub impact: Option<f64>,
    /// (1 - strength) × children; `None` without both.
    pub affected: Option<f64>,
}

/// The analysis of one link.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkAnalysis {
    pub score: Score,
    pub reach: f64,
    pub basis: Basis,
    pub children: Option<f64>,
    pub impact: Option<f64>,
    pub affected: Option<f64>,
}

/// The analysis of one pathway; vectors are indexed like its components and links.
#[derive(Debug, Clone, PartialEq)]
pub struct PathwayAnalysis {
    /// The smallest strength among components with reach > 0.
    pub strength: Option<f64>,
    /// The worst status among components with reach > 0 (`NoData` when none has data).
    pub status: Status,
    pub journeys: Journeys,
    /// Children on the pathway in a year: its own figure or the sum over its entries.
    pub cohort: Option<f64>,
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

    /// The names it goes by: a component's, or a link's two ends' (`from`, then `to`).
    pub fn names(self, pathway: &Pathway) -> Option<(&str, Option<&str>)> {
        let name = |i: usize| pathway.components().get(i).map(|c| c.name.as_str());
        match self {
            Target::Component(i) => Some((name(i)?, None)),
            Target::Link(j) => {
                let (a, b) = pathway.link_ends(j)?;
                Some((name(a)?, Some(name(b)?)))
            }
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
    pub basis: Basis,
    pub children: Option<f64>,
    pub impact: f64,
    pub affected: Option<f64>,
}

/// The analysis of a whole network.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkAnalysis {
    pub pathways: Vec<PathwayAnalysis>,
    /// In the README's order: severity, impact, pathway, phase, id.
    pub findings: Vec<Finding>,
    /// Measured components and links, highest impact first.
    pub weakest: Vec<WeakLink>,
    /// The date figures are judged at (`currency::reference_date`), found once: every
    /// measure's period is read to find it.
    pub reference: Option<currency::Date>,
}

fn impact(score: &Score, reach: f64) -> Option<f64> {
    score.strength.map(|s| (1.0 - s) * reach)
}

/// Analyses one pathway.
pub fn analyse_pathway(pathway: &Pathway) -> PathwayAnalysis {
    let journeys = journeys(pathway);
    let children = Children::of(pathway, &journeys.is_entry);
    let components: Vec<ComponentAnalysis> = pathway
        .components()
        .iter()
        .zip(&journeys.component_reach)
        .zip(&children.components)
        .map(|((c, &routes), &counted)| {
            let score = Score::of(&c.measures);
            let (reach, basis) = children.reach(counted, routes);
            ComponentAnalysis {
                impact: impact(&score, reach),
                affected: affected(score.strength, counted),
                score,
                reach,
                basis,
                children: counted,
            }
        })
        .collect();
    let links = pathway
        .links()
        .iter()
        .zip(&journeys.link_reach)
        .zip(&children.links)
        .map(|((l, &routes), &counted)| {
            let score = Score::of(&l.measures);
            let (reach, basis) = children.reach(counted, routes);
            LinkAnalysis {
                impact: impact(&score, reach),
                affected: affected(score.strength, counted),
                score,
                reach,
                basis,
                children: counted,
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
        cohort: children.cohort,
        components,
        links,
    }
}

/// What one pathway gives the network's analysis.
struct PathwayPart {
    analysis: PathwayAnalysis,
    findings: Vec<Finding>,
    weakest: Vec<(WeakLink, Phase)>,
    id_ranks: Vec<u32>,
}

/// Analyses every pathway, then ranks the findings and the weakest links. Pathways are
/// analysed on several threads in a network large enough for that to pay
/// (`crate::threads::PARALLEL_FROM` components); the result is the same either way.
pub fn analyse(network: &Network) -> NetworkAnalysis {
    let components = network
        .pathways()
        .iter()
        .map(|p| p.components().len())
        .sum();
    analyse_on(network, crate::threads::threads_for(components))
}

/// `analyse` on up to `threads` threads.
pub fn analyse_on(network: &Network, threads: usize) -> NetworkAnalysis {
    let organisations = services::Organisations::of(network);
    // currency::reference_date, with each pathway's measures read on its thread.
    let reference = currency::as_of(network).or_else(|| {
        crate::threads::map_pathways(network.pathways(), threads, |_, p| {
            currency::latest_period_end(p)
        })
        .into_iter()
        .flatten()
        .max()
    });
    let parts = crate::threads::map_pathways(network.pathways(), threads, |p, pathway| {
        let analysis = analyse_pathway(pathway);
        PathwayPart {
            findings: findings::pathway_findings(&organisations, p, pathway, &analysis, reference),
            weakest: weakest(p, pathway, &analysis),
            id_ranks: rank::id_ranks(pathway),
            analysis,
        }
    });
    let mut pathways = Vec::with_capacity(parts.len());
    let mut ranks = Vec::with_capacity(parts.len());
    // Sized once: these run to hundreds of thousands on a large network.
    let mut found = Vec::with_capacity(parts.iter().map(|p| p.findings.len()).sum());
    let mut measured = Vec::with_capacity(parts.iter().map(|p| p.weakest.len()).sum());
    for part in parts {
        pathways.push(part.analysis);
        ranks.push(part.id_ranks);
        found.extend(part.findings);
        measured.extend(part.weakest);
    }
    let rank_findings = || rank::findings(network, &ranks, found);
    let rank_weakest = || rank::weakest(network, &ranks, measured);
    let (findings, weakest) = if threads > 1 {
        crate::threads::both(rank_findings, rank_weakest)
    } else {
        (rank_findings(), rank_weakest())
    };
    NetworkAnalysis {
        pathways,
        findings,
        weakest,
        reference,
    }
}

/// What a weakest-links entry takes from a component's or link's analysis.
struct Part<'a> {
    score: &'a Score,
    reach: f64,
    basis: Basis,
    children: Option<f64>,
    affected: Option<f64>,
}

/// The measured components and links of pathway `p`, each with its phase, for ranking.
fn weakest(p: usize, pathway: &Pathway, analysis: &PathwayAnalysis) -> Vec<(WeakLink, Phase)> {
    let components = pathway.components();
    let entry = |target: Target, phase: Phase, part: Part| {
        let strength = part.score.strength?;
        let impact = impact(part.score, part.reach)?;
        let entry = WeakLink {
            pathway: p,
            target,
            strength,
            reach: part.reach,
            basis: part.basis,
            children: part.children,
            impact,
            affected: part.affected,
        };
        Some((entry, phase))
    };
    let measured_components = analysis.components.iter().enumerate().filter_map(|(i, a)| {
        let part = Part {
            score: &a.score,
            reach: a.reach,
            basis: a.basis,
            children: a.children,
            affected: a.affected,
        };
        entry(Target::Component(i), components[i].phase, part)
    });
    let measured_links = pathway
        .graph()
        .edge_references()
        .zip(&analysis.links)
        .filter_map(|(e, a)| {
            let phase = components[e.source().index()].phase;
            let part = Part {
                score: &a.score,
                reach: a.reach,
                basis: a.basis,
                children: a.children,
                affected: a.affected,
            };
            entry(Target::Link(e.id().index()), phase, part)
        });
    measured_components.chain(measured_links).collect()
}
