//! `check --format text`: a short report per file for people, readable at 80 columns.

use std::fmt::Write;

use crossterm::style::{Color, Stylize};

use super::children;
use crate::analysis::{Finding, Messages, NetworkAnalysis, Severity, Status, Target, WeakLink};
use crate::model::{Network, Pathway};

/// How many weakest links the text report lists per file.
const WEAKEST_SHOWN: usize = 5;
const WIDTH: usize = 80;

pub struct Painter {
    pub colour: bool,
}

impl Painter {
    fn paint(&self, text: &str, colour: Color) -> String {
        if self.colour {
            text.with(colour).bold().to_string()
        } else {
            text.to_string()
        }
    }

    fn status(&self, s: Status) -> String {
        let colour = match s {
            Status::Red => Color::Red,
            Status::Amber => Color::Yellow,
            Status::Green => Color::Green,
            Status::NoData => Color::Grey,
        };
        self.paint(&format!("{} {}", s.symbol(), s.word()), colour)
    }

    fn severity(&self, s: Severity) -> String {
        let colour = match s {
            Severity::High => Color::Red,
            Severity::Medium => Color::Yellow,
            Severity::Low => Color::Cyan,
        };
        self.paint(s.word(), colour)
    }
}

/// Wraps `text` to `WIDTH`, every line starting with `indent` spaces. Words go straight
/// to `out`, counted as they go: a report of 60,000 components wraps 120,000 messages.
fn wrap(out: &mut impl Write, indent: usize, text: &str) {
    // Characters on the current line after its indent; 0 before its first word.
    let mut width = 0;
    for word in text.split_whitespace() {
        let chars = word.chars().count();
        if width > 0 && indent + width + 1 + chars > WIDTH {
            let _ = out.write_char('\n');
            width = 0;
        }
        if width == 0 {
            for _ in 0..indent {
                let _ = out.write_char(' ');
            }
        } else {
            let _ = out.write_char(' ');
            width += 1;
        }
        let _ = out.write_str(word);
        width += chars;
    }
    if width > 0 {
        let _ = out.write_char('\n');
    }
}

/// A strength or reach as every output shows it: a whole percentage ("no data" without).
fn share(x: Option<f64>) -> String {
    x.map_or_else(|| "no data".to_string(), crate::cli::export::percent)
}

fn journeys_text(ln_total: f64) -> String {
    if ln_total < 53.0 * std::f64::consts::LN_2 {
        match ln_total.exp().round() {
            1.0 => "1 journey".to_string(),
            n => format!("{n} journeys"),
        }
    } else {
        format!(
            "about 10^{:.0} journeys",
            ln_total / std::f64::consts::LN_10
        )
    }
}

fn target_name(pathway: &Pathway, target: Target) -> String {
    match target.names(pathway) {
        Some((from, Some(to))) => format!("link {from} → {to}"),
        Some((name, None)) => name.to_string(),
        None => String::new(),
    }
}

/// Writes the report of one file to `out`.
pub fn report(
    out: &mut impl Write,
    file: &str,
    network: &Network,
    analysis: &NetworkAnalysis,
    paint: &Painter,
) {
    let _ = writeln!(out, "{file}: {}", network.name);
    for (p, a) in network.pathways().iter().zip(&analysis.pathways) {
        let _ = writeln!(
            out,
            "  {}: {} · strength {} · {} components · {}",
            p.name,
            paint.status(a.status),
            share(a.strength),
            p.components().len(),
            journeys_text(a.journeys.ln_total),
        );
        if let Some(cohort) = children::cohort(a.cohort) {
            let _ = writeln!(out, "    {cohort}");
        }
    }
    if !analysis.weakest.is_empty() {
        let shown = analysis.weakest.len().min(WEAKEST_SHOWN);
        let _ = writeln!(
            out,
            "\n  Weakest links ({shown} of {})",
            analysis.weakest.len()
        );
        for (rank, w) in analysis.weakest.iter().take(shown).enumerate() {
            let pathway = &network.pathways()[w.pathway];
            let status = w_status(analysis, w);
            let _ = writeln!(
                out,
                "  {:>2}. impact {:.2}  strength {}  reach {} {}  {}",
                rank + 1,
                w.impact,
                share(Some(w.strength)),
                share(Some(w.reach)),
                children::basis(w.basis),
                paint.status(status)
            );
            wrap(
                out,
                6,
                &format!("{} ({})", target_name(pathway, w.target), pathway.name),
            );
            if let Some(counted) = children::counted(w) {
                wrap(out, 6, &counted);
            }
        }
    }
    let count = |s: Severity| analysis.findings.iter().filter(|f| f.severity == s).count();
    let _ = writeln!(
        out,
        "\n  Findings: {} high, {} medium, {} low",
        count(Severity::High),
        count(Severity::Medium),
        count(Severity::Low)
    );
    let messages = Messages::new(network, analysis);
    let all = &analysis.findings;
    if all.len() < SPLIT_FROM {
        findings(out, network, &messages, all, None, paint);
        return;
    }
    // A large report's second half is written on another core, the first streamed here.
    let half = all.len() / 2;
    let before = all.get(half.wrapping_sub(1)).map(|f| f.severity);
    let (second, ()) = crate::threads::both(
        || {
            let mut text = String::new();
            findings(&mut text, network, &messages, &all[half..], before, paint);
            text
        },
        || findings(out, network, &messages, &all[..half], None, paint),
    );
    let _ = out.write_str(&second);
}

/// From this many findings, the report writes them on two threads.
const SPLIT_FROM: usize = 20_000;

/// The findings, each under its severity's heading when it is not `current`'s.
fn findings(
    out: &mut impl Write,
    network: &Network,
    messages: &Messages,
    found: &[Finding],
    mut current: Option<Severity>,
    paint: &Painter,
) {
    for f in found {
        if current != Some(f.severity) {
            current = Some(f.severity);
            let _ = writeln!(out, "  {}", paint.severity(f.severity));
        }
        let pathway = &network.pathways()[f.pathway];
        let _ = writeln!(out, "    {} · {}", f.kind.label(), pathway.name);
        wrap(out, 6, &messages.of(f));
    }
}

fn w_status(analysis: &NetworkAnalysis, w: &WeakLink) -> Status {
    let a = &analysis.pathways[w.pathway];
    match w.target {
        Target::Component(i) => a.components[i].score.status,
        Target::Link(j) => a.links[j].score.status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_written_on_two_threads_is_the_one_written_on_one() {
        let network = crate::generate::network(16_000, 2);
        let analysis = crate::analysis::analyse(&network);
        assert!(
            analysis.findings.len() >= SPLIT_FROM,
            "{}",
            analysis.findings.len()
        );
        for colour in [false, true] {
            let paint = Painter { colour };
            let mut split = String::new();
            report(&mut split, "f.ron", &network, &analysis, &paint);
            let mut one = String::new();
            let messages = Messages::new(&network, &analysis);
            findings(
                &mut one,
                &network,
                &messages,
                &analysis.findings,
                None,
                &paint,
            );
            assert!(split.ends_with(&one));
            assert!(split.len() > one.len());
        }
    }
}
