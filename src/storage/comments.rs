//! Finding comments in pathway text. carepath writes the canonical form, which has none,
//! so a comment would be lost on save; it is found first and the user told
//! (docs/format.md, "Comments").

use super::{TextPosition, position_of};

/// The place of the first `//` or `/* */` comment outside a string, if there is one.
pub fn first_comment(text: &str) -> Option<TextPosition> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_string(bytes, i + 1),
            // A raw string: r"..." or r#"..."#.
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#'))
                && (i == 0 || !is_ident(bytes[i - 1])) =>
            {
                let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
                let open = i + 1 + hashes;
                if bytes.get(open) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                i = bytes[open + 1..]
                    .windows(close.len())
                    .position(|w| w == close.as_slice())
                    .map_or(bytes.len(), |p| open + 1 + p + close.len());
            }
            b'\'' => i = skip_char(bytes, i + 1),
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => {
                return Some(position_of(text, i));
            }
            _ => i += 1,
        }
    }
    None
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Past the closing quote of a string whose text starts at `i`.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// Past a character literal (`'a'`, `'\''`), if it is one.
fn skip_char(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'\\') => bytes[i..]
            .iter()
            .skip(2)
            .position(|&b| b == b'\'')
            .map_or(i, |p| i + 2 + p + 1),
        Some(_) => bytes[i..]
            .iter()
            .skip(1)
            .take(4)
            .position(|&b| b == b'\'')
            .map_or(i, |p| i + 1 + p + 1),
        None => i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comments_outside_strings_only() {
        assert_eq!(first_comment("Network(name: \"a // b /* c\")"), None);
        assert_eq!(first_comment("Network(name: r#\"a // \"b\"#)"), None);
        assert_eq!(first_comment("#![enable(implicit_some)]\nNetwork()"), None);
        let p = first_comment("Network(\n    // why\n)").unwrap();
        assert_eq!((p.line, p.col), (2, 5));
        let p = first_comment("Network(name: \"x\\\"\", /* y */)").unwrap();
        assert_eq!(p.line, 1);
        assert!(first_comment("Network(name: \"unterminated").is_none());
    }
}
