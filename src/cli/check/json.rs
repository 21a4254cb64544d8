//! `check --format json`: the shape of README, "Commands", field by field.

use serde::Serialize;
use serde_json::value::RawValue;

use super::measures::{MeasureReport, measure_reports};
use crate::analysis::{Basis, Finding, Messages, NetworkAnalysis, Target};
use crate::model::{Network, Pathway};
use crate::storage::LoadError;

#[derive(Serialize)]
pub struct Report<'a> {
    pub files: Vec<FileEntry<'a>>,
}

/// A file in the report: its analysis, or why it could not be loaded.
#[derive(Serialize)]
#[serde(untagged)]
pub enum FileEntry<'a> {
    Loaded(FileReport<'a>),
    Failed(FailedReport),
}

/// `{"file", "error": {"message", "line", "column"}}` for a file that did not load.
#[derive(Serialize)]
pub struct FailedReport {
    file: String,
    error: ErrorReport,
}

#[derive(Serialize)]
struct ErrorReport {
    message: String,
    line: Option<usize>,
    column: Option<usize>,
}

/// The first problem with its place (the text report lists them all); the message
/// says how many more there are.
pub fn failed_report(file: String, error: &LoadError) -> FailedReport {
    let (message, position) = match error {
        LoadError::Io { source, .. } => (source.to_string(), None),
        LoadError::TooLarge { size, limit, .. } => (
            format!("file is {size} bytes, larger than the {limit}-byte limit"),
            None,
        ),
        LoadError::Invalid { problems, .. } => {
            let first = problems.first();
            let mut message = first.map_or_else(String::new, |p| p.message.clone());
            if problems.len() > 1 {
                message.push_str(&format!(" (and {} more problems)", problems.len() - 1));
            }
            (message, first.and_then(|p| p.position))
        }
    };
    FailedReport {
        file,
        error: ErrorReport {
            message,
            line: position.map(|p| p.line),
            column: position.map(|p| p.col),
        },
    }
}

#[derive(Serialize)]
pub struct FileReport<'a> {
    file: String,
    network: &'a str,
    pathways: Vec<PathwayReport<'a>>,
    weakest: Vec<WeakReport<'a>>,
    findings: Vec<FindingReport<'a>>,
}

#[derive(Serialize)]
struct PathwayReport<'a> {
    id: &'a str,
    strength: Option<f64>,
    status: crate::analysis::Status,
    journeys: Box<RawValue>,
    /// The cohort (1.1).
    children: Option<f64>,
    components: Vec<ComponentReport<'a>>,
}

#[derive(Serialize)]
struct ComponentReport<'a> {
    id: &'a str,
    phase: crate::model::Phase,
    status: crate::analysis::Status,
    strength: Option<f64>,
    reach: f64,
    basis: Basis,
    children: Option<f64>,
    impact: Option<f64>,
    affected: Option<f64>,
    measures: Vec<MeasureReport<'a>>,
}

#[derive(Serialize)]
struct WeakReport<'a> {
    pathway: &'a str,
    #[serde(flatten)]
    target: TargetRef<'a>,
    strength: f64,
    reach: f64,
    basis: Basis,
    children: Option<f64>,
    impact: f64,
    affected: Option<f64>,
}

#[derive(Serialize)]
struct LinkRef<'a> {
    from: &'a str,
    to: &'a str,
}

/// `"component": "id"` or `"link": {"from": …, "to": …}` in a weakest-links entry.
#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum TargetRef<'a> {
    Component(&'a str),
    Link(LinkRef<'a>),
}

impl<'a> TargetRef<'a> {
    fn of(target: Target, pathway: &'a Pathway) -> Self {
        match target {
            Target::Component(i) => TargetRef::Component(&pathway.components()[i].id),
            Target::Link(j) => {
                let l = &pathway.links()[j];
                TargetRef::Link(LinkRef {
                    from: &l.from,
                    to: &l.to,
                })
            }
        }
    }
}

#[derive(Serialize)]
struct FindingReport<'a> {
    kind: crate::analysis::FindingKind,
    severity: crate::analysis::Severity,
    pathway: &'a str,
    component: Option<&'a str>,
    link: Option<LinkRef<'a>>,
    measure: Option<&'a str>,
    message: String,
}

/// The number of journeys as a JSON number: exact up to 2^53, then in scientific
/// notation to 7 significant digits. A count beyond f64's range (about 10^308) is
/// written as the largest finite f64: JSON readers such as serde_json refuse a number
/// they cannot hold, and one such number would make the whole report unreadable. The
/// text report gives the power of ten.
pub fn journeys_number(ln_total: f64) -> Box<RawValue> {
    let text = if ln_total == f64::NEG_INFINITY {
        "0".to_string()
    } else if ln_total < 53.0 * std::f64::consts::LN_2 {
        format!("{}", ln_total.exp().round())
    } else {
        let total = ln_total.exp();
        if total.is_finite() {
            // Rounding to 7 digits never goes past f64::MAX (1.7976931...e308).
            format!("{total:.6e}")
        } else {
            format!("{:e}", f64::MAX)
        }
    };
    RawValue::from_string(text).expect("digits, a point and an exponent are valid JSON")
}

pub fn file_report<'a>(
    file: String,
    network: &'a Network,
    analysis: &'a NetworkAnalysis,
) -> FileReport<'a> {
    let pathway_id = |i: usize| network.pathways()[i].id.as_str();
    let pathways = network
        .pathways()
        .iter()
        .zip(&analysis.pathways)
        .map(|(p, a)| PathwayReport {
            id: &p.id,
            strength: a.strength,
            status: a.status,
            journeys: journeys_number(a.journeys.ln_total),
            children: a.cohort,
            components: p
                .components()
                .iter()
                .zip(&a.components)
                .map(|(c, ca)| ComponentReport {
                    id: &c.id,
                    phase: c.phase,
                    status: ca.score.status,
                    strength: ca.score.strength,
                    reach: ca.reach,
                    basis: ca.basis,
                    children: ca.children,
                    impact: ca.impact,
                    affected: ca.affected,
                    measures: measure_reports(&c.measures),
                })
                .collect(),
        })
        .collect();
    let weakest = analysis
        .weakest
        .iter()
        .map(|w| WeakReport {
            pathway: pathway_id(w.pathway),
            target: TargetRef::of(w.target, &network.pathways()[w.pathway]),
            strength: w.strength,
            reach: w.reach,
            basis: w.basis,
            children: w.children,
            impact: w.impact,
            affected: w.affected,
        })
        .collect();
    let messages = Messages::new(network, analysis);
    let findings = analysis
        .findings
        .iter()
        .map(|f: &Finding| FindingReport {
            kind: f.kind,
            severity: f.severity,
            pathway: pathway_id(f.pathway),
            component: f.component(network).map(|c| c.id.as_str()),
            link: f.link(network).map(|l| LinkRef {
                from: &l.from,
                to: &l.to,
            }),
            measure: f.measure(network).map(|m| m.id.as_str()),
            message: messages.of(f),
        })
        .collect();
    FileReport {
        file,
        network: &network.name,
        pathways,
        weakest,
        findings,
    }
}
