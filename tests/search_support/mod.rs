//! A small hand-made book for the search tests, written through the store's
//! batch API like an import would.

#![allow(dead_code)] // each test file uses its own part of this

#[path = "../common/builders.rs"]
mod builders;

use chrono::NaiveDate;
use pcrm::model::ids::resident_id_check_char;
use pcrm::model::*;
use pcrm::store::{codec, Book, TreeId};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A valid resident id from its first 17 digits.
pub fn resident_id(first17: &str) -> String {
    format!("{first17}{}", resident_id_check_char(first17.as_bytes()))
}

pub fn person(id: &str, name: &str) -> CustomerDoc {
    doc(id, name, CustomerKind::Individual)
}

pub fn company(id: &str, name: &str) -> CustomerDoc {
    doc(id, name, CustomerKind::Sme)
}

fn doc(id: &str, name: &str, kind: CustomerKind) -> CustomerDoc {
    CustomerDoc::new(Customer {
        id: id.into(),
        name: name.into(),
        kind,
        id_number: None,
        phone: None,
        email: None,
        province: Province::parse("广东").unwrap(),
        city: None,
        industry: kind.is_enterprise().then(|| Industry::parse("C").unwrap()),
        since: None,
        account_manager: None,
        tags: Vec::new(),
        bad_uscc: false,
    })
}

pub fn with_phone(mut doc: CustomerDoc, phone: &str) -> CustomerDoc {
    doc.customer.phone = Some(phone.into());
    doc
}

pub fn with_id_number(mut doc: CustomerDoc, id_number: &str) -> CustomerDoc {
    doc.customer.id_number = Some(id_number.into());
    doc
}

pub fn with_policy(mut doc: CustomerDoc, policy_id: &str) -> CustomerDoc {
    let start = day(2025, 1, 1);
    doc.upsert(Policy {
        id: policy_id.into(),
        customer_id: doc.customer.id.clone(),
        line: Line::Motor,
        premium: Fen::from_yuan(3000),
        sum_insured: None,
        start_date: start,
        end_date: day(2026, 1, 1),
        cancelled_on: None,
        location_id: None,
    });
    doc
}

/// Writes (or replaces) customers in one batch, keeping the owner index of
/// their policies in step.
pub fn write(book: &Book, docs: &[CustomerDoc]) {
    let mut batch = book.begin("import", true).unwrap();
    for doc in docs {
        if let Some(old) = batch.get::<CustomerDoc>(&doc.customer.id).unwrap() {
            for p in &old.policies {
                batch.set_owner::<Policy>(&p.id, None).unwrap();
            }
        }
        for p in &doc.policies {
            batch
                .set_owner::<Policy>(&p.id, Some(&doc.customer.id))
                .unwrap();
        }
        batch.put(doc).unwrap();
    }
    batch.commit("test import").unwrap();
}

pub fn delete(book: &Book, customer_id: &str) {
    let mut batch = book.begin("delete", true).unwrap();
    batch.delete::<CustomerDoc>(customer_id).unwrap();
    batch.commit("test delete").unwrap();
}

pub fn open_task(book: &Book, task_id: &str, customer_id: &str) {
    let mut batch = book.begin("task", true).unwrap();
    batch
        .put(&Task {
            due: day(2026, 7, 1),
            assignee: None,
            ..builders::task(task_id, customer_id)
        })
        .unwrap();
    batch.commit("test task").unwrap();
}

/// Stores a classification with this value tier, as the engine would.
pub fn value_tier(book: &Book, customer_id: &str, tier: Tier) {
    let scored = ScoredTier {
        tier,
        score: 50.0,
        factors: [0.0; 4],
    };
    let c = Classification {
        as_of: day(2026, 6, 30),
        value: scored,
        risk: scored,
        behavior: Behavior {
            segment: BehaviorLabel::Active,
            recency_days: None,
            touches_365: 0,
        },
        rules_hash: 1,
    };
    let mut batch = book.begin("classify", false).unwrap();
    batch
        .write(
            TreeId::Classification,
            customer_id.as_bytes().to_vec(),
            Some(codec::encode(&c)),
        )
        .unwrap();
    batch.commit("test classification").unwrap();
}
