//! Writing a map's text without `core::fmt`: a map of thousands of boxes is hundreds of
//! thousands of numbers and names, and the standard formatting machinery was most of the
//! time spent drawing one. Each writer appends exactly what the standard formatting
//! (named beside it) would, and falls back to it where a fast path cannot be sure.

use std::fmt::Write;

/// The digits of `n` at the end of `buf`, from the returned index.
fn digits(buf: &mut [u8; 24], end: usize, n: u64) -> usize {
    let mut at = end;
    let mut n = n;
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return at;
        }
    }
}

/// Appends `buf[at..]`, ASCII digits, signs and points.
fn push_ascii(out: &mut String, buf: &[u8]) {
    out.push_str(std::str::from_utf8(buf).unwrap_or_default());
}

/// Appends the decimal digits of `n`.
pub fn int(out: &mut String, n: u64) {
    let mut buf = [0u8; 24];
    let at = digits(&mut buf, 24, n);
    push_ascii(out, &buf[at..]);
}

/// `x` in whole tenths with its sign, when `{:.1}` of `x` is surely that number of tenths:
/// `x` is finite and not too large, not within a millionth of a rounding tie once scaled,
/// and not a negative number that rounds to zero ("-0.0").
fn tenths(x: f64) -> Option<i64> {
    let scaled = x * 10.0;
    // Below 2^32 a half unit in the last place of `scaled` is under 1e-6.
    if !(scaled.is_finite() && scaled.abs() < 4.0e9) {
        return None;
    }
    // Rounded half away from zero by truncation and comparison, as `f64::round` does:
    // the target has no rounding instruction, and a call each was the map's hottest spot.
    let abs = scaled.abs();
    let whole = abs as i64;
    let fraction = abs - whole as f64;
    let off_tie = (fraction - 0.5).abs() > 1e-6;
    let magnitude = whole + i64::from(fraction > 0.5);
    let negative = x.is_sign_negative();
    if !off_tie || (magnitude == 0 && negative) {
        return None;
    }
    Some(if negative { -magnitude } else { magnitude })
}

fn signed_tenths(out: &mut String, n: i64, always_decimal: bool) {
    let mut buf = [0u8; 24];
    let mut end = buf.len();
    let abs = n.unsigned_abs();
    if always_decimal || !abs.is_multiple_of(10) {
        buf[end - 2] = b'.';
        buf[end - 1] = b'0' + (abs % 10) as u8;
        end -= 2;
    }
    let mut at = digits(&mut buf, end, abs / 10);
    if n < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    push_ascii(out, &buf[at..]);
}

/// Appends `x` as `{:.1}` formats it: "24.0", "-3.5".
pub fn d1(out: &mut String, x: f64) {
    match tenths(x) {
        Some(n) => signed_tenths(out, n, true),
        None => {
            let _ = write!(out, "{x:.1}");
        }
    }
}

/// Appends `x` as `{}` formats it ("11", "9.5", "1.2"): the fast path takes numbers that
/// are a whole number of tenths exactly as written (sizes and widths are), the shortest
/// text that reads back as them.
pub fn num(out: &mut String, x: f64) {
    let scaled = x * 10.0;
    if scaled.is_finite() && scaled.abs() < 4.0e9 && !(x == 0.0 && x.is_sign_negative()) {
        let rounded = scaled.round();
        if rounded / 10.0 == x {
            signed_tenths(out, rounded as i64, false);
            return;
        }
    }
    let _ = write!(out, "{x}");
}

/// Appends a strength (0 to 1) as `percent` writes it, `{:.0}%` of its hundredths: "59%".
pub fn percent(out: &mut String, s: f64) {
    let v = s * 100.0;
    // `{:.0}` rounds an exact half to even: ties and "-0" go to the standard formatting.
    if v.is_finite() && v.abs() < 4.0e9 && (v - v.trunc()).abs() != 0.5 {
        let rounded = v.round();
        if !(rounded == 0.0 && v.is_sign_negative()) {
            if rounded < 0.0 {
                out.push('-');
            }
            int(out, rounded.abs() as u64);
            out.push('%');
            return;
        }
    }
    let _ = write!(out, "{v:.0}%");
}

/// What a character becomes in XML text, if it is not written as it is (see `super::xml`).
fn escaped(c: char) -> Option<&'static str> {
    match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        '\u{FFFE}' | '\u{FFFF}' | '\u{2028}' | '\u{2029}' => Some(" "),
        c if c.is_control() => Some(" "),
        _ => None,
    }
}

/// Appends `text` as `super::Xml` writes it. Only ASCII bytes and the first bytes of
/// U+0080–U+009F (0xC2), U+2028/U+2029 (0xE2) and U+FFFE/U+FFFF (0xEF) can start a
/// character that is changed; every other byte is copied in runs.
pub fn xml(out: &mut String, text: &str) {
    /// The bytes that may start a character `escaped` changes.
    static SUSPECT: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = matches!(
                b as u8,
                b'&' | b'<' | b'>' | b'"' | b'\'' | 0x00..=0x1F | 0x7F | 0xC2 | 0xE2 | 0xEF
            );
            b += 1;
        }
        table
    };
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !SUSPECT[usize::from(b)] {
            continue;
        }
        // `b` starts a character (it is ASCII or a leading byte), so `i` is a boundary.
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        if let Some(instead) = escaped(c) {
            out.push_str(&text[start..i]);
            out.push_str(instead);
            start = i + c.len_utf8();
        }
    }
    out.push_str(&text[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Many numbers: the awkward ones, then random ones of every kind the map writes.
    fn values() -> Vec<f64> {
        let mut values = vec![
            0.0,
            -0.0,
            0.04,
            -0.04,
            0.05,
            -0.05,
            0.06,
            -0.06,
            0.25,
            0.35,
            0.45,
            0.5,
            -0.5,
            1.5,
            2.5,
            0.005,
            0.995,
            0.625,
            1.05,
            2.675,
            24.0,
            150.5,
            1e9,
            -1e9,
            4.1e8,
            399999999.95,
            1e300,
            -1e300,
            1e-300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::EPSILON,
            123.456,
            -987.65,
            0.1 + 0.2,
            u64::MAX as f64,
        ];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let unit = (x >> 11) as f64 / (1u64 << 53) as f64;
            values.push((unit - 0.5) * 20_000.0);
            values.push(((unit * 8000.0).round() / 8.0) - 500.0);
            values.push((unit * 1e6).round() / 100.0 + 0.05);
            values.push(((unit - 0.3) * 200.0).round() / 10.0);
            values.push(unit);
            values.push((unit * 200.0).round() / 200.0);
            values.push(f64::from_bits(x));
        }
        values
    }

    /// How `xml` escaped text before it had a fast path: character by character.
    fn escaped_slowly(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&apos;".to_string(),
                '\u{FFFE}' | '\u{FFFF}' | '\u{2028}' | '\u{2029}' => " ".to_string(),
                c if c.is_control() => " ".to_string(),
                c => c.to_string(),
            })
            .collect()
    }

    fn with(write: impl Fn(&mut String, f64), v: f64) -> String {
        let mut s = String::from("<");
        write(&mut s, v);
        s
    }

    #[test]
    fn numbers_as_the_standard_formatting_writes_them() {
        for v in values() {
            assert_eq!(with(d1, v), format!("<{v:.1}"), "{v:e}");
            assert_eq!(with(num, v), format!("<{v}"), "{v:e}");
            assert_eq!(
                with(percent, v),
                format!("<{}", super::super::percent(v)),
                "{v:e}"
            );
        }
        for n in [0, 1, 9, 10, 99, 100, 12345, u64::from(u32::MAX), u64::MAX] {
            let mut s = String::new();
            int(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn text_escaped_as_the_standard_formatting_writes_it() {
        let texts = [
            "",
            "plain",
            "Children's & young people's <services> \"quoted\"",
            "tab\there\nnew line\r\u{7f}",
            "\u{80}C1\u{9f}controls\u{a0}nbsp \u{c2}\u{bf}",
            "line\u{2028}para\u{2029}end \u{2027}\u{202a}\u{2030}",
            "\u{fffe}\u{ffff}\u{fffd}\u{fefe}\u{ef}",
            "✗ Red · 59% — café ünïcødé 🎉 €",
            "&&&<<<>>>'''",
        ];
        for t in texts {
            let mut s = String::new();
            xml(&mut s, t);
            assert_eq!(s, escaped_slowly(t), "{t:?}");
        }
        // Every character of the first planes, in one piece.
        let all: String = (0u32..0x3_0000).filter_map(char::from_u32).collect();
        let mut s = String::new();
        xml(&mut s, &all);
        assert_eq!(s, escaped_slowly(&all));
        assert!(!s.contains('<') && !s.contains('\u{2028}') && !s.contains('\u{ffff}'));
    }
}
