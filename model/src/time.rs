//! Contract timestamps: RFC 3339 parsing, and the relative ("5 minutes ago") and absolute dates
//! readers see. Pure functions of their inputs: "now" is always passed in, so callers decide
//! which clock counts (the browser's, or a test's).

const SECOND: i64 = 1_000;
const MINUTE: i64 = 60 * SECOND;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Milliseconds since the Unix epoch for an RFC 3339 timestamp such as `2025-07-31T12:00:00Z`
/// or `2026-11-24T10:05:00.250+01:00`; `None` for anything else.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let b = text.trim().as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        digits
            .iter()
            .try_fold(0i64, |acc, &d| d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0')))
    };
    let separators_ok = b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && matches!(b.get(10), Some(b'T' | b't' | b' '))
        && b.get(13) == Some(&b':')
        && b.get(16) == Some(&b':');
    if !separators_ok {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }

    let mut rest = &b[19..];
    let mut millis = 0;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let len = fraction.iter().take_while(|d| d.is_ascii_digit()).count();
        if len == 0 {
            return None;
        }
        // Keep millisecond precision: pad or cut the fraction to three digits.
        millis = fraction[..len]
            .iter()
            .chain(std::iter::repeat(&b'0'))
            .take(3)
            .fold(0, |acc, d| acc * 10 + i64::from(d - b'0'));
        rest = &fraction[len..];
    }
    let offset_minutes = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let digits = [*h1, *h2, *m1, *m2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let hours = i64::from(h1 - b'0') * 10 + i64::from(h2 - b'0');
            let minutes = i64::from(m1 - b'0') * 10 + i64::from(m2 - b'0');
            if hours > 23 || minutes > 59 {
                return None;
            }
            let total = hours * 60 + minutes;
            if *sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => return None,
    };

    let days = days_from_civil(year, month, day);
    Some(
        days * DAY + hour * HOUR + minute * MINUTE + second.min(59) * SECOND + millis
            - offset_minutes * MINUTE,
    )
}

/// How long ago a moment was, in the unit a reader would say it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ago {
    /// Less than 45 seconds.
    JustNow,
    Minutes(i64),
    Hours(i64),
    Days(i64),
    /// A week or more ago, or clearly in the future (a skewed clock): say the date instead.
    Long,
}

/// How long before `now_ms` the moment `then_ms` was (see [`Ago`]).
pub fn ago(then_ms: i64, now_ms: i64) -> Ago {
    let elapsed = now_ms - then_ms;
    if elapsed < -5 * MINUTE {
        return Ago::Long;
    }
    match elapsed {
        e if e < 45 * SECOND => Ago::JustNow,
        e if e < 90 * SECOND => Ago::Minutes(1),
        e if e < 45 * MINUTE => Ago::Minutes(rounded(e, MINUTE).max(2)),
        e if e < 90 * MINUTE => Ago::Hours(1),
        e if e < 22 * HOUR => Ago::Hours(rounded(e, HOUR).max(2)),
        e if e < 36 * HOUR => Ago::Days(1),
        e if e < 7 * DAY => Ago::Days(rounded(e, DAY).max(2)),
        _ => Ago::Long,
    }
}

/// In English: "just now", "5 minutes ago", "an hour ago", "2 days ago"; older than a week (or
/// clearly in the future, from a skewed clock) it falls back to the date.
pub fn relative(then_ms: i64, now_ms: i64) -> String {
    let english = |n: i64, unit: &str, one: &str| match n {
        1 => format!("{one} {unit} ago"),
        n => format!("{n} {unit}s ago"),
    };
    match ago(then_ms, now_ms) {
        Ago::JustNow => "just now".to_owned(),
        Ago::Minutes(n) => english(n, "minute", "a"),
        Ago::Hours(n) => english(n, "hour", "an"),
        Ago::Days(n) => english(n, "day", "a"),
        Ago::Long => date(then_ms),
    }
}

/// The calendar date in UTC, e.g. "24 Nov 2026".
pub fn date(ms: i64) -> String {
    let (year, month, day) = civil_from_days(ms.div_euclid(DAY));
    format!("{day} {} {year}", MONTHS[(month - 1) as usize])
}

/// The full timestamp in UTC, e.g. "24 Nov 2026, 08:30 UTC", for tooltips.
pub fn date_time(ms: i64) -> String {
    let in_day = ms.rem_euclid(DAY);
    format!("{}, {:02}:{:02} UTC", date(ms), in_day / HOUR, in_day % HOUR / MINUTE)
}

/// The RFC 3339 form in UTC with millisecond precision, e.g. `2026-11-24T08:30:00.000Z`.
pub fn to_rfc3339(ms: i64) -> String {
    let (year, month, day) = civil_from_days(ms.div_euclid(DAY));
    let in_day = ms.rem_euclid(DAY);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        in_day / HOUR,
        in_day % HOUR / MINUTE,
        in_day % MINUTE / SECOND,
        in_day % SECOND
    )
}

/// The RFC 2822 form in UTC that RSS uses, e.g. `Tue, 24 Nov 2026 08:30:00 +0000`.
pub fn to_rfc2822(ms: i64) -> String {
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let days = ms.div_euclid(DAY);
    let (year, month, day) = civil_from_days(days);
    let in_day = ms.rem_euclid(DAY);
    format!(
        "{}, {day:02} {} {year:04} {:02}:{:02}:{:02} +0000",
        // 1970-01-01 was a Thursday.
        WEEKDAYS[days.rem_euclid(7) as usize],
        MONTHS[(month - 1) as usize],
        in_day / HOUR,
        in_day % HOUR / MINUTE,
        in_day % MINUTE / SECOND
    )
}

fn rounded(value: i64, unit: i64) -> i64 {
    (value + unit / 2) / unit
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_rfc_2822_for_rss() {
        let ms = parse_rfc3339("2026-11-24T08:30:05+01:00").expect("valid");
        assert_eq!(to_rfc2822(ms), "Tue, 24 Nov 2026 07:30:05 +0000");
        assert_eq!(to_rfc2822(0), "Thu, 01 Jan 1970 00:00:00 +0000");
        let leap = parse_rfc3339("2024-02-29T23:59:59Z").expect("valid");
        assert_eq!(to_rfc2822(leap), "Thu, 29 Feb 2024 23:59:59 +0000");
        assert_eq!(to_rfc2822(-1_000), "Wed, 31 Dec 1969 23:59:59 +0000");
    }

    const NOV_24_0830: i64 = 1_795_509_000_000; // 2026-11-24T08:30:00Z

    #[test]
    fn parses_utc_offsets_and_fractions() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2026-11-24T08:30:00Z"), Some(NOV_24_0830));
        assert_eq!(parse_rfc3339("2026-11-24T09:30:00+01:00"), Some(NOV_24_0830));
        assert_eq!(parse_rfc3339("2026-11-24T03:00:00-05:30"), Some(NOV_24_0830));
        assert_eq!(parse_rfc3339("2026-11-24T08:30:00.25Z"), Some(NOV_24_0830 + 250));
        assert_eq!(parse_rfc3339("2024-02-29T00:00:00Z"), Some(1_709_164_800_000));
    }

    #[test]
    fn rejects_what_is_not_rfc3339() {
        for bad in [
            "",
            "yesterday",
            "2026-11-24",
            "2026-11-24T08:30:00",
            "2026-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-11-24T24:00:00Z",
            "2026-11-24T08:30:00+1:00",
            "2026-11-24T08:30:00.Z",
            "२०२६-11-24T08:30:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn relative_times_read_naturally_at_every_boundary() {
        let now = NOV_24_0830;
        let cases = [
            // Past, on each side of every boundary.
            (0, "just now"),
            (44 * SECOND + 999, "just now"),
            (45 * SECOND, "a minute ago"),
            (89 * SECOND, "a minute ago"),
            (90 * SECOND, "2 minutes ago"),
            (5 * MINUTE, "5 minutes ago"),
            (44 * MINUTE + 29 * SECOND, "44 minutes ago"),
            (45 * MINUTE, "an hour ago"),
            (89 * MINUTE, "an hour ago"),
            (90 * MINUTE, "2 hours ago"),
            (7 * HOUR, "7 hours ago"),
            (21 * HOUR + 59 * MINUTE, "22 hours ago"),
            (22 * HOUR, "a day ago"),
            (35 * HOUR, "a day ago"),
            (36 * HOUR, "2 days ago"),
            (6 * DAY + 23 * HOUR, "7 days ago"),
            (7 * DAY, "17 Nov 2026"),
            (400 * DAY, "20 Oct 2025"),
            // Future: a little clock skew reads as now, more shows the date.
            (-2 * MINUTE, "just now"),
            (-5 * MINUTE, "just now"),
            (-5 * MINUTE - 1, "24 Nov 2026"),
            (-3 * DAY, "27 Nov 2026"),
        ];
        for (elapsed, expected) in cases {
            assert_eq!(relative(now - elapsed, now), expected, "{elapsed} ms ago");
        }
    }

    #[test]
    fn missing_or_invalid_times_give_nothing_to_format() {
        for text in ["", " ", "null", "2026-11-24T08:30:00+25:00", "2026-11-31T00:00:00Z"] {
            assert_eq!(parse_rfc3339(text), None, "{text:?}");
        }
    }

    #[test]
    fn formats_absolute_dates_in_utc() {
        assert_eq!(date_time(NOV_24_0830), "24 Nov 2026, 08:30 UTC");
        assert_eq!(date(-DAY), "31 Dec 1969");
    }

    #[test]
    fn writes_rfc3339_that_parses_back() {
        assert_eq!(to_rfc3339(NOV_24_0830 + 7), "2026-11-24T08:30:00.007Z");
        for ms in [0, NOV_24_0830, 1_709_164_800_123, -86_400_001] {
            assert_eq!(parse_rfc3339(&to_rfc3339(ms)), Some(ms));
        }
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn parsed_times_survive_formatting(
                text in prop_oneof![
                    "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,12})?([Zz]|[+-][0-9]{2}:[0-9]{2})",
                    any::<String>(),
                ],
            ) {
                if let Some(ms) = parse_rfc3339(&text) {
                    prop_assert_eq!(parse_rfc3339(&to_rfc3339(ms)), Some(ms));
                    let _ = (date_time(ms), relative(ms, 1_800_000_000_000));
                }
            }
        }
    }
}
