//! The demo book looks like a mainland P&C book: the shape targets of the
//! brief hold on 20,000 customers, and every enumeration value of
//! data-formats.md occurs, so that every code path and label has data.

use chrono::NaiveDate;
use pcrm::demo::{Generator, Summary};
use pcrm::model::*;
use std::collections::HashSet;
use std::sync::OnceLock;

const CUSTOMERS: u64 = 20_000;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

struct Seen {
    summary: Summary,
    codes: HashSet<String>,
    names: Vec<String>,
    provinces: HashSet<Province>,
    industries: HashSet<Industry>,
}

/// The customers, generated once for all tests of this file.
fn generate() -> &'static Seen {
    static SEEN: OnceLock<Seen> = OnceLock::new();
    SEEN.get_or_init(generate_once)
}

/// Generates the customers (no store involved: the shape is the
/// generator's) and notes every enum value that occurs.
fn generate_once() -> Seen {
    let generator = Generator::new(1, as_of(), CUSTOMERS);
    let mut seen = Seen {
        summary: Summary::new(as_of()),
        codes: HashSet::new(),
        names: Vec::new(),
        provinces: HashSet::new(),
        industries: HashSet::new(),
    };
    let mut note = |table: &str, code: &str| {
        seen.codes.insert(format!("{table}:{code}"));
    };
    for n in 1..=CUSTOMERS {
        let g = generator.customer(n);
        seen.summary.add(&g.doc, &g.tasks);
        let c = &g.doc.customer;
        note("kind", c.kind.code());
        seen.names.push(c.name.clone());
        seen.provinces.insert(c.province);
        seen.industries.extend(c.industry);
        for l in &g.doc.locations {
            note("construction", l.construction.code());
            note("occupancy", l.occupancy.code());
            note("sprinklered", &format!("{:?}", l.sprinklered));
        }
        for p in &g.doc.policies {
            note("line", p.line.code());
        }
        for claim in &g.doc.claims {
            note("cause", claim.cause.code());
            note("status", claim.status.code());
        }
        for i in &g.doc.interactions {
            note("channel", i.channel.code());
            note("interaction", i.kind.code());
            if let Some(s) = i.satisfaction {
                note("satisfaction", &s.to_string());
            }
        }
        for t in &g.tasks {
            note("task", t.status.code());
            note("priority", t.priority.code());
        }
        for tag in &c.tags {
            note("tag", tag);
        }
    }
    seen
}

fn within(what: &str, value: f64, lo: f64, hi: f64) {
    assert!(
        (lo..=hi).contains(&value),
        "{what} = {value:.3}, expected {lo}..{hi}"
    );
}

#[test]
fn the_book_has_the_shape_of_a_pc_book() {
    let seen = generate();
    let s = &seen.summary;
    within(
        "individuals",
        s.kind_share(CustomerKind::Individual),
        0.78,
        0.82,
    );
    within("SMEs", s.kind_share(CustomerKind::Sme), 0.165, 0.195);
    within("large", s.kind_share(CustomerKind::Large), 0.014, 0.026);
    within(
        "motor premium share",
        s.premium_share(Line::Motor),
        0.50,
        0.60,
    );
    for line in Line::ALL {
        if *line != Line::Motor {
            assert!(s.premium_share(*line) < s.premium_share(Line::Motor));
        }
    }
    within("renewal rate", s.renewal_rate().unwrap(), 0.75, 0.85);
    within(
        "motor claims a year",
        s.claim_frequency(Line::Motor).unwrap(),
        0.17,
        0.23,
    );
    within(
        "property claims a year",
        s.claim_frequency(Line::Property).unwrap(),
        0.02,
        0.09,
    );
    within(
        "homeowners claims a year",
        s.claim_frequency(Line::Homeowners).unwrap(),
        0.01,
        0.06,
    );
    within("loss ratio", s.loss_ratio().unwrap(), 0.45, 0.70);
    assert!(s.open_tasks > 0 && s.overdue_tasks > 0 && s.overdue_tasks < s.open_tasks);
    assert!(s.denied_claims > 0);
}

#[test]
fn every_enumeration_value_occurs() {
    let seen = generate();
    let mut missing = Vec::new();
    let mut expect = |table: &str, codes: Vec<&str>| {
        for code in codes {
            if !seen.codes.contains(&format!("{table}:{code}")) {
                missing.push(format!("{table}:{code}"));
            }
        }
    };
    fn codes<T: Labelled>() -> Vec<&'static str> {
        T::ALL.iter().map(|v| v.code()).collect()
    }
    expect("kind", codes::<CustomerKind>());
    expect("construction", codes::<Construction>());
    expect("occupancy", codes::<Occupancy>());
    expect("sprinklered", vec!["Some(true)", "Some(false)", "None"]);
    expect("line", codes::<Line>());
    expect("cause", codes::<LossCause>());
    expect("status", codes::<ClaimStatus>());
    expect("channel", codes::<Channel>());
    expect("interaction", codes::<InteractionKind>());
    expect("satisfaction", vec!["1", "2", "3", "4", "5"]);
    expect("task", codes::<TaskStatus>());
    expect("priority", codes::<Priority>());
    expect("tag", vec!["vip", "重点客户", "新客户", "车队"]);
    assert!(missing.is_empty(), "never generated: {missing:?}");
    // Every mainland province, and every industry but international
    // organisations (T is rare by design).
    assert_eq!(seen.provinces.len(), 31);
    assert!(seen.industries.len() >= 19, "{:?}", seen.industries);
}

#[test]
fn names_look_chinese_with_rare_surnames_and_latin_companies() {
    let seen = generate();
    let starts = |s: &str| seen.names.iter().filter(|n| n.starts_with(s)).count();
    assert!(starts("王") > starts("单"));
    for rare in ["单", "曾", "解", "区", "仇", "朴", "欧阳"] {
        assert!(starts(rare) > 0, "no customer named {rare}");
    }
    assert!(seen.names.iter().any(|n| n.ends_with("有限公司")));
    assert!(seen.names.iter().any(|n| n.ends_with("股份有限公司")));
    assert!(seen.names.iter().any(|n| n.ends_with("Co., Ltd.")));
    let distinct: HashSet<_> = seen.names.iter().collect();
    assert!(
        distinct.len() > seen.names.len() / 2,
        "names repeat too much"
    );
}

#[test]
fn the_classification_finds_every_label_and_cell() {
    use pcrm::classify::{classify_doc, Rules};
    let rules = Rules::embedded();
    let generator = Generator::new(1, as_of(), CUSTOMERS);
    let mut cells = HashSet::new();
    let mut behaviours = HashSet::new();
    for n in 1..=5_000 {
        let c = classify_doc(&generator.customer(n).doc, &rules, as_of());
        cells.insert((c.value.tier, c.risk.tier));
        behaviours.insert(c.behavior.segment);
    }
    assert_eq!(cells.len(), 9, "value x risk cells seen: {cells:?}");
    assert_eq!(behaviours.len(), 3, "behaviours seen: {behaviours:?}");
}
