//! Segment expressions matched against customers with and without a
//! stored classification.

mod common;

use common::{customer, t};
use pcrm::classify::{classify_doc, CustomerFields, Rules};
use pcrm::model::{Classification, Customer, CustomerKind, Line, Tier};
use pcrm::segment::{Expr, Subject};

fn sme_doc() -> pcrm::model::CustomerDoc {
    customer("ACME-7", CustomerKind::Sme)
        .name("Acme Trading 广州贸易")
        .industry("F")
        .province("广东")
        .tags(&["vip", "port"])
        .manager("Li.Wei")
        .policy("P1", Line::Cargo, 600_000, "2026-01-01", "2027-01-01")
        .build()
}

fn sme() -> (Customer, Classification) {
    let doc = sme_doc();
    let class = classify_doc(&doc, &Rules::embedded(), t());
    (doc.customer, class)
}

fn matches(expr: &str, subject: &impl Subject) -> bool {
    Expr::parse(expr).unwrap().matches(subject)
}

#[test]
fn all_terms_must_hold_and_any_value_of_a_term() {
    let (c, class) = sme();
    assert_eq!(class.value.tier, Tier::High);
    let s = (&c, Some(&class));
    assert!(matches("", &s));
    assert!(matches("value=high kind=sme province=广东 industry=f", &s));
    assert!(matches("value=low,high risk=high,medium,low", &s));
    assert!(!matches("value=high kind=individual", &s));
    assert!(matches("tag=gold,vip tag=port", &s));
    assert!(!matches("tag=vip tag=gold", &s));
    assert!(
        matches("manager=li.wei", &s),
        "login names ignore ASCII case"
    );
    assert!(matches("province=Guangdong,浙江", &s));
}

#[test]
fn free_words_search_the_name_and_id() {
    let (c, class) = sme();
    let s = (&c, Some(&class));
    assert!(matches("acme", &s), "Latin letters ignore case");
    assert!(matches("TRADING 广州", &s));
    assert!(matches("acme-7", &s), "the customer id");
    assert!(!matches("acme 深圳", &s), "every word must match");
}

#[test]
fn label_terms_never_match_an_unclassified_customer() {
    let (c, _) = sme();
    let s = (&c, None);
    assert!(matches("kind=sme", &s));
    for expr in [
        "value=high",
        "risk=low,medium,high",
        "behavior=potential,active,churned",
    ] {
        assert!(!matches(expr, &s), "{expr}");
    }
    assert!(Expr::parse("behaviour=active").unwrap().uses_labels());
    assert!(!Expr::parse("kind=sme tag=vip").unwrap().uses_labels());
}

#[test]
fn the_fields_read_from_a_stored_doc_match_like_the_whole_customer() {
    let doc = sme_doc();
    let class = classify_doc(&doc, &Rules::embedded(), t());
    let bytes = pcrm::store::codec::encode(&doc);
    let fields = CustomerFields::decode(&bytes, &|| "customers/ACME-7".into()).unwrap();
    for expr in [
        "value=high kind=sme province=广东 industry=f",
        "tag=gold,vip tag=port",
        "tag=vip tag=gold",
        "manager=li.wei acme",
        "kind=individual",
        "trading 广州 risk=low",
    ] {
        let e = Expr::parse(expr).unwrap();
        assert_eq!(
            e.matches(&(&fields, Some(&class))),
            e.matches(&(&doc.customer, Some(&class))),
            "{expr}"
        );
    }
}
