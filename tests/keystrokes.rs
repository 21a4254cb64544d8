//! How many keystrokes mapping a children's asthma pathway from scratch takes: 7
//! organisations, 13 components with their providers, 14 links (some with their
//! integration) and 13 measures with value and target. Every key a user would press,
//! typed text included, goes through the editor's key table (`action_for_key`) and is
//! counted; the document it makes is checked at the end.

use carepath::app::{App, FieldKind, Key, Mode, action_for_key};
use carepath::model::{Integration, Network, Pathway, Phase, Sector};

/// The most keystrokes the job may take.
const BUDGET: usize = 1_200;

struct Keyboard {
    app: App,
    keys: usize,
}

impl Keyboard {
    fn press(&mut self, key: Key) {
        self.keys += 1;
        if let Some(action) = action_for_key(&self.app.mode, key) {
            self.app.update(action);
        }
    }

    fn char(&mut self, c: char) {
        self.press(Key::Char(c));
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            self.char(c);
        }
    }

    fn tab(&mut self, n: usize) {
        for _ in 0..n {
            self.press(Key::Tab);
        }
    }

    fn enter(&mut self) {
        self.press(Key::Enter);
    }

    /// Type-ahead in the focused choice: its first letter, as often as it takes.
    fn pick(&mut self, option: &str) {
        let Mode::Form(form) = &self.app.mode else {
            panic!("no form for {option}");
        };
        let FieldKind::Choice(options) = &form.focused().kind else {
            panic!("{} is not a choice", form.focused().label);
        };
        let want = options
            .iter()
            .position(|o| o.starts_with(option))
            .unwrap_or_else(|| panic!("no option {option} in {options:?}"));
        let letter = option.chars().next().unwrap();
        for _ in 0..options.len() {
            if matches!(&self.app.mode, Mode::Form(f) if f.focused().choice == want) {
                return;
            }
            self.char(letter);
        }
        panic!("type-ahead never reached {option}");
    }

    /// `/`, part of a name, Esc: the find selects the component and stays on it.
    fn find(&mut self, part: &str) {
        self.char('/');
        self.text(part);
        self.press(Key::Esc);
    }

    fn column(&mut self, phase: Phase) {
        while self.app.column < phase {
            self.char('l');
        }
        while self.app.column > phase {
            self.char('h');
        }
    }

    fn selected(&self) -> String {
        self.app
            .selected_component()
            .expect("a component")
            .name
            .clone()
    }
}

/// (name, sector, level)
const ORGANISATIONS: [(&str, &str, &str); 7] = [
    ("GP practices", "Health", "Primary"),
    ("Community pharmacies", "Health", "Primary"),
    ("Schools", "Education", "Community"),
    ("School nursing", "Public health", "Community"),
    ("Children's asthma clinic", "Health", "Secondary"),
    ("Emergency department", "Health", "Secondary"),
    ("Asthma charity", "Voluntary", "Community"),
];

/// (phase, name, provider, measure, value, target, lower is better)
type Row = (
    Phase,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
);

const COMPONENTS: [Row; 13] = [
    (
        Phase::Prevention,
        "Asthma friendly schools",
        "Schools",
        "Schools with an asthma policy",
        "40",
        "90",
        false,
    ),
    (
        Phase::Prevention,
        "Smoke-free homes advice",
        "School nursing",
        "Families given advice",
        "35",
        "80",
        false,
    ),
    (
        Phase::Recognition,
        "GP asthma diagnosis",
        "GP practices",
        "Diagnosis confirmed by test",
        "48",
        "80",
        false,
    ),
    (
        Phase::Recognition,
        "Pharmacy inhaler check",
        "Community pharmacies",
        "Checks done",
        "22",
        "60",
        false,
    ),
    (
        Phase::Assessment,
        "Annual asthma review",
        "GP practices",
        "Reviewed in the year",
        "61",
        "90",
        false,
    ),
    (
        Phase::Assessment,
        "Specialist assessment",
        "Children's asthma clinic",
        "Seen within 8 weeks",
        "55",
        "90",
        false,
    ),
    (
        Phase::Management,
        "Personal asthma action plan",
        "GP practices",
        "Children with a plan",
        "27",
        "50",
        false,
    ),
    (
        Phase::Management,
        "Inhaler technique training",
        "Community pharmacies",
        "Technique checked",
        "44",
        "80",
        false,
    ),
    (
        Phase::Management,
        "Treatment of attacks",
        "Emergency department",
        "Admissions per 100k",
        "190",
        "120",
        true,
    ),
    (
        Phase::Management,
        "School emergency inhaler",
        "Schools",
        "Schools with one",
        "52",
        "95",
        false,
    ),
    (
        Phase::Review,
        "Follow-up after an attack",
        "GP practices",
        "Seen within 2 days",
        "30",
        "80",
        false,
    ),
    (
        Phase::Review,
        "Family support",
        "Asthma charity",
        "Families supported",
        "120",
        "300",
        false,
    ),
    (
        Phase::Transition,
        "Move to adult services",
        "Children's asthma clinic",
        "Planned from 14",
        "18",
        "70",
        false,
    ),
];

/// (find the source by, find the target by, integration)
const LINKS: [(&str, &str, Option<&str>); 14] = [
    ("friendly", "GP asthma", None),
    ("smoke", "GP asthma", None),
    ("pharmacy", "GP asthma", Some("Coordination")),
    ("GP asthma", "annual", None),
    ("GP asthma", "special", Some("Linkage")),
    ("annual", "plan", None),
    ("annual", "technique", Some("Coordination")),
    ("special", "plan", Some("Managed")),
    ("plan", "school em", Some("Linkage")),
    ("plan", "follow", None),
    ("treatment", "follow", Some("Linkage")),
    ("follow", "family", Some("Coordination")),
    ("follow", "adult", None),
    ("special", "adult", Some("Managed")),
];

fn map_the_asthma_pathway() -> (Network, usize) {
    let mut network = Network::new("North asthma network");
    network
        .add_pathway(Pathway::new(
            "asthma",
            "Children's asthma",
            Default::default(),
        ))
        .unwrap();
    let mut kb = Keyboard {
        app: App::new(network, None, false),
        keys: 0,
    };

    kb.char('O');
    for (name, sector, level) in ORGANISATIONS {
        kb.char('a');
        kb.text(name);
        kb.tab(1);
        kb.pick(sector);
        kb.tab(1);
        kb.pick(level);
        kb.enter();
        assert!(
            matches!(kb.app.mode, Mode::Organisations { .. }),
            "back in the list"
        );
    }
    kb.press(Key::Esc);

    for (phase, name, provider, measure, value, target, lower) in COMPONENTS {
        kb.column(phase);
        kb.char('a');
        kb.text(name);
        kb.tab(2);
        kb.pick(provider);
        kb.enter();
        assert_eq!(kb.selected(), name);
        // Its measure at once: name, value, target (and direction when lower is better).
        kb.char('m');
        kb.text(measure);
        kb.tab(1);
        kb.text(value);
        kb.tab(1);
        kb.text(target);
        if lower {
            kb.tab(5);
            kb.pick("Lower");
        }
        kb.enter();
        assert_eq!(kb.app.mode, Mode::Normal, "{:?}", kb.app.message);
    }

    for (from, to, integration) in LINKS {
        kb.find(from);
        let source = kb.selected();
        kb.char('c');
        kb.text(to);
        let target = kb.selected();
        assert_ne!(source, target, "{from} → {to}");
        kb.enter();
        if let Some(integration) = integration {
            kb.tab(1);
            kb.pick(integration);
        }
        kb.enter();
        assert_eq!(
            kb.app.mode,
            Mode::Normal,
            "{from} → {to}: {:?}",
            kb.app.message
        );
    }
    (kb.app.document().clone(), kb.keys)
}

#[test]
fn the_asthma_pathway_is_mapped_in_at_most_1200_keystrokes() {
    let (network, keys) = map_the_asthma_pathway();
    println!("mapped in {keys} keystrokes");
    assert!(keys <= BUDGET, "{keys} keystrokes, more than {BUDGET}");

    // And it is the pathway meant.
    assert_eq!(network.organisations().len(), 7);
    let p = &network.pathways()[0];
    assert_eq!(p.components().len(), 13);
    assert_eq!(p.links().len(), 14);
    let measures: usize = p.components().iter().map(|c| c.measures.len()).sum();
    assert_eq!(measures, 13);
    for (phase, name, provider, measure, value, target, lower) in COMPONENTS {
        let c = p.components().iter().find(|c| c.name == name).unwrap();
        assert_eq!(c.phase, phase, "{name}");
        let org = network
            .organisation(c.provider.as_deref().unwrap())
            .unwrap();
        assert_eq!(org.name, provider, "{name}");
        let m = &c.measures[0];
        assert_eq!(m.name, measure);
        assert_eq!(m.value, Some(value.parse().unwrap()));
        assert_eq!(m.target, target.parse::<f64>().unwrap());
        assert_eq!(
            m.direction == carepath::model::Direction::LowerIsBetter,
            lower
        );
    }
    let schools = network
        .organisations()
        .iter()
        .find(|o| o.name == "Schools")
        .unwrap();
    assert_eq!(schools.sector, Sector::Education);
    let managed = p
        .links()
        .iter()
        .filter(|l| l.integration == Some(Integration::ManagedIntegration))
        .count();
    assert_eq!(managed, 2);
    // Everything it made is what a file holds: it saves and loads back the same.
    let text = carepath::storage::to_canonical_string(&network);
    let back = carepath::storage::parse(&text, std::path::Path::new("asthma.ron")).unwrap();
    assert_eq!(back, network);
}
