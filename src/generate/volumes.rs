//! Yearly volumes on a generated network (docs/format.md, "Counted reach"): children on
//! about a third of components and links, and a cohort on two pathways in three (the
//! pathway's own figure, or every entry counted so that the cohort is their sum). A
//! generator of its own, seeded from the network's seed, so the shape of the network
//! stays what it was without volumes.

use super::rng::Rng;
use crate::model::Network;

/// Adds children figures to `network`, the same for the same seed.
pub(super) fn add_children(network: &mut Network, seed: u64) {
    let mut rng = Rng::new(seed ^ 0x0c41_1d2e_4a11_7ea5);
    let pathways: Vec<String> = network.pathways().iter().map(|p| p.id.clone()).collect();
    for (p, id) in pathways.iter().enumerate() {
        let cohort = (rng.between(400.0, 6_000.0)).round();
        let pathway = network.pathway(id).expect("listed above");
        let mut has_in = vec![false; pathway.components().len()];
        for l in pathway.links() {
            if let Some(b) = pathway.position(&l.to) {
                has_in[b] = true;
            }
        }
        let mut components = Vec::new();
        for (c, &has_in) in pathway.components().iter().zip(&has_in) {
            // Every entry counted on the second pathway of three: the cohort is their sum.
            let entry = p % 3 == 1 && !has_in;
            if entry || rng.chance(0.35) {
                let mut c = c.clone();
                c.children = Some(volume(&mut rng, cohort, 0.02, 0.9));
                components.push(c);
            }
        }
        let mut links = Vec::new();
        for l in pathway.links() {
            if rng.chance(0.3) {
                let mut l = l.clone();
                l.children = Some(volume(&mut rng, cohort, 0.01, 0.5));
                links.push(l);
            }
        }
        if p % 3 == 0 {
            network
                .set_pathway_children(id, Some(cohort))
                .expect("a generated cohort is valid");
        }
        for c in components {
            let cid = c.id.clone();
            network
                .update_component(&cid, c)
                .expect("generated children are valid");
        }
        for l in links {
            let (from, to) = (l.from.clone(), l.to.clone());
            network
                .update_link(&from, &to, l)
                .expect("generated children are valid");
        }
    }
}

/// A whole number of children: mostly a share of the cohort between `lo` and `hi`, now and
/// then none, and now and then more than the cohort (counts that disagree do occur).
fn volume(rng: &mut Rng, cohort: f64, lo: f64, hi: f64) -> f64 {
    match rng.weighted(&[96, 2, 2]) {
        0 => (cohort * rng.between(lo, hi)).round(),
        1 => 0.0,
        _ => (cohort * rng.between(1.0, 1.3)).round(),
    }
}
