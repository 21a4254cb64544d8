//! Text from the document made safe and sized for the screen.

use unicode_width::UnicodeWidthChar;

pub use crate::text::visible;

/// Cells a character takes; zero-width ones take none.
fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Cells a string takes on screen.
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// Made visible and cut to `max` cells, ending in … when cut.
pub fn fit(text: &str, max: usize) -> String {
    let text = visible(text);
    if width(&text) <= max {
        return text.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `fit`, then padded with spaces to exactly `max` cells.
pub fn fit_padded(text: &str, max: usize) -> String {
    let mut out = fit(text, max);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', max.saturating_sub(w)));
    out
}

/// A number in its shortest form with at most two decimals: 25.6, 100, 0.45.
pub fn number(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A value with its unit: "25.6%", "58 mmol/mol".
pub fn with_unit(v: f64, unit: &str) -> String {
    let unit = visible(unit);
    match unit.as_ref() {
        "" => number(v),
        "%" => format!("{}%", number(v)),
        u => format!("{} {u}", number(v)),
    }
}

/// A share in [0, 1] as a percentage, or – without data.
pub fn share(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{:.0}%", v * 100.0))
}

/// Words wrapped to `max` cells; a word longer than a line is cut.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let para = visible(para);
        let mut line = String::new();
        for word in para.split_whitespace() {
            let needed = width(&line) + usize::from(!line.is_empty()) + width(word);
            if !line.is_empty() && needed > max {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            if width(&line) > max {
                line = fit(&line, max);
            }
        }
        lines.push(line);
    }
    lines
}

/// Wraps like `wrap` but never cuts: a word wider than the line (an id, a path) is broken
/// after a `-`, `/`, `_` or `.` where it can be, else between characters, and goes on
/// on the next line. For questions, where every character of a name or id must show.
pub fn wrap_whole(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let para = visible(para);
        let start = lines.len();
        let mut line = String::new();
        for word in para.split_whitespace() {
            let needed = width(&line) + usize::from(!line.is_empty()) + width(word);
            if !line.is_empty() && needed > max {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            let mut rest = word;
            while width(&line) + width(rest) > max {
                let room = max.saturating_sub(width(&line));
                let (head, tail) = split_word(rest, room);
                if head.is_empty() {
                    if line.trim().is_empty() {
                        // Not even one character fits: take one anyway.
                        let first = rest.chars().next().map_or(0, char::len_utf8);
                        line.push_str(&rest[..first]);
                        rest = &rest[first..];
                    }
                    lines.push(std::mem::take(&mut line).trim_end().to_string());
                    continue;
                }
                line.push_str(head);
                lines.push(std::mem::take(&mut line));
                rest = tail;
            }
            line.push_str(rest);
        }
        if !line.is_empty() || lines.len() == start {
            lines.push(line);
        }
    }
    lines
}

/// The longest start of `word` fitting `room` cells: up to a `-`, `/`, `_` or `.` (kept
/// at the end) when there is one, else as many characters as fit.
fn split_word(word: &str, room: usize) -> (&str, &str) {
    let mut used = 0;
    let mut fits = 0;
    let mut at_mark = None;
    for (i, c) in word.char_indices() {
        used += width(c.encode_utf8(&mut [0; 4]));
        if used > room {
            break;
        }
        fits = i + c.len_utf8();
        if matches!(c, '-' | '/' | '_' | '.') {
            at_mark = Some(fits);
        }
    }
    let at = at_mark.unwrap_or(fits);
    word.split_at(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::is_hidden;
    use std::borrow::Cow;

    #[test]
    fn visible_escapes_controls_and_bidi() {
        assert!(matches!(visible("plain é 中"), Cow::Borrowed(_)));
        assert_eq!(visible("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(visible("\u{202e}evil"), "\\u{202e}evil");
        assert_eq!(visible("x\u{7}\u{9b}\u{2067}"), "x\\u{7}\\u{9b}\\u{2067}");
        assert!(!visible("\u{0}\u{7f}\u{200f}").chars().any(is_hidden));
    }

    #[test]
    fn fit_cuts_with_an_ellipsis_by_cells() {
        assert_eq!(fit("Diagnosis", 20), "Diagnosis");
        assert_eq!(fit("Diagnosis", 5), "Diag…");
        assert_eq!(fit("中文中文", 5), "中文…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit_padded("ab", 4), "ab  ");
        assert_eq!(width(&fit("\u{1b}\u{1b}\u{1b}", 8)), 8);
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(number(25.6), "25.6");
        assert_eq!(number(100.0), "100");
        assert_eq!(number(0.456), "0.46");
        assert_eq!(number(-0.001), "0");
        assert_eq!(with_unit(58.0, "mmol/mol"), "58 mmol/mol");
        assert_eq!(with_unit(45.0, "%"), "45%");
        assert_eq!(share(Some(0.855)), "86%");
        assert_eq!(share(None), "–");
    }

    #[test]
    fn wrap_keeps_words_and_lines() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("abcdefghij", 4), ["abc…"]);
    }

    #[test]
    fn wrap_whole_breaks_long_ids_without_cutting_them() {
        let id = "annual-review-of-key-care-processes";
        let lines = wrap_whole(&format!("Delete \"{id}\"?"), 16);
        assert_eq!(lines.concat().replace(' ', ""), format!("Delete\"{id}\"?"));
        assert!(lines.iter().all(|l| width(l) <= 16), "{lines:?}");
        assert!(!lines.concat().contains('…'));
        // Broken after its hyphens.
        assert_eq!(lines[1], "\"annual-review-");
        assert_eq!(wrap_whole("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap_whole("one two", 10), ["one two"]);
        assert_eq!(wrap_whole("", 5), [""]);
        assert_eq!(wrap_whole("中文中文", 1), ["中", "文", "中", "文"]);
    }
}
