//! `carepath check` as a user runs it (DESIGN §6): the JSON shape field by field, the
//! text report as insta snapshots, and the exit codes.
//!
//! The binary runs in a temporary directory with relative file names, so the reports
//! are the same on every machine. Its stdout is a pipe, not a terminal, and NO_COLOR is
//! set: the text has no colour codes.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use carepath::analysis::analyse;
use carepath::model::{Condition, Direction, Domain, Integration, Measure, Network, Phase, Sector};
use common::{Builder, named_m, strength};
use serde_json::Value;

use Phase::{Assessment, Management, Prevention, Recognition, Review, Transition};

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn carepath(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the carepath binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn lower(id: &str, name: &str, target: f64, amber: Option<f64>, value: Option<f64>) -> Measure {
    let mut m = Measure::new(id, name, Domain::Safety, Direction::LowerIsBetter, target);
    m.unit = "%".to_string();
    m.amber = amber;
    m.value = value;
    m
}

/// The example of DESIGN §3, grown: two pathways with every kind of finding but
/// Duplicate and DeadEnd, measured parts of every status, and a loop.
fn north() -> Network {
    Builder::named("North region children's diabetes network")
        .org("gp", "General practices", Sector::Health)
        .org("pdu", "Paediatric diabetes unit", Sector::Health)
        .org("school", "Schools", Sector::Education)
        .pathway("t1d", "Type 1 diabetes", Condition::LongTerm)
        .named_c("awareness", "Awareness campaign", Prevention, None)
        .named_c(
            "gp-recognition",
            "Recognition in general practice",
            Recognition,
            Some("gp"),
        )
        .named_c(
            "pdu-assessment",
            "Assessment at the unit",
            Assessment,
            Some("pdu"),
        )
        .named_c(
            "pdu-management",
            "Management clinic",
            Management,
            Some("pdu"),
        )
        .named_c(
            "school-support",
            "Support in school",
            Management,
            Some("school"),
        )
        .named_c("review", "Annual review", Review, Some("pdu"))
        .named_c(
            "transition",
            "Transition to adult services",
            Transition,
            Some("pdu"),
        )
        .chain(&["awareness", "gp-recognition"])
        .link_at(
            "gp-recognition",
            "pdu-assessment",
            Integration::Coordination,
        )
        .link("pdu-assessment", "pdu-management")
        .link_at("pdu-assessment", "school-support", Integration::Linkage)
        .chain(&["pdu-management", "review", "pdu-management"])
        .chain(&["school-support", "review", "transition"])
        .measure(
            "gp-recognition",
            lower(
                "dka",
                "New cases in DKA at diagnosis",
                15.0,
                Some(20.0),
                Some(25.6),
            ),
        )
        .measure(
            "pdu-assessment",
            named_m("hba1c", "HbA1c checked", "%", 50.0, Some(47.0)),
        )
        .measure(
            "pdu-management",
            named_m("clinics", "Four clinics a year", "%", 90.0, Some(93.0)),
        )
        .measure(
            "review",
            named_m("annual", "Annual review done", "%", 95.0, Some(96.5)),
        )
        .measure(
            "transition",
            named_m("ready", "Ready for transition", "%", 80.0, None),
        )
        .link_measure(
            "gp-recognition",
            "pdu-assessment",
            named_m("same-day", "Referred the same day", "%", 100.0, Some(80.0)),
        )
        .pathway("dka", "Diabetic ketoacidosis", Condition::ShortTerm)
        .named_c("ed", "Emergency department", Assessment, None)
        .named_c("ward", "Children's ward", Management, None)
        .named_c("helpline", "Out-of-hours helpline", Recognition, None)
        .link("ed", "ward")
        .measure("ed", strength(1.0))
        .measure(
            "ward",
            lower("los", "Stay over 3 days", 10.0, None, Some(10.8)),
        )
        .build()
}

/// A ShortTerm pathway with no findings.
fn clean() -> Network {
    let mut b = Builder::named("Clean network").pathway("p", "Clean pathway", Condition::ShortTerm);
    for (id, phase) in [
        ("a", Prevention),
        ("b", Recognition),
        ("c", Assessment),
        ("d", Management),
    ] {
        b = b.c(id, phase).measure(id, strength(1.0));
    }
    b.chain(&["a", "b", "c", "d"]).build()
}

/// Like `clean`, with findings of one severity only: a Red component (High), an
/// Amber one (Medium), or an unmeasured one (Low).
fn only(severity: &str) -> Network {
    let mut b = Builder::named("One severity").pathway("p", "Pathway", Condition::ShortTerm);
    for (id, phase) in [
        ("a", Prevention),
        ("b", Recognition),
        ("c", Assessment),
        ("d", Management),
    ] {
        b = b.c(id, phase);
        if id != "d" {
            b = b.measure(id, strength(1.0));
        }
    }
    b = b.chain(&["a", "b", "c", "d"]);
    match severity {
        "high" => b.measure("d", strength(0.5)),
        "medium" => b.measure("d", strength(0.95)),
        _ => b,
    }
    .build()
}

/// A temporary directory holding the named networks as `.ron` files.
fn files(networks: &[(&str, Network)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, network) in networks {
        carepath::storage::save(&dir.path().join(name), network).unwrap();
    }
    dir
}

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
                ["components", "id", "journeys", "status", "strength"]
            );
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
                    ["id", "impact", "phase", "reach", "status", "strength"]
                );
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
                k == ["component", "impact", "pathway", "reach", "strength"]
                    || k == ["impact", "link", "pathway", "reach", "strength"],
                "{k:?}"
            );
            assert!(w["pathway"].is_string());
            if let Some(link) = w.get("link") {
                assert_eq!(keys(link), ["from", "to"]);
                assert!(link["from"].is_string() && link["to"].is_string());
            } else {
                assert!(w["component"].is_string());
            }
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
        assert_eq!(findings.len(), analysis.findings.len());
        for (f, fa) in findings.iter().zip(&analysis.findings) {
            assert_eq!(
                keys(f),
                [
                    "component",
                    "kind",
                    "link",
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

// ----- exit codes -----

#[test]
fn exit_zero_without_fail_on_whatever_is_found() {
    let dir = files(&[("north.ron", north())]);
    assert_eq!(carepath(dir.path(), &["check", "north.ron"]).code, Some(0));
    assert_eq!(
        carepath(dir.path(), &["check", "--format", "json", "north.ron"]).code,
        Some(0)
    );
}

#[test]
fn exit_one_when_a_finding_is_at_or_above_fail_on() {
    let dir = files(&[
        ("high.ron", only("high")),
        ("medium.ron", only("medium")),
        ("low.ron", only("low")),
        ("clean.ron", clean()),
    ]);
    // (file, --fail-on, exit code)
    let table = [
        ("high.ron", "high", 1),
        ("high.ron", "medium", 1),
        ("high.ron", "low", 1),
        ("medium.ron", "high", 0),
        ("medium.ron", "medium", 1),
        ("medium.ron", "low", 1),
        ("low.ron", "high", 0),
        ("low.ron", "medium", 0),
        ("low.ron", "low", 1),
        ("clean.ron", "high", 0),
        ("clean.ron", "medium", 0),
        ("clean.ron", "low", 0),
    ];
    for (file, fail_on, code) in table {
        for format in ["text", "json"] {
            let run = carepath(
                dir.path(),
                &["check", file, "--fail-on", fail_on, "--format", format],
            );
            assert_eq!(
                run.code,
                Some(code),
                "{file} --fail-on {fail_on} --format {format}: {}",
                run.stderr
            );
            assert!(!run.stdout.is_empty(), "the report is printed either way");
        }
    }
    // Over several files, any file with a finding at the threshold fails the run.
    let run = carepath(
        dir.path(),
        &["check", "clean.ron", "low.ron", "--fail-on", "low"],
    );
    assert_eq!(run.code, Some(1));
    let run = carepath(
        dir.path(),
        &["check", "clean.ron", "low.ron", "--fail-on", "medium"],
    );
    assert_eq!(run.code, Some(0));
}

/// `clean` saved, with its Assessment phase misspelt; returns the text and the 1-based
/// line of the misspelling.
fn misspelt() -> (String, usize) {
    let text = carepath::storage::to_canonical_string(&clean())
        .replace("phase: Assessment", "phase: Asessment");
    let line = text.lines().position(|l| l.contains("Asessment")).unwrap() + 1;
    (text, line)
}

#[test]
fn exit_two_when_a_file_cannot_be_loaded_and_the_others_are_still_reported() {
    let dir = files(&[("north.ron", north())]);
    let (text, line) = misspelt();
    std::fs::write(dir.path().join("bad.ron"), text).unwrap();
    for format in ["text", "json"] {
        // Even with --fail-on and High findings in the good file, the exit code is 2.
        for extra in [&[][..], &["--fail-on", "high"][..]] {
            let mut args = vec!["check", "--format", format, "bad.ron", "north.ron"];
            args.extend_from_slice(extra);
            let run = carepath(dir.path(), &args);
            assert_eq!(run.code, Some(2), "{args:?}");
            let error = run.stderr.lines().next().expect("an error line");
            let prefix = format!("bad.ron:{line}:");
            assert!(
                error.starts_with(&prefix),
                "{error:?} should start {prefix:?}"
            );
            let (col, message) = error[prefix.len()..].split_once(": ").unwrap();
            assert!(col.parse::<usize>().is_ok_and(|c| c > 0), "{error:?}");
            assert!(
                message.contains("\"Asessment\"") && message.contains("Assessment"),
                "{message:?}"
            );
            // The good file is still reported on stdout; the bad one is not.
            assert!(run.stdout.contains("north.ron"), "{}", run.stdout);
            assert!(!run.stdout.contains("bad.ron"));
            if format == "json" {
                let json: Value = serde_json::from_str(&run.stdout).unwrap();
                assert_eq!(json["files"].as_array().unwrap().len(), 1);
                assert_eq!(json["files"][0]["file"], "north.ron");
            } else {
                assert!(
                    run.stdout
                        .starts_with("north.ron: North region children's diabetes network\n")
                );
            }
        }
    }
    // A missing file is an input that cannot be loaded, named on stderr.
    let run = carepath(dir.path(), &["check", "north.ron", "missing.ron"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.starts_with("missing.ron: "), "{}", run.stderr);
    assert!(run.stdout.starts_with("north.ron: "));
}

#[test]
fn exit_two_for_usage_errors() {
    let dir = files(&[("clean.ron", clean())]);
    for args in [
        &["check"][..],
        &["check", "clean.ron", "--format", "xml"],
        &["check", "clean.ron", "--fail-on", "critical"],
        &["check", "clean.ron", "--fail-on"],
        &["check", "clean.ron", "--colour"],
        &["chekc", "clean.ron"],
    ] {
        let run = carepath(dir.path(), args);
        assert_eq!(run.code, Some(2), "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}: nothing on stdout");
        assert!(!run.stderr.is_empty(), "{args:?}: the error is on stderr");
    }
}

#[test]
fn every_example_in_pathways_checks_with_exit_zero() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("pathways");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return; // no examples in this checkout
    };
    let mut examples: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    examples.sort();
    for example in examples {
        for format in ["text", "json"] {
            let run = carepath(
                &dir,
                &["check", "--format", format, example.to_str().unwrap()],
            );
            assert_eq!(run.code, Some(0), "{}: {}", example.display(), run.stderr);
            assert_eq!(run.stderr, "", "{}", example.display());
            if format == "json" {
                let json: Value = serde_json::from_str(&run.stdout).unwrap();
                assert_eq!(json["files"].as_array().unwrap().len(), 1);
            }
        }
    }
}

#[test]
fn a_reader_that_goes_away_is_not_a_panic() {
    // Like `carepath check big.ron | head -1`: a report larger than a pipe's buffer
    // (64 KiB on Linux) to a reader that has already closed its end. The run ends
    // quietly, with the exit code the findings give.
    let n = 2000;
    let mut b = Builder::named("Big").pathway("p", "Long pathway", Condition::ShortTerm);
    for i in 0..n {
        b = b.c(&format!("c{i}"), Phase::ALL[i * 4 / n]);
    }
    for i in 1..n {
        b = b.link(&format!("c{}", i - 1), &format!("c{i}"));
    }
    let dir = files(&[("big.ron", b.build())]);
    for format in ["text", "json"] {
        for (fail_on, code) in [("high", 0), ("low", 1)] {
            let mut child = Command::new(env!("CARGO_BIN_EXE_carepath"))
                .args(["check", "big.ron", "--format", format, "--fail-on", fail_on])
                .current_dir(dir.path())
                .env("NO_COLOR", "1")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            drop(child.stdout.take());
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                out.status.code(),
                Some(code),
                "{format} --fail-on {fail_on}: {stderr}"
            );
            assert_eq!(stderr, "", "{format}");
        }
    }
}
