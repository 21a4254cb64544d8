//! Reading a large network on several threads: the top-level list of pathways is split
//! into its items by a cheap scan of brackets and strings, and each share of pathways is
//! read by the fast reader on a thread of its own, the rest of the document on this one.
//!
//! The scan accepts only text the fast reader could read (no comments, raw strings or
//! characters it does not know outside strings); where it is unsure it declines, and the
//! document is read whole. Every piece is then read by the fast reader, so the result is
//! the one reading the whole text would give.

use std::ops::Range;

use crate::model::{Network, Pathway};

use super::fast::{self, Bail};

/// Below this many bytes (about 8,000 components) a document is read on one thread: the
/// scan that splits it costs about a tenth of the reading, which a small file does not
/// win back (a 6,000-component file is read in some 30 ms either way).
pub const PARALLEL_FROM: usize = 16 << 20;

/// The network in `text`, read on up to `threads` threads; `Bail` where the fast reader
/// cannot read it.
pub fn read(text: &str, threads: usize) -> Result<Network, Bail> {
    if threads < 2 || text.len() < PARALLEL_FROM {
        return fast::from_str(text);
    }
    let Some(start) = list_start(text) else {
        return fast::from_str(text);
    };
    // Canonical text is split where a pathway's first line should be, and the reading
    // checks each guess; anything else is split by a scan of the whole list.
    if let Some(starts) = guessed_starts(text, start, threads)
        && let Ok(network) = read_guessed(text, start, &starts)
    {
        return Ok(network);
    }
    let Some(split) = items(text, start) else {
        return fast::from_str(text);
    };
    let shares = shares(text, &split.items, threads);
    let read_share = |k: usize| -> Result<Vec<Pathway>, Bail> {
        split.items[shares[k].clone()]
            .iter()
            .map(|item| fast::fragment::<Pathway>(&text[item.clone()]))
            .collect()
    };
    let pathways = on_threads(shares.len(), read_share)?;
    with_skeleton(text, split.list, pathways)
}

/// The network of the text around the list `list` (its inside), with `pathways` in it.
fn with_skeleton(text: &str, list: Range<usize>, pathways: Vec<Pathway>) -> Result<Network, Bail> {
    let skeleton = [&text[..list.start], &text[list.end..]].concat();
    let network = fast::from_str::<Network>(&skeleton)?;
    if !network.pathways().is_empty() {
        return Err(Bail);
    }
    Ok(network.with_loaded_pathways(pathways))
}

/// `read_share(k)` for each of `shares` shares, side by side (`threads::each`); their
/// pathways in share order.
fn on_threads<F>(shares: usize, read_share: F) -> Result<Vec<Pathway>, Bail>
where
    F: Fn(usize) -> Result<Vec<Pathway>, Bail> + Sync,
{
    let read = crate::threads::each(shares, read_share);
    let read: Vec<Vec<Pathway>> = read.into_iter().collect::<Result<_, _>>()?;
    Ok(read.into_iter().flatten().collect())
}

/// How a pathway of the list starts in canonical text: after the comma that ends the one
/// before, on a line of its own, at the list's indentation.
const CANONICAL_ITEM: &str = "),\n        Pathway(";

/// Where shares 1.. of the list could start, about evenly apart: just past a comma and
/// the whitespace after it, at the first canonical pathway line past each even point.
/// Only a guess: a string may hold such a line, which the reading then finds out.
fn guessed_starts(text: &str, list: usize, threads: usize) -> Option<Vec<usize>> {
    let mut starts = vec![list];
    for k in 1..threads {
        let even = list + (text.len() - list) * k / threads;
        let from = even.max(starts[starts.len() - 1]);
        let found = from + text.get(from..)?.find(CANONICAL_ITEM)?;
        let start = found + CANONICAL_ITEM.len() - "Pathway(".len();
        if start > starts[starts.len() - 1] {
            starts.push(start);
        }
    }
    (starts.len() > 1).then_some(starts)
}

/// Reads the list in shares from `starts` (the first is the list's start), each share
/// checking that it ends exactly where the next was guessed to start; so the pathways
/// are those the reading of the whole list gives, or `Bail`.
fn read_guessed(text: &str, list: usize, starts: &[usize]) -> Result<Network, Bail> {
    let end = std::sync::OnceLock::new();
    let read_share = |k: usize| -> Result<Vec<Pathway>, Bail> {
        let (pathways, stopped) = fast::list_items(text, starts[k], starts.get(k + 1).copied())?;
        if k + 1 == starts.len() {
            let _ = end.set(stopped);
        }
        Ok(pathways)
    };
    let pathways = on_threads(starts.len(), read_share)?;
    let end = *end.get().ok_or(Bail)?;
    with_skeleton(text, list..end, pathways)
}

/// Where the list of pathways is: its inside (between the brackets) and its items.
#[derive(Debug, PartialEq)]
struct Split {
    list: Range<usize>,
    items: Vec<Range<usize>>,
}

/// Contiguous runs of items, one per thread, of about the same number of bytes.
fn shares(text: &str, items: &[Range<usize>], threads: usize) -> Vec<Range<usize>> {
    let total: usize = items.iter().map(|r| r.len()).sum();
    let per = total.div_ceil(threads.max(1)).max(1);
    let mut shares = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        size += item.len();
        if size >= per && shares.len() + 1 < threads {
            shares.push(start..i + 1);
            start = i + 1;
            size = 0;
        }
    }
    if start < items.len() || shares.is_empty() {
        shares.push(start..items.len());
    }
    debug_assert!(text.len() >= total);
    shares
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// How the scan treats each byte outside strings.
const PLAIN: u8 = 0;
const MARK: u8 = 1;
const UNKNOWN: u8 = 2;

/// `PLAIN` for what the fast reader reads outside strings and the scan steps over
/// (letters, digits, whitespace, `_ . + - :`), `MARK` for what the scan looks at (quotes,
/// brackets, commas, `#`), `UNKNOWN` for the rest (comments, maps, characters, non-ASCII).
static CLASS: [u8; 256] = {
    let mut class = [UNKNOWN; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric()
            || matches!(
                c,
                b' ' | b'\t' | b'\n' | b'\r' | b'_' | b'.' | b'+' | b'-' | b':'
            )
        {
            class[b] = PLAIN;
        } else if matches!(c, b'"' | b'(' | b')' | b'[' | b']' | b',' | b'#') {
            class[b] = MARK;
        }
        b += 1;
    }
    class
};

/// The first byte at or after `i` that is not `PLAIN`.
fn skip_plain(bytes: &[u8], mut i: usize) -> usize {
    loop {
        // Indentation is most of a canonical file: eight spaces at a time.
        if bytes.get(i..i + 8) == Some(b"        ".as_slice()) {
            i += 8;
            continue;
        }
        match bytes.get(i) {
            Some(&b) if CLASS[b as usize] == PLAIN => i += 1,
            _ => return i,
        }
    }
}

/// True when the string opening at `at` follows an identifier character (`r"..."`,
/// `b"..."`): a form this scan leaves alone.
fn prefixed(bytes: &[u8], at: usize) -> bool {
    bytes[..at]
        .iter()
        .rev()
        .find(|&&b| !is_ws(b))
        .is_some_and(|&b| is_ident_byte(b))
}

/// The end of the string starting at `at` (just past its closing quote).
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        i += bytes
            .get(i..)?
            .iter()
            .position(|&b| b == b'"' || b == b'\\')?;
        if bytes[i] == b'"' {
            return Some(i + 1);
        }
        i += 2;
    }
}

/// Where the inside of the network's `pathways: [...]` (a field of the top-level struct)
/// starts, found by a scan of what comes before it.
fn list_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    loop {
        i = skip_plain(bytes, i);
        let b = *bytes.get(i)?;
        match b {
            b'#' if depth == 0 => {
                // Only the attribute the fast reader knows.
                let attribute = "#![enable(implicit_some)]";
                if !text[i..].starts_with(attribute) {
                    return None;
                }
                i += attribute.len();
                continue;
            }
            b'"' => {
                if prefixed(bytes, i) {
                    return None; // r"...", b"...": not for this scan
                }
                i = string_end(bytes, i)?;
                continue;
            }
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.checked_sub(1)?,
            b',' => {}
            _ => return None,
        }
        i += 1;
        // A field of the network starts after its `(` or a comma.
        if depth == 1
            && matches!(b, b'(' | b',')
            && let Some(list) = pathways_list(text, i)
        {
            return Some(list);
        }
    }
}

/// The network's list of pathways and its items, by a scan of the whole list.
#[cfg(test)]
fn split(text: &str) -> Option<Split> {
    items(text, list_start(text)?)
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// After `at` and whitespace, `pathways` then `:` then `[`: where the list's inside starts.
fn pathways_list(text: &str, at: usize) -> Option<usize> {
    let ws = |c: char| c.is_ascii() && is_ws(c as u8);
    let rest = text[at..].trim_start_matches(ws).strip_prefix("pathways")?;
    let rest = rest.trim_start_matches(ws).strip_prefix(':')?;
    let rest = rest.trim_start_matches(ws).strip_prefix('[')?;
    Some(text.len() - rest.len())
}

/// The items of the list whose inside starts at `start`: ranges between top-level commas,
/// whitespace trimmed; a trailing comma is allowed, an empty item is not.
fn items(text: &str, start: usize) -> Option<Split> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut items = Vec::new();
    let mut item_start = start;
    let mut i = start;
    loop {
        i = skip_plain(bytes, i);
        let b = *bytes.get(i)?;
        match b {
            b'"' => {
                if prefixed(bytes, i) {
                    return None;
                }
                i = string_end(bytes, i)?;
                continue;
            }
            b'(' | b'[' => depth += 1,
            b']' if depth == 0 => {
                let last_item = trimmed(text, item_start..i);
                if !last_item.is_empty() {
                    items.push(last_item);
                }
                if items.is_empty() {
                    return None;
                }
                return Some(Split {
                    list: start..i,
                    items,
                });
            }
            b')' | b']' => depth = depth.checked_sub(1)?,
            b',' if depth == 0 => {
                let item = trimmed(text, item_start..i);
                if item.is_empty() {
                    return None;
                }
                items.push(item);
                item_start = i + 1;
            }
            b',' => {}
            _ => return None,
        }
        i += 1;
    }
}

fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let piece = &text[range.clone()];
    let start = range.start + (piece.len() - piece.trim_ascii_start().len());
    let end = range.end - (piece.len() - piece.trim_ascii_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_pathways_and_their_items() {
        let text = "#![enable(implicit_some)]\nNetwork(\n    format: 1,\n    name: \"a [b] (c\",\n    pathways: [\n        Pathway(id: \"p\", name: \"P, \\\"q\\\"\"),\n        Pathway(id: \"q\", name: \"Q\", links: []),\n    ],\n)\n";
        let split = split(text).expect("split");
        let items: Vec<&str> = split.items.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            items,
            [
                "Pathway(id: \"p\", name: \"P, \\\"q\\\"\")",
                "Pathway(id: \"q\", name: \"Q\", links: [])"
            ]
        );
        assert!(text[split.list.end..].starts_with("],"));
    }

    #[test]
    fn declines_what_it_is_unsure_of() {
        for text in [
            "Network(pathways: [Pathway(id: r\"p\")])",
            "Network(pathways: [Pathway(id: \"p\"), , ])",
            "Network(pathways: [])",
            "Network(// note\n pathways: [Pathway()])",
            "Network(notes: \"pathways: [x]\", pathways: [Pathway(id: \"p\"))",
            "#![enable(unwrap_newtypes)] Network(pathways: [Pathway()])",
        ] {
            assert_eq!(split(text), None, "{text}");
        }
    }

    /// Canonical text with `n` copies of a small generated pathway (the fast reader does
    /// not validate, so the copies may share ids).
    fn with_pathways(n: usize) -> String {
        let text = crate::storage::to_canonical_string(&crate::generate::network(40, 1));
        let split = split(&text).expect("split");
        let item = &text[split.items[0].clone()];
        format!(
            "{}\n        {},\n    {}",
            &text[..split.list.start],
            vec![item; n].join(",\n        "),
            &text[split.list.end..]
        )
    }

    #[test]
    fn guessed_shares_read_as_the_whole_list() {
        let text = with_pathways(7);
        let whole: Network = fast::from_str(&text).expect("whole");
        assert_eq!(whole.pathways().len(), 7);
        let start = list_start(&text).expect("list");
        for threads in 2..6 {
            let starts = guessed_starts(&text, start, threads).expect("guesses");
            assert!(starts.len() > 1 && starts.windows(2).all(|w| w[0] < w[1]));
            assert!(
                starts[1..]
                    .iter()
                    .all(|&s| text[s..].starts_with("Pathway("))
            );
            assert!(read_guessed(&text, start, &starts).expect("read") == whole);
        }
    }

    #[test]
    fn a_wrong_guess_is_found_out() {
        let text = with_pathways(3);
        let start = list_start(&text).expect("list");
        let right = guessed_starts(&text, start, 2).expect("guesses")[1];
        // Inside an item, just past it, and at its `P` but not after a comma.
        let inside = right + text[right..].find("name:").expect("a name");
        for wrong in [inside, right + 1] {
            assert!(
                read_guessed(&text, start, &[start, wrong]).is_err(),
                "{wrong}"
            );
        }
        // A canonical pathway line inside a string (a raw line break in a name) is not
        // where a pathway starts; the scan of the whole list finds the true items.
        let name = inside + "name: \"".len();
        let forged = [&text[..name], "x\n),\n        Pathway(\n", &text[name..]].concat();
        let fake = name + "x\n),\n        ".len();
        assert!(forged[fake..].starts_with("Pathway("));
        assert!(read_guessed(&forged, start, &[start, fake]).is_err());
        let whole: Network = fast::from_str(&forged).expect("whole");
        assert_eq!(whole.pathways().len(), 3);
        assert_eq!(items(&forged, start).expect("split").items.len(), 3);
    }

    #[test]
    fn shares_are_contiguous_and_cover_every_item() {
        let items: Vec<Range<usize>> = (0..7).map(|i| i * 10..i * 10 + 10).collect();
        let text = " ".repeat(70);
        for threads in 1..5 {
            let shares = shares(&text, &items, threads);
            assert!(shares.len() <= threads);
            assert_eq!(shares.first().map(|r| r.start), Some(0));
            assert_eq!(shares.last().map(|r| r.end), Some(7));
            assert!(shares.windows(2).all(|w| w[0].end == w[1].start));
        }
    }
}
