//! Text from a file made safe to show: nothing from a document reaches a terminal raw.

use std::borrow::Cow;
use std::fmt::Write;

/// Characters that would change what the terminal shows beyond their own cell: C0 and C1
/// controls, DEL, and the bidirectional embeddings, overrides, isolates and marks.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// Text from a file, with every control and bidirectional-override character shown as a
/// visible escape such as `\u{1b}`, so nothing from a document reaches the terminal raw
/// or reorders what is drawn around it.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}
