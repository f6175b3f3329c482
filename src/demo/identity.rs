//! Identity data of demo customers, valid the way data-formats.md checks
//! it: resident ids with a real birth date and the MOD 11-2 check
//! character, unified social credit codes with the GB 32100 check character
//! (and the GB 11714 organisation code inside), mobile and landline numbers,
//! e-mail addresses.

use super::geography::City;
use super::rng::Rng;
use crate::model::ids::{resident_id_check_char, uscc_check_char, USCC_ALPHABET};
use chrono::{Datelike, NaiveDate};

/// An 18-character resident id: division code, birth date, a sequence
/// whose last digit is odd for men, and the check character.
pub fn resident_id(rng: &mut Rng, division: &str, birth: NaiveDate, male: bool) -> String {
    let sequence = rng.below(500) * 2 + u64::from(male);
    let mut id = format!(
        "{division}{:04}{:02}{:02}{sequence:03}",
        birth.year(),
        birth.month(),
        birth.day()
    );
    let check = resident_id_check_char(id.as_bytes());
    id.push(check);
    id
}

/// A birth date for an adult of `age` years at `as_of` (any day of that year
/// of life).
pub fn birth_date(rng: &mut Rng, as_of: NaiveDate, age: u32) -> NaiveDate {
    let days = i64::from(age) * 365 + rng.below(365) as i64 + i64::from(age / 4);
    as_of - chrono::Duration::days(days)
}

/// GB 11714 check character of an 8-digit organisation code body.
fn org_code_check(body: &[u8; 8]) -> u8 {
    const WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    match 11 - sum % 11 {
        10 => b'X',
        11 => b'0',
        c => b'0' + c as u8,
    }
}

/// A unified social credit code of an enterprise (`91` = registered by the
/// market regulator, enterprise) in `division`. With `break_check`, the check
/// character is wrong, as in some early pilot codes.
pub fn uscc(rng: &mut Rng, division: &str, break_check: bool) -> String {
    let mut body = [0u8; 8];
    for b in &mut body {
        *b = b'0' + rng.below(10) as u8;
    }
    let mut code = Vec::with_capacity(18);
    code.extend_from_slice(b"91");
    code.extend_from_slice(division.as_bytes());
    code.extend_from_slice(&body);
    code.push(org_code_check(&body));
    // The prefix is built from digits and X: always in the alphabet.
    let check = uscc_check_char(&code).expect("USCC prefix uses the GB 32100 alphabet");
    let check = if break_check {
        let right = USCC_ALPHABET
            .iter()
            .position(|c| char::from(*c) == check)
            .unwrap_or(0);
        char::from(USCC_ALPHABET[(right + 1 + rng.below(30) as usize) % USCC_ALPHABET.len()])
    } else {
        check
    };
    code.push(check as u8);
    String::from_utf8(code).expect("USCC characters are ASCII")
}

/// Mobile prefixes of the three carriers (and a virtual one).
#[rustfmt::skip]
const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
    "150", "151", "152", "153", "155", "156", "157", "158", "159", "166",
    "170", "173", "176", "177", "178", "180", "181", "182", "183", "184",
    "185", "186", "187", "188", "189", "191", "198", "199",
];

/// `13812345678`, a few written `+8613812345678`.
pub fn mobile(rng: &mut Rng) -> String {
    let prefix = if rng.chance(0.02) { "+86" } else { "" };
    format!(
        "{prefix}{}{:08}",
        rng.pick(MOBILE_PREFIXES),
        rng.below(100_000_000)
    )
}

/// `0755-86001234` (8 digits; 7 in some 4-digit areas), a few without the
/// hyphen.
pub fn landline(rng: &mut Rng, city: &City) -> String {
    let digits = if city.area_code.len() == 4 && rng.chance(0.2) {
        7
    } else {
        8
    };
    let first = rng.range(2, 8);
    let rest = rng.below(10u64.pow(digits - 1));
    let separator = if rng.chance(0.9) { "-" } else { "" };
    format!(
        "{}{separator}{first}{rest:0width$}",
        city.area_code,
        width = digits as usize - 1
    )
}

#[rustfmt::skip]
const HANDLE_SYLLABLES: &[&str] = &[
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou",
    "xiao", "ming", "hua", "jing", "wei", "fang", "lin", "yu", "hao", "xin",
];

#[rustfmt::skip]
const PERSONAL_DOMAINS: &[&str] = &["qq.com", "163.com", "126.com", "sina.com", "outlook.com", "gmail.com"];

/// A personal address (`12345678@qq.com`, `xiaoming88@163.com`) or, for a
/// company, `info@` / `sales@` of its own domain.
pub fn email(rng: &mut Rng, company: bool) -> String {
    if company {
        let local = rng.pick(&["info", "sales", "service", "hr", "admin"]);
        return format!(
            "{local}@{}{}{}.com.cn",
            rng.pick(HANDLE_SYLLABLES),
            rng.pick(HANDLE_SYLLABLES),
            rng.below(100)
        );
    }
    let domain = rng.pick(PERSONAL_DOMAINS);
    if *domain == "qq.com" {
        return format!("{}@qq.com", rng.range(10_000_000, 3_999_999_999));
    }
    format!(
        "{}{}{}@{domain}",
        rng.pick(HANDLE_SYLLABLES),
        rng.pick(HANDLE_SYLLABLES),
        rng.below(1000)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::{check_resident_id, check_uscc, is_valid_phone};

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn resident_ids_check_and_encode_sex() {
        let mut rng = Rng::new(1);
        for age in [18, 30, 59, 90] {
            let birth = birth_date(&mut rng, as_of(), age);
            let male = age % 2 == 0;
            let id = resident_id(&mut rng, "440106", birth, male);
            assert_eq!(check_resident_id(&id, as_of()), Ok(()), "{id}");
            assert_eq!((id.as_bytes()[16] - b'0') % 2 == 1, male, "{id}");
            assert!(id.starts_with("440106"));
        }
    }

    #[test]
    fn credit_codes_check_unless_broken_on_purpose() {
        let mut rng = Rng::new(2);
        for _ in 0..1000 {
            assert_eq!(check_uscc(&uscc(&mut rng, "330106", false)), Ok(()));
            assert!(check_uscc(&uscc(&mut rng, "330106", true)).is_err());
        }
        // The GB 11714 example: 12345678 -> 8.
        assert_eq!(org_code_check(b"12345678"), b'8');
    }

    #[test]
    fn phones_and_emails_have_valid_shapes() {
        let mut rng = Rng::new(3);
        let city = City {
            name: "深圳",
            division: "440305",
            area_code: "0755",
        };
        let beijing = City {
            name: "北京",
            division: "110105",
            area_code: "010",
        };
        for _ in 0..1000 {
            let m = mobile(&mut rng);
            assert!(is_valid_phone(&m), "{m}");
            for c in [&city, &beijing] {
                let l = landline(&mut rng, c);
                assert!(is_valid_phone(&l), "{l}");
            }
            for company in [false, true] {
                let e = email(&mut rng, company);
                assert_eq!(e.matches('@').count(), 1, "{e}");
            }
        }
    }
}
