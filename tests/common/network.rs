//! Small networks for the analysis and `check` tests, built only through the checked
//! operations of the model (so every network here is one carepath could load).

use carepath::analysis::{Finding, FindingKind, Messages, NetworkAnalysis, Severity, analyse};
use carepath::model::{
    Component, Condition, Direction, Domain, Integration, Level, Link, Measure, MeasureOwner,
    Network, Organisation, Pathway, Phase, Sector,
};

/// Builds a network one pathway at a time; components and links go to the pathway
/// added last. Every step goes through `Network`'s checked operations and panics on a
/// refusal, so a test cannot build something carepath would not load.
pub struct Builder {
    network: Network,
    current: String,
}

impl Builder {
    /// A network named "Test network" with one pathway `p`, "Test pathway".
    pub fn new(condition: Condition) -> Self {
        Builder::named("Test network").pathway("p", "Test pathway", condition)
    }

    /// A network with no pathway yet.
    pub fn named(name: &str) -> Self {
        Builder {
            network: Network::new(name),
            current: String::new(),
        }
    }

    pub fn pathway(mut self, id: &str, name: &str, condition: Condition) -> Self {
        self.network
            .add_pathway(Pathway::new(id, name, condition))
            .expect("pathway");
        self.current = id.to_string();
        self
    }

    pub fn org(mut self, id: &str, name: &str, sector: Sector) -> Self {
        self.network
            .add_organisation(Organisation::new(id, name, sector, Level::Community))
            .expect("organisation");
        self
    }

    /// A component named after its id.
    pub fn c(self, id: &str, phase: Phase) -> Self {
        self.named_c(id, id, phase, None)
    }

    /// A component with a name and, optionally, a provider.
    pub fn named_c(mut self, id: &str, name: &str, phase: Phase, provider: Option<&str>) -> Self {
        let mut c = Component::new(id, name, phase);
        c.provider = provider.map(str::to_string);
        self.network
            .add_component(&self.current, c, None)
            .expect("component");
        self
    }

    pub fn link(self, from: &str, to: &str) -> Self {
        self.link_with(Link::new(from, to))
    }

    pub fn link_at(self, from: &str, to: &str, integration: Integration) -> Self {
        let mut l = Link::new(from, to);
        l.integration = Some(integration);
        self.link_with(l)
    }

    pub fn link_with(mut self, link: Link) -> Self {
        self.network.add_link(&self.current, link).expect("link");
        self
    }

    /// Links each id to the next: `chain(&["a", "b", "c"])` is a → b → c.
    pub fn chain(mut self, ids: &[&str]) -> Self {
        for w in ids.windows(2) {
            self = self.link(w[0], w[1]);
        }
        self
    }

    pub fn measure(mut self, component: &str, m: Measure) -> Self {
        self.network
            .add_measure(&MeasureOwner::Component(component.to_string()), m)
            .expect("measure");
        self
    }

    pub fn link_measure(mut self, from: &str, to: &str, m: Measure) -> Self {
        let owner = MeasureOwner::Link {
            from: from.to_string(),
            to: to.to_string(),
        };
        self.network.add_measure(&owner, m).expect("link measure");
        self
    }

    /// Sets the current pathway's cohort.
    pub fn cohort(mut self, children: f64) -> Self {
        let id = self.current.clone();
        self.network
            .set_pathway_children(&id, Some(children))
            .expect("cohort");
        self
    }

    /// Sets a component's children a year.
    pub fn children(mut self, id: &str, children: f64) -> Self {
        let (_, c) = self.network.find_component(id).expect("component");
        let mut c = c.clone();
        c.children = Some(children);
        self.network.update_component(id, c).expect("children");
        self
    }

    /// Sets a link's children a year.
    pub fn link_children(mut self, from: &str, to: &str, children: f64) -> Self {
        let (p, _) = self.network.find_component(from).expect("from");
        let mut l = p_link(p, from, to);
        l.children = Some(children);
        self.network
            .update_link(from, to, l)
            .expect("link children");
        self
    }

    pub fn build(self) -> Network {
        self.network
    }
}

fn p_link(p: &Pathway, from: &str, to: &str) -> Link {
    p.link(from, to).expect("link").clone()
}

/// A measure with an id made from its numbers, so several fit on one component.
fn measure(direction: Direction, target: f64, amber: Option<f64>, value: Option<f64>) -> Measure {
    let id = format!(
        "m-{}",
        COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let mut m = Measure::new(&id, "Measure", Domain::Effectiveness, direction, target);
    m.amber = amber;
    m.value = value;
    m
}

static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// HigherIsBetter, no amber.
pub fn hi(target: f64, value: f64) -> Measure {
    measure(Direction::HigherIsBetter, target, None, Some(value))
}

/// LowerIsBetter, no amber.
pub fn lo(target: f64, value: f64) -> Measure {
    measure(Direction::LowerIsBetter, target, None, Some(value))
}

/// Any direction, amber and value.
pub fn m(direction: Direction, target: f64, amber: Option<f64>, value: Option<f64>) -> Measure {
    measure(direction, target, amber, value)
}

/// A measure with a name, unit and value, for messages.
pub fn named_m(id: &str, name: &str, unit: &str, target: f64, value: Option<f64>) -> Measure {
    let mut m = Measure::new(
        id,
        name,
        Domain::Effectiveness,
        Direction::HigherIsBetter,
        target,
    );
    m.unit = unit.to_string();
    m.value = value;
    m
}

/// A measure whose attainment is exactly `strength` (HigherIsBetter, target 1).
pub fn strength(s: f64) -> Measure {
    hi(1.0, s)
}

/// One pathway `p` (LongTerm) with these components and links, each component named
/// after its id.
pub fn graph(components: &[(&str, Phase)], links: &[(&str, &str)]) -> Network {
    let mut b = Builder::new(Condition::LongTerm);
    for &(id, phase) in components {
        b = b.c(id, phase);
    }
    for &(from, to) in links {
        b = b.link(from, to);
    }
    b.build()
}

/// Reach of a component of the first pathway.
pub fn reach(network: &Network, analysis: &NetworkAnalysis, id: &str) -> f64 {
    let i = network.pathways()[0].position(id).expect("component");
    analysis.pathways[0].components[i].reach
}

/// Reach of a link of the first pathway.
pub fn link_reach(network: &Network, analysis: &NetworkAnalysis, from: &str, to: &str) -> f64 {
    let j = network.pathways()[0].link_position(from, to).expect("link");
    analysis.pathways[0].links[j].reach
}

/// Findings of one kind.
pub fn of_kind(analysis: &NetworkAnalysis, kind: FindingKind) -> Vec<&Finding> {
    analysis
        .findings
        .iter()
        .filter(|f| f.kind == kind)
        .collect()
}

/// A finding as a reader sees it: ids and the message written out.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    pub kind: FindingKind,
    pub severity: Severity,
    pub pathway: usize,
    pub component: Option<String>,
    pub link: Option<(String, String)>,
    pub message: String,
    pub impact: Option<f64>,
    pub phase: Phase,
}

/// Every finding of `network`, in order, with ids and messages written out.
pub fn seen(network: &Network) -> Vec<Seen> {
    let analysis = analyse(network);
    let messages = Messages::new(network, &analysis);
    analysis
        .findings
        .iter()
        .map(|f| Seen {
            kind: f.kind,
            severity: f.severity,
            pathway: f.pathway,
            component: f.component(network).map(|c| c.id.clone()),
            link: f.link(network).map(|l| (l.from.clone(), l.to.clone())),
            message: messages.of(f),
            impact: f.impact,
            phase: f.phase,
        })
        .collect()
}

/// Analyses and returns the findings of one kind, written out.
pub fn findings_of(network: &Network, kind: FindingKind) -> Vec<Seen> {
    seen(network)
        .into_iter()
        .filter(|f| f.kind == kind)
        .collect()
}

/// `a` and `b` agree to 1e-12, relative to the larger.
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

#[track_caller]
pub fn assert_close(a: f64, b: f64) {
    assert!(close(a, b), "{a} is not {b}");
}
