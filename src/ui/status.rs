//! The pathway tabs at the top and the status line at the bottom.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::hit::HitMap;
use super::text::{fit, visible, width};
use super::theme::Theme;
use crate::app::{Action, App, MessageKind, Mode};

/// Longest a tab's name is drawn, so one long name cannot push the others off screen.
const MAX_TAB: usize = 28;

/// One tab per pathway, with its status symbol; scrolled so the current one shows.
pub fn tabs(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, hits: &mut HitMap) {
    let doc = app.document();
    let labels: Vec<(String, crate::analysis::Status)> = doc
        .pathways()
        .iter()
        .zip(&app.analysis().pathways)
        .map(|(p, a)| {
            (
                format!(" {} {} ", a.status.symbol(), fit(&p.name, MAX_TAB)),
                a.status,
            )
        })
        .collect();
    if labels.is_empty() {
        let line = Line::styled(" No pathway yet: press + to add one", theme.dim);
        frame.render_widget(line, area);
        return;
    }
    let widths: Vec<u16> = labels.iter().map(|(l, _)| width(l) as u16 + 1).collect();
    // The first tab shown: as far left as possible with the current tab still whole.
    let current = app.pathway.min(labels.len() - 1);
    let room = area.width.saturating_sub(2);
    let mut first = 0;
    while first < current && widths[first..=current].iter().sum::<u16>() > room {
        first += 1;
    }
    let buf = frame.buffer_mut();
    let mut x = area.x;
    if first > 0 {
        buf.set_string(x, area.y, "‹", theme.dim);
    }
    x += 1;
    for (i, (label, status)) in labels.iter().enumerate().skip(first) {
        let w = widths[i] - 1;
        if x + w > area.right().saturating_sub(1) {
            buf.set_string(area.right() - 1, area.y, "›", theme.dim);
            break;
        }
        let style = if i == current {
            theme.tab_active
        } else {
            theme.tab
        };
        buf.set_string(x, area.y, label, style);
        // The symbol keeps its status colour unless the tab's own style is reversed.
        if i != current {
            buf.set_string(
                x + 1,
                area.y,
                status.symbol(),
                style.patch(theme.status(*status)),
            );
        }
        hits.add(Rect::new(x, area.y, w, 1), Action::SelectPathway(i));
        x += w + 1;
    }
}

/// File name, unsaved marker and last message on the first row; key hints (or the find
/// query) on the second.
pub fn status_line(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = vec![Span::raw(" ")];
    match &app.path {
        Some(path) => {
            let name = path
                .file_name()
                .map_or_else(|| path.to_string_lossy(), |n| n.to_string_lossy());
            spans.push(Span::styled(visible(&name).into_owned(), theme.title));
            if app.is_dirty() {
                spans.push(Span::styled(" ● unsaved", theme.highlight));
            }
        }
        None => {
            spans.push(Span::styled("demo (unsaved)", theme.title));
            if app.is_dirty() {
                spans.push(Span::styled(" ●", theme.highlight));
            }
        }
    }
    if let Some(message) = &app.message {
        let style = match message.kind {
            MessageKind::Info => theme.message_info,
            MessageKind::Error => theme.message_error,
        };
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let room = (area.width as usize).saturating_sub(used + 4);
        spans.push(Span::raw("  "));
        spans.push(Span::styled(
            format!(" {} ", fit(&message.text, room.saturating_sub(2))),
            style,
        ));
    }
    let top = Rect { height: 1, ..area };
    frame.render_widget(Line::from(spans), top);

    let bottom = Rect {
        y: area.y + 1,
        height: 1,
        ..area
    };
    if let Mode::Find { query } = &app.mode {
        let room = (bottom.width as usize).saturating_sub(30);
        let shown = tail(&visible(query), room);
        let line = Line::from(vec![
            Span::styled(" Find: ", theme.key),
            Span::styled(shown.clone(), theme.form_focus),
            Span::styled("  Enter next match · Esc done", theme.dim),
        ]);
        frame.render_widget(line, bottom);
        let x = bottom.x + 7 + width(&shown) as u16;
        frame.set_cursor_position(Position::new(x.min(bottom.right() - 1), bottom.y));
        return;
    }
    let hints = match app.mode {
        Mode::Normal => crate::app::map_hints(app.focus),
        _ => crate::app::hints(app.mode.key_mode()),
    };
    frame.render_widget(hint_line(&hints, theme, bottom.width), bottom);
}

/// The end of a text that fits `max` cells, so what is being typed stays in view.
pub fn tail(text: &str, max: usize) -> String {
    let mut out: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out.into_iter().rev().collect()
}

/// A list's key hints on the last row of `inner`.
pub fn footer(buf: &mut Buffer, inner: Rect, hints: &[(String, &str)], theme: &Theme) {
    let y = inner.bottom().saturating_sub(1);
    buf.set_line(
        inner.x,
        y,
        &hint_line(hints, theme, inner.width),
        inner.width,
    );
}

/// Keys and what they do, as many as fit, in the key style.
pub fn hint_line(hints: &[(String, &str)], theme: &Theme, max: u16) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, what) in hints {
        let w = width(key) + width(what) + 3;
        if used + w > max as usize {
            break;
        }
        used += w;
        spans.push(Span::styled(key.to_string(), theme.key));
        spans.push(Span::styled(format!(" {what}  "), Style::new()));
    }
    Line::from(spans)
}
