//! Builders for hand-made customers, tasks and books shared by the
//! integration tests.

use chrono::{NaiveDate, NaiveDateTime};
use pcrm::model::{
    Claim, ClaimStatus, Construction, Customer, CustomerDoc, CustomerKind, Fen, Industry,
    Interaction, InteractionKind, Line, Location, Occupancy, Policy, Priority, Province, Task,
    TaskStatus,
};
use pcrm::store::Book;

/// The as-of date of every hand-computed case.
pub const T: &str = "2026-06-30";

pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub fn t() -> NaiveDate {
    d(T)
}

pub fn at(text: &str) -> NaiveDateTime {
    pcrm::model::date_codec::parse_date_time(text).unwrap()
}

/// An open follow-up call for `customer_id`, due at [`T`], assigned to
/// li.wei; tests change what they need with `Task { .., ..task(id, c) }`.
pub fn task(id: &str, customer_id: &str) -> Task {
    Task {
        id: id.to_string(),
        customer_id: customer_id.to_string(),
        title: "回访".to_string(),
        due: t(),
        assignee: Some("li.wei".to_string()),
        status: TaskStatus::Open,
        priority: Priority::Normal,
        tags: Vec::new(),
        playbook: None,
        policy_id: None,
        dedupe_key: None,
    }
}

pub struct DocBuilder(pub CustomerDoc);

pub fn customer(id: &str, kind: CustomerKind) -> DocBuilder {
    DocBuilder(CustomerDoc::new(Customer {
        id: id.into(),
        name: format!("客户{id}"),
        kind,
        id_number: None,
        phone: None,
        email: None,
        province: Province::parse("上海").unwrap(),
        city: None,
        industry: None,
        since: None,
        account_manager: None,
        tags: Vec::new(),
        bad_uscc: false,
    }))
}

impl DocBuilder {
    pub fn name(mut self, name: &str) -> Self {
        self.0.customer.name = name.into();
        self
    }

    pub fn province(mut self, p: &str) -> Self {
        self.0.customer.province = Province::parse(p).unwrap();
        self
    }

    pub fn industry(mut self, letter: &str) -> Self {
        self.0.customer.industry = Industry::parse(letter);
        self
    }

    pub fn since(mut self, date: &str) -> Self {
        self.0.customer.since = Some(d(date));
        self
    }

    pub fn tags(mut self, tags: &[&str]) -> Self {
        self.0.customer.tags = tags.iter().map(|t| t.to_string()).collect();
        self
    }

    pub fn manager(mut self, m: &str) -> Self {
        self.0.customer.account_manager = Some(m.into());
        self
    }

    pub fn policy(
        mut self,
        id: &str,
        line: Line,
        premium_yuan: i64,
        start: &str,
        end: &str,
    ) -> Self {
        let customer_id = self.0.customer.id.clone();
        self.0.upsert(Policy {
            id: id.into(),
            customer_id,
            line,
            premium: Fen::from_yuan(premium_yuan),
            sum_insured: None,
            start_date: d(start),
            end_date: d(end),
            cancelled_on: None,
            location_id: None,
        });
        self
    }

    pub fn cancelled(mut self, policy_id: &str, on: &str) -> Self {
        let mut p = self.0.find::<Policy>(policy_id).unwrap().clone();
        p.cancelled_on = Some(d(on));
        self.0.upsert(p);
        self
    }

    #[allow(clippy::too_many_arguments)]
    pub fn claim(
        mut self,
        id: &str,
        policy_id: &str,
        loss: &str,
        reported: Option<&str>,
        paid_yuan: i64,
        reserve_yuan: i64,
        status: ClaimStatus,
    ) -> Self {
        let customer_id = self.0.customer.id.clone();
        self.0.upsert(Claim {
            id: id.into(),
            policy_id: policy_id.into(),
            customer_id,
            loss_date: d(loss),
            reported_date: reported.map(d),
            cause: pcrm::model::LossCause::Collision,
            paid: Fen::from_yuan(paid_yuan),
            reserve: Fen::from_yuan(reserve_yuan),
            status,
        });
        self
    }

    pub fn touch(mut self, id: &str, when: &str) -> Self {
        let customer_id = self.0.customer.id.clone();
        self.0.upsert(Interaction {
            id: id.into(),
            customer_id,
            at: at(when),
            channel: pcrm::model::Channel::Phone,
            kind: InteractionKind::Service,
            satisfaction: None,
            note: None,
        });
        self
    }

    pub fn location(
        mut self,
        id: &str,
        province: &str,
        construction: Construction,
        occupancy: Occupancy,
        year_built: Option<u16>,
        sprinklered: Option<bool>,
    ) -> Self {
        let customer_id = self.0.customer.id.clone();
        self.0.upsert(Location {
            id: id.into(),
            customer_id,
            province: Province::parse(province).unwrap(),
            city: None,
            construction,
            occupancy,
            year_built,
            sprinklered,
            sum_insured: None,
        });
        self
    }

    pub fn build(self) -> CustomerDoc {
        self.0
    }
}

/// Writes whole docs in one batch, keeping the owner index in step.
pub fn put_docs(book: &Book, docs: &[CustomerDoc]) {
    let mut b = book.begin("test", false).unwrap();
    for doc in docs {
        b.put(doc).unwrap();
        let owner = Some(doc.customer.id.as_str());
        for c in &doc.locations {
            b.set_owner::<Location>(&c.id, owner).unwrap();
        }
        for c in &doc.policies {
            b.set_owner::<Policy>(&c.id, owner).unwrap();
        }
        for c in &doc.claims {
            b.set_owner::<Claim>(&c.id, owner).unwrap();
        }
        for c in &doc.interactions {
            b.set_owner::<Interaction>(&c.id, owner).unwrap();
        }
    }
    b.commit("test docs").unwrap();
}

pub fn open_book(dir: &std::path::Path) -> Book {
    Book::open(dir, "tester").unwrap()
}
