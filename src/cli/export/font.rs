//! The font every picture is drawn in: DejaVu Sans, embedded (assets/fonts, with its
//! licence), so text is measured from the font's own metrics and PNG/PDF output does not
//! depend on the fonts installed.

use std::sync::OnceLock;

use ttf_parser::Face;

pub const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
pub const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
/// The family name the embedded fonts answer to, first in every `font-family`.
pub const FAMILY: &str = "DejaVu Sans";

fn face(bold: bool) -> &'static Face<'static> {
    static FACES: OnceLock<(Face<'static>, Face<'static>)> = OnceLock::new();
    let (regular, bold_face) = FACES.get_or_init(|| {
        (
            Face::parse(REGULAR, 0).expect("the embedded regular font parses"),
            Face::parse(BOLD, 0).expect("the embedded bold font parses"),
        )
    });
    if bold { bold_face } else { regular }
}

/// How wide `text` is at `size` px. A character the font lacks counts as the widest
/// common glyph ("W"), as a fallback font would draw it about that wide.
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    let face = face(bold);
    let advance = |c: char| {
        face.glyph_index(c)
            .and_then(|g| face.glyph_hor_advance(g))
            .filter(|&a| a > 0 || c.is_whitespace() || is_mark(c))
    };
    let fallback = advance('W').unwrap_or(face.units_per_em());
    let units: u32 = text
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| u32::from(advance(c).unwrap_or(if is_mark(c) { 0 } else { fallback })))
        .sum();
    f64::from(units) * size / f64::from(face.units_per_em())
}

/// Combining marks take no width of their own.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F)
}

/// `text` in lines no wider than `max` px, broken at spaces; a word wider than a line is
/// broken between characters. Every character of `text` is kept (spaces at breaks aside).
pub fn wrap(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&joined, size, bold) <= max {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // The word alone: split it where it overflows.
        for c in word.chars() {
            let mut next = line.clone();
            next.push(c);
            if width(&next, size, bold) > max && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line.push(c);
            } else {
                line = next;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        // DejaVu Sans: "i" is narrow, "W" wide; bold is wider than regular.
        assert!(width("iiii", 11.0, false) < width("WWWW", 11.0, false) / 2.0);
        assert!(width("Assessment", 11.0, true) > width("Assessment", 11.0, false));
        let w = width("Annual review", 11.0, false);
        assert!((w - 2.0 * width("Annual review", 5.5, false)).abs() < 1e-9);
        assert!(w > 60.0 && w < 90.0, "{w}");
        assert_eq!(width("", 11.0, false), 0.0);
    }

    #[test]
    fn wrapping_keeps_every_word_and_fits_the_width() {
        let name = "Community paediatric diabetes specialist nursing service (outreach)";
        let lines = wrap(name, 11.0, false, 150.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), name);
        for l in &lines {
            assert!(width(l, 11.0, false) <= 150.0, "{l}");
        }
        let long = "Supercalifragilisticexpialidociousnessofthewholething";
        let lines = wrap(long, 11.0, false, 60.0);
        assert_eq!(lines.concat(), long);
        assert!(lines.iter().all(|l| width(l, 11.0, false) <= 60.0));
        assert_eq!(wrap("", 11.0, false, 60.0), vec![String::new()]);
        // A character too wide for the line on its own still gets a line.
        assert_eq!(wrap("WW", 11.0, false, 1.0), vec!["W", "W"]);
    }
}
