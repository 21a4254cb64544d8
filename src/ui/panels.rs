//! The details panel for the selection and the weakest-links panel.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::actions::{OVERDUE, action_status_label, action_status_style};
use super::counted;
use super::examine::{ANSWER_WIDTH, answer_label, answer_style, below_target, panel_lead};
use super::hit::HitMap;
use super::measure_view;
use super::text::{fit, fit_padded, number, share, visible, width, with_unit, wrap};
use super::theme::Theme;
use crate::analysis::currency::Date;
use crate::analysis::spc;
use crate::analysis::{Basis, FindingKind, Score, Status, Target, measure_status};
use crate::app::{Action, App, Panel};
use crate::model::{Checklist, Component, Link, Measure, Pathway, display_name};

/// A panel's frame: thick and in the focus colour when it has the keyboard.
pub fn panel_block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let title_style = if focused {
        theme.border_focused
    } else {
        theme.title
    };
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.border(focused))
        .title(Span::styled(title, title_style))
}

/// What the header and weakest links say while a pathway has components but no links.
const UNLINKED: &str = "Link components to score journeys (c connects)";
const EMPTY: &str = "Add components (a), then link them to score journeys";

/// What the current pathway lacks before it has journeys to score: components, or
/// links between them; None once it has links.
pub fn unlinked(app: &App) -> Option<&'static str> {
    let p = app.current_pathway()?;
    if p.components().is_empty() {
        Some(EMPTY)
    } else if p.links().is_empty() {
        Some(UNLINKED)
    } else {
        None
    }
}

/// The status symbol and word in the status's style.
pub fn status_span(status: Status, theme: &Theme) -> Span<'static> {
    Span::styled(
        format!("{} {}", status.symbol(), status.word()),
        theme.status(status),
    )
}

/// History and the current value as a row of block characters, oldest first.
pub fn sparkline(m: &Measure) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let values: Vec<f64> = m.history.iter().map(|(_, v)| *v).chain(m.value).collect();
    if values.len() < 2 {
        return String::new();
    }
    let (lo, hi) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    values
        .iter()
        .map(|&v| {
            if (hi - lo).abs() < f64::EPSILON {
                BARS[3]
            } else {
                BARS[(((v - lo) / (hi - lo)) * 7.0).round() as usize]
            }
        })
        .collect()
}

/// Lines for the details panel, and the line of the measure under the cursor.
struct Details<'t> {
    lines: Vec<Line<'static>>,
    cursor_line: Option<usize>,
    /// The line after the last of the measure under the cursor (its chart and groups).
    cursor_end: Option<usize>,
    width: usize,
    theme: &'t Theme,
    /// The date the network's figures are judged at, for stale periods.
    reference: Option<Date>,
}

impl Details<'_> {
    fn push(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }

    fn heading(&mut self, text: String) {
        self.push(Line::styled(text, self.theme.heading));
    }

    fn wrapped(&mut self, text: &str, indent: usize, style: Style) {
        let pad = " ".repeat(indent);
        for l in wrap(text, self.width.saturating_sub(indent).max(1)) {
            self.push(Line::styled(format!("{pad}{l}"), style));
        }
    }

    /// `pieces` on lines indented by `indent`, as many to a line as fit: a piece is never
    /// split, and a piece that starts a line drops its leading space and " · ".
    fn flow(&mut self, indent: usize, pieces: Vec<Vec<Span<'static>>>) {
        let pad = || Span::raw(" ".repeat(indent));
        let mut line = vec![pad()];
        let mut used = indent;
        for mut piece in pieces {
            let w: usize = piece.iter().map(Span::width).sum();
            if used > indent && used + w > self.width {
                self.push(Line::from(std::mem::replace(&mut line, vec![pad()])));
                used = indent;
            }
            if used == indent
                && let Some(first) = piece.first_mut()
            {
                let trimmed = first.content.trim_start_matches([' ', '·']).to_string();
                first.content = trimmed.into();
            }
            used += piece.iter().map(Span::width).sum::<usize>();
            line.extend(piece);
        }
        self.push(Line::from(line));
    }

    /// The score, the reach with its basis, and the children it counts and those affected
    /// (docs/format.md, "Counted reach"): one part's lines, a component's or a link's.
    fn reach(
        &mut self,
        score: &Score,
        reach: f64,
        basis: Basis,
        impact: Option<f64>,
        cohort: Option<f64>,
        (children, affected): (Option<f64>, Option<f64>),
    ) {
        self.score(score, reach, counted::basis_words(basis, cohort), impact);
        let theme = self.theme;
        for line in counted::lines(children, affected, cohort, self.width, theme) {
            self.push(line);
        }
    }

    /// Status, strength, reach and impact: on as few lines as fit.
    fn score(&mut self, score: &Score, reach: f64, basis: String, impact: Option<f64>) {
        let dim = self.theme.dim;
        self.flow(
            0,
            vec![
                vec![status_span(score.status, self.theme)],
                vec![
                    Span::styled(" · strength ", dim),
                    Span::raw(share(score.strength)),
                ],
                vec![
                    Span::styled(" · reach ", dim),
                    Span::raw(share(Some(reach))),
                    Span::styled(basis, dim),
                ],
                vec![
                    Span::styled(" · impact ", dim),
                    Span::raw(impact.map_or("–".to_string(), number)),
                ],
            ],
        );
    }

    fn measures(&mut self, measures: &[Measure], cursor: Option<usize>) {
        if measures.is_empty() {
            self.wrapped("No measures: press m to add one", 0, self.theme.dim);
            return;
        }
        self.heading(format!("Measures ({})", measures.len()));
        for (i, m) in measures.iter().enumerate() {
            let marked = cursor == Some(i);
            if marked {
                self.cursor_line = Some(self.lines.len());
            }
            let status = measure_status(m);
            let name_style = if marked {
                self.theme.selection
            } else {
                Style::new()
            };
            // Marker, symbol, space, word, space.
            let room = self.width.saturating_sub(5 + width(status.word()));
            self.push(Line::from(vec![
                Span::styled(if marked { "› " } else { "  " }, self.theme.selection),
                status_span(status, self.theme),
                Span::raw(" "),
                Span::styled(fit(&m.name, room), name_style),
            ]));
            let dim = self.theme.dim;
            // Each fact with its label, kept together; a narrow panel wraps between them.
            let mut facts = vec![
                vec![Span::raw(
                    m.value
                        .map_or("no value".to_string(), |v| with_unit(v, &m.unit)),
                )],
                vec![
                    Span::styled(" target ", dim),
                    Span::raw(with_unit(m.target, &m.unit)),
                ],
            ];
            if let Some(a) = m.amber {
                facts.push(vec![
                    Span::styled(" amber ", dim),
                    Span::raw(with_unit(a, &m.unit)),
                ]);
            }
            if let Some(p) = &m.period {
                facts.push(vec![Span::styled(format!(" {}", fit(p, 12)), dim)]);
            }
            if let Some(c) = measure_view::currency_span(m, self.reference, self.theme) {
                facts.push(vec![c]);
            }
            // Twelve points or more are drawn as a chart below instead.
            let spark = sparkline(m);
            if !spark.is_empty() && spc::chart(m).is_none() {
                facts.push(vec![
                    Span::raw(" "),
                    Span::styled(spark, self.theme.heading),
                ]);
            }
            self.flow(4, facts);
            self.lines
                .extend(measure_view::extras(m, self.width, self.theme));
            if marked {
                self.cursor_end = Some(self.lines.len());
            }
        }
    }

    fn checklist(&mut self, checklist: &Checklist) {
        if checklist.is_empty() {
            self.push(Line::styled("Checklist: not examined yet", self.theme.dim));
            return;
        }
        self.heading("Checklist".to_string());
        for q in &Checklist::QUESTIONS {
            let answer = (q.answer)(checklist);
            let room = self.width.saturating_sub(ANSWER_WIDTH + 3);
            self.push(Line::from(vec![
                Span::styled(
                    format!("  {}", fit_padded(answer_label(answer), ANSWER_WIDTH)),
                    answer_style(answer, self.theme),
                ),
                Span::raw(" "),
                Span::raw(fit(q.text, room)),
            ]));
        }
    }

    fn notes(&mut self, notes: &str) {
        if !notes.trim().is_empty() {
            self.heading("Notes".to_string());
            self.wrapped(notes, 2, Style::new());
        }
    }
}

fn component_details(d: &mut Details, app: &App, c: &Component, pos: usize) {
    let theme = d.theme;
    d.wrapped(&c.name, 0, theme.title);
    let provider = c
        .provider
        .as_deref()
        .map(|id| match app.document().organisation(id) {
            Some(o) => format!("{} ({})", visible(&o.name), o.sector.label()),
            None => visible(id).into_owned(),
        })
        .unwrap_or_else(|| "no provider".to_string());
    d.push(Line::from(vec![
        Span::styled(c.phase.name(), theme.heading),
        Span::styled(" · ", theme.dim),
        Span::raw(fit(
            &provider,
            d.width.saturating_sub(c.phase.name().len() + 3),
        )),
    ]));
    let analysis = app.analysis().pathways.get(app.pathway);
    let mut weak = false;
    if let Some(a) = analysis.and_then(|a| a.components.get(pos)) {
        let cohort = analysis.and_then(|p| p.cohort);
        d.reach(
            &a.score,
            a.reach,
            a.basis,
            a.impact,
            cohort,
            (a.children, a.affected),
        );
        // Output below target: the structure and process come first (seed 000).
        weak = below_target(a.score.status);
        if weak {
            for line in panel_lead(&c.checklist, a.score.status, d.width, theme) {
                d.push(line);
            }
        }
    }
    let cursor = (app.focus == Panel::Details).then_some(app.detail_cursor);
    d.measures(&c.measures, cursor);
    if !weak {
        d.checklist(&c.checklist);
    }
    d.notes(&c.notes);
    let actions: Vec<_> = app
        .document()
        .actions()
        .iter()
        .filter(|a| a.component == c.id)
        .collect();
    if !actions.is_empty() {
        d.heading(format!("Actions ({})", actions.len()));
        for a in actions {
            let mut text = a.text.clone();
            if !a.owner.is_empty() {
                text.push_str(&format!(" — {}", a.owner));
            }
            if let Some(due) = &a.due {
                text.push_str(&format!(", due {due}"));
            }
            let mut head = vec![Span::styled(
                action_status_label(a.status),
                action_status_style(a.status, theme),
            )];
            if app.is_overdue(a) {
                head.push(Span::raw(" "));
                head.push(Span::styled(OVERDUE, theme.status_red));
            }
            d.push(Line::from(head));
            d.wrapped(&text, 4, Style::new());
        }
    }
}

fn link_details(d: &mut Details, app: &App, pathway: &Pathway, l: &Link, pos: usize) {
    let theme = d.theme;
    let name = |id: &str| {
        pathway
            .component(id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let room = d.width.saturating_sub(6);
    d.push(Line::from(vec![
        Span::styled("From ", theme.dim),
        Span::styled(fit(&name(&l.from), room), theme.title),
    ]));
    d.push(Line::from(vec![
        Span::styled("To   ", theme.dim),
        Span::styled(fit(&name(&l.to), room), theme.title),
    ]));
    let integration = l.integration.map_or("none recorded".to_string(), |i| {
        display_name(&format!("{i:?}"))
    });
    d.push(Line::from(vec![
        Span::raw(display_name(&format!("{:?}", l.kind))),
        Span::styled(" · integration ", theme.dim),
        Span::raw(integration),
    ]));
    let weak = app.analysis().findings.iter().find(|f| {
        f.kind == FindingKind::WeakHandoff
            && f.pathway == app.pathway
            && f.target == Some(Target::Link(pos))
    });
    if let Some(f) = weak {
        d.push(Line::styled("┄ Weak hand-off", theme.weak_handoff));
        let message = f.message(app.document(), app.analysis());
        d.wrapped(&message, 2, theme.weak_handoff);
    }
    let analysis = app.analysis().pathways.get(app.pathway);
    if let Some(a) = analysis.and_then(|a| a.links.get(pos)) {
        let cohort = analysis.and_then(|p| p.cohort);
        d.reach(
            &a.score,
            a.reach,
            a.basis,
            a.impact,
            cohort,
            (a.children, a.affected),
        );
    }
    let cursor = (app.focus == Panel::Details).then_some(app.detail_cursor);
    d.measures(&l.measures, cursor);
    d.notes(&l.notes);
}

/// What is selected, in full; returns how far it can scroll past what the measure
/// cursor needs.
pub fn details(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) -> usize {
    let focused = app.focus == Panel::Details;
    let block = panel_block(" Details ".to_string(), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut d = Details {
        lines: Vec::new(),
        cursor_line: None,
        cursor_end: None,
        width: inner.width as usize,
        theme,
        reference: app.analysis().reference,
    };
    let pathway = app.current_pathway();
    match (pathway, app.selected_component(), app.selected_link()) {
        (Some(p), Some(c), _) => {
            let pos = p.position(&c.id).unwrap_or(0);
            component_details(&mut d, app, c, pos);
        }
        (Some(p), None, Some(l)) => {
            let pos = p.link_position(&l.from, &l.to).unwrap_or(0);
            link_details(&mut d, app, p, l, pos);
        }
        _ => d.push(Line::styled(
            "Nothing selected: press a to add a component",
            theme.dim,
        )),
    }
    // Scrolled so the measure under the cursor shows, with its chart and groups where
    // there is room, its name first; then on as far as the user scrolled, no further
    // than the last line.
    let rows = inner.height as usize;
    let cursor_scroll = d.cursor_line.map_or(0, |c| {
        let end = d.cursor_end.unwrap_or(c + 1).max(c + 1);
        end.saturating_sub(rows).min(c)
    });
    let most = d.lines.len().saturating_sub(rows);
    let scroll = (cursor_scroll + app.details_scroll).min(most);
    let more = d.lines.len() > scroll + rows;
    let text: Vec<Line> = d.lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(text), inner);
    if more && inner.height > 0 && inner.width > 8 {
        let hint = " ↓ more ";
        let x = inner.right().saturating_sub(width(hint) as u16);
        frame
            .buffer_mut()
            .set_string(x, inner.bottom(), hint, theme.dim);
    }
    most.saturating_sub(cursor_scroll)
}

/// The status of a weakest-links entry.
fn entry_status(app: &App, pathway: usize, target: Target) -> Status {
    let Some(a) = app.analysis().pathways.get(pathway) else {
        return Status::NoData;
    };
    let score = match target {
        Target::Component(i) => a.components.get(i).map(|c| &c.score),
        Target::Link(j) => a.links.get(j).map(|l| &l.score),
    };
    score.map_or(Status::NoData, |s| s.status)
}

/// The name of a weakest-links entry: a component's name, or a link's two ends.
pub fn target_name(app: &App, pathway: usize, target: Target) -> String {
    let names = app
        .document()
        .pathways()
        .get(pathway)
        .and_then(|p| target.names(p));
    match names {
        Some((from, Some(to))) => format!("{from} → {to}"),
        Some((name, None)) => name.to_string(),
        None => String::new(),
    }
}

/// Measured components and links by impact: rank, status symbol, impact, name.
pub fn weakest(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, hits: &mut HitMap) {
    let focused = app.focus == Panel::Weakest;
    let list = &app.analysis().weakest;
    let title = format!(" Weakest links ({}) ", list.len());
    let block = panel_block(title, focused, theme);
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some(missing) = unlinked(app)
        && inner.height > 0
    {
        let text = Line::styled(missing, theme.highlight);
        frame.render_widget(Paragraph::new(text), Rect { height: 1, ..inner });
        inner.y += 1;
        inner.height -= 1;
    }
    if list.is_empty() {
        let text = Paragraph::new(Line::styled("No measured components yet", theme.dim));
        frame.render_widget(text, inner);
        return;
    }
    let rows = inner.height as usize;
    let first = app.weakest_cursor.saturating_sub(rows.saturating_sub(1));
    let buf = frame.buffer_mut();
    for (row, (i, entry)) in list.iter().enumerate().skip(first).take(rows).enumerate() {
        let y = inner.y + row as u16;
        let marked = focused && i == app.weakest_cursor;
        let status = entry_status(app, entry.pathway, entry.target);
        let head = format!("{}{:>3} ", if marked { "›" } else { " " }, i + 1);
        let mut name = target_name(app, entry.pathway, entry.target);
        if entry.pathway != app.pathway
            && let Some(p) = app.document().pathways().get(entry.pathway)
        {
            name = format!("{name} · {}", p.name);
        }
        let impact = format!(" {:.2} ", entry.impact);
        let room = (inner.width as usize).saturating_sub(width(&head) + 1 + impact.len());
        // Children affected where the panel leaves room for a readable name beside them.
        let affected = counted::weakest_prefix(entry);
        if width(&affected) + 12 <= room {
            name.insert_str(0, &affected);
        }
        let row_style = if marked { theme.selection } else { theme.text };
        let line = Line::from(vec![
            Span::raw(head),
            Span::styled(status.symbol(), theme.status(status)),
            Span::raw(impact),
            Span::raw(fit(&name, room)),
        ])
        .style(row_style);
        let rect = Rect::new(inner.x, y, inner.width, 1);
        buf.set_style(rect, row_style);
        buf.set_line(inner.x, y, &line, inner.width);
        hits.add(rect, Action::SelectWeakest(i));
    }
}

/// The panels folded to one line under the map: what is selected, its status and
/// strength, and the key that brings the panels back.
pub fn folded(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let analysis = app.analysis().pathways.get(app.pathway);
    let pathway = app.current_pathway();
    let (name, score) = match (pathway, app.selected_component(), app.selected_link()) {
        (Some(p), Some(c), _) => {
            let pos = p.position(&c.id);
            let score = pos
                .and_then(|i| analysis?.components.get(i))
                .map(|a| a.score);
            (c.name.clone(), score)
        }
        (Some(p), None, Some(l)) => {
            let pos = p.link_position(&l.from, &l.to);
            let score = pos.and_then(|j| analysis?.links.get(j)).map(|a| a.score);
            let name = |id: &str| p.component(id).map_or(id.to_string(), |c| c.name.clone());
            (format!("{} → {}", name(&l.from), name(&l.to)), score)
        }
        _ => ("Nothing selected".to_string(), None),
    };
    let hint = "  f: details and weakest links";
    let mut spans = vec![Span::raw(" ")];
    let mut room = (area.width as usize).saturating_sub(width(hint) + 1);
    if let Some(s) = score {
        let status = status_span(s.status, theme);
        let tail = format!(" · strength {} · ", share(s.strength));
        room = room.saturating_sub(width(&status.content) + width(&tail));
        spans.push(Span::styled(fit(&name, room), theme.title));
        spans.push(Span::raw(" · "));
        spans.push(status);
        spans.push(Span::raw(tail.trim_end_matches(" · ").to_string()));
    } else {
        spans.push(Span::styled(fit(&name, room), theme.title));
    }
    spans.push(Span::styled(hint, theme.dim));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Domain};

    #[test]
    fn sparkline_runs_oldest_to_current() {
        let mut m = Measure::new("m", "m", Domain::Safety, Direction::HigherIsBetter, 10.0);
        assert_eq!(sparkline(&m), "", "no history, no line");
        m.history = vec![("a".into(), 1.0), ("b".into(), 5.0)];
        m.value = Some(9.0);
        assert_eq!(sparkline(&m), "▁▅█");
        m.history = vec![("a".into(), 3.0)];
        m.value = Some(3.0);
        assert_eq!(sparkline(&m), "▄▄");
    }
}
