//! The words of a finding (README: status and weakest links): plain English for a network lead, written only
//! for the findings someone reads.

use super::currency::Date;
use super::findings::ends;
use super::measure_messages::measure_message;
use super::services::{Organisations, service_key};
use super::status::attainment;
use super::{Finding, FindingKind, NetworkAnalysis, Target};
use crate::model::{Component, Integration, Measure, Network, Pathway, Phase};

/// Writes the messages of one network's findings. Build it once and ask it for each
/// finding: it looks organisations up by id.
pub struct Messages<'a> {
    network: &'a Network,
    analysis: &'a NetworkAnalysis,
    organisations: Organisations<'a>,
    /// The date figures are judged at, for stale-data messages.
    reference: Option<Date>,
}

impl<'a> Messages<'a> {
    /// `analysis` must be the analysis of `network`.
    pub fn new(network: &'a Network, analysis: &'a NetworkAnalysis) -> Self {
        Messages {
            network,
            analysis,
            organisations: Organisations::of(network),
            reference: analysis.reference,
        }
    }

    /// "Hand-off from General practice (Health) to Schools (Education) has no recorded
    /// integration: …".
    pub fn of(&self, f: &Finding) -> String {
        let pathway = &self.network.pathways()[f.pathway];
        if let Some(m) = f.measure(self.network) {
            let owner = match f.target {
                Some(Target::Link(j)) => {
                    let (from, to) = ends(pathway, j);
                    format!("the link from {} to {}", from.name, to.name)
                }
                _ => f
                    .component(self.network)
                    .map_or_else(String::new, |c| self.describe(c)),
            };
            return measure_message(f, m, &owner, self.reference);
        }
        match f.target {
            None => missing_phase(pathway, f.phase),
            Some(Target::Component(i)) => self.component(f, pathway, i),
            Some(Target::Link(j)) => self.link(f, pathway, j),
        }
    }

    fn component(&self, f: &Finding, pathway: &Pathway, i: usize) -> String {
        let c = &pathway.components()[i];
        let name = self.describe(c);
        match f.kind {
            FindingKind::WeakComponent => {
                let status = self.analysis.pathways[f.pathway].components[i].score.status;
                format!("{name} is {}: {}", status.word(), shortfall(&c.measures))
            }
            FindingKind::Orphan => format!("{name} has no links to the rest of the pathway"),
            FindingKind::DeadEnd => format!(
                "Journeys end at {name} in {}, before the pathway reaches {}",
                c.phase.name(),
                last_phase(pathway).name()
            ),
            FindingKind::NoEntryRoute => format!(
                "Journeys start at {name} in {} with no route in from recognition",
                c.phase.name()
            ),
            FindingKind::Unmeasured => format!("{name} has no measure with data"),
            FindingKind::Duplicate => {
                let key = service_key(c);
                let first = pathway.components()[..i]
                    .iter()
                    .find(|other| service_key(other) == key)
                    .map_or("", |other| other.id.as_str());
                format!(
                    "{name} appears twice in {} (also \"{first}\")",
                    c.phase.name()
                )
            }
            FindingKind::Bottleneck => {
                format!("Every route in the map passes through {name}")
            }
            _ => format!("{name}: {}", f.kind.label()),
        }
    }

    fn link(&self, f: &Finding, pathway: &Pathway, j: usize) -> String {
        let l = &pathway.links()[j];
        let (from, to) = ends(pathway, j);
        match f.kind {
            FindingKind::WeakLink => {
                let status = self.analysis.pathways[f.pathway].links[j].score.status;
                format!(
                    "Link from {} to {} is {}: {}",
                    from.name,
                    to.name,
                    status.word(),
                    shortfall(&l.measures)
                )
            }
            FindingKind::WeakHandoff => {
                let how = match l.integration {
                    None => "has no recorded integration",
                    Some(Integration::Linkage) => "is only at Linkage",
                    Some(_) => "is weakly integrated",
                };
                match self.organisations.crossing((from, to)) {
                    Some((a, b)) => format!(
                        "Hand-off from {} ({}) to {} ({}) {how}: {} to {}",
                        a.name,
                        a.sector.label(),
                        b.name,
                        b.sector.label(),
                        from.name,
                        to.name
                    ),
                    None => format!("Hand-off from {} to {} {how}", from.name, to.name),
                }
            }
            FindingKind::Loop => {
                let loops = &self.analysis.pathways[f.pathway].journeys.loops;
                let source = pathway.link_ends(j).map(|(a, _)| a);
                let members = loops
                    .iter()
                    .find(|m| source.is_some_and(|s| m.binary_search(&s).is_ok()))
                    .map_or(&[][..], Vec::as_slice);
                loop_text(pathway, members)
            }
            _ => format!("Link from {} to {}: {}", from.name, to.name, f.kind.label()),
        }
    }

    /// "Recognition in general practice (General practices)".
    fn describe(&self, c: &Component) -> String {
        match self.organisations.provider(c) {
            Some(org) => format!("{} ({})", c.name, org.name),
            None => c.name.clone(),
        }
    }
}

impl Finding {
    /// The finding's message. For many findings, build one [`Messages`] instead.
    pub fn message(&self, network: &Network, analysis: &NetworkAnalysis) -> String {
        Messages::new(network, analysis).of(self)
    }
}

fn missing_phase(pathway: &Pathway, phase: Phase) -> String {
    let required = pathway.condition.required_phases();
    let required = if required.len() == Phase::ALL.len() {
        "all six phases".to_string()
    } else {
        let names: Vec<&str> = required.iter().map(|p| p.name()).collect();
        names.join(", ")
    };
    format!(
        "{} has no {} component: a pathway for a {} needs {required}",
        pathway.name,
        phase.name(),
        pathway.condition.label().to_lowercase(),
    )
}

fn last_phase(pathway: &Pathway) -> Phase {
    *pathway
        .condition
        .required_phases()
        .last()
        .expect("every condition requires phases")
}

/// "Links form a loop through A, B, C" naming at most six members.
fn loop_text(pathway: &Pathway, members: &[usize]) -> String {
    let names: Vec<&str> = members
        .iter()
        .take(6)
        .map(|&i| pathway.components()[i].name.as_str())
        .collect();
    let more = if members.len() > 6 {
        format!(" and {} more", members.len() - 6)
    } else {
        String::new()
    };
    format!("Links form a loop through {}{more}", names.join(", "))
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
