//! The 34 provincial-level divisions, with every name accepted on import.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Index into [`PROVINCES`]. Stored as one byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Province(u8);

pub struct ProvinceInfo {
    /// Short Chinese name, written on export: `广东`.
    pub short: &'static str,
    /// Official full name: `广东省`, `广西壮族自治区`.
    pub official: &'static str,
    /// Pinyin (lower-case, no spaces) used in rules files: `guangdong`.
    pub pinyin: &'static str,
    /// Other accepted Latin names (English), lower-case without spaces.
    pub english: &'static [&'static str],
}

macro_rules! provinces {
    ($(($short:literal, $official:literal, $pinyin:literal, [$($en:literal),*])),+ $(,)?) => {
        pub const PROVINCES: &[ProvinceInfo] = &[
            $(ProvinceInfo { short: $short, official: $official, pinyin: $pinyin, english: &[$($en),*] }),+
        ];
    };
}

provinces!(
    ("北京", "北京市", "beijing", ["peking"]),
    ("天津", "天津市", "tianjin", []),
    ("河北", "河北省", "hebei", []),
    ("山西", "山西省", "shanxi", []),
    ("内蒙古", "内蒙古自治区", "neimenggu", ["innermongolia"]),
    ("辽宁", "辽宁省", "liaoning", []),
    ("吉林", "吉林省", "jilin", []),
    ("黑龙江", "黑龙江省", "heilongjiang", []),
    ("上海", "上海市", "shanghai", []),
    ("江苏", "江苏省", "jiangsu", []),
    ("浙江", "浙江省", "zhejiang", []),
    ("安徽", "安徽省", "anhui", []),
    ("福建", "福建省", "fujian", []),
    ("江西", "江西省", "jiangxi", []),
    ("山东", "山东省", "shandong", []),
    ("河南", "河南省", "henan", []),
    ("湖北", "湖北省", "hubei", []),
    ("湖南", "湖南省", "hunan", []),
    ("广东", "广东省", "guangdong", []),
    ("广西", "广西壮族自治区", "guangxi", []),
    ("海南", "海南省", "hainan", []),
    ("重庆", "重庆市", "chongqing", []),
    ("四川", "四川省", "sichuan", []),
    ("贵州", "贵州省", "guizhou", []),
    ("云南", "云南省", "yunnan", []),
    ("西藏", "西藏自治区", "xizang", ["tibet"]),
    ("陕西", "陕西省", "shaanxi", []),
    ("甘肃", "甘肃省", "gansu", []),
    ("青海", "青海省", "qinghai", []),
    ("宁夏", "宁夏回族自治区", "ningxia", []),
    ("新疆", "新疆维吾尔自治区", "xinjiang", []),
    ("台湾", "台湾省", "taiwan", []),
    ("香港", "香港特别行政区", "xianggang", ["hongkong"]),
    ("澳门", "澳门特别行政区", "aomen", ["macau", "macao"]),
);

impl Province {
    pub fn all() -> impl Iterator<Item = Province> {
        (0..PROVINCES.len() as u8).map(Province)
    }

    pub fn info(self) -> &'static ProvinceInfo {
        &PROVINCES[usize::from(self.0)]
    }

    pub fn short(self) -> &'static str {
        self.info().short
    }

    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    pub fn from_index(index: usize) -> Option<Province> {
        (index < PROVINCES.len()).then_some(Province(index as u8))
    }

    /// Accepts the short or official Chinese name, `X省`/`X市` forms, pinyin
    /// or English, case- and space-insensitively (`Inner Mongolia`).
    pub fn parse(text: &str) -> Option<Province> {
        let text = text.trim();
        let latin: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\'')
            .flat_map(char::to_lowercase)
            .collect();
        let latin = latin
            .strip_suffix("province")
            .or_else(|| latin.strip_suffix("sheng"))
            .unwrap_or(&latin);
        Province::all().find(|p| {
            let info = p.info();
            info.short == text
                || info.official == text
                || text.strip_suffix('省') == Some(info.short)
                || text.strip_suffix('市') == Some(info.short)
                || info.pinyin == latin
                || info.english.contains(&latin)
        })
    }
}

impl fmt::Display for Province {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.short())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_34_divisions() {
        assert_eq!(PROVINCES.len(), 34);
    }

    #[test]
    fn parses_every_accepted_form() {
        let gd = Province::parse("广东").unwrap();
        assert_eq!(Province::parse("广东省"), Some(gd));
        assert_eq!(Province::parse("Guangdong"), Some(gd));
        assert_eq!(Province::parse("GUANGDONG Province"), Some(gd));
        let gx = Province::parse("广西壮族自治区").unwrap();
        assert_eq!(gx.short(), "广西");
        assert_eq!(Province::parse("Inner Mongolia").unwrap().short(), "内蒙古");
        assert_eq!(Province::parse("Shaanxi").unwrap().short(), "陕西");
        assert_eq!(Province::parse("Shanxi").unwrap().short(), "山西");
        assert_eq!(Province::parse("Hong Kong").unwrap().short(), "香港");
        assert_eq!(Province::parse("上海市").unwrap().short(), "上海");
        assert_eq!(Province::parse("Atlantis"), None);
    }
}
