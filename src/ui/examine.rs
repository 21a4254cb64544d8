//! Examining a component (`x`): the seven structure-and-process questions of seed 000
//! with their answers, each answer with its own symbol and word, not colour alone.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::overlays::popup;
use super::panels::status_span;
use super::status::hint_line;
use super::text::{fit, fit_padded, width, wrap};
use super::theme::Theme;
use crate::analysis::Status;
use crate::app::App;
use crate::model::{Answer, Checklist};

/// What a weak component's details and examination lead with (seed 000).
pub const BELOW_TARGET: &str = "Output below target: examine structure and process";

/// The widest answer label, for lining answers up.
pub const ANSWER_WIDTH: usize = 9;

/// An answer's symbol and word: "✓ Yes", "~ Partly", "✗ No", "? Unknown".
pub fn answer_label(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "✓ Yes",
        Answer::Partly => "~ Partly",
        Answer::No => "✗ No",
        Answer::Unknown => "? Unknown",
    }
}

/// An answer in the colour of the status it is closest to.
pub fn answer_style(answer: Answer, theme: &Theme) -> Style {
    match answer {
        Answer::Yes => theme.status_green,
        Answer::Partly => theme.status_amber,
        Answer::No => theme.status_red,
        Answer::Unknown => theme.status_nodata,
    }
}

/// True for the statuses whose output is below target.
pub fn below_target(status: Status) -> bool {
    matches!(status, Status::Red | Status::Amber)
}

/// The status of the selected component, if one is selected.
pub fn selected_status(app: &App) -> Option<Status> {
    let pathway = app.current_pathway()?;
    let c = app.selected_component()?;
    let pos = pathway.position(&c.id)?;
    app.analysis()
        .pathways
        .get(app.pathway)?
        .components
        .get(pos)
        .map(|a| a.score.status)
}

/// One question's row: the marker, its number and text, and the answer at the right.
fn question_row(
    n: usize,
    text: &str,
    answer: Answer,
    marked: bool,
    w: usize,
    theme: &Theme,
) -> Line<'static> {
    let head = format!("{}{} ", if marked { "›" } else { " " }, n + 1);
    let room = w.saturating_sub(width(&head) + ANSWER_WIDTH + 2);
    let row_style = if marked { theme.selection } else { theme.text };
    Line::from(vec![
        Span::styled(head, row_style),
        Span::styled(fit_padded(text, room), row_style),
        Span::styled("  ", row_style),
        Span::styled(
            fit_padded(answer_label(answer), ANSWER_WIDTH),
            answer_style(answer, theme).add_modifier(Modifier::BOLD),
        ),
    ])
}

/// The examination of the selected component: the seven questions with their current
/// answers, the one under the cursor marked, and the keys.
pub fn overlay(frame: &mut Frame, area: Rect, app: &App, question: usize, theme: &Theme) {
    let Some(c) = app.selected_component() else {
        return;
    };
    let status = selected_status(app).unwrap_or(Status::NoData);
    let w = area.width.saturating_sub(4).min(84);
    let inner_w = w.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    let mut lead = vec![status_span(status, theme), Span::raw(" · ")];
    if below_target(status) {
        lead.push(Span::styled(
            BELOW_TARGET,
            theme.status(status).add_modifier(Modifier::BOLD),
        ));
    } else {
        lead.push(Span::raw("structure and process"));
    }
    lines.push(Line::from(lead));
    lines.push(Line::raw(""));
    let question = question.min(Checklist::QUESTIONS.len() - 1);
    for (i, q) in Checklist::QUESTIONS.iter().enumerate() {
        let answer = (q.answer)(&c.checklist);
        lines.push(question_row(
            i,
            q.text,
            answer,
            i == question,
            inner_w,
            theme,
        ));
    }
    lines.push(Line::raw(""));
    let hints = crate::app::hints(crate::app::KeyMode::Examine);
    lines.push(hint_line(&hints, theme, inner_w as u16));
    let h = lines.len() as u16 + 2;
    let title = format!(" Examine: {} ", fit(&c.name, inner_w.saturating_sub(12)));
    let inner = popup(frame, area, w, h, title, theme);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The details panel's lead for a component whose output is below target: the
/// examination prompt and the seven questions with their answers.
pub fn panel_lead(
    checklist: &Checklist,
    status: Status,
    w: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let style = theme.status(status).add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line<'static>> = wrap(&format!("⚠ {BELOW_TARGET}"), w.max(1))
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect();
    for q in &Checklist::QUESTIONS {
        let answer = (q.answer)(checklist);
        let room = w.saturating_sub(ANSWER_WIDTH + 2);
        lines.push(Line::from(vec![
            Span::styled(
                fit_padded(answer_label(answer), ANSWER_WIDTH),
                answer_style(answer, theme),
            ),
            Span::raw(" "),
            Span::raw(fit(q.text, room)),
        ]));
    }
    lines.push(Line::styled(fit("x: answer the questions", w), theme.dim));
    lines
}
