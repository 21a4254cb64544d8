//! `carepath import`: the rows that carry a benchmark or a group of a breakdown (see
//! docs/import.md). A row with `group_by` and `group` sets that group's value in the
//! measure's breakdown of that name; all such rows for one breakdown are applied together,
//! so a new breakdown arrives with all its groups at once (a breakdown needs two).

use crate::model::{Breakdown, Measure, MeasureOwner, Network};

/// The benchmark a row sets on `current`, if its `benchmark` cell has a number: the
/// label from `benchmark_label`, or else the measure's current label.
pub(super) fn benchmark(
    current: &Measure,
    value: &str,
    label: &str,
) -> Result<Option<(String, f64)>, String> {
    if value.is_empty() {
        if !label.is_empty() {
            return Err("benchmark_label is given without a benchmark value".to_string());
        }
        return Ok(current.benchmark.clone());
    }
    let number = value.strip_suffix('%').unwrap_or(value).trim();
    let v = match number.parse::<f64>() {
        Ok(v) if v.is_finite() => v,
        _ => return Err(format!("benchmark \"{value}\" is not a finite number")),
    };
    let label = match (label, &current.benchmark) {
        ("", Some((old, _))) => old.clone(),
        ("", None) => {
            return Err(format!(
                "benchmark {value} needs a benchmark_label (what it is, e.g. \"England 2023/24\")"
            ));
        }
        (l, _) => l.to_string(),
    };
    Ok(Some((label, v)))
}

/// One group's row: which breakdown, which group, what value, on which line.
pub(super) struct GroupRow {
    pub line: u64,
    pub pathway: String,
    pub owner: MeasureOwner,
    pub measure: String,
    pub by: String,
    pub group: String,
    pub value: f64,
}

/// Applies the group rows, a breakdown at a time (in the order each first appears); an
/// error is reported at the breakdown's first line.
pub(super) fn apply_groups(
    network: &mut Network,
    rows: Vec<GroupRow>,
) -> (usize, usize, Vec<(u64, String)>) {
    let (mut updated, mut unchanged, mut errors) = (0, 0, Vec::new());
    let mut batches: Vec<Vec<GroupRow>> = Vec::new();
    for row in rows {
        let same = |b: &Vec<GroupRow>| {
            let f = &b[0];
            (&f.pathway, &f.owner, &f.measure, &f.by)
                == (&row.pathway, &row.owner, &row.measure, &row.by)
        };
        match batches.iter_mut().find(|b| same(b)) {
            Some(batch) => batch.push(row),
            None => batches.push(vec![row]),
        }
    }
    for batch in batches {
        match apply_batch(network, &batch) {
            Ok(true) => updated += batch.len(),
            Ok(false) => unchanged += batch.len(),
            Err(e) => errors.push((batch[0].line, e)),
        }
    }
    (updated, unchanged, errors)
}

fn apply_batch(network: &mut Network, batch: &[GroupRow]) -> Result<bool, String> {
    let first = &batch[0];
    let current = network
        .measures(&first.owner)
        .and_then(|ms| ms.iter().find(|m| m.id == first.measure))
        .ok_or_else(|| format!("no measure \"{}\" to add a breakdown to", first.measure))?
        .clone();
    let mut updated = current.clone();
    let at = match updated.breakdowns.iter().position(|b| b.by == first.by) {
        Some(i) => i,
        None => {
            updated.breakdowns.push(Breakdown {
                by: first.by.clone(),
                groups: Vec::new(),
            });
            updated.breakdowns.len() - 1
        }
    };
    let breakdown = &mut updated.breakdowns[at];
    for row in batch {
        match breakdown.groups.iter_mut().find(|(l, _)| *l == row.group) {
            Some(g) => g.1 = row.value,
            None => breakdown.groups.push((row.group.clone(), row.value)),
        }
    }
    if updated == current {
        return Ok(false);
    }
    network
        .update_measure(&first.owner, &first.measure, updated)
        .map_err(|e| e.to_string())?;
    Ok(true)
}
