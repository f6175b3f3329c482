//! Compact serde for dates: days since 1970-01-01 as `i32`, date-times as
//! seconds as `i64`. Used with `#[serde(with = ...)]` so that stored records
//! are small and fast to decode (chrono's own serde writes strings).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

const EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => d,
    None => panic!("1970-01-01 is a valid date"),
};

pub fn to_days(date: NaiveDate) -> i32 {
    // Dates in a book are within a few thousand years of 1970: fits i32.
    (date - EPOCH).num_days() as i32
}

pub fn from_days(days: i32) -> Option<NaiveDate> {
    EPOCH.checked_add_signed(chrono::Duration::days(i64::from(days)))
}

pub mod days {
    use super::*;

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        to_days(*date).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let days = i32::deserialize(d)?;
        from_days(days).ok_or_else(|| serde::de::Error::custom("date out of range"))
    }
}

pub mod opt_days {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        date.map(to_days).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<i32>::deserialize(d)? {
            None => Ok(None),
            Some(days) => from_days(days)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom("date out of range")),
        }
    }
}

pub mod seconds {
    use super::*;

    pub fn serialize<S: Serializer>(at: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        at.and_utc().timestamp().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let secs = i64::deserialize(d)?;
        chrono::DateTime::from_timestamp(secs, 0)
            .map(|t| t.naive_utc())
            .ok_or_else(|| serde::de::Error::custom("date-time out of range"))
    }
}

/// Parses `YYYY-MM-DD` strictly (zero-padded, real calendar date).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.len() != 10 || text.as_bytes()[4] != b'-' || text.as_bytes()[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Parses `YYYY-MM-DDTHH:MM[:SS]`, `YYYY-MM-DD HH:MM[:SS]` or a bare date
/// (midnight), local time without zone.
pub fn parse_date_time(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    if let Some(date) = parse_date(text) {
        return date.and_hms_opt(0, 0, 0);
    }
    if text.len() < 16 || !text.is_char_boundary(10) {
        return None;
    }
    let (date, rest) = text.split_at(10);
    let date = parse_date(date)?;
    let time = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
    let time = match time.len() {
        5 => chrono::NaiveTime::parse_from_str(time, "%H:%M").ok()?,
        8 => chrono::NaiveTime::parse_from_str(time, "%H:%M:%S").ok()?,
        _ => return None,
    };
    Some(date.and_time(time))
}

/// Written as `YYYY-MM-DDTHH:MM:SS` on export.
pub fn format_date_time(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_days() {
        let d = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        assert_eq!(from_days(to_days(d)), Some(d));
        assert_eq!(to_days(EPOCH), 0);
    }

    #[test]
    fn parses_the_spec_date_forms() {
        assert!(parse_date("2026-02-29").is_none());
        assert!(parse_date("2026-2-1").is_none());
        assert_eq!(
            parse_date_time("2026-01-02 03:04").map(format_date_time),
            Some("2026-01-02T03:04:00".to_string())
        );
        assert_eq!(
            parse_date_time("2026-01-02T03:04:05").map(format_date_time),
            Some("2026-01-02T03:04:05".to_string())
        );
        assert_eq!(
            parse_date_time("2026-01-02").map(format_date_time),
            Some("2026-01-02T00:00:00".to_string())
        );
        assert!(parse_date_time("2026-01-02X03:04").is_none());
        assert!(parse_date_time("2026-01-02 25:04").is_none());
    }
}
