//! Benchmarks and data currency (docs/format.md, "Benchmarks and currency"): when a
//! measure's period ends, the date the network's figures are judged at, and which
//! figures are more than three years old or worse than their benchmark.

use crate::model::{Direction, Measure, Network, Pathway, parse_date};

/// A calendar date as (year, month, day); ordered as dates are.
pub type Date = (i32, u32, u32);

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The last day of a period, or `None` when the period is not one carepath reads:
/// `YYYY`; `YYYY/YY`, `YYYY-YY` or `YYYY/YYYY` with the second year after the first (a
/// financial year, ending 31 March of the second year, so `2011-12` is a year, not
/// December); `Qn YYYY/YY`; `YYYY-MM`, `Mon YYYY`, `Month YYYY`; `YYYY-MM-DD`. Any case.
pub fn period_end(period: &str) -> Option<Date> {
    // Every period carepath reads is short ASCII: lower-cased on the stack, so that judging
    // 100,000 measures allocates nothing.
    let trimmed = period.trim().as_bytes();
    let mut buffer = [0u8; 32];
    let lower = buffer.get_mut(..trimmed.len())?;
    lower.copy_from_slice(trimmed);
    lower.make_ascii_lowercase();
    let text = std::str::from_utf8(lower).ok()?;
    let mut words = text.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(one), None, None) => single(one),
        (Some(first), Some(year), None) => match first.strip_prefix('q') {
            Some(q) => quarter(q, year),
            None => Some(month_end(four_digits(year)?, month_name(first)?)),
        },
        _ => None,
    }
}

/// `YYYY`, a financial year, `YYYY-MM` or `YYYY-MM-DD`.
fn single(text: &str) -> Option<Date> {
    if let Some(year) = four_digits(text) {
        return Some((year, 12, 31));
    }
    if let Some(end) = financial_year(text) {
        return Some((end, 3, 31));
    }
    if let Some(date) = parse_date(text) {
        return Some(date);
    }
    let (year, month) = text.split_once('-')?;
    let month = two_digits(month)?;
    let year = four_digits(year)?;
    (1..=12)
        .contains(&month)
        .then(|| month_end(year, month as u32))
}

/// The year a financial year `YYYY/YY`, `YYYY-YY` or `YYYY/YYYY` ends in.
fn financial_year(text: &str) -> Option<i32> {
    let (first, second) = text.split_once('/').or_else(|| text.split_once('-'))?;
    let first = four_digits(first)?;
    let slash = text.as_bytes()[4] == b'/';
    let follows = match second.len() {
        2 => two_digits(second)? == (first + 1).rem_euclid(100),
        4 if slash => four_digits(second)? == first + 1,
        _ => false,
    };
    follows.then_some(first + 1)
}

/// `Qn YYYY/YY`: Q1 ends 30 June of the first year, Q2 30 September, Q3 31 December, Q4
/// 31 March of the second year.
fn quarter(n: &str, year: &str) -> Option<Date> {
    let (first, second) = year.split_once('/')?;
    let first = four_digits(first)?;
    if second.len() != 2 || two_digits(second)? != (first + 1).rem_euclid(100) {
        return None;
    }
    match n {
        "1" => Some((first, 6, 30)),
        "2" => Some((first, 9, 30)),
        "3" => Some((first, 12, 31)),
        "4" => Some((first + 1, 3, 31)),
        _ => None,
    }
}

/// `jan` or `january` (any case was lowered) as 1.
fn month_name(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .position(|m| word == *m || (word.len() == 3 && m.starts_with(word)))
        .map(|i| i as u32 + 1)
}

fn four_digits(text: &str) -> Option<i32> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn two_digits(text: &str) -> Option<i32> {
    (text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn month_end(year: i32, month: u32) -> Date {
    let day = match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (year, month, day)
}

/// The date figures are judged at: the network's `as_of`, or else the latest period
/// end among all its measures (`None` when no period is understood).
pub fn reference_date(network: &Network) -> Option<Date> {
    as_of(network).or_else(|| {
        network
            .pathways()
            .iter()
            .filter_map(latest_period_end)
            .max()
    })
}

/// The network's `as_of` date, when it has one.
pub fn as_of(network: &Network) -> Option<Date> {
    network.as_of.as_deref().and_then(parse_date)
}

/// The latest period end among the pathway's measures.
pub fn latest_period_end(pathway: &Pathway) -> Option<Date> {
    pathway
        .components()
        .iter()
        .flat_map(|c| &c.measures)
        .chain(pathway.links().iter().flat_map(|l| &l.measures))
        .filter_map(|m| m.period.as_deref().and_then(period_end))
        .max()
}

/// What can be said of a measure's period, for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Currency {
    /// No period given.
    NoPeriod,
    /// A period carepath does not read: not judged.
    NotUnderstood,
    /// Ended on this date, within three years of the reference date (or with none).
    Current(Date),
    /// Ended on this date, more than three years before the reference date.
    Stale(Date),
}

impl Currency {
    /// The measure's period judged at `reference`.
    pub fn of(measure: &Measure, reference: Option<Date>) -> Currency {
        let Some(period) = measure.period.as_deref().filter(|p| !p.trim().is_empty()) else {
            return Currency::NoPeriod;
        };
        match (period_end(period), reference) {
            (None, _) => Currency::NotUnderstood,
            (Some(end), Some(r)) if is_stale(end, r) => Currency::Stale(end),
            (Some(end), _) => Currency::Current(end),
        }
    }

    /// "stale", "period not understood", or nothing.
    pub fn word(self) -> &'static str {
        match self {
            Currency::Stale(_) => "stale",
            Currency::NotUnderstood => "period not understood",
            Currency::NoPeriod | Currency::Current(_) => "",
        }
    }
}

/// Whether a period ending on `end` ended more than three years before `reference`:
/// `end` plus three years (29 February taken as 28) is before it.
pub fn is_stale(end: Date, reference: Date) -> bool {
    let (y, m, d) = end;
    let day = if m == 2 && d == 29 { 28 } else { d };
    (y + 3, m, day) < reference
}

/// Whether `measure`'s period is understood and ended more than three years before
/// `reference`.
pub fn measure_is_stale(measure: &Measure, reference: Option<Date>) -> bool {
    let end = measure.period.as_deref().and_then(period_end);
    matches!((end, reference), (Some(end), Some(r)) if is_stale(end, r))
}

/// Whether the value is worse than the benchmark: below it for `HigherIsBetter`, above
/// it for `LowerIsBetter`. No value or no benchmark: not worse.
pub fn below_benchmark(measure: &Measure) -> bool {
    match (measure.value, &measure.benchmark) {
        (Some(v), Some((_, b))) => match measure.direction {
            Direction::HigherIsBetter => v < *b,
            Direction::LowerIsBetter => v > *b,
        },
        _ => false,
    }
}

/// `2025-03-31`.
pub fn date_text((y, m, d): Date) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_ends_on_31_december() {
        assert_eq!(period_end("2021"), Some((2021, 12, 31)));
        assert_eq!(period_end(" 2021 "), Some((2021, 12, 31)));
        assert_eq!(period_end("21"), None);
        assert_eq!(period_end("20211"), None);
    }

    #[test]
    fn financial_years_end_on_31_march_of_the_second_year() {
        for text in ["2021/22", "2021-22", "2021/2022"] {
            assert_eq!(period_end(text), Some((2022, 3, 31)), "{text}");
        }
        assert_eq!(period_end("1999/00"), Some((2000, 3, 31)));
        assert_eq!(period_end("1999-00"), Some((2000, 3, 31)));
        // The second year must follow the first.
        for text in [
            "2021/23",
            "2021/21",
            "2021/2023",
            "2021-2022",
            "2021/2",
            "2021/022",
        ] {
            assert_eq!(period_end(text), None, "{text}");
        }
    }

    #[test]
    fn twenty_eleven_twelve_is_a_year_not_december() {
        assert_eq!(period_end("2011-12"), Some((2012, 3, 31)));
        // Other months are months.
        assert_eq!(period_end("2011-11"), Some((2011, 11, 30)));
        assert_eq!(
            period_end("2012-12"),
            Some((2012, 12, 31)),
            "13 does not follow 12"
        );
        assert_eq!(period_end("2011-13"), None);
        assert_eq!(period_end("2011-00"), None);
    }

    #[test]
    fn financial_quarters() {
        assert_eq!(period_end("Q1 2023/24"), Some((2023, 6, 30)));
        assert_eq!(period_end("Q2 2023/24"), Some((2023, 9, 30)));
        assert_eq!(period_end("q3 2023/24"), Some((2023, 12, 31)));
        assert_eq!(period_end("Q4 2023/24"), Some((2024, 3, 31)));
        for text in [
            "Q5 2023/24",
            "Q0 2023/24",
            "Q1 2023/25",
            "Q1 2023",
            "Q 2023/24",
        ] {
            assert_eq!(period_end(text), None, "{text}");
        }
    }

    #[test]
    fn months_end_on_their_last_day_leap_years_included() {
        assert_eq!(period_end("2024-02"), Some((2024, 2, 29)));
        assert_eq!(period_end("2023-02"), Some((2023, 2, 28)));
        assert_eq!(period_end("1900-02"), Some((1900, 2, 28)));
        assert_eq!(period_end("2000-02"), Some((2000, 2, 29)));
        assert_eq!(period_end("Feb 2024"), Some((2024, 2, 29)));
        assert_eq!(period_end("SEPTEMBER 2023"), Some((2023, 9, 30)));
        assert_eq!(period_end("sep 2023"), Some((2023, 9, 30)));
        assert_eq!(period_end("April 2023"), Some((2023, 4, 30)));
        for text in ["Sept 2023", "Ap 2023", "Smarch 2023", "March 23"] {
            assert_eq!(period_end(text), None, "{text}");
        }
    }

    #[test]
    fn dates_are_themselves() {
        assert_eq!(period_end("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(period_end("2023-02-29"), None);
        assert_eq!(period_end("31/03/2024"), None);
    }

    #[test]
    fn anything_else_is_not_judged() {
        for text in [
            "",
            "recent",
            "2021/22 (provisional)",
            "2019-2021",
            "Jan-Mar 2024",
        ] {
            assert_eq!(period_end(text), None, "{text}");
        }
    }

    #[test]
    fn stale_after_three_years_to_the_day() {
        let end = (2022, 3, 31);
        assert!(
            !is_stale(end, (2025, 3, 31)),
            "three years to the day is not stale"
        );
        assert!(is_stale(end, (2025, 4, 1)));
        assert!(!is_stale(end, (2024, 3, 31)));
    }

    #[test]
    fn twenty_ninth_of_february_is_taken_as_the_twenty_eighth() {
        let end = (2024, 2, 29);
        assert!(!is_stale(end, (2027, 2, 28)));
        assert!(is_stale(end, (2027, 3, 1)));
        // A reference on a leap day.
        assert!(is_stale((2025, 2, 28), (2028, 2, 29)));
        assert!(!is_stale((2025, 3, 1), (2028, 2, 29)));
    }

    #[test]
    fn currency_in_words() {
        use crate::model::Domain;
        let mut m = Measure::new("m", "M", Domain::Equity, Direction::HigherIsBetter, 50.0);
        let r = Some((2025, 3, 31));
        assert_eq!(Currency::of(&m, r), Currency::NoPeriod);
        m.period = Some("about now".into());
        assert_eq!(Currency::of(&m, r).word(), "period not understood");
        m.period = Some("2021/22".into());
        assert_eq!(Currency::of(&m, r), Currency::Current((2022, 3, 31)));
        m.period = Some("2021".into());
        assert_eq!(Currency::of(&m, r), Currency::Stale((2021, 12, 31)));
        assert_eq!(Currency::of(&m, r).word(), "stale");
        assert_eq!(Currency::of(&m, None), Currency::Current((2021, 12, 31)));
    }

    #[test]
    fn benchmarks_by_direction() {
        use crate::model::Domain;
        let mut m = Measure::new("m", "M", Domain::Equity, Direction::HigherIsBetter, 50.0);
        m.benchmark = Some(("England".into(), 40.0));
        assert!(!below_benchmark(&m), "no value");
        m.value = Some(39.9);
        assert!(below_benchmark(&m));
        m.value = Some(40.0);
        assert!(!below_benchmark(&m), "equal is not worse");
        m.direction = Direction::LowerIsBetter;
        m.value = Some(40.1);
        assert!(below_benchmark(&m));
        m.value = Some(39.0);
        assert!(!below_benchmark(&m));
    }
}
