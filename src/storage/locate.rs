//! Finds where in the text a rule was broken, by following a path of `field: "value"` steps.

use crate::model::Locator;

use super::error::TextPosition;

/// The position of the last step of `path`, each step searched for after the one before.
pub fn locate(text: &str, path: &[Locator]) -> Option<TextPosition> {
    let mut from = 0;
    let mut found = None;
    for step in path {
        for _ in 0..step.nth.max(1) {
            let at = find_field(text, from, step)?;
            found = Some(at);
            from = at + 1;
        }
    }
    found.map(|offset| position_of(text, offset))
}

/// Byte offset of the next `field` (as a whole word) followed by `:` and, when the step
/// has a value, by that value as a string literal. The offset is that of the value, or of
/// the field name for bare steps, so the column points at what is wrong.
fn find_field(text: &str, from: usize, step: &Locator) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut start = from;
    while let Some(rel) = text.get(start..)?.find(step.field) {
        let at = start + rel;
        start = at + step.field.len();
        let word_start = at == 0 || !is_ident(bytes[at - 1]);
        let word_end = !bytes.get(start).copied().is_some_and(is_ident);
        if !(word_start && word_end) {
            continue;
        }
        let rest = &text[start..];
        let after_colon = rest.trim_start();
        let Some(after_colon) = after_colon.strip_prefix(':') else {
            continue;
        };
        let value_text = after_colon.trim_start();
        let value_at = text.len() - value_text.len();
        match &step.value {
            None => return Some(at),
            Some(v) => {
                if literal_is(value_text, v) {
                    return Some(value_at);
                }
            }
        }
    }
    None
}

/// True when `text` starts with a string literal whose value is `value`, whether written
/// plainly, with escapes (`"\u{61}"`, `"a\"b"`) or as a raw string (`r#"a"#`).
fn literal_is(text: &str, value: &str) -> bool {
    let Some(len) = literal_len(text) else {
        return false;
    };
    let literal = &text[..len];
    if literal.starts_with('"') && !literal.contains('\\') {
        // No escapes: the text between the quotes is the value.
        return &literal[1..len - 1] == value;
    }
    ron::from_str::<String>(literal).is_ok_and(|s| s == value)
}

/// The length of the string literal at the start of `text`, if there is one.
fn literal_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    match bytes.first()? {
        b'"' => {
            let mut i = 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => return Some(i + 1),
                    _ => i += 1,
                }
            }
            None
        }
        b'r' => {
            let hashes = bytes[1..].iter().take_while(|&&b| b == b'#').count();
            let open = 1 + hashes;
            if bytes.get(open) != Some(&b'"') {
                return None;
            }
            let close = format!("\"{}", "#".repeat(hashes));
            let end = text[open + 1..].find(&close)?;
            Some(open + 1 + end + close.len())
        }
        _ => None,
    }
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// 1-based line and column (in characters) of a byte offset.
pub fn position_of(text: &str, offset: usize) -> TextPosition {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    TextPosition {
        line,
        col: before[line_start..].chars().count() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(field: &'static str, value: Option<&str>) -> Locator {
        Locator {
            field,
            value: value.map(str::to_string),
            nth: 1,
        }
    }

    #[test]
    fn follows_steps_in_order() {
        let text = "A(\n  id: \"x\",\n  to: \"y\",\n  id: \"x\",\n  pid: \"x\",\n)";
        let first = locate(text, &[step("id", Some("x"))]).unwrap();
        assert_eq!((first.line, first.col), (2, 7));
        let second = locate(text, &[step("id", Some("x")), step("id", Some("x"))]).unwrap();
        assert_eq!((second.line, second.col), (4, 7));
        let to = locate(text, &[step("to", None)]).unwrap();
        assert_eq!((to.line, to.col), (3, 3));
        // `pid` is not `id`, and there is no third `id: "x"`.
        assert_eq!(locate(text, &vec![step("id", Some("x")); 3]), None);
        let nth = |n| Locator {
            nth: n,
            ..step("id", Some("x"))
        };
        assert_eq!(locate(text, &[nth(2)]), Some(second));
        assert_eq!(locate(text, &[nth(3)]), None);
    }

    #[test]
    fn values_written_with_escapes_or_raw() {
        let text =
            "A(\n  id: \"a\\\"b\",\n  id: r#\"c\"d\"#,\n  id: \"\\u{65}\",\n  id: \"unterminated";
        let found = |v: &str| locate(text, &[step("id", Some(v))]).map(|p| (p.line, p.col));
        assert_eq!(found("a\"b"), Some((2, 7)));
        assert_eq!(found("c\"d"), Some((3, 7)));
        assert_eq!(found("e"), Some((4, 7)));
        assert_eq!(found("a"), None);
        assert_eq!(found("unterminated"), None);
    }

    #[test]
    fn columns_count_characters() {
        let p = position_of("é: 1", 2);
        assert_eq!((p.line, p.col), (1, 2));
    }
}
