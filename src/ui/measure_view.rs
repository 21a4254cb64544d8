//! A measure beyond its value, in the details panel: the run chart of its series with mean
//! and process limits, special-cause points marked by symbol as well as colour; its
//! variation and assurance in words and symbols (in the spirit of *Making Data Count*);
//! its benchmark; whether its period is stale or not understood; and each breakdown as
//! labelled bars with its gap.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::{fit, fit_padded, number, visible, width, with_unit};
use super::theme::Theme;
use crate::analysis::Status;
use crate::analysis::currency::{Currency, Date, below_benchmark};
use crate::analysis::equity::{self, is_gap};
use crate::analysis::spc::{self, Assurance, Chart, Variation};
use crate::model::{Breakdown, Direction, Measure};

/// Rows of the run chart.
pub const CHART_ROWS: usize = 5;
/// A common-cause point and a special-cause point: told apart without colour.
pub const POINT: char = '•';
pub const SPECIAL: char = '◆';

/// The word after the period: "stale", "period not understood", or nothing.
pub fn currency_span(m: &Measure, reference: Option<Date>, theme: &Theme) -> Option<Span<'static>> {
    match Currency::of(m, reference) {
        c @ (Currency::Stale(_) | Currency::NotUnderstood) => Some(Span::styled(
            format!(" {}", c.word()),
            theme.status(Status::Amber),
        )),
        _ => None,
    }
}

/// The lines under a measure's value: benchmark, chart, breakdowns. `room` is the panel's
/// inner width.
pub fn extras(m: &Measure, room: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some((label, b)) = &m.benchmark {
        let (mark, style) = if below_benchmark(m) {
            ("▼ worse than", theme.status(Status::Red))
        } else {
            ("at or better than", theme.dim)
        };
        let text = format!("    {mark} {} {}", with_unit(*b, &m.unit), visible(label));
        lines.push(Line::styled(fit(&text, room), style));
    }
    match spc::chart(m) {
        Some(chart) => {
            // The verdict first: in a short panel the words matter more than the picture.
            lines.push(verdict(&chart, &m.unit, room, theme));
            lines.extend(chart_lines(&chart, room, theme));
        }
        None => {
            let n = spc::series(m).len();
            if n >= 2 {
                let text = format!("    {n} points over time: a chart needs 12");
                lines.push(Line::styled(fit(&text, room), theme.dim));
            }
        }
    }
    for b in &m.breakdowns {
        lines.extend(breakdown_lines(m, b, room, theme));
    }
    lines
}

fn variation_style(v: Variation, theme: &Theme) -> Style {
    match v {
        Variation::Concern => theme.status(Status::Red),
        Variation::Improvement => theme.status(Status::Green),
        Variation::CommonCause => theme.dim,
    }
}

fn assurance_style(a: Assurance, theme: &Theme) -> Style {
    match a {
        Assurance::ConsistentlyFail => theme.status(Status::Red),
        Assurance::ConsistentlyPass => theme.status(Status::Green),
        Assurance::HitAndMiss => theme.status(Status::Amber),
    }
}

/// "▼ concern · F consistently fail · mean 21.3, limits 18.6 to 24".
fn verdict(chart: &Chart, unit: &str, room: usize, theme: &Theme) -> Line<'static> {
    let v = chart.variation;
    let a = chart.assurance;
    let spans = vec![
        Span::raw("    "),
        Span::styled(
            format!("{} {}", v.symbol(), v.word()),
            variation_style(v, theme),
        ),
        Span::styled(" · ", theme.dim),
        Span::styled(
            format!("{} {}", a.symbol(), a.word()),
            assurance_style(a, theme),
        ),
    ];
    let numbers = format!(
        " · mean {}, limits {} to {}",
        number(chart.mean),
        number(chart.lpl),
        with_unit(chart.upl, unit)
    );
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let mut line = Line::from(spans);
    if used + width(&numbers) <= room {
        line.push_span(Span::styled(numbers, theme.dim));
    }
    line
}

/// Which row (0 at the top) a value falls on, between `lo` and `hi`.
fn row_of(v: f64, lo: f64, hi: f64) -> usize {
    if hi - lo <= f64::EPSILON {
        return CHART_ROWS / 2;
    }
    let r = ((hi - v) / (hi - lo) * (CHART_ROWS - 1) as f64).round();
    (r.max(0.0) as usize).min(CHART_ROWS - 1)
}

/// The run chart as text, one column a point (the latest points when there is not room
/// for all): the upper limit and lower limit as dotted lines, the mean as a solid one,
/// points as `•`, special-cause points as `◆` in the colour of their side. Labels on the
/// right where there is room.
pub fn chart_lines(chart: &Chart, room: usize, theme: &Theme) -> Vec<Line<'static>> {
    const INDENT: usize = 4;
    let labels = 12;
    let columns = room.saturating_sub(INDENT + 1).min(chart.points.len());
    let show_labels = room >= INDENT + columns + 1 + labels;
    let skip = chart.points.len() - columns;
    let points = &chart.points[skip..];
    let lo = points.iter().copied().fold(chart.lpl, f64::min);
    let hi = points.iter().copied().fold(chart.upl, f64::max);
    let (upl, mean, lpl) = (
        row_of(chart.upl, lo, hi),
        row_of(chart.mean, lo, hi),
        row_of(chart.lpl, lo, hi),
    );
    (0..CHART_ROWS)
        .map(|row| {
            let line_char = if row == mean {
                '─'
            } else if row == upl || row == lpl {
                '┈'
            } else {
                ' '
            };
            let mut spans = vec![Span::raw(" ".repeat(INDENT))];
            for (k, &v) in points.iter().enumerate() {
                let i = skip + k;
                if row_of(v, lo, hi) == row {
                    let (c, style) = if chart.is_special(i) {
                        (SPECIAL, special_style(chart, v, theme))
                    } else {
                        (POINT, Style::new())
                    };
                    spans.push(Span::styled(c.to_string(), style));
                } else {
                    spans.push(Span::styled(line_char.to_string(), theme.dim));
                }
            }
            if show_labels {
                let label = if row == upl {
                    format!("UPL {}", number(chart.upl))
                } else if row == mean {
                    format!("mean {}", number(chart.mean))
                } else if row == lpl {
                    format!("LPL {}", number(chart.lpl))
                } else {
                    String::new()
                };
                spans.push(Span::styled(format!(" {}", fit(&label, labels)), theme.dim));
            }
            Line::from(spans)
        })
        .collect()
}

/// A special-cause point in the colour of its side: on the better side of the mean,
/// improvement; on the worse, concern.
fn special_style(chart: &Chart, v: f64, theme: &Theme) -> Style {
    let better = match chart.direction {
        Direction::HigherIsBetter => v > chart.mean,
        Direction::LowerIsBetter => v < chart.mean,
    };
    if v == chart.mean {
        theme.status(Status::Amber)
    } else if better {
        theme.status(Status::Green)
    } else {
        theme.status(Status::Red)
    }
}

/// "    by Deprivation quintile · gap 0.42 ⚠" (⚠: 0.10 or more, an equity finding), then a
/// labelled bar per group, as long as its attainment.
fn breakdown_lines(m: &Measure, b: &Breakdown, room: usize, theme: &Theme) -> Vec<Line<'static>> {
    let e = equity::breakdown(m, b);
    let mut lines = Vec::new();
    let gap_style = if is_gap(e.gap) {
        theme.status(Status::Amber)
    } else {
        theme.dim
    };
    let flag = if is_gap(e.gap) { " ⚠" } else { "" };
    let head = format!("    by {}", visible(&b.by));
    let gap = format!(" · gap {:.2}{flag}", e.gap);
    lines.push(Line::from(vec![
        Span::styled(fit(&head, room.saturating_sub(width(&gap))), theme.heading),
        Span::styled(gap, gap_style),
    ]));
    let label_width = b
        .groups
        .iter()
        .map(|(l, _)| width(&visible(l)))
        .max()
        .unwrap_or(0)
        .min(room / 2);
    for ((label, value), g) in b.groups.iter().zip(&e.groups) {
        let value_text = format!(" {} {}", with_unit(*value, &m.unit), g.status.symbol());
        let bar_room = room
            .saturating_sub(7 + label_width + width(&value_text))
            .min(20);
        let filled = (g.attainment * bar_room as f64).round() as usize;
        lines.push(Line::from(vec![
            Span::raw("      "),
            Span::raw(fit_padded(&visible(label), label_width)),
            Span::raw(" "),
            Span::styled("█".repeat(filled), theme.status(g.status)),
            Span::styled("░".repeat(bar_room.saturating_sub(filled)), theme.dim),
            Span::styled(value_text, theme.status(g.status)),
        ]));
    }
    lines
}
