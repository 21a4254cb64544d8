//! Running the built `carepath` binary, and the networks the `check` tests share.
//!
//! The binary runs in a temporary directory with relative file names, so its reports
//! are the same on every machine. Its stdout is a pipe, not a terminal, and NO_COLOR is
//! set: the text has no colour codes.

use std::path::Path;
use std::process::Command;

use carepath::model::{Condition, Direction, Domain, Integration, Measure, Network, Phase, Sector};

use super::{Builder, named_m, strength};

use Phase::{Assessment, Management, Prevention, Recognition, Review, Transition};

pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

pub fn carepath(dir: &Path, args: &[&str]) -> Run {
    carepath_env(dir, args, &[])
}

/// As `carepath`, with more environment variables set.
pub fn carepath_env(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .output()
        .expect("the carepath binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

pub fn lower(id: &str, name: &str, target: f64, amber: Option<f64>, value: Option<f64>) -> Measure {
    let mut m = Measure::new(id, name, Domain::Safety, Direction::LowerIsBetter, target);
    m.unit = "%".to_string();
    m.amber = amber;
    m.value = value;
    m
}

/// The example of docs/format.md, grown: two pathways with every kind of finding but
/// Duplicate and DeadEnd, measured parts of every status, and a loop.
pub fn north() -> Network {
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
        // Counted reach: a cohort of 400 a year, 380 referred on to the unit (so the
        // unit counts 380), 120 supported in school; the rest on routes.
        .cohort(400.0)
        .link_children("gp-recognition", "pdu-assessment", 380.0)
        .children("school-support", 120.0)
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
pub fn clean() -> Network {
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
pub fn only(severity: &str) -> Network {
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
pub fn files(networks: &[(&str, Network)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, network) in networks {
        carepath::storage::save(&dir.path().join(name), network).unwrap();
    }
    dir
}
