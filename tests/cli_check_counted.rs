//! `carepath check` with counted reach (docs/format.md, "Counted reach"): the cohort on
//! the pathway line, the basis on every weakest link, children and affected where known,
//! in text and in JSON.

mod common;

use common::cli::{carepath, files, north};
use serde_json::Value;

#[test]
fn text_report_gives_cohort_basis_children_and_affected() {
    let dir = files(&[("north.ron", north())]);
    let run = carepath(dir.path(), &["check", "north.ron"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let out = &run.stdout;
    assert!(
        out.contains(
            "Type 1 diabetes: ✗ Red · strength 59% · 7 components · 2 journeys\n    cohort 400 children a year\n"
        ),
        "{out}"
    );
    // The unit: 380 children from the referral link, strength 0.94 → about 23 affected.
    let unit = out
        .lines()
        .position(|l| l.contains("Assessment at the unit (Type 1 diabetes)"))
        .expect("the unit is among the weakest");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[unit - 1].contains("reach 95% counted"), "{out}");
    assert_eq!(lines[unit + 1].trim(), "380 children a year, ≈ 23 affected");
    // No cohort in the other pathway: reach of routes and no children line.
    assert!(
        out.contains("Diabetic ketoacidosis: ! Amber · strength 93% · 3 components · 1 journey\n")
    );
    let ward = lines
        .iter()
        .position(|l| l.contains("Children's ward (Diabetic ketoacidosis)"))
        .unwrap();
    assert!(lines[ward - 1].contains("reach 100% of routes"));
    assert!(!lines[ward + 1].contains("children a year"));
}

#[test]
fn json_report_gives_counted_figures() {
    let dir = files(&[("north.ron", north())]);
    let run = carepath(dir.path(), &["check", "--format", "json", "north.ron"]);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let file = &json["files"][0];
    let t1d = &file["pathways"][0];
    assert_eq!(t1d["children"], 400.0);
    assert!(file["pathways"][1]["children"].is_null());
    let component = |id: &str| {
        t1d["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    let unit = component("pdu-assessment");
    assert_eq!(unit["basis"], "Counted");
    assert_eq!(unit["children"], 380.0);
    assert_eq!(unit["reach"], 0.95);
    let affected = unit["affected"].as_f64().unwrap();
    let strength = unit["strength"].as_f64().unwrap();
    assert!((affected - (1.0 - strength) * 380.0).abs() < 1e-9);
    // The school has children but no measure: children, no affected.
    let school = component("school-support");
    assert_eq!(
        (school["basis"].as_str(), school["reach"].as_f64()),
        (Some("Counted"), Some(0.3))
    );
    assert!(school["affected"].is_null());
    let gp = component("gp-recognition");
    assert_eq!(gp["basis"], "Routes");
    assert!(gp["children"].is_null() && gp["affected"].is_null());
    let weakest = file["weakest"].as_array().unwrap();
    let link = weakest.iter().find(|w| w.get("link").is_some()).unwrap();
    assert_eq!(link["basis"], "Counted");
    assert_eq!(link["children"], 380.0);
    assert_eq!(link["reach"], 0.95);
}
