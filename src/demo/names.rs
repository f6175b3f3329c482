//! Names for the demo book: Chinese personal names with surnames weighted
//! like the population (including the polyphonic surnames search must read
//! right, at their low real frequencies), company names built the way
//! Chinese companies are registered (place + trade name + industry +
//! organisational form), a few Latin names, and staff logins.

use super::rng::{Rng, Weighted};
use crate::model::{CustomerKind, Industry};

/// Surnames with their share of the population, per mille (approximate).
#[rustfmt::skip]
const SURNAMES: &[(&str, f64)] = &[
    ("王", 71.0), ("李", 70.0), ("张", 66.0), ("刘", 54.0), ("陈", 46.0),
    ("杨", 31.0), ("黄", 21.0), ("赵", 20.0), ("吴", 18.0), ("周", 17.0),
    ("徐", 13.0), ("孙", 13.0), ("马", 12.0), ("朱", 12.0), ("胡", 11.0),
    ("郭", 11.0), ("何", 11.0), ("林", 10.0), ("高", 10.0), ("罗", 10.0),
    ("郑", 9.0), ("梁", 9.0), ("谢", 8.0), ("宋", 7.0), ("唐", 7.0),
    ("许", 6.0), ("韩", 6.0), ("冯", 6.0), ("邓", 6.0), ("曹", 6.0),
    ("彭", 5.0), ("曾", 5.0), ("肖", 5.0), ("田", 5.0), ("董", 4.0),
    ("袁", 4.0), ("潘", 4.0), ("于", 4.0), ("蒋", 4.0), ("蔡", 4.0),
    ("余", 4.0), ("杜", 4.0), ("叶", 4.0), ("程", 4.0), ("苏", 3.5),
    ("魏", 3.5), ("吕", 3.5), ("丁", 3.5), ("任", 3.3), ("沈", 3.2),
    ("姚", 3.0), ("卢", 3.0), ("姜", 3.0), ("崔", 3.0), ("钟", 2.8),
    ("谭", 2.8), ("陆", 2.7), ("汪", 2.6), ("范", 2.6), ("金", 2.5),
    ("石", 2.5), ("廖", 2.5), ("贾", 2.4), ("夏", 2.4), ("韦", 2.4),
    ("付", 2.3), ("方", 2.3), ("白", 2.2), ("邹", 2.2), ("孟", 2.2),
    ("熊", 2.1), ("秦", 2.1), ("邱", 2.1), ("江", 2.1), ("尹", 2.0),
    ("薛", 2.0), ("闫", 2.0), ("段", 2.0), ("雷", 1.9), ("侯", 1.9),
    ("龙", 1.8), ("史", 1.8), ("陶", 1.7), ("黎", 1.7), ("贺", 1.7),
    ("顾", 1.6), ("毛", 1.6), ("郝", 1.6), ("龚", 1.6), ("邵", 1.5),
    ("万", 1.5), ("钱", 1.5), ("严", 1.4), ("覃", 1.4), ("武", 1.4),
    ("戴", 1.4), ("莫", 1.3), ("孔", 1.3), ("向", 1.3), ("汤", 1.3),
    // Polyphonic surnames (Shan, Xie, Yue, Ou, Qiu, Piao, Zha, Miao, Ge).
    ("单", 0.5), ("解", 0.3), ("乐", 0.2), ("区", 0.2), ("仇", 0.2),
    ("朴", 0.3), ("查", 0.2), ("缪", 0.2), ("盖", 0.1),
    // Compound surnames.
    ("欧阳", 0.5), ("司马", 0.1), ("上官", 0.1), ("诸葛", 0.05),
];

#[rustfmt::skip]
const MALE_CHARS: &[&str] = &[
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平",
    "辉", "鹏", "华", "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆",
    "旭", "宁", "龙", "林", "阳", "建", "国", "志", "文", "海", "东", "峰",
    "亮", "成", "洋", "博", "晨", "轩", "子", "睿", "泽", "航", "一", "铭",
    "皓", "然", "嘉", "毅", "豪", "振", "德", "荣", "兴", "永", "家", "天",
];

#[rustfmt::skip]
const FEMALE_CHARS: &[&str] = &[
    "芳", "娜", "敏", "静", "丽", "艳", "秀", "英", "娟", "霞", "燕", "玲",
    "桂", "兰", "萍", "红", "琳", "雪", "婷", "倩", "颖", "洁", "佳", "欣",
    "怡", "梦", "雨", "思", "涵", "琪", "月", "晶", "瑶", "悦", "诗", "萱",
    "妍", "可", "慧", "秋", "春", "晓", "美", "丹", "莉", "薇", "宁", "文",
];

/// Trade-name characters: two of them make a company's name.
#[rustfmt::skip]
const TRADE_CHARS: &[&str] = &[
    "华", "信", "宏", "达", "鑫", "源", "恒", "通", "永", "安", "金", "泰",
    "天", "成", "博", "远", "中", "科", "瑞", "丰", "新", "亚", "东", "方",
    "伟", "业", "兴", "隆", "盛", "世", "嘉", "禾", "力", "海", "川", "万",
    "顺", "德", "利", "汇", "聚", "龙", "腾", "创", "联", "誉", "昌", "明",
];

/// What a company of each GB/T 4754 section calls its trade.
fn trade_words(industry: Industry) -> &'static [&'static str] {
    match industry.letter() {
        'A' => &["农业发展", "生态农业", "畜牧", "水产养殖"],
        'B' => &["矿业", "煤业", "石材开采"],
        'C' => &[
            "机械制造",
            "电子科技",
            "化工",
            "纺织",
            "食品",
            "塑胶制品",
            "汽车零部件",
            "精密仪器",
            "新材料",
            "家具制造",
        ],
        'D' => &["电力", "燃气", "热力", "水务"],
        'E' => &["建筑工程", "建设", "路桥工程", "装饰工程", "市政工程"],
        'F' => &["商贸", "贸易", "超市", "百货", "医药连锁", "进出口"],
        'G' => &["物流", "运输", "货运", "冷链物流", "客运"],
        'H' => &["餐饮管理", "酒店管理", "食品连锁"],
        'I' => &["信息技术", "网络科技", "软件", "数据科技"],
        'J' => &["投资", "融资租赁", "担保"],
        'K' => &["房地产开发", "置业", "物业管理"],
        'L' => &["商务咨询", "人力资源", "广告", "企业管理"],
        'M' => &["科技", "检测技术", "设计研究院", "生物科技"],
        'N' => &["环保科技", "水利工程", "园林绿化"],
        'O' => &["家政服务", "汽车维修", "洗涤服务"],
        'P' => &["教育科技", "培训学校"],
        'Q' => &["医疗管理", "健康管理", "养老服务"],
        'R' => &["文化传媒", "体育发展", "影视"],
        'S' => &["社会服务中心", "协会服务"],
        _ => &["国际合作中心"],
    }
}

#[rustfmt::skip]
const LATIN_COMPANY_STEMS: &[&str] = &[
    "Sino Pacific", "Everbright", "Oriental Star", "Golden Bridge", "Pearl River",
    "Harbour View", "Jade Mountain", "Silk Road", "Blue Ocean", "Great Wall",
];

#[rustfmt::skip]
const LATIN_COMPANY_TRADES: &[&str] = &[
    "Logistics", "Trading", "Electronics", "Engineering", "Foods", "Technology",
];

#[rustfmt::skip]
const LATIN_GIVEN: &[&str] = &[
    "David", "Michael", "Kevin", "Jason", "Eric", "Tony", "Peter", "Vincent",
    "Grace", "Linda", "Emily", "Cathy", "Helen", "Jenny", "Vivian", "Sophie",
];

#[rustfmt::skip]
const LATIN_SURNAMES: &[&str] = &[
    "Wang", "Li", "Zhang", "Chen", "Wong", "Lee", "Cheung", "Lau", "Ng", "Smith", "Kim",
];

/// Logins of the account managers: `surname.given` in pinyin.
#[rustfmt::skip]
pub const MANAGERS: &[&str] = &[
    "li.wei", "wang.fang", "zhang.min", "liu.yang", "chen.jing", "yang.lei",
    "huang.li", "zhao.jun", "wu.tao", "zhou.yan", "xu.hui", "sun.peng",
    "ma.lin", "zhu.hong", "hu.bin", "guo.qiang", "he.ping", "lin.na",
    "gao.feng", "luo.xin", "zheng.kai", "liang.yu", "xie.ting", "song.jie",
    "tang.hao", "han.xue", "feng.bo", "deng.lan", "cao.yu", "zeng.li",
    "peng.fei", "xiao.mei", "tian.yu", "dong.ming", "yuan.jie", "pan.jing",
];

pub struct Names {
    surnames: Weighted<&'static str>,
}

/// A generated person's name.
pub struct PersonName {
    pub name: String,
    /// A Latin name (a foreign national: no resident id).
    pub latin: bool,
}

impl Names {
    pub fn new() -> Names {
        Names {
            surnames: Weighted::new(SURNAMES.iter().copied()),
        }
    }

    pub fn person(&self, rng: &mut Rng, male: bool) -> PersonName {
        if rng.chance(0.003) {
            // The first half of the Latin given names are men's.
            let half = LATIN_GIVEN.len() / 2;
            let given = if male {
                rng.pick(&LATIN_GIVEN[..half])
            } else {
                rng.pick(&LATIN_GIVEN[half..])
            };
            let name = format!("{given} {}", rng.pick(LATIN_SURNAMES));
            return PersonName { name, latin: true };
        }
        let pool = if male { MALE_CHARS } else { FEMALE_CHARS };
        let mut name = self.surnames.sample(rng).to_string();
        name.push_str(rng.pick::<&str>(pool));
        if rng.chance(0.7) {
            name.push_str(rng.pick::<&str>(pool));
        }
        PersonName { name, latin: false }
    }

    /// `深圳市鑫源电子科技有限公司`, `江苏恒通物流集团股份有限公司`, ...
    pub fn company(
        &self,
        rng: &mut Rng,
        kind: CustomerKind,
        industry: Industry,
        city: &str,
        province: &str,
    ) -> String {
        if rng.chance(0.01) {
            let suffix = if kind == CustomerKind::Large {
                "Group Co., Ltd."
            } else {
                "Co., Ltd."
            };
            return format!(
                "{} {} {suffix}",
                rng.pick(LATIN_COMPANY_STEMS),
                rng.pick(LATIN_COMPANY_TRADES)
            );
        }
        let place = match (kind, rng.below(3)) {
            (CustomerKind::Large, 0) => String::new(), // a national brand
            (CustomerKind::Large, _) | (_, 0) => province.to_string(),
            _ => format!("{city}市"),
        };
        let suffix = match kind {
            CustomerKind::Large => *rng.pick(&["股份有限公司", "集团有限公司", "集团股份有限公司"]),
            _ if rng.chance(0.15) => "有限责任公司",
            _ => "有限公司",
        };
        format!(
            "{place}{}{}{}{suffix}",
            rng.pick(TRADE_CHARS),
            rng.pick(TRADE_CHARS),
            rng.pick(trade_words(industry))
        )
    }
}

impl Default for Names {
    fn default() -> Self {
        Names::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_surnames_dominate_and_rare_ones_appear() {
        let names = Names::new();
        let mut rng = Rng::new(11);
        let people: Vec<String> = (0..100_000)
            .map(|i| names.person(&mut rng, i % 2 == 0).name)
            .collect();
        let with = |s: &str| people.iter().filter(|n| n.starts_with(s)).count();
        assert!(with("王") > 5_000 && with("王") < 9_000, "{}", with("王"));
        assert!(with("单") > 0 && with("单") < 200);
        assert!(with("欧阳") > 0);
        assert!(people.iter().any(|n| n.is_ascii()));
        assert!(people.iter().all(|n| (2..=20).contains(&n.chars().count())));
    }

    #[test]
    fn companies_carry_an_organisational_form() {
        let names = Names::new();
        let mut rng = Rng::new(12);
        let industry = Industry::parse("C").unwrap();
        for _ in 0..1_000 {
            let name = names.company(&mut rng, CustomerKind::Large, industry, "深圳", "广东");
            assert!(name.ends_with("公司") || name.ends_with("Ltd."), "{name}");
        }
        let sme = names.company(&mut rng, CustomerKind::Sme, industry, "深圳", "广东");
        assert!(sme.contains("公司") || sme.ends_with("Ltd."));
    }

    #[test]
    fn manager_logins_are_unique() {
        let mut sorted = MANAGERS.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), MANAGERS.len());
    }
}
