//! Typed parsers of one trimmed, non-empty cell. Each returns what is wrong
//! in plain words; the caller adds file, line, column and the value.

use crate::model::date_codec::{parse_date, parse_date_time};
use crate::model::ids::{self, is_valid_phone, is_valid_record_id, is_valid_tag};
use crate::model::{CustomerKind, Fen, Industry, Labelled, Province};
use chrono::{Datelike, NaiveDate, NaiveDateTime};

pub type Parsed<T> = Result<T, String>;

pub fn id(text: &str) -> Parsed<String> {
    if is_valid_record_id(text) {
        Ok(text.to_string())
    } else {
        Err("not an id (1-32 characters of A-Z a-z 0-9 _ . -)".to_string())
    }
}

pub fn text(text: &str) -> Parsed<String> {
    Ok(text.to_string())
}

pub fn date(text: &str) -> Parsed<NaiveDate> {
    parse_date(text).ok_or_else(|| "not a date (YYYY-MM-DD)".to_string())
}

pub fn date_time(text: &str) -> Parsed<NaiveDateTime> {
    parse_date_time(text)
        .ok_or_else(|| "not a date-time (YYYY-MM-DD HH:MM[:SS], or with T)".to_string())
}

/// Yuan with at most 2 decimals, not negative.
pub fn money(text: &str) -> Parsed<Fen> {
    let fen = Fen::parse_yuan(text).map_err(|e| e.to_string())?;
    if fen < Fen::ZERO {
        return Err("must not be negative".to_string());
    }
    Ok(fen)
}

/// Money above zero (a written premium).
pub fn positive_money(text: &str) -> Parsed<Fen> {
    match money(text)? {
        Fen::ZERO => Err("must be more than 0".to_string()),
        fen => Ok(fen),
    }
}

/// A code (any case) or one of its Chinese labels.
pub fn label<E: Labelled>(text: &str) -> Parsed<E> {
    E::parse_label(text)
        .ok_or_else(|| format!("not one of {} (or their Chinese labels)", E::codes_list()))
}

pub fn province(text: &str) -> Parsed<Province> {
    Province::parse(text).ok_or_else(|| {
        "not a provincial-level division of China (such as 广东, 广东省 or Guangdong)".to_string()
    })
}

pub fn industry(text: &str) -> Parsed<Industry> {
    Industry::parse(text).ok_or_else(|| "not a GB/T 4754-2017 section letter A..T".to_string())
}

/// `;`-separated tags, returned sorted without duplicates; empty pieces
/// (`vip;`) are ignored.
pub fn tags(text: &str) -> Parsed<Vec<String>> {
    let mut tags = Vec::new();
    for tag in text.split(';').map(str::trim).filter(|t| !t.is_empty()) {
        if !is_valid_tag(tag) {
            return Err(format!(
                "tag {tag:?} is not 1-32 letters, digits, _ or - (tags are separated by ;)"
            ));
        }
        tags.push(tag.to_string());
    }
    tags.sort();
    tags.dedup();
    Ok(tags)
}

pub fn phone(text: &str) -> Parsed<String> {
    if is_valid_phone(text) {
        Ok(text.to_string())
    } else {
        Err("not a mainland mobile (1[3-9] and 9 more digits, optionally +86) or landline (0 + 2-3 digit area code, -, 7-8 digits)".to_string())
    }
}

pub fn email(text: &str) -> Parsed<String> {
    match text.split_once('@') {
        Some((user, host)) if !user.is_empty() && !host.is_empty() && !host.contains('@') => {
            Ok(text.to_string())
        }
        _ => Err("not an e-mail address (one @ between name and domain)".to_string()),
    }
}

pub fn boolean(text: &str) -> Parsed<bool> {
    match text.to_ascii_lowercase().as_str() {
        "yes" | "true" | "1" | "是" => Ok(true),
        "no" | "false" | "0" | "否" => Ok(false),
        _ => Err("not yes or no (also true/false, 1/0, 是/否)".to_string()),
    }
}

/// A year from 1800 to this year.
pub fn year_built(today: NaiveDate) -> impl Fn(&str) -> Parsed<u16> {
    move |text| {
        let year = today.year();
        text.parse::<i32>()
            .ok()
            .filter(|y| (1800..=year).contains(y))
            .map(|y| y as u16)
            .ok_or_else(|| format!("not a year from 1800 to {year}"))
    }
}

pub fn satisfaction(text: &str) -> Parsed<u8> {
    text.parse::<u8>()
        .ok()
        .filter(|s| (1..=5).contains(s))
        .ok_or_else(|| "not a whole number from 1 to 5".to_string())
}

/// Outcome of checking an id number against the customer's kind.
#[derive(Debug)]
pub enum IdNumber {
    Valid(String),
    /// A credit code whose checksum fails: imported, flagged `bad_uscc`.
    BadUscc(String, String),
}

/// A resident identity number (individuals) or unified social credit code
/// (enterprises), upper-cased. A wrong resident-id checksum or birth date is
/// an error; a wrong credit-code checksum only a warning.
pub fn id_number(kind: CustomerKind, text: &str, today: NaiveDate) -> Parsed<IdNumber> {
    let number = text.to_ascii_uppercase();
    if kind.is_enterprise() {
        return match ids::check_uscc(&number) {
            Ok(()) => Ok(IdNumber::Valid(number)),
            Err(ids::UsccError::Checksum(expected)) => Ok(IdNumber::BadUscc(
                number,
                format!(
                    "unified social credit code checksum fails (last character should be {expected}); imported with the bad_uscc flag"
                ),
            )),
            Err(e) => Err(format!("unified social credit code {e}")),
        };
    }
    ids::check_resident_id(&number, today)
        .map(|()| IdNumber::Valid(number))
        .map_err(|e| format!("resident identity number: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Construction, Line};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn money_refuses_separators_decimals_and_negatives() {
        assert_eq!(money("1200.5"), Ok(Fen(120_050)));
        assert_eq!(
            money("1,200.00").unwrap_err(),
            "thousands separators are not accepted"
        );
        assert_eq!(money("1.234").unwrap_err(), "at most 2 fraction digits");
        assert_eq!(money("-3").unwrap_err(), "must not be negative");
        assert_eq!(positive_money("0.00").unwrap_err(), "must be more than 0");
    }

    #[test]
    fn labels_codes_and_chinese() {
        assert_eq!(label::<Line>("车险"), Ok(Line::Motor));
        assert_eq!(
            label::<Construction>("Fire_Resistive"),
            Ok(Construction::FireResistive)
        );
        assert!(label::<Line>("car")
            .unwrap_err()
            .starts_with("not one of property, engineering,"));
    }

    #[test]
    fn small_types() {
        assert_eq!(boolean("是"), Ok(true));
        assert_eq!(boolean("FALSE"), Ok(false));
        assert!(boolean("maybe").is_err());
        assert_eq!(year_built(today())("1800"), Ok(1800));
        assert!(year_built(today())("2027").is_err());
        assert!(year_built(today())("1799").is_err());
        assert_eq!(satisfaction("5"), Ok(5));
        assert!(satisfaction("6").is_err());
        assert!(satisfaction("4.5").is_err());
        assert!(email("a@b.cn").is_ok());
        assert!(email("a@b@c").is_err());
        assert!(email("ab.cn").is_err());
        assert_eq!(
            tags("vip; 高价值;vip;"),
            Ok(vec!["vip".to_string(), "高价值".to_string()])
        );
        assert!(tags("a b").is_err());
        assert_eq!(province("广西壮族自治区").map(|p| p.short()), Ok("广西"));
    }

    #[test]
    fn id_numbers_by_kind() {
        assert!(matches!(
            id_number(CustomerKind::Individual, "11010519491231002x", today()),
            Ok(IdNumber::Valid(n)) if n == "11010519491231002X"
        ));
        assert_eq!(
            id_number(CustomerKind::Individual, "110105194912310021", today())
                .err()
                .unwrap(),
            "resident identity number: checksum fails (last character should be X)"
        );
        assert!(
            id_number(CustomerKind::Individual, "110105194902300021", today())
                .unwrap_err()
                .contains("its birth date (characters 7-14) is not a real date")
        );
        let first17 = "91350100M000100Y4";
        let check = ids::uscc_check_char(first17.as_bytes()).unwrap();
        let good = format!("{first17}{check}");
        assert!(matches!(
            id_number(CustomerKind::Sme, &good, today()),
            Ok(IdNumber::Valid(_))
        ));
        let bad = format!("{first17}{}", if check == '0' { '1' } else { '0' });
        assert!(matches!(
            id_number(CustomerKind::Large, &bad, today()),
            Ok(IdNumber::BadUscc(..))
        ));
        assert!(id_number(CustomerKind::Sme, "123", today()).is_err());
    }
}
