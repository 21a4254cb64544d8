//! What is drawn over the map: help, forms, confirmations, the organisations list, and
//! the message for a screen too small to work on.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::hit::HitMap;
use super::panels::panel_block;
use super::status::{footer, hint_line, tail};
use super::text::{fit, fit_padded, visible, width, wrap, wrap_whole};
use super::theme::Theme;
use super::{MIN_HEIGHT, MIN_WIDTH, UiState};
use super::{actions, examine, overview};
use crate::app::{App, Form, KeyMode, Mode, Prompt, Purpose, bindings, hints};

/// The overlay for the current mode, if it has one.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    state: &mut UiState,
    hits: &mut HitMap,
) {
    match &app.mode {
        Mode::Help => help(frame, area, theme, &mut state.help_scroll),
        Mode::Form(form) => form_overlay(frame, area, form, theme),
        Mode::Confirm(confirm) => confirm_overlay(frame, area, confirm, theme),
        Mode::Organisations { cursor } => organisations(frame, area, app, *cursor, theme),
        Mode::Rows(list) => super::rows::view(frame, area, list, theme),
        Mode::Prompt(prompt) => prompt_overlay(frame, area, prompt, theme),
        Mode::Examine { question } => examine::overlay(frame, area, app, *question, theme),
        Mode::Actions { cursor } => actions::view(frame, above_status(area), app, *cursor, theme),
        Mode::Overview { scroll } => {
            overview::view(frame, above_status(area), app, *scroll, theme);
        }
        // Presentation has a screen of its own (`present`).
        Mode::Normal | Mode::Connect { .. } | Mode::Find { .. } | Mode::Present { .. } => return,
    }
    // A modal overlay takes every click, so nothing beneath it changes.
    hits.cover(area);
}

/// The screen above the status line, which keeps showing messages and key hints.
fn above_status(area: Rect) -> Rect {
    Rect {
        height: area.height.saturating_sub(2),
        ..area
    }
}

/// A question with an answer per key; a recovery prompt can also show what differs.
fn prompt_overlay(frame: &mut Frame, area: Rect, prompt: &Prompt, theme: &Theme) {
    let w = area.width.saturating_sub(4).min(100);
    let text_width = w.saturating_sub(2).max(1) as usize;
    let mut lines: Vec<Line> = wrap_whole(&visible(&prompt.question()), text_width)
        .into_iter()
        .map(|l| Line::styled(l, theme.title))
        .collect();
    lines.push(Line::raw(""));
    for (key, what) in prompt.answers() {
        lines.push(Line::from(vec![
            Span::styled(format!(" {key} "), theme.key),
            Span::styled(format!(" {what}"), theme.text),
        ]));
    }
    if let Prompt::Recover {
        differences: Some(differences),
        ..
    } = prompt
    {
        lines.push(Line::raw(""));
        for line in differences.lines() {
            for part in wrap(&visible(line), text_width) {
                lines.push(Line::styled(part, theme.text));
            }
        }
    }
    let h = (lines.len() as u16 + 2).min(area.height);
    let inner = popup(frame, area, w, h, " Your work is safe ".to_string(), theme);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A box of at most `w` × `h` in the middle of `area`, cleared, with its frame drawn;
/// returns the inside.
pub(super) fn popup(
    frame: &mut Frame,
    area: Rect,
    w: u16,
    h: u16,
    title: String,
    theme: &Theme,
) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, rect);
    frame.buffer_mut().set_style(rect, theme.text);
    let block = panel_block(title, true, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// Below the minimum size: say what is needed and what there is.
pub fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = format!(
        "carepath needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this terminal is {}×{}",
        area.width, area.height
    );
    let lines: Vec<Line> = wrap(&text, area.width.max(1) as usize)
        .into_iter()
        .map(|l| Line::styled(l, theme.message_error).centered())
        .collect();
    let h = (lines.len() as u16).min(area.height);
    let rect = Rect::new(area.x, area.y + (area.height - h) / 2, area.width, h);
    frame.render_widget(Paragraph::new(lines), rect);
}

/// One entry of the help: the keys and what they do.
type Entry = (String, &'static str);

/// Every key of the key tables, in columns; descriptions wrap where there is room and
/// are cut to one line where there is not. What still does not fit scrolls with the wheel.
fn help(frame: &mut Frame, area: Rect, theme: &Theme, scroll: &mut u16) {
    // As tall as one wrapped column needs, when the screen has the room.
    let sections: Vec<(&str, Vec<Entry>)> = KeyMode::ALL
        .iter()
        .map(|&m| {
            (
                m.title(),
                bindings(m).map(|b| (b.label(), b.help)).collect(),
            )
        })
        .collect();
    let w = area.width.min(140);
    let needed = help_lines(&sections, w.saturating_sub(2) as usize, theme).len() as u16 + 3;
    let inner = popup(
        frame,
        area,
        w,
        needed.min(area.height),
        " Help ".into(),
        theme,
    );
    let footer = Rect {
        y: inner.bottom().saturating_sub(1),
        height: 1,
        ..inner
    };
    let body = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    let rows = body.height.max(1) as usize;
    let layout = |columns: usize| {
        let col_w = (body.width as usize + 2) / columns - 2;
        (columns, col_w, help_lines(&sections, col_w, theme))
    };
    // Always wrapped, never cut: in the fewest columns at least 36 wide that hold it
    // all, else in columns that scroll.
    let plan = (1..=(body.width as usize / 36).max(1))
        .map(layout)
        .find(|(n, _, lines)| lines.len() <= n * rows);
    // What does not fit anyway flows through columns at least 60 wide, and scrolls.
    let (columns, col_w, lines) = plan.unwrap_or_else(|| layout((body.width as usize / 60).max(1)));
    let per_column = lines.len().div_ceil(columns).min(rows).max(1);
    let most = lines.len().saturating_sub(columns * per_column) as u16;
    *scroll = (*scroll).min(most);
    let shown: Vec<Line> = lines.into_iter().skip(*scroll as usize).collect();
    for (c, chunk) in shown.chunks(per_column).take(columns).enumerate() {
        let x = body.x + (c * (col_w + 2)) as u16;
        let rect = Rect::new(x, body.y, col_w as u16, body.height);
        frame.render_widget(Paragraph::new(chunk.to_vec()), rect);
    }
    let text = if most > 0 {
        "↑↓ or the wheel scroll for more · any other key closes help"
    } else {
        "Any key closes help"
    };
    frame.render_widget(Line::styled(text, theme.dim).centered(), footer);
}

/// The keys and what they do, the text wrapped to the column: no line is cut.
fn help_lines(sections: &[(&str, Vec<Entry>)], col_w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (title, entries) in sections {
        lines.push(Line::styled(title.to_string(), theme.heading));
        // Each section's keys get the width its longest label needs, leaving the text room.
        let label_w = entries
            .iter()
            .map(|(l, _)| width(l))
            .max()
            .unwrap_or(0)
            .min(col_w.saturating_sub(12));
        let text_w = col_w.saturating_sub(label_w + 1).max(1);
        for (label, what) in entries.iter() {
            let label = fit_padded(label, label_w);
            for (i, part) in wrap(what, text_w).into_iter().enumerate() {
                let key = if i == 0 {
                    label.clone()
                } else {
                    " ".repeat(label_w)
                };
                lines.push(Line::from(vec![
                    Span::styled(key, theme.key),
                    Span::raw(" "),
                    Span::raw(part),
                ]));
            }
        }
    }
    lines
}

/// A form: its fields with labels, the focused one marked, choices as ‹ value ›, and
/// why the last submit was refused.
fn form_overlay(frame: &mut Frame, area: Rect, form: &Form<Purpose>, theme: &Theme) {
    let h = form.fields.len() as u16
        + 4
        + u16::from(form.error.is_some())
        + u16::from(form.has_note_line());
    let title = format!(" {} ", fit(&form.title, 64));
    let inner = popup(frame, area, 72, h, title, theme);
    let label_w = form
        .fields
        .iter()
        .map(|f| width(f.label))
        .max()
        .unwrap_or(0);
    let value_x = inner.x + label_w as u16 + 3;
    let value_w = inner.right().saturating_sub(value_x + 1) as usize;
    let buf = frame.buffer_mut();
    let mut cursor = None;
    for (i, field) in form.fields.iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let focused = i == form.focus;
        let marker = if focused { "▶ " } else { "  " };
        buf.set_string(inner.x, y, marker, theme.form_focus);
        let label_style = if focused { theme.title } else { theme.text };
        buf.set_string(
            inner.x + 2,
            y,
            fit_padded(field.label, label_w),
            label_style,
        );
        let style = if focused {
            theme.form_focus
        } else {
            theme.form_field
        };
        let value = if field.is_choice() {
            format!("‹ {} ›", fit(field.display(), value_w.saturating_sub(4)))
        } else if field.is_list() {
            // The rows, as many as fit; Enter opens them as a list.
            format!("≡ {}", fit(field.display(), value_w.saturating_sub(2)))
        } else if focused {
            // The end of what is being typed stays in view.
            tail(&super::visible(field.display()), value_w.saturating_sub(1))
        } else {
            fit(field.display(), value_w)
        };
        buf.set_style(Rect::new(value_x, y, value_w as u16, 1), style);
        buf.set_string(value_x, y, &value, style);
        if focused && !field.is_choice() && !field.is_list() {
            cursor = Some(Position::new(value_x + width(&value) as u16, y));
        }
    }
    let mut y = inner.y + form.fields.len() as u16 + 1;
    if form.has_note_line() {
        if let Some(note) = form.note_line()
            && y < inner.bottom()
        {
            let text = format!(" {} ", fit(note, (inner.width as usize).saturating_sub(2)));
            buf.set_line(inner.x, y, &Line::styled(text, theme.dim), inner.width);
        }
        y += 1;
    }
    if let Some(error) = &form.error
        && y < inner.bottom()
    {
        let line = Line::styled(
            format!(" {} ", fit(error, (inner.width as usize).saturating_sub(2))),
            theme.message_error,
        );
        buf.set_line(inner.x, y, &line, inner.width);
        y += 1;
    }
    if y < inner.bottom() {
        let hints = hints(KeyMode::Form);
        buf.set_line(
            inner.x,
            y,
            &hint_line(&hints, theme, inner.width),
            inner.width,
        );
    }
    if let Some(at) = cursor {
        frame.set_cursor_position(at);
    }
}

/// A question awaiting yes or no.
fn confirm_overlay(frame: &mut Frame, area: Rect, confirm: &crate::app::Confirm, theme: &Theme) {
    let question = confirm.question();
    let w = (width(question) as u16 + 6).clamp(40, 70).max(
        confirm
            .answers()
            .iter()
            .map(|(k, w)| width(k) + width(w) + 4)
            .sum::<usize>() as u16
            + 2,
    );
    let lines = wrap_whole(question, w as usize - 4);
    let h = lines.len() as u16 + 4;
    let inner = popup(frame, area, w, h, " Confirm ".into(), theme);
    let mut text: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), theme.title))
        .collect();
    text.push(Line::raw(""));
    let mut keys = vec![Span::raw(" ")];
    for (i, (key, what)) in confirm.answers().iter().enumerate() {
        if i > 0 {
            keys.push(Span::raw(" · "));
        }
        keys.push(Span::styled(key.replace(' ', "/"), theme.key));
        keys.push(Span::raw(format!(" {what}")));
    }
    text.push(Line::from(keys));
    frame.render_widget(Paragraph::new(text), inner);
}

/// The organisations: name, sector and level, the cursor's row marked.
fn organisations(frame: &mut Frame, area: Rect, app: &App, cursor: usize, theme: &Theme) {
    let orgs = app.document().organisations();
    let h = (orgs.len() as u16 + 4).clamp(6, area.height);
    let title = format!(" Organisations ({}) ", orgs.len());
    let inner = popup(frame, area, 76, h, title, theme);
    let rows = inner.height.saturating_sub(1) as usize;
    let buf = frame.buffer_mut();
    if orgs.is_empty() {
        buf.set_string(
            inner.x + 1,
            inner.y,
            "No organisations yet: press a to add one",
            theme.dim,
        );
    }
    let cursor = cursor.min(orgs.len().saturating_sub(1));
    let first = cursor.saturating_sub(rows.saturating_sub(1));
    let name_w = (inner.width as usize).saturating_sub(2 + 18 + 10);
    for (row, (i, o)) in orgs.iter().enumerate().skip(first).take(rows).enumerate() {
        let y = inner.y + row as u16;
        let marked = i == cursor;
        let style = if marked { theme.selection } else { theme.text };
        let line = format!(
            "{}{} {:<17} {}",
            if marked { "›" } else { " " },
            fit_padded(&o.name, name_w),
            o.sector.label(),
            crate::model::display_name(&format!("{:?}", o.level))
        );
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        buf.set_string(inner.x, y, line, style);
    }
    footer(buf, inner, &hints(KeyMode::Organisations), theme);
}
