//! Exports with counted reach (docs/format.md, "Counted reach"): the Markdown report's
//! "children affected" column and its note on pathways that mix counted and route reach.

mod common;

use common::cli::{carepath, files, north};

#[test]
fn markdown_report_gives_children_affected_and_notes_mixed_reach() {
    let dir = files(&[("north.ron", north())]);
    let run = carepath(dir.path(), &["export", "north.ron", "--format", "md"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let md = &run.stdout;
    assert!(
        md.contains("| Reach | Impact | Children affected a year |"),
        "{md}"
    );
    // The referral link: 380 children, strength 0.80.
    let link = md
        .lines()
        .find(|l| l.contains("Recognition in general practice → Assessment at the unit"))
        .expect("the link is among the weakest");
    assert!(link.contains("| 0.95 counted |"), "{link}");
    assert!(link.ends_with("| ≈ 76 of 380 |"), "{link}");
    let gp = md
        .lines()
        .find(|l| l.starts_with("| 1 | Recognition in general practice |"))
        .unwrap();
    assert!(
        gp.contains("| 1.00 of routes |") && gp.ends_with("| – |"),
        "{gp}"
    );
    // Type 1 diabetes mixes the two; the DKA pathway gives no children and is not named.
    assert!(
        md.contains(
            "- Type 1 diabetes (a cohort of 400 children a year): reach is counted in children \
         for 3 of 15 components and links;"
        ),
        "{md}"
    );
    assert!(!md.contains("- Diabetic ketoacidosis"));
}

#[test]
fn svg_link_width_follows_counted_children_with_a_legend_entry() {
    let dir = files(&[("north.ron", north()), ("clean.ron", common::cli::clean())]);
    let run = carepath(dir.path(), &["export", "north.ron", "--format", "svg"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let svg = &run.stdout;
    // The only link with children is the busiest: the thickest line, its count in the title.
    let group = svg
        .split("<g class=\"link")
        .find(|g| g.contains("380 children a year"))
        .expect("the counted link says its children");
    assert!(group.contains("stroke-width=\"9\""), "{group}");
    let plain = svg
        .split("<g class=\"link")
        .find(|g| g.contains("Management clinic → Annual review"))
        .unwrap();
    assert!(!plain.contains("stroke-width=\"9\"") && !plain.contains("children a year"));
    assert!(svg.contains("line width: children a year, where the link counts them"));
    // No children anywhere: no legend entry.
    let run = carepath(dir.path(), &["export", "clean.ron", "--format", "svg"]);
    assert!(!run.stdout.contains("line width: children a year"));
}
