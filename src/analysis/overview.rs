//! The network at a glance (the editor's overview): every pathway's score, which
//! organisations serve which pathways, and findings that only show across pathways.

use std::collections::BTreeSet;

use super::{NetworkAnalysis, Status};
use crate::model::{Network, Phase};

/// One pathway's line of the overview.
#[derive(Debug, Clone, PartialEq)]
pub struct PathwaySummary {
    pub strength: Option<f64>,
    pub status: Status,
    pub red: usize,
    pub amber: usize,
    pub no_data: usize,
    pub findings: usize,
}

/// A finding across pathways, in plain English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrossFinding {
    /// An organisation with Red components in two or more pathways.
    RedInSeveral {
        organisation: usize,
        pathways: Vec<usize>,
    },
    /// A phase some pathways of one condition have and this one lacks.
    PhaseMissing {
        pathway: usize,
        phase: Phase,
        present_in: Vec<usize>,
    },
}

impl CrossFinding {
    pub fn message(&self, network: &Network) -> String {
        let pathway_names = |ps: &[usize]| {
            ps.iter()
                .map(|&p| network.pathways()[p].name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            CrossFinding::RedInSeveral {
                organisation,
                pathways,
            } => format!(
                "{} is Red in {} pathways: {}",
                network.organisations()[*organisation].name,
                pathways.len(),
                pathway_names(pathways)
            ),
            CrossFinding::PhaseMissing {
                pathway,
                phase,
                present_in,
            } => format!(
                "{} has no {} component, though {} of the same condition type {}",
                network.pathways()[*pathway].name,
                phase.name(),
                pathway_names(present_in),
                if present_in.len() == 1 { "does" } else { "do" }
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// Indexed like the network's pathways.
    pub pathways: Vec<PathwaySummary>,
    /// Organisation × pathway: the worst status of the organisation's components in that
    /// pathway (`NoData` when it serves it without data), `None` when it does not serve it.
    pub grid: Vec<Vec<Option<Status>>>,
    pub cross: Vec<CrossFinding>,
}

pub fn overview(network: &Network, analysis: &NetworkAnalysis) -> Overview {
    let pathways = network
        .pathways()
        .iter()
        .zip(&analysis.pathways)
        .enumerate()
        .map(|(i, (_, a))| {
            let count = |s: Status| a.components.iter().filter(|c| c.score.status == s).count();
            PathwaySummary {
                strength: a.strength,
                status: a.status,
                red: count(Status::Red),
                amber: count(Status::Amber),
                no_data: count(Status::NoData),
                findings: analysis.findings.iter().filter(|f| f.pathway == i).count(),
            }
        })
        .collect();

    let grid: Vec<Vec<Option<Status>>> = network
        .organisations()
        .iter()
        .map(|org| {
            network
                .pathways()
                .iter()
                .zip(&analysis.pathways)
                .map(|(p, a)| {
                    p.components()
                        .iter()
                        .zip(&a.components)
                        .filter(|(c, _)| c.provider.as_deref() == Some(org.id.as_str()))
                        .map(|(_, ca)| ca.score.status)
                        .reduce(Status::worst)
                })
                .collect()
        })
        .collect();

    let mut cross = Vec::new();
    for (o, row) in grid.iter().enumerate() {
        let red: Vec<usize> = (0..row.len())
            .filter(|&p| row[p] == Some(Status::Red))
            .collect();
        if red.len() >= 2 {
            cross.push(CrossFinding::RedInSeveral {
                organisation: o,
                pathways: red,
            });
        }
    }
    let phases: Vec<BTreeSet<Phase>> = network
        .pathways()
        .iter()
        .map(|p| p.components().iter().map(|c| c.phase).collect())
        .collect();
    for (i, p) in network.pathways().iter().enumerate() {
        for phase in Phase::ALL {
            if phases[i].contains(&phase) {
                continue;
            }
            let present_in: Vec<usize> = network
                .pathways()
                .iter()
                .enumerate()
                .filter(|(j, q)| {
                    *j != i && q.condition == p.condition && phases[*j].contains(&phase)
                })
                .map(|(j, _)| j)
                .collect();
            if !present_in.is_empty() {
                cross.push(CrossFinding::PhaseMissing {
                    pathway: i,
                    phase,
                    present_in,
                });
            }
        }
    }
    Overview {
        pathways,
        grid,
        cross,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::model::{
        Component, Condition, Direction, Domain, Level, Measure, Organisation, Pathway, Sector,
    };

    fn red_measure() -> Measure {
        let mut m = Measure::new(
            "m",
            "Seen on time",
            Domain::Effectiveness,
            Direction::HigherIsBetter,
            100.0,
        );
        m.value = Some(10.0);
        m
    }

    #[test]
    fn grid_and_cross_findings() {
        let mut n = Network::new("n");
        n.add_organisation(Organisation::new(
            "gp",
            "GP",
            Sector::Health,
            Level::Primary,
        ))
        .unwrap();
        n.add_organisation(Organisation::new(
            "school",
            "School",
            Sector::Education,
            Level::Primary,
        ))
        .unwrap();
        for (p, cond) in [
            ("a", Condition::LongTerm),
            ("b", Condition::LongTerm),
            ("c", Condition::ShortTerm),
        ] {
            n.add_pathway(Pathway::new(p, p, cond)).unwrap();
            let mut c = Component::new(&format!("{p}-rec"), "Recognition", Phase::Recognition);
            c.provider = Some("gp".into());
            if p != "c" {
                c.measures.push(red_measure());
            }
            n.add_component(p, c, None).unwrap();
        }
        // Only pathway a has a Review component; b (same condition) lacks it; c is ShortTerm.
        let mut review = Component::new("a-review", "Review", Phase::Review);
        review.provider = Some("school".into());
        n.add_component("a", review, None).unwrap();

        let o = overview(&n, &analyse(&n));
        assert_eq!(o.pathways[0].red, 1);
        assert_eq!(o.pathways[0].no_data, 1);
        assert_eq!(o.pathways[2].red, 0);
        assert_eq!(
            o.grid[0],
            vec![Some(Status::Red), Some(Status::Red), Some(Status::NoData)]
        );
        assert_eq!(o.grid[1], vec![Some(Status::NoData), None, None]);
        assert_eq!(
            o.cross,
            vec![
                CrossFinding::RedInSeveral {
                    organisation: 0,
                    pathways: vec![0, 1]
                },
                CrossFinding::PhaseMissing {
                    pathway: 1,
                    phase: Phase::Review,
                    present_in: vec![0]
                },
            ]
        );
        assert_eq!(o.cross[0].message(&n), "GP is Red in 2 pathways: a, b");
        assert_eq!(
            o.cross[1].message(&n),
            "b has no Review component, though a of the same condition type does"
        );
    }
}
