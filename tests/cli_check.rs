//! `carepath check` as a user runs it (README, "Commands"): the JSON shape field by field and
//! the text report as insta snapshots. Exit codes are in `cli_check_exit.rs`.

mod common;

use carepath::analysis::analyse;
use carepath::model::{Condition, Phase};
use common::Builder;
use common::cli::{carepath, clean, files, north};
use serde_json::Value;

use Phase::{Assessment, Recognition};

// ----- JSON -----

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

fn null_or_number(v: &Value) -> bool {
    v.is_null() || v.is_f64() || v.is_u64()
}

const STATUSES: [&str; 4] = ["Green", "Amber", "Red", "NoData"];

#[test]
fn json_report_has_the_shape_of_design_section_6() {
    let dir = files(&[("north.ron", north()), ("clean.ron", clean())]);
    let run = carepath(
        dir.path(),
        &["check", "--format", "json", "north.ron", "clean.ron"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let json: Value = serde_json::from_str(&run.stdout).expect("one JSON object");
    assert_eq!(keys(&json), ["files"]);
    let report_files = json["files"].as_array().unwrap();
    assert_eq!(report_files.len(), 2);

    for (file, (name, network)) in report_files
        .iter()
        .zip([("north.ron", north()), ("clean.ron", clean())])
    {
        let analysis = analyse(&network);
        assert_eq!(
            keys(file),
            ["file", "findings", "network", "pathways", "weakest"]
        );
        assert_eq!(file["file"], name);
        assert_eq!(file["network"], network.name.as_str());

        let pathways = file["pathways"].as_array().unwrap();
        assert_eq!(pathways.len(), network.pathways().len());
        for ((p, pa), pathway) in pathways
            .iter()
            .zip(&analysis.pathways)
            .zip(network.pathways())
        {
            assert_eq!(
                keys(p),
                [
                    "children",
                    "components",
                    "id",
                    "journeys",
                    "status",
                    "strength"
                ]
            );
            assert_eq!(p["children"].as_f64(), pa.cohort);
            assert_eq!(p["id"], pathway.id.as_str());
            assert!(null_or_number(&p["strength"]));
            assert_eq!(p["strength"].as_f64(), pa.strength);
            assert!(STATUSES.contains(&p["status"].as_str().unwrap()));
            assert_eq!(p["status"], format!("{:?}", pa.status).as_str());
            assert_eq!(
                p["journeys"].as_u64(),
                Some(pa.journeys.total().round() as u64)
            );
            let components = p["components"].as_array().unwrap();
            assert_eq!(components.len(), pathway.components().len());
            for ((c, ca), comp) in components
                .iter()
                .zip(&pa.components)
                .zip(pathway.components())
            {
                assert_eq!(
                    keys(c),
                    [
                        "affected", "basis", "children", "id", "impact", "measures", "phase",
                        "reach", "status", "strength"
                    ]
                );
                assert_eq!(c["basis"], format!("{:?}", ca.basis).as_str());
                assert_eq!(c["children"].as_f64(), ca.children);
                assert_eq!(c["affected"].as_f64(), ca.affected);
                assert_eq!(c["id"], comp.id.as_str());
                assert_eq!(c["phase"], comp.phase.name());
                assert!(STATUSES.contains(&c["status"].as_str().unwrap()));
                assert_eq!(c["status"], format!("{:?}", ca.score.status).as_str());
                assert!(null_or_number(&c["strength"]) && null_or_number(&c["impact"]));
                assert_eq!(c["strength"].as_f64(), ca.score.strength);
                assert_eq!(c["impact"].as_f64(), ca.impact);
                // strength and impact are null together: where there is no data.
                assert_eq!(c["strength"].is_null(), c["status"] == "NoData");
                assert_eq!(c["impact"].is_null(), c["strength"].is_null());
                let reach = c["reach"].as_f64().expect("reach is a number");
                assert!((0.0..=1.0).contains(&reach));
                assert_eq!(reach, ca.reach);
            }
        }

        let weakest = file["weakest"].as_array().unwrap();
        assert_eq!(weakest.len(), analysis.weakest.len());
        for w in weakest {
            let k = keys(w);
            assert!(
                k == [
                    "affected",
                    "basis",
                    "children",
                    "component",
                    "impact",
                    "pathway",
                    "reach",
                    "strength"
                ] || k
                    == [
                        "affected", "basis", "children", "impact", "link", "pathway", "reach",
                        "strength"
                    ],
                "{k:?}"
            );
            assert!(w["pathway"].is_string());
            if let Some(link) = w.get("link") {
                assert_eq!(keys(link), ["from", "to"]);
                assert!(link["from"].is_string() && link["to"].is_string());
            } else {
                assert!(w["component"].is_string());
            }
            assert!(["Counted", "Routes"].contains(&w["basis"].as_str().unwrap()));
            assert!(null_or_number(&w["children"]) && null_or_number(&w["affected"]));
            assert_eq!(w["children"].is_null(), w["affected"].is_null());
            for field in ["strength", "reach", "impact"] {
                let x = w[field].as_f64().expect("a number, never null in weakest");
                assert!((0.0..=1.0).contains(&x), "{field} {x}");
            }
        }
        let impacts: Vec<f64> = weakest
            .iter()
            .map(|w| w["impact"].as_f64().unwrap())
            .collect();
        assert!(
            impacts.windows(2).all(|w| w[0] >= w[1]),
            "highest impact first: {impacts:?}"
        );

        let findings = file["findings"].as_array().unwrap();
        let seen = common::seen(&network);
        assert_eq!(findings.len(), seen.len());
        for (f, fa) in findings.iter().zip(&seen) {
            assert_eq!(
                keys(f),
                [
                    "component",
                    "kind",
                    "link",
                    "measure",
                    "message",
                    "pathway",
                    "severity"
                ]
            );
            assert_eq!(f["kind"], format!("{:?}", fa.kind).as_str());
            assert!(["High", "Medium", "Low"].contains(&f["severity"].as_str().unwrap()));
            assert_eq!(f["severity"], fa.severity.word());
            assert_eq!(f["pathway"], network.pathways()[fa.pathway].id.as_str());
            assert!(f["component"].is_null() || f["component"].is_string());
            assert_eq!(f["component"].as_str(), fa.component.as_deref());
            match &fa.link {
                None => assert!(f["link"].is_null()),
                Some((from, to)) => {
                    assert_eq!(keys(&f["link"]), ["from", "to"]);
                    assert_eq!(
                        (&f["link"]["from"], &f["link"]["to"]),
                        (&Value::from(from.as_str()), &Value::from(to.as_str()))
                    );
                }
            }
            assert_eq!(f["message"], fa.message.as_str());
            assert!(!fa.message.is_empty());
        }
    }

    // north has every kind but Duplicate and DeadEnd; one each of a component link, a
    // link finding and a finding on neither (MissingPhase) at least.
    let north = &report_files[0];
    let kinds: Vec<&str> = north["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "WeakComponent",
        "WeakLink",
        "WeakHandoff",
        "MissingPhase",
        "NoEntryRoute",
        "Orphan",
        "Unmeasured",
        "Bottleneck",
        "Loop",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    assert!(
        north["weakest"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.get("link").is_some())
    );
    assert!(
        north["weakest"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.get("component").is_some())
    );
    // clean has no findings; its pathway is Green with strength 1.
    assert_eq!(report_files[1]["findings"], Value::Array(vec![]));
    assert_eq!(report_files[1]["pathways"][0]["status"], "Green");
    assert_eq!(report_files[1]["pathways"][0]["strength"], 1.0);
}

#[test]
fn json_strength_and_impact_are_null_without_data() {
    // Nothing measured: every strength and impact is null, every status NoData, and
    // the weakest list is empty.
    let mut network = Builder::named("Bare").pathway("p", "Bare pathway", Condition::ShortTerm);
    network = network
        .c("a", Recognition)
        .c("b", Assessment)
        .link("a", "b");
    let dir = files(&[("bare.ron", network.build())]);
    let run = carepath(dir.path(), &["check", "--format", "json", "bare.ron"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let p = &json["files"][0]["pathways"][0];
    assert_eq!(
        (&p["strength"], &p["status"], &p["journeys"]),
        (&Value::Null, &Value::from("NoData"), &Value::from(1))
    );
    for c in p["components"].as_array().unwrap() {
        assert_eq!(
            (&c["strength"], &c["impact"], &c["status"]),
            (&Value::Null, &Value::Null, &Value::from("NoData"))
        );
        assert_eq!(c["reach"], 1.0);
    }
    assert_eq!(json["files"][0]["weakest"], Value::Array(vec![]));
}

// ----- text -----

#[test]
fn text_report_snapshot() {
    let dir = files(&[("north.ron", north())]);
    let run = carepath(dir.path(), &["check", "north.ron"]);
    assert_eq!(run.code, Some(0));
    assert!(!run.stdout.contains('\u{1b}'), "no colour codes");
    insta::assert_snapshot!("north", run.stdout);
}

#[test]
fn text_report_of_two_files_snapshot() {
    let dir = files(&[("north.ron", north()), ("clean.ron", clean())]);
    let run = carepath(
        dir.path(),
        &["check", "clean.ron", "north.ron", "--format", "text"],
    );
    assert_eq!(run.code, Some(0));
    insta::assert_snapshot!("clean_and_north", run.stdout);
}

#[test]
fn text_lines_fit_in_80_columns() {
    let dir = files(&[("north.ron", north())]);
    let run = carepath(dir.path(), &["check", "north.ron"]);
    for line in run.stdout.lines() {
        assert!(line.chars().count() <= 80, "{line:?}");
    }
}
