//! `carepath export FILE --format dot|mermaid|svg|csv|md|actions [-o OUT]`
//!
//! Each format is a pure function from the network and its analysis to text, in its own
//! file; this one loads, renders and writes (stdout, or OUT atomically; `-` is stdin or
//! stdout).

mod actions;
mod csv;
mod dot;
mod font;
mod html;
mod md;
mod md_children;
mod md_trust;
mod mermaid;
mod picture;
mod record;
mod svg;

pub use picture::Page;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::analysis::{FindingKind, NetworkAnalysis, Status, Target, analyse};
use crate::model::{Network, Pathway};

use super::{exit, io, stdout};
use crate::storage;

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
    /// One self-contained web page: maps, details on click, weakest links, findings.
    Html,
    /// The SVG map as a PNG picture on a landscape page (see --page).
    Png,
    /// The SVG map as a one-page PDF on a landscape page (see --page).
    Pdf,
}

/// How many of each pathway's weakest links the maps number.
pub const RANKED: usize = 5;

/// A network with its analysis, and the questions every format asks of them.
pub struct View<'a> {
    pub network: &'a Network,
    pub analysis: NetworkAnalysis,
    /// (pathway index, link index) of links with a WeakHandoff finding.
    weak_handoffs: HashSet<(usize, usize)>,
}

impl<'a> View<'a> {
    pub fn new(network: &'a Network) -> Self {
        let analysis = analyse(network);
        let weak_handoffs = analysis
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::WeakHandoff)
            .filter_map(|f| match f.target? {
                Target::Link(j) => Some((f.pathway, j)),
                Target::Component(_) => None,
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
        self.network.pathways()[p]
            .link_position(from, to)
            .is_some_and(|j| self.is_weak_link(p, j))
    }

    /// `is_weak_handoff` of link `j` of pathway `p`.
    pub fn is_weak_link(&self, p: usize, j: usize) -> bool {
        self.weak_handoffs.contains(&(p, j))
    }

    /// The rank (1 = weakest) of a component or link among its pathway's weakest links,
    /// for the first `RANKED` of them, as the editor's weakest view numbers them.
    pub fn rank(&self, p: usize, target: Target) -> Option<usize> {
        self.analysis
            .weakest
            .iter()
            .filter(|w| w.pathway == p)
            .take(RANKED)
            .position(|w| w.target == target)
            .map(|k| k + 1)
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

/// "✗ Red · 59%", or "? No data" without a strength.
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

/// "59%", or "no data".
pub fn strength_text(s: Option<f64>) -> String {
    s.map_or_else(|| "no data".to_string(), percent)
}

/// A strength (0 to 1) as every output shows it: a whole percentage, "59%".
pub fn percent(s: f64) -> String {
    format!("{:.0}%", s * 100.0)
}

/// Text from a file on one line: control characters (newlines included) become spaces.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The text formats' output, naming `source` (the file) where the output says where it
/// came from; the SVG map for PNG and PDF.
pub fn render_from(network: &Network, format: Format, source: &str) -> String {
    let view = View::new(network);
    match format {
        Format::Html => html::render(
            &view,
            &html::Origin {
                source,
                date: &crate::model::today(),
            },
        ),
        Format::Dot => dot::render(&view),
        Format::Mermaid => mermaid::render(&view),
        Format::Svg | Format::Png | Format::Pdf => svg::render(&view),
        Format::Csv => csv::render(&view),
        Format::Md => md::render(&view, &crate::model::today()),
        Format::Actions => actions::render(&view, &crate::model::today()),
    }
}

/// What `export` writes: text, or a PNG or PDF drawn from the SVG map on `page`.
pub fn render_bytes(
    network: &Network,
    format: Format,
    page: Page,
    source: &str,
) -> Result<Vec<u8>, String> {
    let text = render_from(network, format, source);
    match format {
        Format::Png => picture::png(&text, page),
        Format::Pdf => picture::pdf(&text, page),
        _ => Ok(text.into_bytes()),
    }
}

/// The network with only pathway `id` (and only its actions), or why not.
pub fn only_pathway(network: &Network, id: &str) -> Result<Network, String> {
    if network.pathway(id).is_none() {
        let ids: Vec<&str> = network.pathways().iter().map(|p| p.id.as_str()).collect();
        return Err(format!(
            "no pathway {id:?}; the pathways are: {}",
            if ids.is_empty() {
                "(none)".to_string()
            } else {
                ids.join(", ")
            }
        ));
    }
    let mut one = network.clone();
    let others: Vec<String> = one
        .pathways()
        .iter()
        .filter(|p| p.id != id)
        .map(|p| p.id.clone())
        .collect();
    for other in others {
        one.remove_pathway(&other)
            .expect("a pathway just listed can be removed");
    }
    Ok(one)
}

/// What `carepath export` was asked for, besides the file and the format.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub out: Option<PathBuf>,
    pub pathway: Option<String>,
    pub page: Page,
}

pub fn run(file: &Path, format: Format, options: &Options) -> u8 {
    let mut network = match io::load(file) {
        Ok(n) => n,
        Err(e) => {
            errorln!("{e}");
            return exit::BAD_INPUT;
        }
    };
    if let Some(id) = &options.pathway {
        match only_pathway(&network, id) {
            Ok(one) => network = one,
            Err(why) => {
                errorln!("{}: {why}", io::name(file));
                return exit::BAD_INPUT;
            }
        }
    }
    let source = io::name(file);
    if matches!(format, Format::Svg | Format::Html)
        && let Some(path) = options.out.as_deref().filter(|path| !io::is_dash(path))
        && !would_replace_a_pathway(file, path)
    {
        // The map or page is written to its file as it is made: a large one is never
        // held whole.
        let view = View::new(&network);
        let today = crate::model::today();
        let origin = html::Origin {
            source: &source,
            date: &today,
        };
        let written = storage::write_atomic_streamed(path, |sink| match format {
            Format::Html => html::render_into(&view, &origin, sink),
            _ => svg::render_into(&view, sink),
        });
        drop(view);
        super::let_go(network);
        return io::wrote(written);
    }
    let bytes = match render_bytes(&network, format, options.page, &source) {
        Ok(b) => b,
        Err(why) => {
            errorln!("{}: could not draw the map: {why}", io::name(file));
            return exit::BAD_INPUT;
        }
    };
    super::let_go(network);
    match options.out.as_deref().filter(|path| !io::is_dash(path)) {
        // No -o, or -o -: standard output. A failure to write is reported by `cli::run`.
        None => {
            stdout::write_bytes(&bytes);
            exit::OK
        }
        Some(path) if would_replace_a_pathway(file, path) => {
            errorln!(
                "{}: is a pathway file; an export never writes over one (choose another -o)",
                crate::text::visible(&path.display().to_string())
            );
            exit::BAD_INPUT
        }
        Some(path) => io::wrote(storage::write_atomic_unchecked(path, &bytes)),
    }
}

/// `export F -o F`, or onto any existing `.ron` file: the export would replace the
/// network itself with a diagram.
fn would_replace_a_pathway(file: &Path, out: &Path) -> bool {
    let same = match (std::fs::canonicalize(file), std::fs::canonicalize(out)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    same || (out.exists()
        && out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron")))
}
