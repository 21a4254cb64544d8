//! The measure form's benchmark and breakdowns as one line of text each, in the style of
//! its history (`period=value; ...`): `England 2022/23=51` and
//! `Deprivation quintile: 1 most deprived=29, 5 least deprived=41.1; Sex: Girls=45, Boys=44`.

use super::form::parse_number;
use crate::model::Breakdown;

pub fn format_benchmark(benchmark: &Option<(String, f64)>) -> String {
    benchmark
        .as_ref()
        .map_or(String::new(), |(label, v)| format!("{label}={v}"))
}

/// Empty text is no benchmark.
pub fn parse_benchmark(text: &str) -> Result<Option<(String, f64)>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (label, value) = text
        .rsplit_once('=')
        .ok_or_else(|| format!("benchmark \"{text}\" needs the form label=value"))?;
    let label = label.trim();
    if label.is_empty() {
        return Err("benchmark needs a label before the =, e.g. England 2022/23=51".to_string());
    }
    let value = parse_number(value).map_err(|e| format!("benchmark: {e}"))?;
    Ok(Some((label.to_string(), value)))
}

pub fn format_breakdowns(breakdowns: &[Breakdown]) -> String {
    breakdowns
        .iter()
        .map(|b| {
            let groups: Vec<String> = b.groups.iter().map(|(l, v)| format!("{l}={v}")).collect();
            format!("{}: {}", b.by, groups.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Breakdowns separated by `;`, each `by: label=value, label=value`. The model checks the
/// rest (two groups or more, labels unique).
pub fn parse_breakdowns(text: &str) -> Result<Vec<Breakdown>, String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|entry| {
            let (by, groups) = entry.split_once(':').ok_or_else(|| {
                format!("breakdown \"{entry}\" needs the form by: label=value, label=value")
            })?;
            let groups = groups
                .split(',')
                .map(str::trim)
                .filter(|g| !g.is_empty())
                .map(|g| {
                    let (label, value) = g.rsplit_once('=').ok_or_else(|| {
                        format!(
                            "group \"{g}\" of breakdown \"{}\" needs the form label=value",
                            by.trim()
                        )
                    })?;
                    let value = parse_number(value)
                        .map_err(|e| format!("breakdown \"{}\": {e}", by.trim()))?;
                    Ok((label.trim().to_string(), value))
                })
                .collect::<Result<Vec<_>, String>>()?;
            Ok(Breakdown {
                by: by.trim().to_string(),
                groups,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn benchmarks_round_trip_and_bad_ones_say_why() {
        let b = parse_benchmark(" England 2022/23 = 51.5 ").unwrap();
        assert_eq!(b, Some(("England 2022/23".to_string(), 51.5)));
        assert_eq!(parse_benchmark(&format_benchmark(&b)).unwrap(), b);
        assert_eq!(parse_benchmark("  ").unwrap(), None);
        assert!(
            parse_benchmark("England")
                .unwrap_err()
                .contains("label=value")
        );
        assert!(parse_benchmark("=5").unwrap_err().contains("needs a label"));
        assert!(
            parse_benchmark("England=lots")
                .unwrap_err()
                .starts_with("benchmark:")
        );
    }

    #[test]
    fn breakdowns_round_trip_and_bad_ones_say_why() {
        let text = "Deprivation quintile: 1 most deprived=29, 5 least deprived=41.1; Sex: Girls=45, Boys=44";
        let b = parse_breakdowns(text).unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].by, "Deprivation quintile");
        assert_eq!(
            b[0].groups,
            [
                ("1 most deprived".to_string(), 29.0),
                ("5 least deprived".to_string(), 41.1)
            ]
        );
        assert_eq!(format_breakdowns(&b), text);
        assert_eq!(parse_breakdowns("").unwrap(), []);
        assert!(
            parse_breakdowns("Sex Girls=1")
                .unwrap_err()
                .contains("by: label=value")
        );
        assert!(
            parse_breakdowns("Sex: Girls")
                .unwrap_err()
                .contains("label=value")
        );
        assert!(
            parse_breakdowns("Sex: Girls=NaN, Boys=1")
                .unwrap_err()
                .contains("Sex")
        );
    }
}
