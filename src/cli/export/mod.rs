//! `carepath export FILE --format dot|mermaid|svg|csv|md|actions [-o OUT]`
//!
//! Each format is a pure function from the network and its analysis to text, in its own
//! file; this one loads, renders and writes (stdout, or OUT atomically; `-` is stdin or
//! stdout).

mod actions;
mod csv;
mod dot;
mod md;
mod mermaid;
mod svg;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::analysis::{FindingKind, NetworkAnalysis, Status, analyse};
use crate::model::{Network, Pathway};

use super::{exit, io};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Graphviz DOT: pathways with phase clusters.
    Dot,
    /// A Mermaid `flowchart LR` (renders on GitHub and GitLab).
    Mermaid,
    /// carepath's own drawing of the map, no Graphviz needed.
    Svg,
    /// One row per measure.
    Csv,
    /// A review report in Markdown.
    Md,
    /// Workshop minutes in Markdown: the actions agreed, by pathway and component.
    Actions,
}

/// A network with its analysis, and the questions every format asks of them.
pub struct View<'a> {
    pub network: &'a Network,
    pub analysis: NetworkAnalysis,
    /// (pathway index, from, to) of links with a WeakHandoff finding.
    weak_handoffs: HashSet<(usize, String, String)>,
}

impl<'a> View<'a> {
    pub fn new(network: &'a Network) -> Self {
        let analysis = analyse(network);
        let weak_handoffs = analysis
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::WeakHandoff)
            .filter_map(|f| {
                let l = f.link(network)?;
                Some((f.pathway, l.from.clone(), l.to.clone()))
            })
            .collect();
        View {
            network,
            analysis,
            weak_handoffs,
        }
    }

    pub fn pathways(&self) -> impl Iterator<Item = (usize, &'a Pathway)> {
        self.network.pathways().iter().enumerate()
    }

    pub fn component_status(&self, p: usize, i: usize) -> Status {
        self.analysis.pathways[p].components[i].score.status
    }

    pub fn component_strength(&self, p: usize, i: usize) -> Option<f64> {
        self.analysis.pathways[p].components[i].score.strength
    }

    pub fn link_status(&self, p: usize, j: usize) -> Status {
        self.analysis.pathways[p].links[j].score.status
    }

    pub fn is_weak_handoff(&self, p: usize, from: &str, to: &str) -> bool {
        self.weak_handoffs
            .contains(&(p, from.to_string(), to.to_string()))
    }

    /// The provider's name, if the component has one.
    pub fn provider_name(&self, provider: Option<&str>) -> Option<&'a str> {
        let id = provider?;
        self.network.organisation(id).map(|o| o.name.as_str())
    }
}

/// Fill and stroke colours per status: light fills that print well, dark strokes.
pub fn colours(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Green => ("#d8f0d8", "#1b6e1b"),
        Status::Amber => ("#ffe6a8", "#8a5a00"),
        Status::Red => ("#f8cfcf", "#a4001d"),
        Status::NoData => ("#ececec", "#5c5c5c"),
    }
}

/// "✗ Red · 0.59", or "? No data" without a strength.
pub fn status_line(status: Status, strength: Option<f64>) -> String {
    match strength {
        Some(_) => format!(
            "{} {} · {}",
            status.symbol(),
            status.word(),
            strength_text(strength)
        ),
        None => format!("{} {}", status.symbol(), status.word()),
    }
}

/// "0.59", or "no data".
pub fn strength_text(s: Option<f64>) -> String {
    s.map_or_else(|| "no data".to_string(), |v| format!("{v:.2}"))
}

/// Text from a file on one line: control characters (newlines included) become spaces.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

pub fn render(network: &Network, format: Format) -> String {
    let view = View::new(network);
    match format {
        Format::Dot => dot::render(&view),
        Format::Mermaid => mermaid::render(&view),
        Format::Svg => svg::render(&view),
        Format::Csv => csv::render(&view),
        Format::Md => md::render(&view),
        Format::Actions => actions::render(&view, &crate::model::today()),
    }
}

pub fn run(file: &Path, format: Format, out: Option<&PathBuf>) -> u8 {
    let network = match io::load(file) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("{e}");
            return exit::BAD_INPUT;
        }
    };
    let text = render(&network, format);
    io::write_out("export", out.map(PathBuf::as_path), text.as_bytes())
}
