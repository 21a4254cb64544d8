//! Reading a large network on several threads: the top-level list of pathways is split
//! into its items by a cheap scan of brackets and strings, and each share of pathways is
//! read by the fast reader on a thread of its own, the rest of the document on this one.
//!
//! The scan accepts only text the fast reader could read (no comments, raw strings or
//! characters it does not know outside strings); where it is unsure it declines, and the
//! document is read whole. Every piece is then read by the fast reader, so the result is
//! the one reading the whole text would give.

use std::ops::Range;
use std::thread;

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
    let Some(split) = split(text) else {
        return fast::from_str(text);
    };
    let skeleton = [&text[..split.list.start], &text[split.list.end..]].concat();
    let shares = shares(text, &split.items, threads);
    let read_share = |range: Range<usize>| -> Result<Vec<Pathway>, Bail> {
        split.items[range]
            .iter()
            .map(|item| fast::fragment::<Pathway>(&text[item.clone()]))
            .collect()
    };
    let (network, pathways) = thread::scope(|scope| {
        let others: Vec<_> = shares[1..]
            .iter()
            .map(|range| {
                let mine = range.clone();
                let handle = thread::Builder::new()
                    .name("load".into())
                    .spawn_scoped(scope, move || read_share(mine))
                    .ok();
                (range.clone(), handle)
            })
            .collect();
        let network = fast::from_str::<Network>(&skeleton);
        let mut pathways = read_share(shares[0].clone());
        for (range, handle) in others {
            let share = match handle {
                Some(handle) => handle.join().unwrap_or(Err(Bail)),
                None => read_share(range),
            };
            pathways = pathways.and_then(|mut all| {
                all.extend(share?);
                Ok(all)
            });
        }
        (network, pathways)
    });
    let (network, pathways) = (network?, pathways?);
    if !network.pathways().is_empty() {
        return Err(Bail);
    }
    Ok(network.with_loaded_pathways(pathways))
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

/// Finds the network's `pathways: [...]` (a field of the top-level struct) and its items.
fn split(text: &str) -> Option<Split> {
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
            return items(text, list);
        }
    }
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
