//! The records of a book: customers, insured locations, policies, claims,
//! interactions and follow-up tasks.
//!
//! Field order is part of the stored format (bincode): add fields only with
//! a new schema version and a migration in `store/migrate.rs`.

use super::date_codec::{days, opt_days, seconds};
use super::{
    Channel, ClaimStatus, Construction, CustomerKind, Fen, Industry, InteractionKind, Line,
    LossCause, Occupancy, Priority, Province, TaskStatus,
};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    pub id: String,
    pub name: String,
    pub kind: CustomerKind,
    /// Resident identity number or unified social credit code. Personal data:
    /// shown masked.
    pub id_number: Option<String>,
    /// Personal data: shown masked.
    pub phone: Option<String>,
    pub email: Option<String>,
    pub province: Province,
    pub city: Option<String>,
    pub industry: Option<Industry>,
    #[serde(with = "opt_days")]
    pub since: Option<NaiveDate>,
    pub account_manager: Option<String>,
    /// Sorted, without duplicates.
    pub tags: Vec<String>,
    /// The credit code failed its checksum (imported with a warning).
    pub bad_uscc: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub id: String,
    pub customer_id: String,
    pub province: Province,
    pub city: Option<String>,
    pub construction: Construction,
    pub occupancy: Occupancy,
    pub year_built: Option<u16>,
    /// `None` = unknown.
    pub sprinklered: Option<bool>,
    pub sum_insured: Option<Fen>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    pub id: String,
    pub customer_id: String,
    pub line: Line,
    /// Written premium for the whole term.
    pub premium: Fen,
    pub sum_insured: Option<Fen>,
    /// Inclusive.
    #[serde(with = "days")]
    pub start_date: NaiveDate,
    /// Exclusive.
    #[serde(with = "days")]
    pub end_date: NaiveDate,
    #[serde(with = "opt_days")]
    pub cancelled_on: Option<NaiveDate>,
    pub location_id: Option<String>,
}

impl Policy {
    /// `cancelled_on` if present, else `end_date`.
    pub fn effective_end(&self) -> NaiveDate {
        self.cancelled_on.unwrap_or(self.end_date)
    }

    pub fn term_days(&self) -> i64 {
        (self.end_date - self.start_date).num_days()
    }

    /// `start_date <= at < effective end`.
    pub fn in_force_at(&self, at: NaiveDate) -> bool {
        self.start_date <= at && at < self.effective_end()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    pub policy_id: String,
    /// The policy's customer (derived on import, kept for grouping).
    pub customer_id: String,
    #[serde(with = "days")]
    pub loss_date: NaiveDate,
    #[serde(with = "opt_days")]
    pub reported_date: Option<NaiveDate>,
    pub cause: LossCause,
    pub paid: Fen,
    pub reserve: Fen,
    pub status: ClaimStatus,
}

impl Claim {
    /// Paid plus reserve; a denied claim counts as nothing.
    pub fn incurred(&self) -> Fen {
        match self.status {
            ClaimStatus::Denied => Fen::ZERO,
            _ => self.paid + self.reserve,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: String,
    pub customer_id: String,
    #[serde(with = "seconds")]
    pub at: NaiveDateTime,
    pub channel: Channel,
    pub kind: InteractionKind,
    pub satisfaction: Option<u8>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub customer_id: String,
    pub title: String,
    #[serde(with = "days")]
    pub due: NaiveDate,
    pub assignee: Option<String>,
    pub status: TaskStatus,
    pub priority: Priority,
    /// Sorted, without duplicates.
    pub tags: Vec<String>,
    /// The playbook that created it, if any.
    pub playbook: Option<String>,
    /// The policy it is about (renewals), if any.
    pub policy_id: Option<String>,
    /// Idempotence key of playbook-made tasks.
    pub dedupe_key: Option<String>,
}

/// A customer with everything it holds: the unit the book stores and the
/// engine reads. Children are kept sorted by id. (sled costs about 5 µs a
/// write here whatever the value's size up to ~1 KB, so one value a customer
/// is what makes a million-customer import and a full classification fast.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerDoc {
    pub customer: Customer,
    pub locations: Vec<Location>,
    pub policies: Vec<Policy>,
    pub claims: Vec<Claim>,
    pub interactions: Vec<Interaction>,
}

/// A record held inside a [`CustomerDoc`].
pub trait Child: Clone + PartialEq + Serialize + serde::de::DeserializeOwned + 'static {
    /// The table name of data-formats.md.
    const TABLE: &'static str;
    fn id(&self) -> &str;
    fn customer_id(&self) -> &str;
    fn set_customer_id(&mut self, id: &str);
    fn list(doc: &CustomerDoc) -> &Vec<Self>;
    fn list_mut(doc: &mut CustomerDoc) -> &mut Vec<Self>;
}

macro_rules! child {
    ($ty:ty, $table:literal, $field:ident) => {
        impl Child for $ty {
            const TABLE: &'static str = $table;
            fn id(&self) -> &str {
                &self.id
            }
            fn customer_id(&self) -> &str {
                &self.customer_id
            }
            fn set_customer_id(&mut self, id: &str) {
                self.customer_id = id.to_string();
            }
            fn list(doc: &CustomerDoc) -> &Vec<Self> {
                &doc.$field
            }
            fn list_mut(doc: &mut CustomerDoc) -> &mut Vec<Self> {
                &mut doc.$field
            }
        }
    };
}

child!(Location, "locations", locations);
child!(Policy, "policies", policies);
child!(Claim, "claims", claims);
child!(Interaction, "interactions", interactions);

impl CustomerDoc {
    pub fn new(customer: Customer) -> CustomerDoc {
        CustomerDoc {
            customer,
            locations: Vec::new(),
            policies: Vec::new(),
            claims: Vec::new(),
            interactions: Vec::new(),
        }
    }

    pub fn find<C: Child>(&self, id: &str) -> Option<&C> {
        let list = C::list(self);
        list.binary_search_by(|c| c.id().cmp(id))
            .ok()
            .map(|i| &list[i])
    }

    /// Inserts or replaces a child (kept sorted by id); returns the previous.
    pub fn upsert<C: Child>(&mut self, child: C) -> Option<C> {
        let list = C::list_mut(self);
        match list.binary_search_by(|c| c.id().cmp(child.id())) {
            Ok(i) => Some(std::mem::replace(&mut list[i], child)),
            Err(i) => {
                list.insert(i, child);
                None
            }
        }
    }

    pub fn remove<C: Child>(&mut self, id: &str) -> Option<C> {
        let list = C::list_mut(self);
        list.binary_search_by(|c| c.id().cmp(id))
            .ok()
            .map(|i| list.remove(i))
    }

    pub fn policy(&self, id: &str) -> Option<&Policy> {
        self.find::<Policy>(id)
    }

    /// Number of child records.
    pub fn child_count(&self) -> usize {
        self.locations.len() + self.policies.len() + self.claims.len() + self.interactions.len()
    }
}
