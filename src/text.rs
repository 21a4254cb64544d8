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

/// As `visible`, for text of several lines: line breaks and tabs stay as they are.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_hidden(c) && c != '\n' && c != '\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) && c != '\n' && c != '\t' {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// What JSON from carepath writes as a `\u` escape beyond what serde_json escapes (C0):
/// DEL, the C1 controls, the bidirectional controls and the line and paragraph separators.
fn json_hidden(c: char) -> bool {
    (c >= '\u{7f}' && is_hidden(c)) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `value` as pretty JSON, with `json_hidden` characters written as `\u` escapes (they can
/// only be inside strings, where the escape reads back as the same character), written
/// to `out` as it is made: a large report needs no copy of itself in memory.
pub fn write_json(
    out: &mut impl std::io::Write,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
    let formatter = EscapingFormatter(serde_json::ser::PrettyFormatter::new());
    let mut serializer = serde_json::Serializer::with_formatter(out, formatter);
    value
        .serialize(&mut serializer)
        .map_err(std::io::Error::from)
}

/// serde_json's pretty formatter, with `json_hidden` characters escaped in strings.
struct EscapingFormatter(serde_json::ser::PrettyFormatter<'static>);

/// The pretty formatter's own layout, passed through.
macro_rules! pretty {
    ($($name:ident($($arg:ident: $t:ty),*)),* $(,)?) => {$(
        fn $name<W: ?Sized + std::io::Write>(&mut self, w: &mut W $(, $arg: $t)*) -> std::io::Result<()> {
            self.0.$name(w $(, $arg)*)
        }
    )*};
}

impl serde_json::ser::Formatter for EscapingFormatter {
    pretty! {
        begin_array(), end_array(), begin_array_value(first: bool), end_array_value(),
        begin_object(), end_object(), begin_object_key(first: bool), begin_object_value(),
        end_object_value(),
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if fragment.is_ascii() {
            return w.write_all(fragment.as_bytes());
        }
        let mut from = 0;
        for (i, c) in fragment.char_indices().filter(|&(_, c)| json_hidden(c)) {
            w.write_all(&fragment.as_bytes()[from..i])?;
            write!(w, "\\u{:04x}", c as u32)?;
            from = i + c.len_utf8();
        }
        w.write_all(&fragment.as_bytes()[from..])
    }
}

/// The network with every text made visible (names, notes, sources...), for reports
/// written to a terminal. Ids cannot hold such characters, so links still resolve.
pub fn visible_network(network: &crate::model::Network) -> Cow<'_, crate::model::Network> {
    fn walk(v: &mut serde_json::Value) -> bool {
        match v {
            serde_json::Value::String(s) => match visible(s) {
                Cow::Owned(o) => {
                    *s = o;
                    true
                }
                Cow::Borrowed(_) => false,
            },
            serde_json::Value::Array(a) => a.iter_mut().fold(false, |c, v| walk(v) | c),
            serde_json::Value::Object(o) => o.values_mut().fold(false, |c, v| walk(v) | c),
            _ => false,
        }
    }
    if !has_hidden(network) {
        return Cow::Borrowed(network);
    }
    let Ok(mut value) = serde_json::to_value(network) else {
        return Cow::Borrowed(network);
    };
    if !walk(&mut value) {
        return Cow::Borrowed(network);
    }
    serde_json::from_value(value).map_or(Cow::Borrowed(network), Cow::Owned)
}

/// True when some text of the network (a name, a note, a source...) holds a character
/// `visible` would escape. It walks every string through serde, as `visible_network`
/// does, but builds nothing: most files have none, and need no copy.
pub fn has_hidden(network: &crate::model::Network) -> bool {
    use serde_json::ser::{CharEscape, Formatter};
    use std::io;

    /// Sees each string's plain runs and escapes; writes nothing.
    struct Finder<'a> {
        found: &'a std::cell::Cell<bool>,
    }
    impl Formatter for Finder<'_> {
        fn write_string_fragment<W: ?Sized + io::Write>(
            &mut self,
            _: &mut W,
            fragment: &str,
        ) -> io::Result<()> {
            if fragment.chars().any(is_hidden) {
                self.found.set(true);
            }
            Ok(())
        }
        fn write_char_escape<W: ?Sized + io::Write>(
            &mut self,
            _: &mut W,
            escape: CharEscape,
        ) -> io::Result<()> {
            // serde_json escapes the quote, the backslash and the C0 controls.
            if !matches!(escape, CharEscape::Quote | CharEscape::ReverseSolidus) {
                self.found.set(true);
            }
            Ok(())
        }
        fn write_f64<W: ?Sized + io::Write>(&mut self, _: &mut W, _: f64) -> io::Result<()> {
            Ok(())
        }
        fn write_u32<W: ?Sized + io::Write>(&mut self, _: &mut W, _: u32) -> io::Result<()> {
            Ok(())
        }
    }
    let found = std::cell::Cell::new(false);
    let mut serializer =
        serde_json::Serializer::with_formatter(io::sink(), Finder { found: &found });
    // Serialising to a sink fails only on a number JSON cannot hold; look closer then.
    if serde::Serialize::serialize(network, &mut serializer).is_err() {
        return true;
    }
    found.get()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_written_as_it_is_made_is_the_escaped_pretty_json() {
        let value = serde_json::json!({
            "plain": "ascii only",
            "hidden": "del \u{7f} c1 \u{85} bidi \u{202e} isolate \u{2066} marks \u{200f}",
            "separators \u{2028} in a key": ["line \u{2028}", "para \u{2029}", "c0 \u{1b}"],
            "kept": "é € 😀 \u{a0}",
            "numbers": [0.1, 1e300, -2, 7],
            "nested": {"empty": [], "object": {}},
        });
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        let mut written = Vec::new();
        write_json(&mut written, &value).unwrap();
        let written = String::from_utf8(written).unwrap();
        // serde_json's own pretty text, with each hidden character as its escape.
        let mut escaped = String::new();
        for c in pretty.chars() {
            if json_hidden(c) {
                let _ = write!(escaped, "\\u{:04x}", c as u32);
            } else {
                escaped.push(c);
            }
        }
        assert_eq!(written, escaped);
        assert!(written.contains("\\u202e") && !written.contains('\u{202e}'));
        let back: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(back, value);
    }
}
