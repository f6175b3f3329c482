//! GB/T 4754-2017 industry sections `A`..`T`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A GB/T 4754-2017 section letter, stored as its byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Industry(u8);

const NAMES_ZH: [&str; 20] = [
    "农、林、牧、渔业",
    "采矿业",
    "制造业",
    "电力、热力、燃气及水生产和供应业",
    "建筑业",
    "批发和零售业",
    "交通运输、仓储和邮政业",
    "住宿和餐饮业",
    "信息传输、软件和信息技术服务业",
    "金融业",
    "房地产业",
    "租赁和商务服务业",
    "科学研究和技术服务业",
    "水利、环境和公共设施管理业",
    "居民服务、修理和其他服务业",
    "教育",
    "卫生和社会工作",
    "文化、体育和娱乐业",
    "公共管理、社会保障和社会组织",
    "国际组织",
];

impl Industry {
    pub fn all() -> impl Iterator<Item = Industry> {
        (b'A'..=b'T').map(Industry)
    }

    /// Parses one letter `A`..`T`, case-insensitively.
    pub fn parse(text: &str) -> Option<Industry> {
        match text.trim().as_bytes() {
            [b] if b.to_ascii_uppercase().is_ascii_uppercase()
                && (b'A'..=b'T').contains(&b.to_ascii_uppercase()) =>
            {
                Some(Industry(b.to_ascii_uppercase()))
            }
            _ => None,
        }
    }

    pub fn letter(self) -> char {
        char::from(self.0)
    }

    /// 0 for A .. 19 for T.
    pub fn index(self) -> usize {
        usize::from(self.0 - b'A')
    }

    pub fn name_zh(self) -> &'static str {
        NAMES_ZH[self.index()]
    }
}

impl fmt::Display for Industry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.letter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections() {
        assert_eq!(Industry::parse("c").map(|i| i.letter()), Some('C'));
        assert_eq!(Industry::parse("T").map(|i| i.index()), Some(19));
        assert_eq!(Industry::parse("U"), None);
        assert_eq!(Industry::parse("CC"), None);
        assert_eq!(Industry::all().count(), 20);
    }
}
