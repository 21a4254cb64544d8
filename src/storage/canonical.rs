//! The canonical text of a network (docs/format.md): ron's pretty form with four-space
//! indents, struct names and bare options, apostrophes unescaped, and a final newline.
//! It is written straight into its destination, or compared with a text as it is made,
//! with no copy of the whole.

use std::fmt::{self, Write};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::model::Network;

fn config() -> PrettyConfig {
    PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(true)
        .extensions(Extensions::IMPLICIT_SOME)
}

/// Writes the canonical text of `network` to `out`.
fn write_canonical(network: &Network, out: &mut impl Write) {
    let mut unescaped = Unescape {
        out,
        backslash: false,
    };
    ron::ser::to_writer_pretty(&mut unescaped, network, config())
        .expect("a network is always serialisable: plain strings, numbers and lists");
    unescaped.finish();
    let _ = out.write_char('\n');
}

/// The canonical text of a network (docs/format.md): a fixed point of load and save.
pub fn to_canonical_string(network: &Network) -> String {
    let mut text = String::new();
    write_canonical(network, &mut text);
    text
}

/// True when `text` is the canonical text of `network`, found without making it.
pub fn is_canonical(text: &str, network: &Network) -> bool {
    let mut same = Compare {
        text: text.as_bytes(),
        at: 0,
        differs: false,
    };
    write_canonical(network, &mut same);
    !same.differs && same.at == text.len()
}

/// ron escapes `'` inside strings as `\'`; both read back the same, and names like
/// "Children's services" read better in a diff without the backslash. Every other escape
/// is passed on whole, so `\\'` stays a backslash and an apostrophe.
struct Unescape<'w, W: Write> {
    out: &'w mut W,
    /// The last piece ended in a backslash whose escape is still to come.
    backslash: bool,
}

impl<W: Write> Unescape<'_, W> {
    fn finish(&mut self) {
        if std::mem::take(&mut self.backslash) {
            let _ = self.out.write_char('\\');
        }
    }
}

impl<W: Write> Write for Unescape<'_, W> {
    fn write_str(&mut self, mut s: &str) -> fmt::Result {
        if self.backslash && !s.is_empty() {
            self.backslash = false;
            let next = s.chars().next().unwrap_or('\\');
            if next != '\'' {
                self.out.write_char('\\')?;
            }
            self.out.write_char(next)?;
            s = &s[next.len_utf8()..];
        }
        while let Some(at) = s.find('\\') {
            self.out.write_str(&s[..at])?;
            let rest = &s[at + 1..];
            match rest.chars().next() {
                None => {
                    self.backslash = true;
                    return Ok(());
                }
                Some('\'') => self.out.write_char('\'')?,
                Some(next) => {
                    self.out.write_char('\\')?;
                    self.out.write_char(next)?;
                }
            }
            s = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
        }
        self.out.write_str(s)
    }
}

/// Compares what is written with a text, piece by piece.
struct Compare<'t> {
    text: &'t [u8],
    at: usize,
    differs: bool,
}

impl Write for Compare<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.differs {
            return Ok(());
        }
        let end = self.at + s.len();
        if self.text.get(self.at..end) == Some(s.as_bytes()) {
            self.at = end;
        } else {
            self.differs = true;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unescaped(pieces: &[&str]) -> String {
        let mut out = String::new();
        let mut u = Unescape {
            out: &mut out,
            backslash: false,
        };
        for p in pieces {
            u.write_str(p).unwrap();
        }
        u.finish();
        out
    }

    #[test]
    fn apostrophes_lose_their_backslash_and_nothing_else_does() {
        assert_eq!(unescaped(&["Children\\'s"]), "Children's");
        assert_eq!(unescaped(&["a\\\\'b"]), "a\\\\'b");
        assert_eq!(unescaped(&["a\\", "'b"]), "a'b");
        assert_eq!(unescaped(&["a\\", "\\", "'b"]), "a\\\\'b");
        assert_eq!(unescaped(&["\\n\\u{1b}", "\\"]), "\\n\\u{1b}\\");
        assert_eq!(unescaped(&["é\\", "é"]), "é\\é");
    }

    #[test]
    fn canonical_text_is_recognised_without_making_it() {
        let network = crate::generate::network(60, 1);
        let text = to_canonical_string(&network);
        assert!(is_canonical(&text, &network));
        assert!(!is_canonical(&text[..text.len() - 1], &network));
        assert!(!is_canonical(&format!("{text}\n"), &network));
        assert!(!is_canonical(&text.replacen("    ", "  ", 1), &network));
    }
}
