//! Findings of DESIGN §5: what is weak or missing in each pathway, ranked.

use std::cmp::Ordering;
use std::collections::HashMap;

use petgraph::graph::EdgeIndex;
use petgraph::visit::EdgeRef;

use serde::Serialize;

use super::PathwayAnalysis;
use super::reach::is_full_reach;
use super::status::{Status, attainment};
use crate::model::{Component, Integration, Link, Measure, Network, Organisation, Pathway, Phase};

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

/// The kinds of finding, in the order of the DESIGN §5 table.
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
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    /// Index of the pathway in the network.
    pub pathway: usize,
    pub component: Option<String>,
    pub link: Option<(String, String)>,
    /// Plain English for a network lead.
    pub message: String,
    /// The impact of the component or link concerned, where it has data.
    pub impact: Option<f64>,
    /// The phase it concerns, for ordering.
    pub phase: Phase,
}

impl Finding {
    /// The id used for ordering: the component, `from->to` for a link, empty otherwise.
    fn sort_id(&self) -> String {
        match (&self.component, &self.link) {
            (Some(c), _) => c.clone(),
            (None, Some((f, t))) => format!("{f}->{t}"),
            (None, None) => String::new(),
        }
    }
}

/// Severity, then impact (highest first, none last), pathway, phase, id, kind. The ids
/// are worked out once per finding by the caller, not once per comparison.
fn order((a, a_id): (&Finding, &str), (b, b_id): (&Finding, &str)) -> Ordering {
    let by_impact = match (a.impact, b.impact) {
        (Some(x), Some(y)) => impact_key(y).cmp(&impact_key(x)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    a.severity
        .cmp(&b.severity)
        .then(by_impact)
        .then(a.pathway.cmp(&b.pathway))
        .then(a.phase.cmp(&b.phase))
        .then_with(|| a_id.cmp(b_id))
        .then(a.kind.cmp(&b.kind))
}

/// An impact for ranking: equal impacts worked out along different paths differ in their
/// last bits (0.3 vs 0.30000000000000004), which must not decide the order before the
/// phase and id do. Impacts lie in [0, 1]; 1e-9 apart is "equal".
pub(super) fn impact_key(impact: f64) -> i64 {
    (impact * 1e9).round() as i64
}

/// "25.6% against a target of 15%" for the weakest measure with data.
fn shortfall(measures: &[Measure]) -> String {
    let weakest = measures
        .iter()
        .filter_map(|m| attainment(m).map(|a| (a, m)))
        .min_by(|(a, _), (b, _)| a.total_cmp(b));
    match weakest {
        Some((_, m)) => format!(
            "{} is {} against a target of {}",
            m.name,
            with_unit(m.value.unwrap_or_default(), &m.unit),
            with_unit(m.target, &m.unit)
        ),
        None => String::new(),
    }
}

/// "25.6%", "35 days": a percent sign hugs its number, other units stand apart.
pub fn with_unit(value: f64, unit: &str) -> String {
    if unit.is_empty() || unit.starts_with('%') {
        format!("{value}{unit}")
    } else {
        format!("{value} {unit}")
    }
}

struct PathwayFindings<'a> {
    /// Organisations by id: providers are looked up for every component and link.
    organisations: &'a HashMap<&'a str, &'a Organisation>,
    pathway: &'a Pathway,
    index: usize,
    analysis: &'a PathwayAnalysis,
    found: Vec<Finding>,
}

impl PathwayFindings<'_> {
    fn component(&mut self, kind: FindingKind, severity: Severity, i: usize, message: String) {
        let c = &self.pathway.components()[i];
        self.found.push(Finding {
            kind,
            severity,
            pathway: self.index,
            component: Some(c.id.clone()),
            link: None,
            message,
            impact: self.analysis.components[i].impact,
            phase: c.phase,
        });
    }

    fn link(&mut self, kind: FindingKind, severity: Severity, j: usize, message: String) {
        let l = &self.pathway.links()[j];
        self.found.push(Finding {
            kind,
            severity,
            pathway: self.index,
            component: None,
            link: Some((l.from.clone(), l.to.clone())),
            message,
            impact: self.analysis.links[j].impact,
            phase: self.ends(j).0.phase,
        });
    }

    /// The two ends of link `j`, straight from the graph (edge `j` is link `j`), with no
    /// lookup by id.
    fn ends(&self, j: usize) -> (&Component, &Component) {
        let (a, b) = self
            .pathway
            .graph()
            .edge_endpoints(EdgeIndex::new(j))
            .expect("edge j of a validated pathway is link j");
        let components = self.pathway.components();
        (&components[a.index()], &components[b.index()])
    }

    fn describe(&self, c: &Component) -> String {
        describe(self.organisations, c)
    }

    fn severity_of(status: Status) -> Option<Severity> {
        match status {
            Status::Red => Some(Severity::High),
            Status::Amber => Some(Severity::Medium),
            _ => None,
        }
    }

    fn weak_parts(&mut self) {
        for i in 0..self.pathway.components().len() {
            let c = &self.pathway.components()[i];
            let status = self.analysis.components[i].score.status;
            if let Some(severity) = Self::severity_of(status) {
                let message = format!(
                    "{} is {}: {}",
                    self.describe(c),
                    status.word(),
                    shortfall(&c.measures)
                );
                self.component(FindingKind::WeakComponent, severity, i, message);
            }
        }
        for j in 0..self.pathway.links().len() {
            let l = &self.pathway.links()[j];
            let status = self.analysis.links[j].score.status;
            if let Some(severity) = Self::severity_of(status) {
                let (from, to) = self.ends(j);
                let message = format!(
                    "Link from {} to {} is {}: {}",
                    from.name,
                    to.name,
                    status.word(),
                    shortfall(&l.measures)
                );
                self.link(FindingKind::WeakLink, severity, j, message);
            }
        }
    }

    fn weak_handoffs(&mut self) {
        for j in 0..self.pathway.links().len() {
            let l: &Link = &self.pathway.links()[j];
            let weak = matches!(l.integration, None | Some(Integration::Linkage));
            if !weak {
                continue;
            }
            let (from, to) = self.ends(j);
            let org = |c: &Component| {
                c.provider
                    .as_deref()
                    .and_then(|p| self.organisations.get(p).copied())
            };
            let (Some(a), Some(b)) = (org(from), org(to)) else {
                continue;
            };
            if a.sector == b.sector {
                continue;
            }
            let how = match l.integration {
                None => "has no recorded integration",
                _ => "is only at Linkage",
            };
            let message = format!(
                "Hand-off from {} ({}) to {} ({}) {how}: {} to {}",
                a.name,
                a.sector.label(),
                b.name,
                b.sector.label(),
                from.name,
                to.name
            );
            self.link(FindingKind::WeakHandoff, Severity::Medium, j, message);
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
                    component: None,
                    link: None,
                    message: format!(
                        "{} has no {} component: a {} pathway needs {}",
                        self.pathway.name,
                        phase.name(),
                        self.pathway.condition.name(),
                        required_text(required)
                    ),
                    impact: None,
                    phase,
                });
            }
        }
        let last = *required.last().expect("every condition requires phases");
        let j = &self.analysis.journeys;
        for i in 0..self.pathway.components().len() {
            let (pathway, organisations) = (self.pathway, self.organisations);
            let c = &pathway.components()[i];
            // Only a component with a finding is described: most have none.
            let name = || describe(organisations, c);
            if j.is_orphan[i] {
                let message = format!("{} has no links to the rest of the pathway", name());
                self.component(FindingKind::Orphan, Severity::Medium, i, message);
                continue;
            }
            if j.is_exit[i] && c.phase < last {
                let message = format!(
                    "Journeys end at {} in {}, before the pathway reaches {}",
                    name(),
                    c.phase.name(),
                    last.name()
                );
                self.component(FindingKind::DeadEnd, Severity::Medium, i, message);
            }
            if j.is_entry[i] && c.phase > Phase::Recognition {
                let message = format!(
                    "Journeys start at {} in {} with no route in from recognition",
                    name(),
                    c.phase.name()
                );
                self.component(FindingKind::NoEntryRoute, Severity::Medium, i, message);
            }
        }
    }

    fn gaps(&mut self) {
        let two_or_more = self.analysis.journeys.ln_total >= 2f64.ln() - 1e-9;
        let mut seen: HashMap<(Phase, Option<&str>, String), usize> = HashMap::new();
        for i in 0..self.pathway.components().len() {
            let (pathway, organisations) = (self.pathway, self.organisations);
            let c = &pathway.components()[i];
            let name = || describe(organisations, c);
            if !c.measures.iter().any(|m| m.value.is_some()) {
                let message = format!("{} has no measure with data", name());
                self.component(FindingKind::Unmeasured, Severity::Low, i, message);
            }
            let key = (c.phase, c.provider.as_deref(), c.name.trim().to_lowercase());
            if let Some(&first) = seen.get(&key) {
                let message = format!(
                    "{} appears twice in {} (also \"{}\")",
                    name(),
                    c.phase.name(),
                    self.pathway.components()[first].id
                );
                self.component(FindingKind::Duplicate, Severity::Low, i, message);
            } else {
                seen.insert(key, i);
            }
            if two_or_more && is_full_reach(self.analysis.components[i].reach) {
                let message = format!(
                    "Every journey passes through {}: the whole pathway depends on it",
                    name()
                );
                self.component(FindingKind::Bottleneck, Severity::Low, i, message);
            }
        }
    }

    fn loops(&mut self) {
        let loops = &self.analysis.journeys.loops;
        let components = self.pathway.components();
        let mut loop_of = vec![usize::MAX; components.len()];
        for (k, members) in loops.iter().enumerate() {
            for &i in members {
                loop_of[i] = k;
            }
        }
        // Each loop points at the link inside it that goes furthest back in phase order:
        // the one a reader would call "the loop back" (e.g. Review -> Assessment); the
        // first in author order among equals. One pass over the links for all loops.
        let mut back: Vec<Option<(i64, usize)>> = vec![None; loops.len()];
        for e in self.pathway.graph().edge_references() {
            let (a, b) = (e.source().index(), e.target().index());
            let k = loop_of[a];
            if k == usize::MAX || loop_of[b] != k {
                continue;
            }
            let step = components[a].phase.index() as i64 - components[b].phase.index() as i64;
            if back[k].is_none_or(|(best, _)| step > best) {
                back[k] = Some((step, e.id().index()));
            }
        }
        for (members, back) in loops.iter().zip(back) {
            let (_, link) = back.expect("a loop has a link inside it");
            let names: Vec<&str> = members
                .iter()
                .take(6)
                .map(|&i| components[i].name.as_str())
                .collect();
            let more = if members.len() > 6 {
                format!(" and {} more", members.len() - 6)
            } else {
                String::new()
            };
            let message = format!("Links form a loop through {}{more}", names.join(", "));
            self.link(FindingKind::Loop, Severity::Low, link, message);
        }
    }
}

/// "Recognition in general practice (General practices)".
fn describe(organisations: &HashMap<&str, &Organisation>, c: &Component) -> String {
    match c
        .provider
        .as_deref()
        .and_then(|p| organisations.get(p).copied())
    {
        Some(org) => format!("{} ({})", c.name, org.name),
        None => c.name.clone(),
    }
}

fn required_text(phases: &[Phase]) -> String {
    if phases.len() == Phase::ALL.len() {
        "all six phases".to_string()
    } else {
        let names: Vec<&str> = phases.iter().map(|p| p.name()).collect();
        names.join(", ")
    }
}

/// Every finding in the network, in the order of DESIGN §5.
pub fn findings(network: &Network, analyses: &[PathwayAnalysis]) -> Vec<Finding> {
    let organisations: HashMap<&str, &Organisation> = network
        .organisations()
        .iter()
        .map(|o| (o.id.as_str(), o))
        .collect();
    let mut all = Vec::new();
    for (index, (pathway, analysis)) in network.pathways().iter().zip(analyses).enumerate() {
        let mut f = PathwayFindings {
            organisations: &organisations,
            pathway,
            index,
            analysis,
            found: Vec::new(),
        };
        f.weak_parts();
        f.weak_handoffs();
        f.shape();
        f.gaps();
        f.loops();
        all.append(&mut f.found);
    }
    // Sort positions, not the findings themselves: a finding is large, and moving each
    // one log n times costs more than the comparisons.
    let ids: Vec<String> = all.iter().map(Finding::sort_id).collect();
    let mut rank: Vec<usize> = (0..all.len()).collect();
    rank.sort_by(|&a, &b| order((&all[a], &ids[a]), (&all[b], &ids[b])));
    let mut slots: Vec<Option<Finding>> = all.into_iter().map(Some).collect();
    rank.into_iter()
        .map(|i| slots[i].take().expect("each position once"))
        .collect()
}
