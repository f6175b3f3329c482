//! Writes a valid, deterministic CSV set of `n` customers with locations,
//! policies, claims, interactions and tasks (about 6 rows a customer), for
//! round-trip, crash, lock and volume tests.

use pcrm::model::ids::{resident_id_check_char, uscc_check_char, USCC_ALPHABET};
use std::fs::File;
use std::io::{self, BufWriter};
use std::path::Path;

const SURNAMES: &[&str] = &[
    "张", "王", "李", "赵", "陈", "刘", "单", "曾", "解", "乐", "区", "仇", "朴",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰",
];
const PROVINCES: &[&str] = &[
    "广东",
    "浙江省",
    "Jiangsu",
    "北京市",
    "四川",
    "广西壮族自治区",
    "Shandong",
    "上海",
];
const LINES: &[&str] = &[
    "property",
    "liability",
    "cargo",
    "homeowners",
    "accident",
    "other",
    "engineering",
];
const CAUSES: &[&str] = &[
    "fire",
    "flood",
    "typhoon",
    "theft",
    "collision",
    "water_damage",
    "other",
];
const CHANNELS: &[&str] = &[
    "phone", "wechat", "app", "web", "email", "sms", "visit", "agent",
];
const KINDS: &[&str] = &[
    "inquiry",
    "quote",
    "service",
    "survey",
    "complaint",
    "visit",
    "renewal",
];

/// A small deterministic generator (xorshift), so the set is the same on
/// every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn resident_id(rng: &mut Rng) -> String {
    let first17 = format!(
        "440305{:04}{:02}{:02}{:03}",
        1950 + rng.below(55),
        1 + rng.below(12),
        1 + rng.below(28),
        rng.below(1000)
    );
    let check = resident_id_check_char(first17.as_bytes());
    format!("{first17}{check}")
}

fn credit_code(n: usize) -> String {
    let mut first17 = format!("91440300{:08}", n % 100_000_000);
    first17.push(char::from(USCC_ALPHABET[n % USCC_ALPHABET.len()]));
    let check = uscc_check_char(first17.as_bytes()).expect("the alphabet is valid");
    format!("{first17}{check}")
}

fn writer(dir: &Path, name: &str, header: &[&str]) -> io::Result<csv::Writer<BufWriter<File>>> {
    let file = BufWriter::with_capacity(1 << 20, File::create(dir.join(name))?);
    let mut w = csv::Writer::from_writer(file);
    w.write_record(header)?;
    Ok(w)
}

fn date(day: usize) -> String {
    let d = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + chrono::Days::new(day as u64);
    d.to_string()
}

/// Writes customers.csv ... tasks.csv into `dir`; returns the rows written.
pub fn write_csv_set(dir: &Path, n: usize) -> io::Result<u64> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut rows = 0u64;
    let mut customers = writer(
        dir,
        "customers.csv",
        &[
            "customer_id",
            "name",
            "kind",
            "id_number",
            "phone",
            "province",
            "industry",
            "tags",
        ],
    )?;
    let mut locations = writer(
        dir,
        "locations.csv",
        &[
            "location_id",
            "customer_id",
            "province",
            "construction",
            "occupancy",
            "year_built",
            "sprinklered",
            "sum_insured",
        ],
    )?;
    let mut policies = writer(
        dir,
        "policies.csv",
        &[
            "policy_id",
            "customer_id",
            "line",
            "premium",
            "sum_insured",
            "start_date",
            "end_date",
            "cancelled_on",
            "location_id",
        ],
    )?;
    let mut claims = writer(
        dir,
        "claims.csv",
        &[
            "claim_id",
            "policy_id",
            "loss_date",
            "reported_date",
            "cause",
            "paid",
            "reserve",
            "status",
        ],
    )?;
    let mut interactions = writer(
        dir,
        "interactions.csv",
        &[
            "interaction_id",
            "customer_id",
            "at",
            "channel",
            "kind",
            "satisfaction",
            "note",
        ],
    )?;
    let mut tasks = writer(
        dir,
        "tasks.csv",
        &[
            "task_id",
            "customer_id",
            "title",
            "due",
            "assignee",
            "status",
            "priority",
            "tags",
        ],
    )?;
    let (mut policy_n, mut claim_n, mut interaction_n) = (0, 0, 0);
    for i in 0..n {
        let id = format!("C{i:07}");
        let kind = match i % 50 {
            0 => "large",
            k if k % 5 == 0 => "sme",
            _ => "individual",
        };
        let enterprise = kind != "individual";
        let name = match enterprise {
            true => format!("{}氏{}有限公司{i}", rng.pick(SURNAMES), rng.pick(GIVEN)),
            false => format!(
                "{}{}{}",
                rng.pick(SURNAMES),
                rng.pick(GIVEN),
                rng.pick(GIVEN)
            ),
        };
        let id_number = if enterprise {
            credit_code(i)
        } else {
            resident_id(&mut rng)
        };
        let phone = format!("13{}{:08}", 3 + rng.below(7), rng.below(100_000_000));
        let province = rng.pick(PROVINCES);
        let industry = if enterprise {
            ["C", "F", "G", "H", "E"][i % 5]
        } else {
            ""
        };
        let tags = ["", "", "", "vip", "vip;高价值"][rng.below(5)];
        customers.write_record([
            id.as_str(),
            &name,
            kind,
            &id_number,
            &phone,
            province,
            industry,
            tags,
        ])?;
        rows += 1;

        let location = if enterprise || i % 10 == 1 {
            let loc = format!("L{i:07}");
            let construction =
                ["fire_resistive", "non_combustible", "masonry", "frame"][rng.below(4)];
            let occupancy = if enterprise {
                [
                    "office",
                    "retail",
                    "warehouse",
                    "manufacturing",
                    "hazardous",
                ][rng.below(5)]
            } else {
                "residential"
            };
            let year = (1960 + rng.below(65)).to_string();
            let sprinklered = ["yes", "no", ""][rng.below(3)];
            let sum = format!("{}.00", 100_000 * (1 + rng.below(500)));
            locations.write_record([
                loc.as_str(),
                &id,
                province,
                construction,
                occupancy,
                &year,
                sprinklered,
                &sum,
            ])?;
            rows += 1;
            Some(loc)
        } else {
            None
        };

        let count = if enterprise { 3 } else { 2 };
        for k in 0..count {
            let pid = format!("P{policy_n:08}");
            policy_n += 1;
            let line = if k == 0 && !enterprise {
                "motor"
            } else {
                rng.pick(LINES)
            };
            let premium = format!("{}.{:02}", 300 + rng.below(20_000), rng.below(100));
            let start = rng.below(1400);
            let cancelled = if rng.below(20) == 0 {
                date(start + 100)
            } else {
                String::new()
            };
            let loc = if line == "property" || line == "homeowners" {
                location.clone().unwrap_or_default()
            } else {
                String::new()
            };
            let sum = if loc.is_empty() {
                String::new()
            } else {
                "1000000".to_string()
            };
            policies.write_record([
                pid.as_str(),
                &id,
                line,
                &premium,
                &sum,
                &date(start),
                &date(start + 365),
                &cancelled,
                &loc,
            ])?;
            rows += 1;
            if rng.below(7) == 0 {
                let kid = format!("K{claim_n:08}");
                claim_n += 1;
                let loss = start + rng.below(300);
                let status = ["open", "closed", "denied"][rng.below(3)];
                let paid = format!("{}.00", rng.below(50_000));
                claims.write_record([
                    kid.as_str(),
                    &pid,
                    &date(loss),
                    &date(loss + rng.below(20)),
                    rng.pick(CAUSES),
                    &paid,
                    "0",
                    status,
                ])?;
                rows += 1;
            }
        }

        for _ in 0..2 {
            let iid = format!("I{interaction_n:08}");
            interaction_n += 1;
            let kind = rng.pick(KINDS);
            let satisfaction = if kind == "survey" {
                (1 + rng.below(5)).to_string()
            } else {
                String::new()
            };
            let note = match rng.below(6) {
                0 => "客户来电，询问\"续保\"价格, 已报价".to_string(),
                1 => "第一行\n第二行".to_string(),
                _ => String::new(),
            };
            let at = format!(
                "{}T{:02}:{:02}:00",
                date(rng.below(1460)),
                8 + rng.below(10),
                rng.below(60)
            );
            interactions.write_record([
                iid.as_str(),
                &id,
                &at,
                rng.pick(CHANNELS),
                kind,
                &satisfaction,
                &note,
            ])?;
            rows += 1;
        }

        if i % 10 == 3 {
            let tid = format!("T{i:07}");
            let status = ["open", "done", "cancelled"][rng.below(3)];
            tasks.write_record([
                tid.as_str(),
                &id,
                "回访客户",
                &date(1400 + rng.below(100)),
                "li.wei",
                status,
                "normal",
                "follow-up",
            ])?;
            rows += 1;
        }
    }
    for mut w in [customers, locations, policies, claims, interactions, tasks] {
        w.flush()?;
    }
    Ok(rows)
}
