//! A measure's history or breakdowns, open as a list over its form: one row per period
//! and value (or per group of a breakdown), the cursor's row marked.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::overlays::popup;
use super::status::footer;
use super::text::{fit, fit_padded, width};
use super::theme::Theme;
use crate::app::{KeyMode, ListKind, RowList, hints};

pub fn view(frame: &mut Frame, area: Rect, list: &RowList, theme: &Theme) {
    let rows = list.rows();
    let w = area.width.min(76);
    let h = (rows.len() as u16 + 5).clamp(7, area.height);
    let title = format!(
        " {} ({}) ",
        fit(&list.title(), (w as usize).saturating_sub(12)),
        rows.len()
    );
    let inner = popup(frame, area, w, h, title, theme);
    let buf = frame.buffer_mut();
    let breakdowns = list.kind() == ListKind::Breakdowns;
    // A heading row, the rows, a blank line and the keys.
    let (first_w, label_w) = if breakdowns {
        let each = (inner.width as usize).saturating_sub(2 + 14) / 2;
        (each, each)
    } else {
        (0, (inner.width as usize).saturating_sub(2 + 14))
    };
    let heading = if breakdowns {
        format!(
            "  {} {} {:>12}",
            fit_padded("Breakdown", first_w),
            fit_padded("Group", label_w),
            "Value"
        )
    } else {
        format!("  {} {:>12}", fit_padded("Period", label_w), "Value")
    };
    buf.set_string(inner.x, inner.y, heading, theme.dim);
    let room = inner.height.saturating_sub(3) as usize;
    if rows.is_empty() {
        let text = "No rows yet: press a to add one";
        buf.set_string(
            inner.x + 2,
            inner.y + 1,
            fit(text, (inner.width as usize).saturating_sub(2)),
            theme.dim,
        );
    }
    let cursor = list.cursor.min(rows.len().saturating_sub(1));
    let first = cursor.saturating_sub(room.saturating_sub(1));
    for (row, (i, r)) in rows.iter().enumerate().skip(first).take(room).enumerate() {
        let y = inner.y + 1 + row as u16;
        let marked = i == cursor;
        let style = if marked { theme.selection } else { theme.text };
        let value = r.value.to_string();
        let value = if width(&value) > 12 {
            fit(&value, 12)
        } else {
            value
        };
        let line = if breakdowns {
            format!(
                "{} {} {} {:>12}",
                if marked { "›" } else { " " },
                fit_padded(&r.group, first_w),
                fit_padded(&r.label, label_w),
                value
            )
        } else {
            format!(
                "{} {} {:>12}",
                if marked { "›" } else { " " },
                fit_padded(&r.label, label_w),
                value
            )
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        buf.set_string(inner.x, y, line, style);
    }
    footer(buf, inner, &hints(KeyMode::List), theme);
}
