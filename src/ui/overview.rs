//! The network overview (`o`): every pathway's strength and status with its counts,
//! which organisations serve which pathways and their worst status there, and the
//! findings that only show across pathways.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::overlays::popup;
use super::panels::status_span;
use super::status::hint_line;
use super::text::{fit, fit_padded, share, width, wrap};
use super::theme::Theme;
use crate::analysis::{Overview, Status, overview};
use crate::app::App;
use crate::model::Network;

/// The widest a name column gets.
const NAME_MAX: usize = 44;

/// A number right-aligned in `w` cells.
fn count(n: usize, w: usize) -> String {
    format!("{n:>w$}")
}

/// The pathways: name, status, strength, Red / Amber / no-data components, findings.
fn pathways(doc: &Network, o: &Overview, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("Pathways", theme.heading)];
    let cols = ["status", "strength", "red", "amber", "no data", "findings"];
    let widths = [10, 9, 5, 6, 8, 9];
    let fixed: usize = widths.iter().map(|c| c + 1).sum();
    let name_w = w.saturating_sub(fixed + 1).clamp(8, NAME_MAX);
    let mut head = vec![Span::styled(
        fit_padded(" pathway", name_w + 1),
        theme.title,
    )];
    for (c, cw) in cols.iter().zip(widths) {
        let text = if *c == "status" {
            format!(" {c:<cw$}")
        } else {
            format!(" {c:>cw$}")
        };
        head.push(Span::styled(text, theme.title));
    }
    lines.push(Line::from(head));
    for (p, s) in doc.pathways().iter().zip(&o.pathways) {
        let status = status_span(s.status, theme);
        let pad = widths[0].saturating_sub(width(&status.content));
        lines.push(Line::from(vec![
            Span::raw(format!(" {}", fit_padded(&p.name, name_w))),
            Span::raw(" "),
            status,
            Span::raw(" ".repeat(pad)),
            Span::raw(format!(" {:>9}", share(s.strength))),
            Span::raw(format!(" {}", count(s.red, widths[2]))),
            Span::raw(format!(" {}", count(s.amber, widths[3]))),
            Span::raw(format!(" {}", count(s.no_data, widths[4]))),
            Span::raw(format!(" {}", count(s.findings, widths[5]))),
        ]));
    }
    if doc.pathways().is_empty() {
        lines.push(Line::styled(" No pathways yet", theme.dim));
    }
    lines
}

/// Organisation × pathway: the worst status of each organisation's components in each
/// pathway, as symbol and word where there is room, else the symbol; blank where the
/// organisation does not serve the pathway.
fn grid(doc: &Network, o: &Overview, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("Organisations × pathways", theme.heading)];
    let orgs = doc.organisations();
    let n = doc.pathways().len();
    if orgs.is_empty() || n == 0 {
        lines.push(Line::styled(" No organisations yet", theme.dim));
        return lines;
    }
    let longest = orgs.iter().map(|o| width(&o.name)).max().unwrap_or(8);
    let name_w = longest.clamp(12, 36).min(w / 3);
    // Each pathway column as wide as its name wants, within reason and the screen.
    let col_w = (w.saturating_sub(name_w + 1) / n)
        .saturating_sub(1)
        .clamp(3, 18);
    let words = col_w >= width("? No data");
    let mut head = vec![Span::raw(" ".repeat(name_w + 1))];
    for p in doc.pathways() {
        head.push(Span::styled(
            format!(" {}", fit_padded(&p.name, col_w)),
            theme.title,
        ));
    }
    lines.push(Line::from(head));
    for (org, row) in orgs.iter().zip(&o.grid) {
        let mut spans = vec![Span::raw(format!(" {}", fit_padded(&org.name, name_w)))];
        for cell in row {
            let text = match cell {
                Some(s) if words => format!("{} {}", s.symbol(), s.word()),
                Some(s) => s.symbol().to_string(),
                None => String::new(),
            };
            let style = cell.map_or(theme.text, |s| theme.status(s));
            spans.push(Span::raw(" "));
            spans.push(Span::styled(fit_padded(&text, col_w), style));
        }
        lines.push(Line::from(spans));
    }
    let legend: Vec<String> = [Status::Red, Status::Amber, Status::Green, Status::NoData]
        .iter()
        .map(|s| format!("{} {}", s.symbol(), s.word()))
        .collect();
    lines.push(Line::styled(
        fit(
            &format!(
                " each cell: the worst status there ({}); blank: not served",
                legend.join(", ")
            ),
            w,
        ),
        theme.dim,
    ));
    lines
}

/// The findings across pathways, in plain English.
fn cross(doc: &Network, o: &Overview, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("Across pathways", theme.heading)];
    if o.cross.is_empty() {
        lines.push(Line::styled(" No findings across pathways", theme.dim));
    }
    for f in &o.cross {
        for (i, part) in wrap(&f.message(doc), w.saturating_sub(3).max(1))
            .into_iter()
            .enumerate()
        {
            let bullet = if i == 0 { " • " } else { "   " };
            lines.push(Line::raw(format!("{bullet}{part}")));
        }
    }
    lines
}

/// The overview, scrolled by `scroll` lines (as far as there is more to see).
pub fn view(frame: &mut Frame, area: Rect, app: &App, scroll: u16, theme: &Theme) {
    let doc = app.document();
    let o = overview(doc, app.analysis());
    let w = area.width;
    let text_w = w.saturating_sub(2) as usize;
    let mut lines = pathways(doc, &o, text_w, theme);
    lines.push(Line::raw(""));
    lines.extend(grid(doc, &o, text_w, theme));
    lines.push(Line::raw(""));
    lines.extend(cross(doc, &o, text_w, theme));
    let h = area.height;
    let title = format!(
        " Network overview: {} ",
        fit(&doc.name, text_w.saturating_sub(20))
    );
    let inner = popup(frame, area, w, h, title, theme);
    let body = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    let most = (lines.len() as u16).saturating_sub(body.height);
    let scroll = scroll.min(most);
    let shown: Vec<Line> = lines.into_iter().skip(scroll as usize).collect();
    frame.render_widget(Paragraph::new(shown), body);
    let more = if most > 0 {
        format!(
            "lines {}-{} of {}",
            scroll + 1,
            scroll + body.height,
            most + body.height
        )
    } else {
        String::new()
    };
    let hints = crate::app::hints(crate::app::KeyMode::Overview);
    let footer = Rect {
        y: inner.bottom().saturating_sub(1),
        height: 1,
        ..inner
    };
    let mut line = hint_line(&hints, theme, inner.width);
    line.spans
        .push(Span::styled(more, theme.dim.add_modifier(Modifier::ITALIC)));
    frame.render_widget(line, footer);
}
