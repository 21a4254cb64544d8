//! `carepath import FILE DATA.csv [--partial]`: new measure values from a spreadsheet.
//!
//! Columns (matched by header name, trimmed, any case; others ignored): `pathway`,
//! `component` (a component id, or `from->to` for a link), `measure`, `value`, and
//! optionally `period`, `source`, `benchmark` and `benchmark_label`; a row with `group_by`
//! and `group` sets one group of a breakdown instead (import_breakdowns.rs). Rows are applied in order through the model's checked
//! `update_measure`, on a copy; the file is written (canonical, atomic) only when every
//! row is valid, or with `--partial` when at least one is. See docs/import.md.

mod apply;
mod breakdowns;
mod children;

use std::collections::HashMap;
use std::path::Path;

use crate::model::Network;
use crate::storage;

use super::exit;
use apply::{Applied, Pending, group_row, is_group_row, owner_of};
use breakdowns::apply_groups;

const REQUIRED: [&str; 4] = ["pathway", "component", "measure", "value"];
const OPTIONAL: [&str; 7] = [
    "period",
    "source",
    "children",
    "benchmark",
    "benchmark_label",
    "group_by",
    "group",
];

/// One data row, read but not yet checked against the network.
struct Row {
    line: u64,
    cells: HashMap<&'static str, String>,
}

impl Row {
    /// The cell, trimmed.
    fn get(&self, column: &str) -> &str {
        self.raw(column).trim()
    }

    /// The cell as written.
    fn raw(&self, column: &str) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }
}

/// Counts for the summary line.
#[derive(Debug, Default)]
struct Tally {
    updated: usize,
    unchanged: usize,
    blank: usize,
    /// Children figures changed (docs/import.md, "Children a year").
    children: usize,
}

/// One row: its `children` cell, checked before anything changes so that a row applies
/// whole or not at all, then its measure when it names one. Returns what the measure
/// did and whether the children changed.
fn apply_row(
    pending: &mut Pending,
    network: &mut Network,
    row: &Row,
) -> Result<(Option<Applied>, bool), String> {
    let text = row.get("children");
    if text.is_empty() {
        return pending.apply(network, row).map(|a| (Some(a), false));
    }
    let component = row.get("component");
    let owner = (!component.is_empty()).then(|| owner_of(component));
    let children = children::check(network, row.get("pathway"), owner.as_ref(), text)?;
    let applied = match row.get("measure") {
        "" => None,
        _ => Some(pending.apply(network, row)?),
    };
    let changed = children::set(network, children)?;
    Ok((applied, changed))
}

/// The header's columns we read, by position; an error names what is missing.
fn columns(header: &csv::StringRecord) -> Result<Vec<(usize, &'static str)>, String> {
    let mut found: Vec<(usize, &'static str)> = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim_start_matches('\u{feff}').trim().to_lowercase();
        if let Some(&known) = REQUIRED.iter().chain(&OPTIONAL).find(|&&k| k == name) {
            if found.iter().any(|(_, k)| *k == known) {
                return Err(format!("column \"{known}\" appears twice in the header"));
            }
            found.push((i, known));
        }
    }
    // A sheet of children figures alone needs no measure or value column.
    let children_only = found.iter().any(|(_, k)| *k == "children");
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|r| !found.iter().any(|(_, k)| k == *r))
        .filter(|r| !(children_only && matches!(**r, "measure" | "value")))
        .copied()
        .collect();
    if missing.is_empty() {
        Ok(found)
    } else {
        Err(format!(
            "missing column{} {} (the header needs pathway, component, measure and value, \
             or pathway, component and children; period, source and children are optional)",
            if missing.len() > 1 { "s" } else { "" },
            missing.join(", ")
        ))
    }
}

/// A problem on a line of the CSV file (0 when the file has no line to point at).
type LineError = (u64, String);

/// Reads every row (and the rows too broken to read), or the problem that stops reading.
fn read_rows(data: &Path) -> Result<(Vec<Row>, Vec<LineError>), LineError> {
    let bytes = std::fs::read(data).map_err(|e| (0, e.to_string()))?;
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err((
            0,
            "the file is UTF-16 text; save it as \"CSV UTF-8\" (comma-separated) and import that"
                .to_string(),
        ));
    }
    let lines = Lines::new(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(&bytes[..]);
    let header = reader
        .headers()
        .map_err(|e| (lines.of(&e).unwrap_or(1), e.to_string()))?
        .clone();
    if header.iter().all(|h| h.trim().is_empty()) {
        return Err((1, "no header row: the file is empty".to_string()));
    }
    let columns = columns(&header).map_err(|e| (1, separator_hint(&header, e)))?;
    let mut rows = Vec::new();
    let mut broken = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                if r.iter().all(|cell| cell.trim().is_empty()) {
                    continue;
                }
                let line = r.position().map_or(0, |p| lines.at(p.byte()));
                let cells = columns
                    .iter()
                    .filter_map(|&(i, name)| r.get(i).map(|c| (name, c.to_string())))
                    .collect();
                rows.push(Row { line, cells });
            }
            Err(e) => broken.push((lines.of(&e).unwrap_or(0), csv_message(&e))),
        }
    }
    Ok((rows, broken))
}

/// Line numbers from byte offsets, counting `\n` only: right for CRLF files (which
/// export writes) and after blank lines, which the CSV reader skips.
struct Lines<'a> {
    bytes: &'a [u8],
    starts: Vec<u64>,
}

impl Lines<'_> {
    fn new(bytes: &[u8]) -> Lines<'_> {
        let starts = bytes
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .map(|(i, _)| i as u64 + 1)
            .collect();
        Lines { bytes, starts }
    }

    /// The 1-based line of the record read from byte `at`: the reader's position is
    /// before the blank lines it skipped, so they are skipped here too.
    fn at(&self, at: u64) -> u64 {
        let skipped = self
            .bytes
            .iter()
            .skip(at as usize)
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count() as u64;
        let at = at + skipped;
        self.starts.partition_point(|&s| s <= at) as u64 + 1
    }

    fn of(&self, e: &csv::Error) -> Option<u64> {
        e.position().map(|p| self.at(p.byte()))
    }
}

/// A header read as one column that holds `;` or tabs: the file is not comma-separated.
fn separator_hint(header: &csv::StringRecord, message: String) -> String {
    let only = (header.len() == 1).then(|| header.get(0)).flatten();
    match only {
        Some(h) if h.contains(';') => format!(
            "{message}; the header looks separated by semicolons (;): carepath reads comma-separated CSV, so save it with commas"
        ),
        Some(h) if h.contains('\t') => format!(
            "{message}; the header looks separated by tabs: carepath reads comma-separated CSV, so save it with commas"
        ),
        _ => message,
    }
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the row is not UTF-8 text".to_string(),
        _ => e.to_string(),
    }
}

pub fn run(file: &Path, data: &Path, partial: bool, force: bool) -> u8 {
    let name = data.display().to_string();
    let mut network = match storage::load(file) {
        Ok(n) => n,
        Err(e) => {
            errorln!("{e}");
            return exit::BAD_INPUT;
        }
    };
    let (rows, mut errors) = match read_rows(data) {
        Ok(r) => r,
        Err((line, message)) => {
            match line {
                0 => errorln!("{name}: {message}"),
                l => errorln!("{name}:{l}: {message}"),
            }
            errorln!("{}: nothing written", file.display());
            return exit::BAD_INPUT;
        }
    };
    let broken = errors.len();
    let mut tally = Tally::default();
    // Each measure is copied once and its rows applied to the copy, then written back
    // once: time linear in the rows, however long a measure's history grows. Group rows
    // are applied last, a breakdown at a time.
    let mut pending = Pending::default();
    let mut groups = Vec::new();
    for row in &rows {
        if is_group_row(row) {
            match group_row(&network, row) {
                Ok(g) => groups.push(g),
                Err(message) => errors.push((row.line, message)),
            }
            continue;
        }
        match apply_row(&mut pending, &mut network, row) {
            Ok((applied, children)) => {
                tally.children += usize::from(children);
                match applied {
                    Some(Applied::Updated) => tally.updated += 1,
                    Some(Applied::Unchanged) => tally.unchanged += 1,
                    Some(Applied::Blank) => tally.blank += 1,
                    None => {}
                }
            }
            Err(message) => errors.push((row.line, message)),
        }
    }
    let measures_changed = pending.write_back(&mut network, &mut errors);
    let (updated, unchanged, group_errors) = apply_groups(&mut network, groups);
    tally.updated += updated;
    tally.unchanged += unchanged;
    errors.extend(group_errors);
    let changed = measures_changed || updated > 0 || tally.children > 0;
    errors.sort_by_key(|(line, _)| *line);
    let valid = rows.len().saturating_sub(errors.len() - broken);
    let skipped = if partial && !errors.is_empty() && valid > 0 {
        " (row skipped)"
    } else {
        ""
    };
    for (line, message) in &errors {
        errorln!("{name}:{line}: {message}{skipped}");
    }
    if !errors.is_empty() && (!partial || valid == 0) {
        let hint = if partial {
            ""
        } else {
            "; fix them, or use --partial to apply the valid rows"
        };
        errorln!(
            "{}: nothing written: {} row{} with errors{hint}",
            file.display(),
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        );
        return exit::BAD_INPUT;
    }
    if changed {
        let current = std::fs::read_to_string(file).unwrap_or_default();
        if let Some(at) = storage::first_comment(&current)
            && !force
        {
            errorln!(
                "{}:{}:{}: has comments, which carepath does not keep: nothing written (put what they say in a notes field, or use --force to drop them)",
                file.display(),
                at.line,
                at.col
            );
            return exit::BAD_INPUT;
        }
        let text = storage::to_canonical_string(&network);
        let write = if force {
            storage::write_atomic_forced
        } else {
            storage::write_atomic
        };
        match write(file, text.as_bytes()) {
            Err(e) => {
                errorln!("{e}");
                return exit::BAD_INPUT;
            }
            Ok(written) => {
                if let Some(notice) = written.notice {
                    errorln!("carepath: {notice}");
                }
            }
        }
    }
    super::stdout::write_text(&format!(
        "{}: {} measure value{} updated from {name} ({} unchanged, {} without a value{}){}\n",
        file.display(),
        tally.updated,
        if tally.updated == 1 { "" } else { "s" },
        tally.unchanged,
        tally.blank,
        if errors.is_empty() {
            String::new()
        } else {
            format!(", {} skipped", errors.len())
        },
        match tally.children {
            0 => String::new(),
            1 => "; 1 children figure updated".to_string(),
            n => format!("; {n} children figures updated"),
        }
    ));
    exit::OK
}
