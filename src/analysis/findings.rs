//! Findings of the README's rules (status and weakest links): what is weak or missing in each pathway, ranked.

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::currency::Date;
use super::measure_findings::measure_findings;
use super::reach::is_full_reach;
use super::services::{Organisations, duplicates};
use super::status::Status;
use super::{Basis, PathwayAnalysis, Target};
use crate::model::{Component, Integration, Link, Measure, Network, Pathway, Phase, Sector};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Severity {
    High,
    Medium,
    Low,
}

impl Severity {
    pub fn word(self) -> &'static str {
        match self {
            Severity::High => "High",
            Severity::Medium => "Medium",
            Severity::Low => "Low",
        }
    }
}

/// The kinds of finding, in the order of the README's findings table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum FindingKind {
    WeakComponent,
    WeakLink,
    WeakHandoff,
    MissingPhase,
    DeadEnd,
    NoEntryRoute,
    Orphan,
    Unmeasured,
    Duplicate,
    Bottleneck,
    Loop,
    EquityGap,
    Deteriorating,
    ConsistentlyFailing,
    BelowBenchmark,
    StaleData,
}

impl FindingKind {
    /// The kind in words, for people.
    pub fn label(self) -> &'static str {
        match self {
            FindingKind::WeakComponent => "Weak component",
            FindingKind::WeakLink => "Weak link",
            FindingKind::WeakHandoff => "Weak hand-off",
            FindingKind::MissingPhase => "Missing phase",
            FindingKind::DeadEnd => "Dead end",
            FindingKind::NoEntryRoute => "No entry route",
            FindingKind::Orphan => "Orphan",
            FindingKind::Unmeasured => "Unmeasured",
            FindingKind::Duplicate => "Duplicate",
            FindingKind::Bottleneck => "Bottleneck",
            FindingKind::Loop => "Loop",
            FindingKind::EquityGap => "Equity gap",
            FindingKind::Deteriorating => "Deteriorating",
            FindingKind::ConsistentlyFailing => "Consistently failing",
            FindingKind::BelowBenchmark => "Below benchmark",
            FindingKind::StaleData => "Stale data",
        }
    }
}

/// One finding. It keeps positions, not words: the message is written by
/// [`Messages`](super::Messages) only for the findings shown, which is most of the
/// difference between analysing 60,000 components in milliseconds and in tenths of a second.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    /// Index of the pathway in the network.
    pub pathway: usize,
    /// The component or link concerned; `None` for the pathway as a whole (a missing phase).
    pub target: Option<Target>,
    /// The impact of the component or link concerned, where it has data.
    pub impact: Option<f64>,
    /// The phase it concerns: the component's, a link's source's, or the missing one.
    pub phase: Phase,
    /// The measure concerned, by its position in the component's or link's measures.
    pub measure: Option<u32>,
    /// The breakdown concerned (an `EquityGap`), by its position in the measure's.
    pub breakdown: Option<u32>,
}

impl Finding {
    /// The component concerned, if the finding is about one.
    pub fn component<'a>(&self, network: &'a Network) -> Option<&'a Component> {
        self.target?.component(&network.pathways()[self.pathway])
    }

    /// The link concerned, if the finding is about one.
    pub fn link<'a>(&self, network: &'a Network) -> Option<&'a Link> {
        self.target?.link(&network.pathways()[self.pathway])
    }

    /// The measure concerned, if the finding is about one.
    pub fn measure<'a>(&self, network: &'a Network) -> Option<&'a Measure> {
        let pathway = &network.pathways()[self.pathway];
        let measures = match self.target? {
            Target::Component(i) => &pathway.components().get(i)?.measures,
            Target::Link(j) => &pathway.links().get(j)?.measures,
        };
        measures.get(self.measure? as usize)
    }
}

struct PathwayFindings<'a> {
    /// Organisations by id: providers are looked up once per component.
    organisations: &'a Organisations<'a>,
    pathway: &'a Pathway,
    index: usize,
    analysis: &'a PathwayAnalysis,
    found: Vec<Finding>,
}

impl PathwayFindings<'_> {
    fn component(&mut self, kind: FindingKind, severity: Severity, i: usize) {
        self.found.push(Finding {
            kind,
            severity,
            pathway: self.index,
            target: Some(Target::Component(i)),
            impact: self.analysis.components[i].impact,
            phase: self.pathway.components()[i].phase,
            measure: None,
            breakdown: None,
        });
    }

    fn link(&mut self, kind: FindingKind, severity: Severity, j: usize) {
        self.found.push(Finding {
            kind,
            severity,
            pathway: self.index,
            target: Some(Target::Link(j)),
            impact: self.analysis.links[j].impact,
            phase: self.ends(j).0.phase,
            measure: None,
            breakdown: None,
        });
    }

    /// The two ends of link `j`, straight from the graph (edge `j` is link `j`), with no
    /// lookup by id.
    fn ends(&self, j: usize) -> (&Component, &Component) {
        ends(self.pathway, j)
    }

    fn severity_of(status: Status) -> Option<Severity> {
        match status {
            Status::Red => Some(Severity::High),
            Status::Amber => Some(Severity::Medium),
            _ => None,
        }
    }

    fn weak_parts(&mut self) {
        for i in 0..self.analysis.components.len() {
            if let Some(severity) = Self::severity_of(self.analysis.components[i].score.status) {
                self.component(FindingKind::WeakComponent, severity, i);
            }
        }
        for j in 0..self.analysis.links.len() {
            if let Some(severity) = Self::severity_of(self.analysis.links[j].score.status) {
                self.link(FindingKind::WeakLink, severity, j);
            }
        }
    }

    fn weak_handoffs(&mut self, providers: &[Option<u32>]) {
        // Each provider's sector, looked up once per component rather than twice per link.
        let sectors: Vec<Option<Sector>> = providers
            .iter()
            .map(|&p| self.organisations.sector(p))
            .collect();
        for e in self.pathway.graph().edge_references() {
            let j = e.id().index();
            let weak = matches!(
                self.pathway.links()[j].integration,
                None | Some(Integration::Linkage)
            );
            let (a, b) = (sectors[e.source().index()], sectors[e.target().index()]);
            if weak && a.is_some() && b.is_some() && a != b {
                self.link(FindingKind::WeakHandoff, Severity::Medium, j);
            }
        }
    }

    fn shape(&mut self) {
        let required = self.pathway.condition.required_phases();
        for &phase in required {
            if self.pathway.column(phase).next().is_none() {
                self.found.push(Finding {
                    kind: FindingKind::MissingPhase,
                    severity: Severity::Medium,
                    pathway: self.index,
                    target: None,
                    impact: None,
                    phase,
                    measure: None,
                    breakdown: None,
                });
            }
        }
        let last = *required.last().expect("every condition requires phases");
        let j = &self.analysis.journeys;
        for i in 0..self.pathway.components().len() {
            let phase = self.pathway.components()[i].phase;
            if j.is_orphan[i] {
                self.component(FindingKind::Orphan, Severity::Medium, i);
                continue;
            }
            if j.is_exit[i] && phase < last {
                self.component(FindingKind::DeadEnd, Severity::Medium, i);
            }
            if j.is_entry[i] && phase > Phase::Recognition {
                self.component(FindingKind::NoEntryRoute, Severity::Medium, i);
            }
        }
    }

    fn gaps(&mut self, providers: &[Option<u32>]) {
        let bottlenecks = bottlenecks(self.analysis);
        for (i, &bottleneck) in bottlenecks.iter().enumerate() {
            // A strength exists exactly when some measure has a value.
            if self.analysis.components[i].score.strength.is_none() {
                self.component(FindingKind::Unmeasured, Severity::Low, i);
            }
            if bottleneck {
                self.component(FindingKind::Bottleneck, Severity::Low, i);
            }
        }
        for i in duplicates(self.pathway, providers) {
            self.component(FindingKind::Duplicate, Severity::Low, i);
        }
    }

    fn loops(&mut self) {
        for members in &self.analysis.journeys.loops {
            let link = loop_back(self.pathway, members);
            self.link(FindingKind::Loop, Severity::Low, link);
        }
    }
}

/// Which components are bottlenecks (docs/format.md, "Counted reach"): every journey
/// passes them, in a pathway of two or more journeys; never a loop member (a loop makes
/// every route pass its members, not every child), and never one that a counted reach
/// puts below half the cohort.
pub(super) fn bottlenecks(analysis: &PathwayAnalysis) -> Vec<bool> {
    let journeys = &analysis.journeys;
    let two_or_more = journeys.ln_total >= 2f64.ln() - 1e-9;
    let mut in_loop = vec![false; analysis.components.len()];
    for &i in journeys.loops.iter().flatten() {
        in_loop[i] = true;
    }
    analysis
        .components
        .iter()
        .zip(&journeys.component_reach)
        .zip(&in_loop)
        .map(|((a, &routes), &in_loop)| {
            let enough = a.basis == Basis::Routes || a.reach >= 0.5;
            two_or_more && is_full_reach(routes) && !in_loop && enough
        })
        .collect()
}

/// The two ends of link `j` of a validated pathway.
pub(super) fn ends(pathway: &Pathway, j: usize) -> (&Component, &Component) {
    let (a, b) = pathway
        .link_ends(j)
        .expect("edge j of a validated pathway is link j");
    let components = pathway.components();
    (&components[a], &components[b])
}

/// The link inside a loop that goes furthest back in phase order: the one a reader would
/// call "the loop back" (e.g. Review -> Assessment); the first in author order among
/// equals. `members` are the loop's component positions, sorted.
fn loop_back(pathway: &Pathway, members: &[usize]) -> usize {
    let components = pathway.components();
    let graph = pathway.graph();
    let mut back: Option<(i64, usize)> = None;
    for &a in members {
        for e in graph.edges(NodeIndex::new(a)) {
            let b = e.target().index();
            if members.binary_search(&b).is_err() {
                continue;
            }
            let step = components[a].phase.index() as i64 - components[b].phase.index() as i64;
            let j = e.id().index();
            if back.is_none_or(|(best, first)| step > best || (step == best && j < first)) {
                back = Some((step, j));
            }
        }
    }
    back.expect("a loop has a link inside it").1
}

/// The findings of one pathway, the `index`th of its network, unordered
/// (`rank::findings` orders them).
pub(super) fn pathway_findings(
    organisations: &Organisations,
    index: usize,
    pathway: &Pathway,
    analysis: &PathwayAnalysis,
    reference: Option<Date>,
) -> Vec<Finding> {
    let mut f = PathwayFindings {
        organisations,
        pathway,
        index,
        analysis,
        found: Vec::new(),
    };
    let providers = organisations.providers(pathway);
    f.weak_parts();
    f.weak_handoffs(&providers);
    f.shape();
    f.gaps(&providers);
    f.loops();
    measure_findings(index, pathway, analysis, reference, &mut f.found);
    f.found
}
