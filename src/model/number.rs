//! Numbers as people type them, read one way everywhere: in the editor's forms and in
//! `carepath import` (docs/format.md, measures).

/// How numbers are written, for forms and messages.
pub const NUMBER_RULE: &str = "like 1250 or 12.5: a point for decimals, no commas";

/// A finite number such as `1250`, `12.5` or `27%` (a trailing `%`, as spreadsheets write
/// percentages). A comma is refused, never guessed: `1,250` could be a thousand and more
/// or one and a quarter.
pub fn parse_number(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    let number = trimmed.strip_suffix('%').unwrap_or(trimmed).trim();
    if number.contains(',') {
        return Err(format!(
            "\"{trimmed}\" has a comma; write numbers {NUMBER_RULE}"
        ));
    }
    match number.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err(format!("\"{trimmed}\" is not a finite number")),
        Err(_) => Err(format!("\"{trimmed}\" is not a number")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_reading_of_every_number() {
        assert_eq!(parse_number(" 1250 "), Ok(1250.0));
        assert_eq!(parse_number("12.5"), Ok(12.5));
        assert_eq!(parse_number("27%"), Ok(27.0));
        assert_eq!(parse_number("-3e2"), Ok(-300.0));
        for bad in ["1,250", "1,25", "12,5%"] {
            let e = parse_number(bad).unwrap_err();
            assert!(e.contains("comma") && e.contains("1250 or 12.5"), "{e}");
        }
        assert!(parse_number("inf").is_err());
        assert!(parse_number("").is_err());
        assert_eq!(
            parse_number("twelve").unwrap_err(),
            "\"twelve\" is not a number"
        );
    }
}
