//! The DOT export laid out by Graphviz itself (`dot -Tplain`): each phase is one column,
//! pathways read top to bottom in file order, and generated networks of 1,200 and 6,000
//! components lay out without an error.

mod exchange_support;

use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};

use exchange_support::{examples, run_in, save};

/// Runs `dot -Tplain` on `text`; returns node name → (x, y), failing on any error.
fn plain(text: &str, what: &str) -> HashMap<String, (f64, f64)> {
    let mut child = Command::new("dot")
        .arg("-Tplain")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Graphviz is installed");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{what}: dot failed: {stderr}");
    assert!(!stderr.contains("Error"), "{what}: {stderr}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| {
            let mut w = l.split(' ');
            (w.next() == Some("node")).then(|| {
                let name = w.next().unwrap().to_string();
                let x: f64 = w.next().unwrap().parse().unwrap();
                let y: f64 = w.next().unwrap().parse().unwrap();
                (name, (x, y))
            })
        })
        .collect()
}

fn dot_of(dir: &std::path::Path, file: &std::path::Path) -> String {
    let run = run_in(dir, &["export", file.to_str().unwrap(), "--format", "dot"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("newrank=true"));
    run.stdout
}

#[test]
fn phases_are_columns_and_pathways_keep_file_order() {
    let dir = tempfile::tempdir().unwrap();
    for file in examples() {
        let network = carepath::storage::load(&file).unwrap();
        let at = plain(&dot_of(dir.path(), &file), &file.display().to_string());
        let mut lowest_of_previous: Option<f64> = None;
        for (p, pathway) in network.pathways().iter().enumerate() {
            let pos = |i: usize| at[&format!("c{p}_{i}")];
            // One x per phase, increasing in phase order.
            let mut column_x: Vec<(usize, f64)> = Vec::new();
            for (i, c) in pathway.components().iter().enumerate() {
                let x = pos(i).0;
                match column_x.iter().find(|(k, _)| *k == c.phase.index()) {
                    Some((_, cx)) => assert!(
                        (cx - x).abs() < 1e-6,
                        "{}: {} off its column",
                        file.display(),
                        c.id
                    ),
                    None => column_x.push((c.phase.index(), x)),
                }
            }
            column_x.sort_by_key(|(k, _)| *k);
            assert!(
                column_x.windows(2).all(|w| w[0].1 < w[1].1),
                "{}: phase columns out of order: {column_x:?}",
                file.display()
            );
            // Every box of this pathway is below every box of the one before (plain's y
            // grows upwards).
            let ys: Vec<f64> = (0..pathway.components().len()).map(|i| pos(i).1).collect();
            let highest = ys.iter().copied().fold(f64::MIN, f64::max);
            if let Some(low) = lowest_of_previous {
                assert!(
                    highest < low,
                    "{}: pathway {p} not below pathway {}",
                    file.display(),
                    p - 1
                );
            }
            if !ys.is_empty() {
                lowest_of_previous = Some(ys.iter().copied().fold(f64::MAX, f64::min));
            }
        }
    }
}

fn generated(size: usize) {
    let dir = tempfile::tempdir().unwrap();
    let network = carepath::generate::network(size, 1);
    let file = save(dir.path(), "generated.ron", &network);
    let at = plain(&dot_of(dir.path(), &file), &format!("{size} components"));
    let boxes = at.keys().filter(|k| k.starts_with('c')).count();
    assert_eq!(boxes, size);
}

#[test]
fn graphviz_lays_out_1200_generated_components() {
    generated(1200);
}

#[test]
fn graphviz_lays_out_6000_generated_components() {
    generated(6000);
}
