//! Identifier syntax and the checksums of Chinese identity numbers, plus the
//! masking of personal data for display and logs.

use chrono::NaiveDate;

/// Record ids: 1-32 characters of `[A-Za-z0-9_.-]`.
pub fn is_valid_record_id(id: &str) -> bool {
    (1..=32).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

/// Tags: `[\p{L}\p{N}_-]{1,32}` (32 characters, not bytes).
pub fn is_valid_tag(tag: &str) -> bool {
    let count = tag.chars().count();
    (1..=32).contains(&count)
        && tag
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResidentIdError {
    #[error("must be 18 characters (17 digits and a digit or X)")]
    Shape,
    // The birth date is personal data: messages say where it is, not what.
    #[error("its birth date (characters 7-14) is not a real date")]
    BirthDate,
    #[error("its birth date (characters 7-14) is in the future")]
    BirthInFuture,
    #[error("checksum fails (last character should be {0})")]
    Checksum(char),
}

const RESIDENT_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_CHECK: &[u8; 11] = b"10X98765432";

/// The ISO 7064 MOD 11-2 check character of the first 17 digits.
pub fn resident_id_check_char(first17: &[u8]) -> char {
    let sum: u32 = first17
        .iter()
        .zip(RESIDENT_WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    char::from(RESIDENT_CHECK[(sum % 11) as usize])
}

/// Validates an 18-character resident identity number: shape, birth date
/// (a real date, not after `today`) and check character.
pub fn check_resident_id(id: &str, today: NaiveDate) -> Result<(), ResidentIdError> {
    let bytes = id.as_bytes();
    if bytes.len() != 18
        || !bytes[..17].iter().all(u8::is_ascii_digit)
        || !(bytes[17].is_ascii_digit() || bytes[17] == b'X' || bytes[17] == b'x')
    {
        return Err(ResidentIdError::Shape);
    }
    let birth = &id[6..14];
    let date = NaiveDate::parse_from_str(birth, "%Y%m%d")
        .ok()
        .filter(|d| d.format("%Y").to_string().as_str() >= "1900")
        .ok_or(ResidentIdError::BirthDate)?;
    if date > today {
        return Err(ResidentIdError::BirthInFuture);
    }
    let expected = resident_id_check_char(&bytes[..17]);
    if char::from(bytes[17].to_ascii_uppercase()) != expected {
        return Err(ResidentIdError::Checksum(expected));
    }
    Ok(())
}

/// GB 32100-2015 alphabet: digits and upper-case letters without I O S V Z.
pub const USCC_ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsccError {
    #[error("must be 18 characters of 0-9 A-H J-N P-R T U W X Y")]
    Shape,
    #[error("checksum fails (last character should be {0})")]
    Checksum(char),
}

fn uscc_value(b: u8) -> Option<u32> {
    USCC_ALPHABET.iter().position(|a| *a == b).map(|p| p as u32)
}

/// The GB 32100-2015 check character of the first 17 characters.
pub fn uscc_check_char(first17: &[u8]) -> Option<char> {
    let mut sum = 0;
    for (b, w) in first17.iter().zip(USCC_WEIGHTS) {
        sum += uscc_value(*b)? * w;
    }
    let check = (31 - sum % 31) % 31;
    Some(char::from(USCC_ALPHABET[check as usize]))
}

/// Validates an 18-character unified social credit code.
pub fn check_uscc(code: &str) -> Result<(), UsccError> {
    let bytes = code.as_bytes();
    if bytes.len() != 18 || !bytes.iter().all(|b| uscc_value(*b).is_some()) {
        return Err(UsccError::Shape);
    }
    let expected = uscc_check_char(&bytes[..17]).ok_or(UsccError::Shape)?;
    if char::from(bytes[17]) != expected {
        return Err(UsccError::Checksum(expected));
    }
    Ok(())
}

/// Mainland mobile `1[3-9]\d{9}` (optionally `+86`), or landline
/// `0\d{2,3}-?\d{7,8}`.
pub fn is_valid_phone(phone: &str) -> bool {
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mobile = phone.strip_prefix("+86").unwrap_or(phone);
    if mobile.len() == 11
        && digits_only(mobile)
        && mobile.as_bytes()[0] == b'1'
        && (b'3'..=b'9').contains(&mobile.as_bytes()[1])
    {
        return true;
    }
    if !phone.starts_with('0') {
        return false;
    }
    let area_and_number = |area: &str, number: &str| {
        digits_only(area)
            && (3..=4).contains(&area.len())
            && digits_only(number)
            && (7..=8).contains(&number.len())
    };
    match phone.split_once('-') {
        Some((area, number)) => area_and_number(area, number),
        None => digits_only(phone) && (10..=12).contains(&phone.len()),
    }
}

/// The digits of a phone number, for search (`+86` dropped).
pub fn phone_digits(phone: &str) -> String {
    let phone = phone.strip_prefix("+86").unwrap_or(phone);
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// Shows the first 3 and last 4 characters: `138****5678`. Used for phones
/// and id numbers everywhere they are displayed or logged.
pub fn mask(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() <= 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn resident_id_checksum() {
        // 11010519491231002X is the standard's published example.
        assert_eq!(check_resident_id("11010519491231002X", today()), Ok(()));
        assert_eq!(check_resident_id("11010519491231002x", today()), Ok(()));
        assert_eq!(
            check_resident_id("110105194912310021", today()),
            Err(ResidentIdError::Checksum('X'))
        );
        assert_eq!(
            check_resident_id("110105194902300021", today()),
            Err(ResidentIdError::BirthDate)
        );
        assert_eq!(
            check_resident_id("110105209912310021", today()),
            Err(ResidentIdError::BirthInFuture)
        );
        assert_eq!(
            check_resident_id("1101051949", today()),
            Err(ResidentIdError::Shape)
        );
    }

    #[test]
    fn uscc_checksum() {
        let first17 = b"91350100M000100Y4";
        let check = uscc_check_char(first17).unwrap();
        let good = format!("{}{}", std::str::from_utf8(first17).unwrap(), check);
        assert_eq!(check_uscc(&good), Ok(()));
        let bad = format!("{}{}", &good[..17], if check == '0' { '1' } else { '0' });
        assert!(matches!(check_uscc(&bad), Err(UsccError::Checksum(_))));
        assert_eq!(check_uscc("91350100M000100YI3"), Err(UsccError::Shape));
    }

    #[test]
    fn phones() {
        assert!(is_valid_phone("13812345678"));
        assert!(is_valid_phone("+8613812345678"));
        assert!(is_valid_phone("010-12345678"));
        assert!(is_valid_phone("0755-1234567"));
        assert!(is_valid_phone("075512345678"));
        assert!(!is_valid_phone("12812345678"));
        assert!(!is_valid_phone("1381234567"));
        assert!(!is_valid_phone("010-123456"));
        assert_eq!(phone_digits("+86 138-1234-5678"), "13812345678");
    }

    #[test]
    fn masks_personal_data() {
        assert_eq!(mask("13812345678"), "138****5678");
        assert_eq!(mask("11010519491231002X"), "110***********002X");
        assert_eq!(mask("12345"), "*****");
    }

    #[test]
    fn record_ids_and_tags() {
        assert!(is_valid_record_id("C-0001.a_b"));
        assert!(!is_valid_record_id(""));
        assert!(!is_valid_record_id("a b"));
        assert!(!is_valid_record_id(&"x".repeat(33)));
        assert!(is_valid_tag("高价值_vip-2"));
        assert!(!is_valid_tag("a;b"));
        assert!(!is_valid_tag(&"标".repeat(33)));
    }
}
