//! The README's rules (status and weakest links): reach on random graphs (property tests), and on a layered network of
//! 60,000 components with more journeys than u64 or f64 can hold.

mod common;

use carepath::analysis::{FindingKind, analyse, journeys};
use carepath::model::{Condition, Network, Phase};
use common::{Builder, reach};
use proptest::prelude::*;

/// A pathway `p` with components c0..c(n-1) and the given links (duplicates dropped).
fn numbered(n: usize, links: &[(usize, usize)]) -> Network {
    let mut b = Builder::new(Condition::LongTerm);
    for i in 0..n {
        b = b.c(&format!("c{i}"), Phase::ALL[i % 6]);
    }
    let mut seen = std::collections::HashSet::new();
    for &(a, z) in links {
        if seen.insert((a, z)) {
            b = b.link(&format!("c{a}"), &format!("c{z}"));
        }
    }
    b.build()
}

fn any_graph() -> impl Strategy<Value = (usize, Vec<(usize, usize)>)> {
    (1usize..=9).prop_flat_map(|n| (Just(n), prop::collection::vec((0..n, 0..n), 0..=20)))
}

/// Layer widths and, for each gap between layers, a 4×4 mask of candidate links.
fn layered() -> impl Strategy<Value = (Vec<usize>, Vec<[[bool; 4]; 4]>)> {
    prop::collection::vec(1usize..=4, 2..=8).prop_flat_map(|widths| {
        let gaps = widths.len() - 1;
        (
            Just(widths),
            prop::collection::vec(any::<[[bool; 4]; 4]>(), gaps),
        )
    })
}

/// Builds a layered graph: links only from layer k to layer k + 1, every component of a
/// layer but the last has a link out and every one but the first a link in, so the
/// entries are exactly layer 0 and the exits exactly the last layer. Returns the
/// network, the component indices of each layer and the number of journeys (by DP).
fn build_layered(widths: &[usize], masks: &[[[bool; 4]; 4]]) -> (Network, Vec<Vec<usize>>, f64) {
    let mut layers = Vec::new();
    let mut next = 0;
    for &w in widths {
        layers.push((next..next + w).collect::<Vec<_>>());
        next += w;
    }
    let mut links = Vec::new();
    for (k, mask) in masks.iter().enumerate() {
        let (from, to) = (&layers[k], &layers[k + 1]);
        let mut chosen = vec![vec![false; to.len()]; from.len()];
        for (a, row) in chosen.iter_mut().enumerate() {
            for (z, cell) in row.iter_mut().enumerate() {
                *cell = mask[a][z];
            }
            if !row.iter().any(|&x| x) {
                row[a % to.len()] = true;
            }
        }
        for z in 0..to.len() {
            if !chosen.iter().any(|row| row[z]) {
                chosen[z % from.len()][z] = true;
            }
        }
        for (a, row) in chosen.iter().enumerate() {
            for (z, &on) in row.iter().enumerate() {
                if on {
                    links.push((from[a], to[z]));
                }
            }
        }
    }
    // Journeys: paths from layer 0 to the last layer, counted layer by layer (the links
    // are listed gap by gap, so each count is complete before it is passed on).
    let mut count = vec![0f64; next];
    for &i in &layers[0] {
        count[i] = 1.0;
    }
    for &(a, z) in &links {
        count[z] += count[a];
    }
    let total = layers.last().unwrap().iter().map(|&i| count[i]).sum();
    (numbered(next, &links), layers, total)
}

/// Every journey of a DAG given as `n` nodes and links, by enumeration: the number of
/// journeys, and how many pass through each node and use each link.
fn enumerate_dag(n: usize, links: &[(usize, usize)]) -> (u64, Vec<u64>, Vec<u64>) {
    let linked = |i: usize| links.iter().any(|&(a, z)| a == i || z == i);
    let orphan = |i: usize| n >= 2 && !linked(i);
    let entry = |i: usize| !orphan(i) && !links.iter().any(|&(_, z)| z == i);
    let exit = |i: usize| !orphan(i) && !links.iter().any(|&(a, _)| a == i);
    let (mut total, mut through, mut used) = (0, vec![0; n], vec![0; links.len()]);
    // Depth-first over paths; each stack entry is (node, nodes so far, links so far).
    let mut stack: Vec<(usize, Vec<usize>, Vec<usize>)> = (0..n)
        .filter(|&i| entry(i))
        .map(|i| (i, vec![i], vec![]))
        .collect();
    while let Some((at, nodes, ls)) = stack.pop() {
        if exit(at) {
            total += 1;
            nodes.iter().for_each(|&i| through[i] += 1);
            ls.iter().for_each(|&j| used[j] += 1);
        }
        for (j, &(a, z)) in links.iter().enumerate() {
            if a == at {
                let (mut nodes, mut ls) = (nodes.clone(), ls.clone());
                nodes.push(z);
                ls.push(j);
                stack.push((z, nodes, ls));
            }
        }
    }
    (total, through, used)
}

proptest! {
    #[test]
    fn reach_is_a_share_in_any_graph((n, links) in any_graph()) {
        let network = numbered(n, &links);
        let pathway = &network.pathways()[0];
        let j = journeys(pathway);
        prop_assert!(j.ln_total == f64::NEG_INFINITY || (j.ln_total.is_finite() && j.ln_total >= -1e-12));
        for (i, &r) in j.component_reach.iter().enumerate() {
            prop_assert!(r.is_finite() && (0.0..=1.0).contains(&r), "reach {r}");
            if j.is_orphan[i] {
                prop_assert_eq!(r, 0.0);
            } else {
                // Every step of the condensation lies between a first and a last step,
                // so every component with a link is on some journey.
                prop_assert!(r > 0.0, "c{i} has links but reach 0");
            }
        }
        for (l, &r) in pathway.links().iter().zip(&j.link_reach) {
            prop_assert!(r.is_finite() && (0.0..=1.0).contains(&r), "link reach {r}");
            // Journeys that use a link pass through both its ends.
            let ends = [pathway.position(&l.from).unwrap(), pathway.position(&l.to).unwrap()];
            for e in ends {
                prop_assert!(r <= j.component_reach[e] + 1e-12);
            }
        }
        let a = analyse(&network);
        for c in &a.pathways[0].components {
            if let Some(impact) = c.impact {
                prop_assert!((0.0..=1.0).contains(&impact));
            }
        }
    }

    #[test]
    fn reach_in_a_dag_matches_enumeration((n, raw) in any_graph()) {
        // Links only forwards: a DAG, where journeys can be listed one by one.
        let mut links: Vec<(usize, usize)> = raw
            .into_iter()
            .filter(|(a, z)| a != z)
            .map(|(a, z)| (a.min(z), a.max(z)))
            .collect();
        links.sort_unstable();
        links.dedup();
        let network = numbered(n, &links);
        let pathway = &network.pathways()[0];
        let j = journeys(pathway);
        let (total, through, used) = enumerate_dag(n, &links);
        prop_assert!((j.total() - total as f64).abs() < 1e-9 * total.max(1) as f64);
        let total = total as f64;
        for (i, &through) in through.iter().enumerate() {
            let want = if total == 0.0 { 0.0 } else { through as f64 / total };
            prop_assert!((j.component_reach[i] - want).abs() < 1e-9, "c{i}: {} vs {want}", j.component_reach[i]);
        }
        for (k, &(a, z)) in links.iter().enumerate() {
            let at = pathway.link_position(&format!("c{a}"), &format!("c{z}")).unwrap();
            let want = used[k] as f64 / total;
            prop_assert!((j.link_reach[at] - want).abs() < 1e-9, "c{a}→c{z}");
        }
    }

    #[test]
    fn each_layer_of_a_layered_graph_shares_all_journeys((widths, masks) in layered()) {
        let (network, layers, total) = build_layered(&widths, &masks);
        let pathway = &network.pathways()[0];
        let j = journeys(pathway);
        prop_assert!((j.total() - total).abs() < 1e-9 * total);
        // Entries are exactly layer 0, exits exactly the last layer.
        for (i, (&entry, &exit)) in j.is_entry.iter().zip(&j.is_exit).enumerate() {
            prop_assert_eq!(entry, layers[0].contains(&i));
            prop_assert_eq!(exit, layers.last().unwrap().contains(&i));
        }
        // Every journey passes through exactly one component of each layer, and uses
        // exactly one link of each gap.
        for layer in &layers {
            let sum: f64 = layer.iter().map(|&i| j.component_reach[i]).sum();
            prop_assert!((sum - 1.0).abs() < 1e-9, "layer {layer:?} sums to {sum}");
            if layer.len() == 1 {
                prop_assert_eq!(j.component_reach[layer[0]], 1.0);
            }
        }
        for (k, layer) in layers.iter().enumerate().skip(1) {
            let sum: f64 = pathway
                .links()
                .iter()
                .zip(&j.link_reach)
                .filter(|(l, _)| layer.contains(&pathway.position(&l.to).unwrap()))
                .map(|(_, r)| r)
                .sum();
            prop_assert!((sum - 1.0).abs() < 1e-9, "gap into layer {k} sums to {sum}");
        }
    }

    #[test]
    fn a_component_every_journey_passes_has_reach_one(
        (mut widths, masks) in layered(),
        cut in any::<prop::sample::Index>(),
    ) {
        // Narrow one layer to a single component: a cut vertex every journey crosses.
        let k = cut.index(widths.len());
        widths[k] = 1;
        let (network, layers, total) = build_layered(&widths, &masks);
        let a = analyse(&network);
        let cut_id = format!("c{}", layers[k][0]);
        prop_assert_eq!(reach(&network, &a, &cut_id), 1.0);
        // With two or more journeys, it is a Bottleneck.
        let bottleneck = a.findings.iter().any(|f| {
            f.kind == FindingKind::Bottleneck
                && f.component(&network).is_some_and(|c| c.id == cut_id)
        });
        prop_assert_eq!(bottleneck, total >= 2.0);
    }
}

// ----- 60,000 components -----

/// A pathway of `layers` layers of `width` components, each linked to every component
/// of the next layer: `width^layers` journeys, every component on 1/width of them and
/// every link on 1/width².
fn full_layers(width: usize, layers: usize) -> Network {
    let mut b = Builder::new(Condition::LongTerm);
    let id = |k: usize, i: usize| format!("c{k}-{i}");
    for k in 0..layers {
        let phase = Phase::ALL[k * 6 / layers];
        for i in 0..width {
            b = b.c(&id(k, i), phase);
        }
    }
    for k in 1..layers {
        for a in 0..width {
            for z in 0..width {
                b = b.link(&id(k - 1, a), &id(k, z));
            }
        }
    }
    b.build()
}

#[test]
fn sixty_thousand_components_in_twenty_thousand_layers() {
    // 3^20000 ≈ 10^9542 journeys: far past u64 (10^19) and f64 (10^308).
    let (width, layers) = (3usize, 20_000usize);
    let network = full_layers(width, layers);
    assert_eq!(network.pathways()[0].components().len(), 60_000);
    let a = analyse(&network);
    let p = &a.pathways[0];
    let ln_total = p.journeys.ln_total;
    let want = layers as f64 * (width as f64).ln();
    assert!(ln_total.is_finite());
    assert!(
        (ln_total - want).abs() < 1e-12 * want,
        "ln journeys {ln_total}, expected {want}"
    );
    assert_eq!(
        p.journeys.total(),
        f64::INFINITY,
        "too many for f64: use ln_total"
    );
    for c in &p.components {
        assert!(c.reach.is_finite() && (0.0..=1.0).contains(&c.reach));
        assert!((c.reach - 1.0 / 3.0).abs() < 1e-8, "reach {}", c.reach);
    }
    for l in &p.links {
        assert!(l.reach.is_finite() && (0.0..=1.0).contains(&l.reach));
        assert!((l.reach - 1.0 / 9.0).abs() < 1e-8, "link reach {}", l.reach);
    }
    // Sum of reach over one layer: every journey passes exactly one component of it.
    for k in [0, 1, layers / 2, layers - 1] {
        let sum: f64 = p.components[k * width..(k + 1) * width]
            .iter()
            .map(|c| c.reach)
            .sum();
        assert!((sum - 1.0).abs() < 1e-8, "layer {k} sums to {sum}");
    }
}

#[test]
fn sixty_thousand_components_in_one_chain() {
    // One long chain: one journey through everything. The depth of the graph is 60,000.
    let n = 60_000;
    let mut b = Builder::new(Condition::LongTerm);
    for i in 0..n {
        b = b.c(&format!("c{i}"), Phase::ALL[i * 6 / n]);
    }
    for i in 1..n {
        b = b.link(&format!("c{}", i - 1), &format!("c{i}"));
    }
    let network = b.build();
    let j = journeys(&network.pathways()[0]);
    assert_eq!(j.ln_total, 0.0);
    assert!(j.component_reach.iter().all(|&r| r == 1.0));
    assert!(j.link_reach.iter().all(|&r| r == 1.0));
}

#[test]
fn journeys_in_json_stay_a_finite_number() {
    // `check --format json` on saved files: 3^20 journeys (exact, under 2^53), 3^40
    // (above 2^53: scientific notation), 2^1100 and 3^20000 (60,000 components), both
    // beyond f64: written as the largest finite f64, so that JSON readers that hold
    // numbers as f64 (serde_json refuses anything larger) can still read the report.
    let dir = tempfile::tempdir().unwrap();
    let cases: [(usize, usize, f64); 4] = [
        (3, 20, 3f64.powi(20)),
        (3, 40, 3f64.powi(40)),
        (2, 1100, f64::MAX),
        (3, 20_000, f64::MAX),
    ];
    for (width, layers, want) in cases {
        let file = dir.path().join(format!("w{width}-l{layers}.ron"));
        carepath::storage::save(&file, &full_layers(width, layers)).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_carepath"))
            .args(["check", "--format", "json"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{width}^{layers}: the report is not JSON: {e}"));
        let journeys = &json["files"][0]["pathways"][0]["journeys"];
        // The text as written: an integer up to 2^53, scientific notation above.
        let raw = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("\"journeys\": "))
            .expect("a journeys line")
            .trim_end_matches(',');
        assert_eq!(raw.contains('e'), want > 2f64.powi(53), "{raw}");
        let n = journeys.as_f64().expect("journeys is a number");
        assert!(n.is_finite(), "{width}^{layers}: {n}");
        if want <= 2f64.powi(53) {
            assert_eq!(journeys.as_u64(), Some(want as u64), "exact below 2^53");
        } else {
            assert!(
                (n - want).abs() <= 1e-6 * want,
                "{width}^{layers}: {n} vs {want}"
            );
        }
        for c in json["files"][0]["pathways"][0]["components"]
            .as_array()
            .unwrap()
        {
            let r = c["reach"].as_f64().unwrap();
            assert!((r - 1.0 / width as f64).abs() < 1e-6);
        }
    }
}
