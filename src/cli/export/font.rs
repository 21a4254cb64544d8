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

/// A face's advances, the printable ASCII ones looked up once: names are measured word by
/// word, and looking each glyph up in the font every time was most of a map's drawing.
struct Metrics {
    face: &'static Face<'static>,
    ascii: [u32; 128],
    fallback: u32,
    per_em: f64,
}

impl Metrics {
    fn of(bold: bool) -> &'static Metrics {
        static METRICS: OnceLock<(Metrics, Metrics)> = OnceLock::new();
        let (regular, bold_metrics) =
            METRICS.get_or_init(|| (Metrics::new(face(false)), Metrics::new(face(true))));
        if bold { bold_metrics } else { regular }
    }

    fn new(face: &'static Face<'static>) -> Metrics {
        let fallback = advance(face, 'W').map_or(u32::from(face.units_per_em()), u32::from);
        let mut metrics = Metrics {
            face,
            ascii: [0; 128],
            fallback,
            per_em: f64::from(face.units_per_em()),
        };
        let ascii: [u32; 128] = std::array::from_fn(|b| metrics.looked_up(char::from(b as u8)));
        metrics.ascii = ascii;
        metrics
    }

    /// A character's advance in font units; a control character has none.
    fn units(&self, c: char) -> u32 {
        match self.ascii.get(c as usize) {
            Some(&units) => units,
            None => self.looked_up(c),
        }
    }

    fn looked_up(&self, c: char) -> u32 {
        if c.is_control() {
            0
        } else {
            advance(self.face, c).map_or(if is_mark(c) { 0 } else { self.fallback }, u32::from)
        }
    }

    fn text_units(&self, text: &str) -> u32 {
        text.chars().map(|c| self.units(c)).sum()
    }

    fn width(&self, units: u32, size: f64) -> f64 {
        f64::from(units) * size / self.per_em
    }
}

/// A glyph's advance, if the font has a glyph for `c` that moves the pen (or needs not).
fn advance(face: &Face, c: char) -> Option<u16> {
    face.glyph_index(c)
        .and_then(|g| face.glyph_hor_advance(g))
        .filter(|&a| a > 0 || c.is_whitespace() || is_mark(c))
}

/// How wide `text` is at `size` px. A character the font lacks counts as the widest
/// common glyph ("W"), as a fallback font would draw it about that wide.
#[cfg(test)]
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    let metrics = Metrics::of(bold);
    metrics.width(metrics.text_units(text), size)
}

/// Combining marks take no width of their own.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F)
}

/// `text` in lines no wider than `max` px, broken at spaces; a word wider than a line is
/// broken between characters. Every character of `text` is kept (spaces at breaks aside).
/// Widths add up in font units as the line grows, so each word is measured once.
pub fn wrap(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let metrics = Metrics::of(bold);
    let space = metrics.units(' ');
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_units = 0;
    for word in text.split_whitespace() {
        let word_units = metrics.text_units(word);
        let joined = if line.is_empty() {
            word_units
        } else {
            line_units + space + word_units
        };
        if metrics.width(joined, size) <= max {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            line_units = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_units = 0;
        }
        // The word alone: split it where it overflows.
        for c in word.chars() {
            let next = line_units + metrics.units(c);
            if metrics.width(next, size) > max && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line.push(c);
                line_units = metrics.units(c);
            } else {
                line.push(c);
                line_units = next;
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
