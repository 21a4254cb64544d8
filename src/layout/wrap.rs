//! Names wrapped at word boundaries for boxes, measured in terminal cells. The layout
//! uses it to decide how tall boxes are; the screen draws the same lines.

use unicode_width::UnicodeWidthChar;

/// Cells `text` takes on one line.
pub(crate) fn cells(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Cuts `text` to at most `width` cells, ending in `…` when cut.
fn cut(text: &str, width: usize) -> String {
    if cells(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// The lines `text` takes at `width` cells, words kept whole where they fit; a word
/// wider than a line is split across lines.
pub fn lines(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let need = cells(word);
        let used = cells(&line);
        if !line.is_empty() && used + 1 + need <= width {
            line.push(' ');
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            out.push(std::mem::take(&mut line));
        }
        if need <= width {
            line.push_str(word);
            continue;
        }
        // Too long for any line: split it by cells.
        let mut used = 0;
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width && !line.is_empty() {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += w;
        }
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

/// At most `max` lines of `text` at `width` cells; when more are needed, the last shown
/// line ends in `…` so a cut name never reads as whole.
pub fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut all = lines(text, width);
    let max = max.max(1);
    if all.len() > max {
        let rest = all[max - 1..].join(" ");
        all.truncate(max - 1);
        let last = cut(&rest, width);
        // Never end on a part of a word when a whole word can end the line instead.
        let last = match last.strip_suffix('…') {
            Some(kept) if !rest[kept.len()..].starts_with(' ') => match kept.rfind(' ') {
                Some(space) => format!("{}…", &kept[..space]),
                None => last,
            },
            _ => last,
        };
        all.push(last);
    }
    all
}

/// How many words of `text` a box `width` cells wide, showing `MAX_NAME_LINES` lines,
/// does not show whole.
pub(crate) fn words_lost(text: &str, width: usize) -> usize {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let total = words.len();
    let shown = wrap(text, width, super::MAX_NAME_LINES as usize);
    let mut whole = 0;
    for token in shown.iter().flat_map(|l| l.split_whitespace()) {
        if let Some(k) = words.iter().position(|w| *w == token) {
            words.remove(k);
            whole += 1;
        }
    }
    total - whole
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_stay_whole_and_lines_fit() {
        assert_eq!(
            lines("School nurse drop-in and wellbeing check", 14),
            ["School nurse", "drop-in and", "wellbeing", "check"]
        );
        assert_eq!(lines("", 10), [""]);
        assert_eq!(lines("Paediatrician", 5), ["Paedi", "atric", "ian"]);
    }

    #[test]
    fn a_cut_name_ends_in_an_ellipsis_after_a_whole_word() {
        let name = "Whole-school approach led by a senior mental health lead";
        assert_eq!(
            wrap(name, 16, 3),
            ["Whole-school", "approach led by", "a senior mental…"]
        );
        assert_eq!(wrap(name, 16, 1), ["Whole-school…"]);
        assert_eq!(wrap("GP consultation", 16, 3), ["GP consultation"]);
        assert!(wrap(name, 16, 2).iter().all(|l| cells(l) <= 16));
        assert_eq!(words_lost(name, 16), 3);
        assert_eq!(words_lost(name, 20), 3);
        assert_eq!(words_lost(name, 24), 0);
        assert_eq!(words_lost("GP consultation", 8), 1);
    }
}
