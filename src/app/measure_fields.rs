//! A measure's history and breakdowns as the rows of a list (one row per period and
//! value, one per group of a breakdown), the checks on a row, and back.

use super::form::{ListKind, Row};
use crate::model::Breakdown;

pub fn history_rows(history: &[(String, f64)]) -> Vec<Row> {
    history
        .iter()
        .map(|(period, value)| Row {
            group: String::new(),
            label: period.clone(),
            value: *value,
        })
        .collect()
}

pub fn history_from_rows(rows: &[Row]) -> Vec<(String, f64)> {
    rows.iter().map(|r| (r.label.clone(), r.value)).collect()
}

/// One row per group, the breakdown's name on each.
pub fn breakdown_rows(breakdowns: &[Breakdown]) -> Vec<Row> {
    breakdowns
        .iter()
        .flat_map(|b| {
            b.groups.iter().map(|(label, value)| Row {
                group: b.by.clone(),
                label: label.clone(),
                value: *value,
            })
        })
        .collect()
}

/// Rows with the same breakdown name make one breakdown, in the order the names first
/// appear. The model checks the rest (two groups or more).
pub fn breakdowns_from_rows(rows: &[Row]) -> Vec<Breakdown> {
    let mut out: Vec<Breakdown> = Vec::new();
    for row in rows {
        let group = (row.label.clone(), row.value);
        match out.iter_mut().find(|b| b.by == row.group) {
            Some(b) => b.groups.push(group),
            None => out.push(Breakdown {
                by: row.group.clone(),
                groups: vec![group],
            }),
        }
    }
    out
}

/// Checks a row about to go at `index` (None: a new row) of `rows`: a period holds no
/// `=` or `,` (the import and history formats use them) and comes once; a group comes
/// once in its breakdown.
pub fn check_row(
    kind: ListKind,
    rows: &[Row],
    row: &Row,
    index: Option<usize>,
) -> Result<(), String> {
    let others = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != index)
        .map(|(_, r)| r);
    match kind {
        ListKind::History => {
            if row.label.contains(['=', ',']) {
                return Err(format!("Period \"{}\" must not hold = or ,", row.label));
            }
            if others.into_iter().any(|r| r.label == row.label) {
                return Err(format!(
                    "{} is in the history already: edit that row",
                    row.label
                ));
            }
        }
        ListKind::Breakdowns => {
            if others
                .into_iter()
                .any(|r| r.group == row.group && r.label == row.label)
            {
                return Err(format!(
                    "{} has a group {} already: edit that row",
                    row.group, row.label
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(group: &str, label: &str, value: f64) -> Row {
        Row {
            group: group.into(),
            label: label.into(),
            value,
        }
    }

    #[test]
    fn breakdowns_round_trip_through_rows() {
        let rows = vec![
            row("Sex", "Girls", 45.0),
            row("Deprivation", "1 most deprived", 29.0),
            row("Sex", "Boys", 44.0),
            row("Deprivation", "5 least deprived", 41.1),
        ];
        let b = breakdowns_from_rows(&rows);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].by, "Sex");
        assert_eq!(
            b[0].groups,
            [("Girls".to_string(), 45.0), ("Boys".to_string(), 44.0)]
        );
        assert_eq!(breakdowns_from_rows(&breakdown_rows(&b)), b);
    }

    #[test]
    fn history_round_trips_and_rows_are_checked() {
        let h = vec![("2020/21".to_string(), 27.0), ("2021/22".to_string(), 25.6)];
        let rows = history_rows(&h);
        assert_eq!(history_from_rows(&rows), h);
        let k = ListKind::History;
        assert!(check_row(k, &rows, &row("", "2022/23", 1.0), None).is_ok());
        assert!(check_row(k, &rows, &row("", "2020/21", 1.0), Some(0)).is_ok());
        let dup = check_row(k, &rows, &row("", "2020/21", 1.0), None).unwrap_err();
        assert!(dup.contains("already"), "{dup}");
        for bad in ["2020=21", "2020,21"] {
            let e = check_row(k, &rows, &row("", bad, 1.0), None).unwrap_err();
            assert!(e.contains("must not hold = or ,"), "{e}");
        }
        let b = vec![row("Sex", "Girls", 1.0)];
        let k = ListKind::Breakdowns;
        assert!(check_row(k, &b, &row("Sex", "Girls", 2.0), None).is_err());
        assert!(check_row(k, &b, &row("Age", "Girls", 2.0), None).is_ok());
    }
}
