use std::collections::HashSet;
use std::path::Path;

use super::*;
use crate::storage::{parse, to_canonical_string};

fn components(n: &Network) -> usize {
    n.pathways().iter().map(|p| p.components().len()).sum()
}

fn links(n: &Network) -> usize {
    n.pathways().iter().map(|p| p.links().len()).sum()
}

#[test]
fn same_seed_same_network() {
    assert_eq!(network(600, 7), network(600, 7));
    assert_ne!(network(600, 7), network(600, 8));
}

#[test]
fn valid_with_exact_counts() {
    for n in [0, 1, 2, 5, 6, 7, 60, 600, 2_300, 6_000] {
        let net = network(n, 1);
        assert!(net.validate().is_empty(), "{n}: {:?}", net.validate());
        assert_eq!(components(&net), n);
        assert_eq!(net.pathways().len(), pathway_count(n));
    }
    assert_eq!(pathway_count(60), 1);
    assert_eq!(pathway_count(6_000), 4);
    assert_eq!(pathway_count(60_000), 40);
}

#[test]
fn every_phase_present() {
    for n in [6, 60, 6_000] {
        for p in network(n, 3).pathways() {
            for phase in Phase::ALL {
                assert!(p.column(phase).next().is_some(), "{n} {} {phase:?}", p.id);
            }
        }
    }
}

#[test]
fn phase_counts_add_up() {
    for m in 0..200 {
        assert_eq!(phase_counts(m).iter().sum::<usize>(), m);
    }
    let c = phase_counts(1_000);
    assert!(c[3] > c[2] && c[2] > c[1] && c[1] > c[0]);
}

#[test]
fn realistic_shape() {
    let net = network(6_000, 11);
    let (n, l) = (components(&net) as f64, links(&net) as f64);
    let degree = l / n;
    assert!((1.4..=2.0).contains(&degree), "mean out-degree {degree}");

    let mut sectors = HashSet::new();
    for o in net.organisations() {
        sectors.insert(o.sector);
    }
    assert_eq!(sectors.len(), 5);

    let (mut back, mut skip, mut none, mut linkage, mut orphans) = (0, 0, 0, 0, 0);
    let mut green_amber_red_nodata = [0; 4];
    let mut directions = HashSet::new();
    for p in net.pathways() {
        let phase = |id: &str| p.component(id).unwrap().phase.index();
        for link in p.links() {
            let (f, t) = (phase(&link.from), phase(&link.to));
            back += usize::from(t < f);
            skip += usize::from(t == f + 2);
            none += usize::from(link.integration.is_none());
            linkage += usize::from(link.integration == Some(Integration::Linkage));
        }
        let linked: HashSet<&str> = p
            .links()
            .iter()
            .flat_map(|l| [l.from.as_str(), l.to.as_str()])
            .collect();
        for c in p.components() {
            orphans += usize::from(!linked.contains(c.id.as_str()));
            for m in &c.measures {
                directions.insert(m.direction);
                let Some(v) = m.value else {
                    green_amber_red_nodata[3] += 1;
                    continue;
                };
                let higher = m.direction == Direction::HigherIsBetter;
                let met = if higher { v >= m.target } else { v <= m.target };
                let amber = m
                    .amber
                    .is_some_and(|a| if higher { v >= a } else { v <= a });
                green_amber_red_nodata[if met {
                    0
                } else if amber {
                    1
                } else {
                    2
                }] += 1;
            }
        }
    }
    assert!(back > 0 && skip > 0 && none > 0 && linkage > 0 && orphans > 0);
    assert_eq!(directions.len(), 2);
    assert!(
        green_amber_red_nodata.iter().all(|&c| c > 0),
        "{green_amber_red_nodata:?}"
    );
}

#[test]
fn round_trips_through_canonical_text() {
    for n in [60, 1_000] {
        let net = network(n, 5);
        let text = to_canonical_string(&net);
        let back = parse(&text, Path::new("generated.ron")).expect("generated text loads");
        assert_eq!(back, net);
        assert_eq!(to_canonical_string(&back), text);
    }
}

#[test]
fn volumes_on_a_share_of_components_links_and_pathways() {
    let net = network(6_000, 1);
    let counted = net
        .pathways()
        .iter()
        .flat_map(|p| p.components())
        .filter(|c| c.children.is_some())
        .count();
    let share = counted as f64 / components(&net) as f64;
    assert!(
        (0.3..=0.5).contains(&share),
        "components with children {share}"
    );
    let links_counted = net
        .pathways()
        .iter()
        .flat_map(|p| p.links())
        .filter(|l| l.children.is_some())
        .count();
    let share = links_counted as f64 / links(&net) as f64;
    assert!(
        (0.25..=0.35).contains(&share),
        "links with children {share}"
    );
    let analysis = crate::analysis::analyse(&net);
    // Four pathways: the first and fourth with their own cohort, the second with one
    // summed over its entries, the third with none.
    let cohorts: Vec<bool> = analysis
        .pathways
        .iter()
        .map(|a| a.cohort.is_some())
        .collect();
    assert_eq!(cohorts, [true, true, false, true]);
    assert_eq!(net.pathways()[1].children, None);
    let bases = analysis
        .pathways
        .iter()
        .flat_map(|a| &a.components)
        .filter(|c| c.basis == crate::analysis::Basis::Counted)
        .count();
    assert!(bases > 1_000, "counted components {bases}");
}
