//! Applying rows to measures (docs/import.md, "What happens to the old value"): each
//! measure a row names is copied once, with an index of its history's periods, and all
//! its rows are applied to the copy; the copies are written back once at the end.

use std::collections::HashMap;

use crate::model::{Measure, MeasureOwner, Network};

use super::breakdowns::{GroupRow, benchmark};
use super::{LineError, Row};

/// What applying one row did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Updated,
    Unchanged,
    /// An empty value cell: nothing to update.
    Blank,
}

/// A measure being updated: the copy, the periods in its history, the last row on it.
struct Slot {
    measure: Measure,
    /// Period -> value in the history.
    periods: HashMap<String, f64>,
    line: u64,
    changed: bool,
}

/// The measures the rows have touched, in the order first touched.
#[derive(Default)]
pub struct Pending {
    slots: HashMap<(MeasureOwner, String), usize>,
    order: Vec<(MeasureOwner, Slot)>,
}

/// Export writes `'` before text a spreadsheet would run as a formula (and before text
/// that starts with `'` itself); take it off again.
pub fn undefuse(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) => rest,
        _ => text,
    }
}

/// A value: the same numbers the editor's forms take (`parse_number`).
fn parse_value(text: &str) -> Result<f64, String> {
    crate::model::parse_number(text).map_err(|e| format!("value {e}"))
}

/// `from->to` (or `from→to`) names a link; anything else a component.
pub fn owner_of(cell: &str) -> MeasureOwner {
    let split = cell.split_once("->").or_else(|| cell.split_once('→'));
    match split {
        Some((from, to)) => MeasureOwner::Link {
            from: from.trim().to_string(),
            to: to.trim().to_string(),
        },
        None => MeasureOwner::Component(cell.to_string()),
    }
}

/// A period's order: the years in it (numbers of four digits) first, then its other
/// numbers, so "2021/22" < "2022/23", "Q4 2022" < "Q1 2023" and "2023-09" < "2023-10".
/// None when it has no number: such periods cannot be ordered.
fn period_order(period: &str) -> Option<Vec<u64>> {
    let numbers: Vec<&str> = period
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect();
    if numbers.is_empty() {
        return None;
    }
    let value = |n: &str| n.parse::<u64>().unwrap_or(u64::MAX);
    let years = numbers.iter().filter(|n| n.len() == 4).map(|n| value(n));
    let others = numbers.iter().filter(|n| n.len() != 4).map(|n| value(n));
    Some(years.chain(others).collect())
}

/// True when `new` is clearly before `current`: both ordered, with the same shape.
fn older(new: &str, current: &str) -> bool {
    match (period_order(new), period_order(current)) {
        (Some(a), Some(b)) => a.len() == b.len() && a < b,
        _ => false,
    }
}

/// The measure a row names, with its owner, or why there is none.
pub fn find<'a>(network: &'a Network, row: &Row) -> Result<(MeasureOwner, &'a Measure), String> {
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
    let measure = measures
        .iter()
        .find(|m| m.id == measure_id)
        .ok_or_else(|| {
            let where_ = match &owner {
                MeasureOwner::Component(id) => format!("component \"{id}\""),
                MeasureOwner::Link { from, to } => format!("link \"{from}->{to}\""),
            };
            format!("{where_} has no measure \"{measure_id}\"")
        })?;
    Ok((owner, measure))
}

/// A row with `group_by` and `group` (docs/import.md, "Benchmarks and breakdowns").
pub fn is_group_row(row: &Row) -> bool {
    !row.get("group_by").is_empty() || !row.get("group").is_empty()
}

/// A group row: one group's value, applied later with the rest of its breakdown.
pub fn group_row(network: &Network, row: &Row) -> Result<GroupRow, String> {
    let (owner, current) = find(network, row)?;
    let (by, group) = (undefuse(row.get("group_by")), undefuse(row.get("group")));
    if by.is_empty() || group.is_empty() {
        return Err("a group row needs both group_by and group".to_string());
    }
    Ok(GroupRow {
        line: row.line,
        pathway: row.get("pathway").to_string(),
        owner,
        measure: current.id.clone(),
        by: by.to_string(),
        group: group.to_string(),
        value: parse_value(row.get("value"))?,
    })
}

impl Pending {
    /// Applies one row to its measure's copy, or says why it cannot be applied; a
    /// refused row changes nothing.
    pub fn apply(&mut self, network: &Network, row: &Row) -> Result<Applied, String> {
        for column in ["pathway", "component", "measure"] {
            if row.get(column).is_empty() {
                return Err(format!("{column} is empty"));
            }
        }
        let key = (
            owner_of(row.get("component")),
            row.get("measure").to_string(),
        );
        let at = match self.slots.get(&key) {
            Some(&at) => at,
            None => {
                let (owner, measure) = find(network, row)?;
                let measure = measure.clone();
                let periods = measure.history.iter().cloned().collect();
                self.order.push((
                    owner,
                    Slot {
                        measure,
                        periods,
                        line: row.line,
                        changed: false,
                    },
                ));
                self.slots.insert(key, self.order.len() - 1);
                self.order.len() - 1
            }
        };
        let slot = &mut self.order[at].1;
        let applied = update(slot, row)?;
        slot.line = row.line;
        slot.changed |= applied == Applied::Updated;
        Ok(applied)
    }

    /// Writes the changed measures into `network`; a measure the model refuses is
    /// reported on the line of its last row. Returns whether anything changed.
    pub fn write_back(self, network: &mut Network, errors: &mut Vec<LineError>) -> bool {
        let mut changed = false;
        for (owner, slot) in self.order {
            if !slot.changed {
                continue;
            }
            let id = slot.measure.id.clone();
            match network.update_measure(&owner, &id, slot.measure) {
                Ok(()) => changed = true,
                Err(e) => errors.push((slot.line, e.to_string())),
            }
        }
        changed
    }
}

/// One row on its measure's copy.
fn update(slot: &mut Slot, row: &Row) -> Result<Applied, String> {
    let bench = benchmark(
        &slot.measure,
        row.get("benchmark"),
        undefuse(row.get("benchmark_label")),
    )?;
    let value_text = row.get("value");
    if value_text.is_empty() {
        if bench == slot.measure.benchmark {
            return Ok(Applied::Blank);
        }
        slot.measure.benchmark = bench;
        return Ok(Applied::Updated);
    }
    let value = parse_value(value_text)?;
    let m = &slot.measure;
    // A cell equal to the current period or source, as written or trimmed, is that
    // period or source: an unedited export imports back as no change.
    let same = |cell: &str, current: &Option<String>| {
        current
            .as_deref()
            .is_some_and(|c| undefuse(cell) == c || undefuse(cell.trim()) == c.trim())
    };
    let period_cell = row.raw("period");
    let period = if period_cell.trim().is_empty() || same(period_cell, &m.period) {
        m.period.clone()
    } else {
        Some(undefuse(period_cell.trim()).to_string())
    };
    if let Some(p) = &period
        && period != m.period
    {
        if let Some(&old) = slot.periods.get(p) {
            // The same figure again (a sheet imported twice) is no change; a different one
            // would rewrite history out of order.
            if old == value {
                return Ok(Applied::Unchanged);
            }
            return Err(format!(
                "period \"{p}\" is already in the history of measure \"{}\" with value {old}; \
                 import only adds figures newer than the current one",
                m.id
            ));
        }
        if let Some(current) = &m.period
            && older(p, current)
        {
            return Err(format!(
                "period \"{p}\" is older than the current period \"{current}\" of measure \"{}\"; \
                 import only moves forward (an older figure goes into history by hand)",
                m.id
            ));
        }
    }
    let source_cell = row.raw("source");
    let source = if source_cell.trim().is_empty() || same(source_cell, &m.source) {
        m.source.clone()
    } else {
        Some(undefuse(source_cell.trim()).to_string())
    };
    if Some(value) == m.value && period == m.period && source == m.source && bench == m.benchmark {
        return Ok(Applied::Unchanged);
    }
    let m = &mut slot.measure;
    if let Some(old) = m.value
        && period != m.period
    {
        let old_period = m.period.clone().unwrap_or_default();
        slot.periods.insert(old_period.clone(), old);
        m.history.push((old_period, old));
    }
    m.value = Some(value);
    m.period = period;
    m.source = source;
    m.benchmark = bench;
    Ok(Applied::Updated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_order_by_year_first() {
        assert!(older("2020/21", "2021/22"));
        assert!(older("Q4 2022", "Q1 2023"));
        assert!(older("2023-09", "2023-10"));
        assert!(!older("2022/23", "2021/22"));
        assert!(!older("Spring", "Autumn"), "no numbers: cannot tell");
        assert!(!older("2021", "Q1 2021"), "different shapes: cannot tell");
    }

    #[test]
    fn undefuse_takes_off_the_guard_only() {
        assert_eq!(undefuse("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(undefuse("''=x"), "'=x");
        assert_eq!(undefuse("'hello"), "'hello");
    }
}
