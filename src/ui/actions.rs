//! The actions view (`v`): every improvement action, open first and soonest due first,
//! with its status, due date (overdue ones marked in words), text, owner and the
//! component and pathway it is for.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::overlays::popup;
use super::status::footer;
use super::text::{fit, fit_padded, visible, width, wrap};
use super::theme::Theme;
use crate::app::App;
use crate::model::{Action as Improvement, ActionStatus};

/// Marks an action past its due date and not done; never by colour alone.
pub const OVERDUE: &str = "⚠ overdue";

/// An action's status with a symbol of its own.
pub fn action_status_label(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::Open => "[ ] Open",
        ActionStatus::InProgress => "[~] In progress",
        ActionStatus::Done => "[✓] Done",
    }
}

pub fn action_status_style(status: ActionStatus, theme: &Theme) -> Style {
    match status {
        ActionStatus::Open => theme.title,
        ActionStatus::InProgress => theme.status_amber,
        ActionStatus::Done => theme.status_green,
    }
}

/// Where an action belongs: its component's name and its pathway's name.
fn place(app: &App, action: &Improvement) -> (String, String) {
    app.document()
        .pathways()
        .iter()
        .find_map(|p| {
            p.component(&action.component)
                .map(|c| (c.name.clone(), p.name.clone()))
        })
        .unwrap_or_else(|| (action.component.clone(), String::new()))
}

/// The rows of one action: status, due date and its text wrapped over as many rows as
/// it needs; then owner, component and pathway.
fn rows(app: &App, a: &Improvement, marked: bool, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let base = if marked { theme.selection } else { theme.text };
    let status_w = width(action_status_label(ActionStatus::InProgress));
    let due_w = 10 + 1 + width(OVERDUE);
    let mut first = vec![
        Span::styled(if marked { "› " } else { "  " }, base),
        Span::styled(
            fit_padded(action_status_label(a.status), status_w),
            if marked {
                base
            } else {
                action_status_style(a.status, theme)
            },
        ),
        Span::styled("  ", base),
    ];
    let due = a.due.as_deref().map_or("no due date", |d| d);
    if app.is_overdue(a) {
        first.push(Span::styled(fit(due, 10), base));
        first.push(Span::styled(" ", base));
        first.push(Span::styled(
            OVERDUE,
            theme.status_red.add_modifier(Modifier::BOLD),
        ));
    } else {
        first.push(Span::styled(fit_padded(due, due_w), base));
    }
    first.push(Span::styled("  ", base));
    let used = 2 + status_w + 2 + due_w + 2;
    let text_w = w.saturating_sub(used).max(1);
    let mut text = wrap(&visible(&a.text), text_w).into_iter();
    let bold = base.add_modifier(Modifier::BOLD);
    first.push(Span::styled(
        fit_padded(&text.next().unwrap_or_default(), text_w),
        bold,
    ));
    let mut lines = vec![Line::from(first)];
    for more in text {
        lines.push(Line::from(vec![
            Span::styled(" ".repeat(used), base),
            Span::styled(fit_padded(&more, text_w), bold),
        ]));
    }

    let (component, pathway) = place(app, a);
    let owner = if a.owner.trim().is_empty() {
        "no owner".to_string()
    } else {
        visible(&a.owner).into_owned()
    };
    let mut where_ = format!("{owner} · for {}", visible(&component));
    if !pathway.is_empty() {
        where_.push_str(&format!(" ({})", visible(&pathway)));
    }
    let indent = " ".repeat(2 + status_w + 2);
    let second = vec![
        Span::styled(indent.clone(), base),
        Span::styled(
            fit_padded(&where_, w.saturating_sub(indent.len())),
            if marked { base } else { theme.dim },
        ),
    ];
    lines.push(Line::from(second));
    lines
}

/// The list, scrolled so the cursor shows, with the keys at the bottom.
pub fn view(frame: &mut Frame, area: Rect, app: &App, cursor: usize, theme: &Theme) {
    let actions = app.document().actions();
    let order = app.actions_in_view_order();
    let count = |s: ActionStatus| actions.iter().filter(|a| a.status == s).count();
    let overdue = actions.iter().filter(|a| app.is_overdue(a)).count();
    let title = format!(
        " Actions ({}): {} open, {} in progress, {} done, {overdue} overdue ",
        actions.len(),
        count(ActionStatus::Open),
        count(ActionStatus::InProgress),
        count(ActionStatus::Done),
    );
    let inner = popup(frame, area, area.width, area.height, title, theme);
    let w = inner.width as usize;
    let list = Rect {
        height: inner.height.saturating_sub(2),
        ..inner
    };
    let buf = frame.buffer_mut();
    if order.is_empty() {
        let text = "No actions yet: select a component on the map and press A to agree one";
        buf.set_string(
            inner.x + 1,
            inner.y,
            fit(text, w.saturating_sub(1)),
            theme.dim,
        );
    }
    let cursor = cursor.min(order.len().saturating_sub(1));
    let blocks: Vec<Vec<Line>> = order
        .iter()
        .enumerate()
        .map(|(k, &i)| rows(app, &actions[i], k == cursor, w, theme))
        .collect();
    // The first action shown: as far back from the cursor as the list has room for.
    let mut first = cursor;
    let mut used = blocks.get(cursor).map_or(0, Vec::len);
    while first > 0 && used + blocks[first - 1].len() <= list.height as usize {
        first -= 1;
        used += blocks[first].len();
    }
    let lines = blocks.iter().skip(first).flatten();
    for (y, line) in (list.y..list.bottom()).zip(lines) {
        buf.set_line(list.x, y, line, list.width);
    }
    footer(
        buf,
        inner,
        &crate::app::hints(crate::app::KeyMode::Actions),
        theme,
    );
}
