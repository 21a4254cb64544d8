//! Shared by the diff, export and import tests: a hand-built network, and running the
//! built binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use carepath::model::{
    Action, ActionStatus, Answer, Component, Condition, Direction, Domain, Integration, Level,
    Link, LinkKind, Measure, MeasureOwner, Network, Organisation, Pathway, Phase, Sector,
};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_carepath"))
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out: Output = bin()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the carepath binary runs");
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

pub fn measure(
    id: &str,
    name: &str,
    direction: Direction,
    target: f64,
    amber: Option<f64>,
    value: Option<f64>,
) -> Measure {
    let mut m = Measure::new(id, name, Domain::Safety, direction, target);
    m.amber = amber;
    m.value = value;
    m
}

pub fn component(id: &str, name: &str, phase: Phase, provider: &str) -> Component {
    let mut c = Component::new(id, name, phase);
    c.provider = Some(provider.to_string());
    c
}

/// A small type 1 diabetes network: one pathway of five components over four phases,
/// an Amber measure, a Green one, a measured link, a weak hand-off, an action.
pub fn base() -> Network {
    let mut n = Network::new("North region children's diabetes network");
    n.population = "Children and young people 0-19 with type 1 diabetes".to_string();
    for (id, name, sector, level) in [
        ("gp", "General practices", Sector::Health, Level::Primary),
        (
            "pdu",
            "Paediatric diabetes unit",
            Sector::Health,
            Level::Secondary,
        ),
        ("school", "Schools", Sector::Education, Level::Community),
    ] {
        n.add_organisation(Organisation::new(id, name, sector, level))
            .unwrap();
    }
    n.add_pathway(Pathway::new("t1d", "Type 1 diabetes", Condition::LongTerm))
        .unwrap();
    let mut gp = component(
        "gp-recognition",
        "Recognition in general practice",
        Phase::Recognition,
        "gp",
    );
    let mut dka = measure(
        "dka",
        "New cases in DKA at diagnosis",
        Direction::LowerIsBetter,
        15.0,
        Some(20.0),
        Some(18.0),
    );
    dka.unit = "%".to_string();
    dka.period = Some("2020/21".to_string());
    dka.source = Some("NPDA".to_string());
    gp.measures.push(dka);
    let mut assess = component(
        "pdu-assessment",
        "Assessment by the diabetes team",
        Phase::Assessment,
        "pdu",
    );
    let mut hba1c = measure(
        "hba1c-checked",
        "HbA1c checked",
        Direction::HigherIsBetter,
        95.0,
        Some(90.0),
        Some(98.7),
    );
    hba1c.domain = Domain::Effectiveness;
    hba1c.unit = "%".to_string();
    assess.measures.push(hba1c);
    let mut manage = component(
        "pdu-management",
        "Insulin management",
        Phase::Management,
        "pdu",
    );
    manage.checklist.evidence_based = Answer::Yes;
    let school = component(
        "school-plan",
        "Healthcare plan in school",
        Phase::Management,
        "school",
    );
    let review = component("annual-review", "Annual review", Phase::Review, "pdu");
    for c in [gp, assess, manage, school, review] {
        n.add_component("t1d", c, None).unwrap();
    }
    let mut referral = Link::new("gp-recognition", "pdu-assessment");
    referral.integration = Some(Integration::Coordination);
    referral.measures.push(measure(
        "referral-days",
        "Days from recognition to assessment",
        Direction::LowerIsBetter,
        1.0,
        None,
        Some(1.0),
    ));
    let mut handoff = Link::new("pdu-assessment", "pdu-management");
    handoff.kind = LinkKind::Handoff;
    let mut shared = Link::new("pdu-management", "school-plan");
    shared.kind = LinkKind::SharedCare;
    let review_link = Link::new("pdu-management", "annual-review");
    for l in [referral, handoff, shared, review_link] {
        n.add_link("t1d", l).unwrap();
    }
    n.add_action(Action {
        id: "a1".to_string(),
        component: "gp-recognition".to_string(),
        text: "Run 4Ts training for practice staff".to_string(),
        owner: "Network lead".to_string(),
        due: Some("2025-03-31".to_string()),
        status: ActionStatus::Open,
    })
    .unwrap();
    n
}

pub fn owner(id: &str) -> MeasureOwner {
    MeasureOwner::Component(id.to_string())
}

/// Saves a network in canonical form at `dir/name` and returns the path.
pub fn save(dir: &Path, name: &str, network: &Network) -> PathBuf {
    let path = dir.join(name);
    carepath::storage::save(&path, network).expect("saved");
    path
}

/// The example networks in `pathways/`, read at run time (there may be none yet).
pub fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("pathways");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// A network whose names hold everything that could break an output format: quotes,
/// brackets, markup, pipes, backslashes, a newline, control characters and emoji.
pub fn awkward() -> Network {
    let mut n = Network::new("Awkward \"quoted\" <b>network</b> & co | pipe \\ back\nline");
    n.population = "=SUM(A1) [x](y) `code` *bold* _u_ #hash ~~s~~ %% end".to_string();
    n.add_organisation(Organisation::new(
        "a",
        "Org \"A\" <i>|</i>",
        Sector::Health,
        Level::Primary,
    ))
    .unwrap();
    n.add_organisation(Organisation::new(
        "b",
        "Org B ]] }} {{ ((",
        Sector::SocialCare,
        Level::Community,
    ))
    .unwrap();
    n.add_pathway(Pathway::new(
        "end",
        "end --> subgraph; %% comment ::: class",
        Condition::ShortTerm,
    ))
    .unwrap();
    let mut x1 = component(
        "x1",
        "[bracket] (paren) {brace} \"q\" 'single' `tick`",
        Phase::Recognition,
        "a",
    );
    let mut m1 = measure(
        "m1",
        "Rate | of \"things\" <%> & more",
        Direction::LowerIsBetter,
        15.0,
        Some(20.0),
        Some(25.6),
    );
    m1.unit = "%".to_string();
    m1.period = Some("=2021/22".to_string());
    m1.source = Some("@src, \"quoted\"\nnext line".to_string());
    x1.measures.push(m1);
    let mut x2 = component(
        "x2",
        "Ünïcödé ✓ 日本語 🚀 #35; &amp; \\N \\n \\l",
        Phase::Assessment,
        "b",
    );
    x2.measures.push(measure(
        "m2",
        "Share",
        Direction::HigherIsBetter,
        90.0,
        None,
        Some(85.0),
    ));
    let x3 = Component::new(
        "x3",
        "-->|x| A[B] <script>alert(1)</script>",
        Phase::Assessment,
    );
    let x4 = Component::new("x4", "\u{7}bell\ttab\u{1b}[31mred\u{fffe}", Phase::Review);
    for c in [x1, x2, x3, x4] {
        n.add_component("end", c, None).unwrap();
    }
    let mut l = Link::new("x1", "x2");
    l.kind = LinkKind::Handoff;
    l.measures.push(measure(
        "wait",
        "Wait, in days",
        Direction::LowerIsBetter,
        14.0,
        None,
        Some(30.0),
    ));
    n.add_link("end", l).unwrap();
    for (from, to) in [("x2", "x3"), ("x3", "x4"), ("x4", "x2"), ("x3", "x3")] {
        n.add_link("end", Link::new(from, to)).unwrap();
    }
    n.add_pathway(Pathway::new("empty", "Empty", Condition::LongTerm))
        .unwrap();
    n
}

/// Changes a component in place through the checked operation.
pub fn update(n: &mut Network, id: &str, change: impl FnOnce(&mut Component)) {
    let mut c = n.find_component(id).unwrap().1.clone();
    change(&mut c);
    n.update_component(id, c).unwrap();
}

/// Changes one measure of a component through the checked operation.
pub fn set_measure(n: &mut Network, component: &str, id: &str, f: impl FnOnce(&mut Measure)) {
    let mut m = n
        .measures(&owner(component))
        .unwrap()
        .iter()
        .find(|m| m.id == id)
        .unwrap()
        .clone();
    f(&mut m);
    n.update_measure(&owner(component), id, m).unwrap();
}

/// A network saved in a temporary folder, imported into, with its bytes before.
pub struct Case {
    pub dir: tempfile::TempDir,
    pub file: PathBuf,
    pub before: Vec<u8>,
}

impl Case {
    pub fn new() -> Case {
        let dir = tempfile::tempdir().unwrap();
        let file = save(dir.path(), "net.ron", &base());
        let before = std::fs::read(&file).unwrap();
        Case { dir, file, before }
    }

    pub fn import(&self, csv: &str, extra: &[&str]) -> Run {
        std::fs::write(self.dir.path().join("data.csv"), csv).unwrap();
        let mut args = vec!["import", "net.ron", "data.csv"];
        args.extend(extra);
        run_in(self.dir.path(), &args)
    }

    pub fn network(&self) -> Network {
        carepath::storage::load(&self.file).unwrap()
    }

    pub fn unchanged(&self) -> bool {
        std::fs::read(&self.file).unwrap() == self.before
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}
