//! A synthetic book for the search benchmark, written through the store's
//! batch API: Chinese personal names drawn from real surname frequencies
//! (with the polyphonic and compound surnames search must get right),
//! Chinese and Latin company names, valid resident ids and credit codes,
//! mobile and landline phones, one to three policies, a few interactions,
//! open tasks and stored classifications. Deterministic per seed.
//!
//! The demo generator (`pcrm demo`) is the realistic book; this one exists so
//! that the search benchmark runs on its own.

use crate::model::ids::{resident_id_check_char, uscc_check_char, USCC_ALPHABET};
use crate::model::{
    Behavior, BehaviorLabel, Channel, Classification, Customer, CustomerDoc, CustomerKind, Fen,
    Industry, Interaction, InteractionKind, Line, Policy, Priority, Province, ScoredTier, Task,
    TaskStatus, Tier,
};
use crate::store::{codec, Book, Result, TreeId};
use chrono::NaiveDate;

/// Surnames with rough weights (per mille of the population), the common
/// ones first, then those with a special surname reading.
const SURNAMES: &[(&str, u32)] = &[
    ("王", 72),
    ("李", 72),
    ("张", 68),
    ("刘", 55),
    ("陈", 45),
    ("杨", 31),
    ("黄", 23),
    ("赵", 22),
    ("吴", 20),
    ("周", 19),
    ("徐", 15),
    ("孙", 15),
    ("马", 14),
    ("朱", 13),
    ("胡", 13),
    ("郭", 12),
    ("何", 11),
    ("林", 10),
    ("高", 10),
    ("罗", 10),
    ("郑", 9),
    ("梁", 9),
    ("谢", 8),
    ("宋", 7),
    ("唐", 7),
    ("许", 6),
    ("韩", 6),
    ("冯", 6),
    ("邓", 6),
    ("曹", 6),
    ("彭", 5),
    ("曾", 5),
    ("肖", 5),
    ("田", 5),
    ("董", 5),
    ("潘", 4),
    ("袁", 4),
    ("蔡", 4),
    ("蒋", 4),
    ("余", 4),
    ("于", 4),
    ("杜", 4),
    ("叶", 4),
    ("程", 4),
    ("魏", 3),
    ("苏", 3),
    ("吕", 3),
    ("丁", 3),
    ("任", 3),
    ("卢", 3),
    ("姚", 3),
    ("沈", 3),
    ("钟", 3),
    ("姜", 3),
    ("崔", 3),
    ("谭", 3),
    ("陆", 3),
    ("范", 2),
    ("汪", 2),
    ("廖", 2),
    ("石", 2),
    ("金", 2),
    ("韦", 2),
    ("贾", 2),
    ("夏", 2),
    ("付", 2),
    ("方", 2),
    ("邹", 2),
    ("熊", 2),
    ("白", 2),
    ("孟", 2),
    ("秦", 2),
    ("邱", 2),
    ("侯", 2),
    ("江", 2),
    ("尹", 2),
    ("薛", 2),
    ("单", 1),
    ("解", 1),
    ("乐", 1),
    ("区", 1),
    ("仇", 1),
    ("朴", 1),
    ("查", 1),
    ("盖", 1),
    ("缪", 1),
    ("覃", 1),
    ("翟", 1),
    ("欧阳", 1),
    ("上官", 1),
    ("尉迟", 1),
    ("万俟", 1),
];

const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬\
鹏辉建国建华志强海燕晓东晓明文博子轩浩然欣怡梓涵宇航思远嘉怡俊杰雨萱一鸣天佑佳琪诗涵\
长乐重阳行健朝晖乐天";

const CITIES: &[&str] = &[
    "深圳市",
    "广州市",
    "上海",
    "北京",
    "杭州市",
    "成都市",
    "武汉市",
    "南京市",
    "重庆市",
    "苏州市",
    "天津",
    "西安市",
    "长沙市",
    "郑州市",
    "东莞市",
    "青岛市",
    "厦门市",
    "合肥市",
    "佛山市",
    "宁波市",
];
const BRANDS: &str = "华联腾达恒信安泰鑫源永盛宏发金鼎中航新锐天成博远汇通利民长江东方银河瑞丰";
const TRADES: &[&str] = &[
    "电子科技",
    "物流",
    "建筑工程",
    "食品",
    "纺织",
    "化工",
    "机械制造",
    "贸易",
    "医药",
    "家具",
    "餐饮管理",
    "汽车服务",
    "新材料",
    "印刷",
    "仓储",
];
const FORMS: &[&str] = &["有限公司", "股份有限公司", "有限责任公司"];
const LATIN: &[&str] = &[
    "Lenovo", "Huawei", "Haier", "Midea", "Gree", "Anta", "Oppo", "Vivo", "Tencent", "Baidu",
];
const REGIONS: &[&str] = &[
    "110105", "310101", "440305", "440106", "330106", "510104", "420102", "320102", "500103",
    "610113",
];

/// SplitMix64: small, fast and good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
}

fn weighted_surname(rng: &mut Rng) -> &'static str {
    let total: u32 = SURNAMES.iter().map(|(_, w)| w).sum();
    let mut x = rng.below(u64::from(total)) as u32;
    for (s, w) in SURNAMES {
        if x < *w {
            return s;
        }
        x -= w;
    }
    SURNAMES[0].0
}

pub fn person_name(rng: &mut Rng) -> String {
    let given: Vec<char> = GIVEN.chars().collect();
    let mut name = weighted_surname(rng).to_string();
    for _ in 0..1 + rng.below(2) {
        name.push(*rng.pick(&given));
    }
    name
}

fn company_name(rng: &mut Rng) -> String {
    if rng.chance(50) {
        let latin = rng.pick(LATIN);
        return format!(
            "{latin} {} Co., Ltd.",
            rng.pick(&["Trading", "Technology", "Logistics"])
        );
    }
    let brands: Vec<char> = BRANDS.chars().collect();
    format!(
        "{}{}{}{}{}",
        rng.pick(CITIES),
        rng.pick(&brands),
        rng.pick(&brands),
        rng.pick(TRADES),
        rng.pick(FORMS)
    )
}

fn resident_id(rng: &mut Rng) -> String {
    let birth = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default()
        + chrono::Duration::days(rng.below(20_000) as i64);
    let first17 = format!(
        "{}{}{:03}",
        rng.pick(REGIONS),
        birth.format("%Y%m%d"),
        rng.below(1000)
    );
    let check = resident_id_check_char(first17.as_bytes());
    format!("{first17}{check}")
}

fn credit_code(rng: &mut Rng) -> String {
    let mut first17 = format!("91{}", rng.pick(REGIONS));
    for _ in 0..9 {
        first17.push(char::from(*rng.pick(USCC_ALPHABET)));
    }
    // Every character is from the alphabet, so the check char exists.
    let check = uscc_check_char(first17.as_bytes()).unwrap_or('0');
    format!("{first17}{check}")
}

fn phone(rng: &mut Rng) -> String {
    if rng.chance(100) {
        format!(
            "0{}-{:08}",
            rng.pick(&["10", "20", "21", "755", "571"]),
            rng.below(100_000_000)
        )
    } else {
        let second = *rng.pick(&[3u64, 5, 7, 8, 9]);
        format!("1{second}{:09}", rng.below(1_000_000_000))
    }
}

fn date(rng: &mut Rng, from_year: i32, span_days: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(from_year, 1, 1).unwrap_or_default()
        + chrono::Duration::days(rng.below(span_days) as i64)
}

/// Customer number `n` with its holdings.
pub fn customer_doc(rng: &mut Rng, n: usize) -> CustomerDoc {
    let roll = rng.below(100);
    let kind = match roll {
        0..=79 => CustomerKind::Individual,
        80..=97 => CustomerKind::Sme,
        _ => CustomerKind::Large,
    };
    let person = kind == CustomerKind::Individual;
    let id = format!("C{n:07}");
    let customer = Customer {
        id: id.clone(),
        name: if person {
            person_name(rng)
        } else {
            company_name(rng)
        },
        kind,
        id_number: Some(if person {
            resident_id(rng)
        } else {
            credit_code(rng)
        }),
        phone: rng.chance(950).then(|| phone(rng)),
        email: None,
        province: *rng.pick(&Province::all().collect::<Vec<_>>()),
        city: None,
        industry: if person {
            None
        } else {
            Some(*rng.pick(&Industry::all().collect::<Vec<_>>()))
        },
        since: Some(date(rng, 2010, 5000)),
        account_manager: Some(format!("rep{:02}", rng.below(40))),
        tags: Vec::new(),
        bad_uscc: false,
    };
    let mut doc = CustomerDoc::new(customer);
    for k in 0..1 + rng.below(3) as usize {
        let start = date(rng, 2023, 900);
        doc.policies.push(Policy {
            id: format!("P{n:07}{k}"),
            customer_id: id.clone(),
            line: *rng.pick(&[
                Line::Motor,
                Line::Motor,
                Line::Homeowners,
                Line::Accident,
                Line::Property,
            ]),
            premium: Fen::from_yuan(300 + rng.below(20_000) as i64),
            sum_insured: Some(Fen::from_yuan(100_000 + rng.below(5_000_000) as i64)),
            start_date: start,
            end_date: start + chrono::Duration::days(365),
            cancelled_on: None,
            location_id: None,
        });
    }
    for k in 0..rng.below(4) as usize {
        doc.interactions.push(Interaction {
            id: format!("I{n:07}{k}"),
            customer_id: id.clone(),
            at: date(rng, 2024, 700)
                .and_hms_opt(10, 30, 0)
                .unwrap_or_default(),
            channel: *rng.pick(&[Channel::Phone, Channel::Wechat, Channel::App]),
            kind: *rng.pick(&[
                InteractionKind::Inquiry,
                InteractionKind::Service,
                InteractionKind::Renewal,
            ]),
            satisfaction: None,
            note: rng.chance(300).then(|| "客户来电咨询续保事宜".to_string()),
        });
    }
    doc
}

fn classification(rng: &mut Rng) -> Classification {
    let tier = *rng.pick(&[Tier::High, Tier::Medium, Tier::Medium, Tier::Low, Tier::Low]);
    let scored = ScoredTier {
        tier,
        score: 50.0,
        factors: [10.0; 4],
    };
    Classification {
        as_of: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default(),
        value: scored,
        risk: scored,
        behavior: Behavior {
            segment: BehaviorLabel::Active,
            recency_days: Some(30),
            touches_365: 3,
        },
        rules_hash: 0,
    }
}

/// Writes `customers` synthetic customers (ids `C0000000`...) with their
/// policies, interactions, an open task for about 5% and a stored
/// classification for each, in one batch.
pub fn write_book(book: &Book, customers: usize, seed: u64) -> Result<()> {
    let mut rng = Rng::new(seed);
    let mut batch = book.begin("synthetic", false)?;
    for n in 0..customers {
        let doc = customer_doc(&mut rng, n);
        for p in &doc.policies {
            batch.set_owner::<Policy>(&p.id, Some(&doc.customer.id))?;
        }
        for i in &doc.interactions {
            batch.set_owner::<Interaction>(&i.id, Some(&doc.customer.id))?;
        }
        batch.put(&doc)?;
        batch.write(
            TreeId::Classification,
            doc.customer.id.clone().into_bytes(),
            Some(codec::encode(&classification(&mut rng))),
        )?;
        if rng.chance(50) {
            batch.put(&Task {
                id: format!("T{n:07}"),
                customer_id: doc.customer.id.clone(),
                title: "续保回访".to_string(),
                due: date(&mut rng, 2026, 200),
                assignee: doc.customer.account_manager.clone(),
                status: TaskStatus::Open,
                priority: Priority::Normal,
                tags: Vec::new(),
                playbook: None,
                policy_id: None,
                dedupe_key: None,
            })?;
        }
    }
    batch.commit(&format!("synthetic book of {customers} customers"))?;
    Ok(())
}
