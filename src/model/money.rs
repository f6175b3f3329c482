//! Money as integer fen (1 yuan = 100 fen): never floating point.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Fen(pub i64);

/// Why a money cell was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("thousands separators are not accepted")]
    ThousandsSeparator,
    #[error("at most 2 fraction digits")]
    TooManyDecimals,
    #[error("not a decimal amount of yuan")]
    NotANumber,
    #[error("amount too large")]
    Overflow,
}

impl Fen {
    pub const ZERO: Fen = Fen(0);

    pub fn from_yuan(yuan: i64) -> Fen {
        Fen(yuan * 100)
    }

    /// Parses `123`, `123.4`, `123.45`, `-5.00` (yuan) into fen.
    pub fn parse_yuan(text: &str) -> Result<Fen, MoneyError> {
        let text = text.trim();
        if text.contains(',') {
            return Err(MoneyError::ThousandsSeparator);
        }
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, frac) = match digits.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() && frac.is_empty()
            || !all_digits(whole)
            || !all_digits(frac)
            || (digits.contains('.') && frac.is_empty())
        {
            return Err(MoneyError::NotANumber);
        }
        if frac.len() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| MoneyError::Overflow)?
        };
        let frac_fen: i64 = match frac.len() {
            0 => 0,
            1 => i64::from(frac.as_bytes()[0] - b'0') * 10,
            _ => frac.parse().map_err(|_| MoneyError::NotANumber)?,
        };
        let fen = whole
            .checked_mul(100)
            .and_then(|f| f.checked_add(frac_fen))
            .ok_or(MoneyError::Overflow)?;
        Ok(Fen(if negative { -fen } else { fen }))
    }

    /// Yuan as a float, only for ratios and display.
    pub fn yuan_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Thousands-grouped whole yuan for the UI: `¥12,300`.
    pub fn display_grouped(self) -> String {
        let yuan = (self.0 + if self.0 >= 0 { 50 } else { -50 }) / 100;
        let digits = yuan.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + 4);
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        format!("{}¥{}", if yuan < 0 { "-" } else { "" }, out)
    }
}

/// Written with exactly 2 fraction digits, as export requires.
impl fmt::Display for Fen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl std::ops::Add for Fen {
    type Output = Fen;
    fn add(self, rhs: Fen) -> Fen {
        Fen(self.0 + rhs.0)
    }
}

impl std::ops::AddAssign for Fen {
    fn add_assign(&mut self, rhs: Fen) {
        self.0 += rhs.0;
    }
}

impl std::iter::Sum for Fen {
    fn sum<I: Iterator<Item = Fen>>(iter: I) -> Fen {
        Fen(iter.map(|f| f.0).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_yuan_into_fen() {
        assert_eq!(Fen::parse_yuan("123"), Ok(Fen(12300)));
        assert_eq!(Fen::parse_yuan("123.4"), Ok(Fen(12340)));
        assert_eq!(Fen::parse_yuan(" 0.05 "), Ok(Fen(5)));
        assert_eq!(Fen::parse_yuan("-5.00"), Ok(Fen(-500)));
        assert_eq!(Fen::parse_yuan(".5"), Ok(Fen(50)));
    }

    #[test]
    fn refuses_ambiguous_or_imprecise_amounts() {
        assert_eq!(
            Fen::parse_yuan("1,200.00"),
            Err(MoneyError::ThousandsSeparator)
        );
        assert_eq!(Fen::parse_yuan("1.234"), Err(MoneyError::TooManyDecimals));
        assert_eq!(Fen::parse_yuan("abc"), Err(MoneyError::NotANumber));
        assert_eq!(Fen::parse_yuan("1."), Err(MoneyError::NotANumber));
        assert_eq!(Fen::parse_yuan(""), Err(MoneyError::NotANumber));
        assert_eq!(Fen::parse_yuan("1e5"), Err(MoneyError::NotANumber));
        assert_eq!(
            Fen::parse_yuan("99999999999999999999"),
            Err(MoneyError::Overflow)
        );
    }

    #[test]
    fn displays_two_decimals_and_grouped_yuan() {
        assert_eq!(Fen(12345).to_string(), "123.45");
        assert_eq!(Fen(-5).to_string(), "-0.05");
        assert_eq!(Fen(1_230_000).display_grouped(), "¥12,300");
        assert_eq!(Fen(99_999_949).display_grouped(), "¥999,999");
    }
}
