//! `carepath import FILE DATA.csv [--partial]`: new measure values from a spreadsheet.
//!
//! Columns (matched by header name, trimmed, any case; others ignored): `pathway`,
//! `component` (a component id, or `from->to` for a link), `measure`, `value`, and
//! optionally `period` and `source`. Rows are applied in order through the model's checked
//! `update_measure`, on a copy; the file is written (canonical, atomic) only when every
//! row is valid, or with `--partial` when at least one is. See docs/import.md.

use std::collections::HashMap;
use std::path::Path;

use crate::model::{Measure, MeasureOwner, Network};
use crate::storage;

use super::exit;

const REQUIRED: [&str; 4] = ["pathway", "component", "measure", "value"];
const OPTIONAL: [&str; 2] = ["period", "source"];

/// One data row, read but not yet checked against the network.
struct Row {
    line: u64,
    cells: HashMap<&'static str, String>,
}

impl Row {
    fn get(&self, column: &str) -> &str {
        self.cells.get(column).map_or("", |s| s.trim())
    }
}

/// What applying one row did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Applied {
    Updated,
    Unchanged,
    /// An empty value cell: nothing to update.
    Blank,
}

/// Counts for the summary line.
#[derive(Debug, Default)]
struct Tally {
    updated: usize,
    unchanged: usize,
    blank: usize,
}

/// Export writes `'` before text a spreadsheet would run as a formula; take it off again.
fn undefuse(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

/// A value: the same numbers the editor's forms take (`parse_number`).
fn parse_value(text: &str) -> Result<f64, String> {
    crate::model::parse_number(text).map_err(|e| format!("value {e}"))
}

/// `from->to` (or `from→to`) names a link; anything else a component.
fn owner_of(cell: &str) -> MeasureOwner {
    let split = cell.split_once("->").or_else(|| cell.split_once('→'));
    match split {
        Some((from, to)) => MeasureOwner::Link {
            from: from.trim().to_string(),
            to: to.trim().to_string(),
        },
        None => MeasureOwner::Component(cell.to_string()),
    }
}

/// Applies one row to `network`, or says why it cannot be applied.
fn apply(network: &mut Network, row: &Row) -> Result<Applied, String> {
    for column in ["pathway", "component", "measure"] {
        if row.get(column).is_empty() {
            return Err(format!("{column} is empty"));
        }
    }
    let pathway_id = row.get("pathway");
    let pathway = network
        .pathway(pathway_id)
        .ok_or_else(|| format!("unknown pathway \"{pathway_id}\""))?;
    let owner = owner_of(row.get("component"));
    let measures: &[Measure] = match &owner {
        MeasureOwner::Component(id) => pathway
            .component(id)
            .map(|c| &c.measures[..])
            .ok_or_else(|| format!("pathway \"{pathway_id}\" has no component \"{id}\""))?,
        MeasureOwner::Link { from, to } => pathway
            .link(from, to)
            .map(|l| &l.measures[..])
            .ok_or_else(|| format!("pathway \"{pathway_id}\" has no link \"{from}->{to}\""))?,
    };
    let measure_id = row.get("measure");
    let current = measures
        .iter()
        .find(|m| m.id == measure_id)
        .ok_or_else(|| {
            let where_ = match &owner {
                MeasureOwner::Component(id) => format!("component \"{id}\""),
                MeasureOwner::Link { from, to } => format!("link \"{from}->{to}\""),
            };
            format!("{where_} has no measure \"{measure_id}\"")
        })?;
    let value_text = row.get("value");
    if value_text.is_empty() {
        return Ok(Applied::Blank);
    }
    let value = parse_value(value_text)?;
    let period = match undefuse(row.get("period")) {
        "" => current.period.clone(),
        p => Some(p.to_string()),
    };
    if let Some(p) = &period
        && period != current.period
        && let Some((_, old)) = current.history.iter().find(|(h, _)| h == p)
    {
        // The same figure again (a sheet imported twice) is no change; a different one
        // would rewrite history out of order.
        if *old == value {
            return Ok(Applied::Unchanged);
        }
        return Err(format!(
            "period \"{p}\" is already in the history of measure \"{measure_id}\" with \
             value {old}; import only adds figures newer than the current one"
        ));
    }
    let mut updated = current.clone();
    if let Some(old) = current.value
        && period != current.period
    {
        let old_period = current.period.clone().unwrap_or_default();
        updated.history.push((old_period, old));
    }
    updated.value = Some(value);
    updated.period = period;
    let source = undefuse(row.get("source"));
    if !source.is_empty() {
        updated.source = Some(source.to_string());
    }
    if updated == *current {
        return Ok(Applied::Unchanged);
    }
    network
        .update_measure(&owner, measure_id, updated)
        .map_err(|e| e.to_string())?;
    Ok(Applied::Updated)
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
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|r| !found.iter().any(|(_, k)| k == *r))
        .copied()
        .collect();
    if missing.is_empty() {
        Ok(found)
    } else {
        Err(format!(
            "missing column{} {} (the header needs pathway, component, measure and value; \
             period and source are optional)",
            if missing.len() > 1 { "s" } else { "" },
            missing.join(", ")
        ))
    }
}

/// A problem on a line of the CSV file (0 when the file has no line to point at).
type LineError = (u64, String);

/// Reads every row (and the rows too broken to read), or the problem that stops reading.
fn read_rows(data: &Path) -> Result<(Vec<Row>, Vec<LineError>), LineError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(data)
        .map_err(|e| (0, e.to_string()))?;
    let header = reader
        .headers()
        .map_err(|e| (line_of(&e).unwrap_or(1), e.to_string()))?
        .clone();
    if header.iter().all(|h| h.trim().is_empty()) {
        return Err((1, "no header row: the file is empty".to_string()));
    }
    let columns = columns(&header).map_err(|e| (1, e))?;
    let mut rows = Vec::new();
    let mut broken = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                if r.iter().all(|cell| cell.trim().is_empty()) {
                    continue;
                }
                let line = r.position().map_or(0, |p| p.line());
                let cells = columns
                    .iter()
                    .filter_map(|&(i, name)| r.get(i).map(|c| (name, c.to_string())))
                    .collect();
                rows.push(Row { line, cells });
            }
            Err(e) => broken.push((line_of(&e).unwrap_or(0), csv_message(&e))),
        }
    }
    Ok((rows, broken))
}

fn line_of(e: &csv::Error) -> Option<u64> {
    e.position().map(|p| p.line())
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the row is not UTF-8 text".to_string(),
        _ => e.to_string(),
    }
}

pub fn run(file: &Path, data: &Path, partial: bool) -> u8 {
    let name = data.display().to_string();
    let mut network = match storage::load(file) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("{e}");
            return exit::BAD_INPUT;
        }
    };
    let (rows, mut errors) = match read_rows(data) {
        Ok(r) => r,
        Err((line, message)) => {
            match line {
                0 => eprintln!("{name}: {message}"),
                l => eprintln!("{name}:{l}: {message}"),
            }
            eprintln!("{}: nothing written", file.display());
            return exit::BAD_INPUT;
        }
    };
    let before = network.clone();
    let mut tally = Tally::default();
    for row in &rows {
        match apply(&mut network, row) {
            Ok(Applied::Updated) => tally.updated += 1,
            Ok(Applied::Unchanged) => tally.unchanged += 1,
            Ok(Applied::Blank) => tally.blank += 1,
            Err(message) => errors.push((row.line, message)),
        }
    }
    errors.sort_by_key(|(line, _)| *line);
    let valid = tally.updated + tally.unchanged + tally.blank;
    let skipped = if partial && !errors.is_empty() && valid > 0 {
        " (row skipped)"
    } else {
        ""
    };
    for (line, message) in &errors {
        eprintln!("{name}:{line}: {message}{skipped}");
    }
    if !errors.is_empty() && (!partial || valid == 0) {
        let hint = if partial {
            ""
        } else {
            "; fix them, or use --partial to apply the valid rows"
        };
        eprintln!(
            "{}: nothing written: {} row{} with errors{hint}",
            file.display(),
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        );
        return exit::BAD_INPUT;
    }
    if network != before
        && let Err(e) = storage::save(file, &network)
    {
        eprintln!("{e}");
        return exit::BAD_INPUT;
    }
    println!(
        "{}: {} measure value{} updated from {name} ({} unchanged, {} without a value{})",
        file.display(),
        tally.updated,
        if tally.updated == 1 { "" } else { "s" },
        tally.unchanged,
        tally.blank,
        if errors.is_empty() {
            String::new()
        } else {
            format!(", {} skipped", errors.len())
        }
    );
    exit::OK
}
