//! A zero-copy reading of a stored customer doc for the roster: the same
//! bincode layout as `model::CustomerDoc` (field for field, in order), with
//! strings borrowed from the stored bytes instead of allocated. Reading a
//! million docs this way is several times faster than decoding them whole,
//! which is what loading the roster costs.
//!
//! The layout must follow `model/entities.rs`; a change there bumps the
//! schema version, which `decode` checks, and the test
//! `lite_reading_agrees_with_the_model` compares both readings.

use crate::model::date_codec::{days, opt_days, seconds};
use crate::model::Channel;
use crate::model::{
    ClaimStatus, Construction, CustomerKind, Fen, Industry, InteractionKind, Line, LossCause,
    Occupancy, Province,
};
use crate::store::codec::SCHEMA_VERSION;
use crate::store::StoreError;
use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

#[derive(Deserialize, Debug)]
pub struct DocView<'a> {
    #[serde(borrow)]
    pub customer: CustomerView<'a>,
    #[serde(borrow)]
    pub locations: Vec<LocationView<'a>>,
    #[serde(borrow)]
    pub policies: Vec<PolicyView<'a>>,
    #[serde(borrow)]
    pub claims: Vec<ClaimView<'a>>,
    #[serde(borrow)]
    pub interactions: Vec<InteractionView<'a>>,
}

#[derive(Deserialize, Debug)]
pub struct CustomerView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: CustomerKind,
    #[serde(borrow)]
    pub id_number: Option<&'a str>,
    #[serde(borrow)]
    pub phone: Option<&'a str>,
    #[serde(borrow)]
    pub email: Option<&'a str>,
    pub province: Province,
    #[serde(borrow)]
    pub city: Option<&'a str>,
    pub industry: Option<Industry>,
    #[serde(with = "opt_days")]
    pub since: Option<NaiveDate>,
    #[serde(borrow)]
    pub account_manager: Option<&'a str>,
    #[serde(borrow)]
    pub tags: Vec<&'a str>,
    pub bad_uscc: bool,
}

#[derive(Deserialize, Debug)]
pub struct LocationView<'a> {
    pub id: &'a str,
    pub customer_id: &'a str,
    pub province: Province,
    #[serde(borrow)]
    pub city: Option<&'a str>,
    pub construction: Construction,
    pub occupancy: Occupancy,
    pub year_built: Option<u16>,
    pub sprinklered: Option<bool>,
    pub sum_insured: Option<Fen>,
}

#[derive(Deserialize, Debug)]
pub struct PolicyView<'a> {
    pub id: &'a str,
    pub customer_id: &'a str,
    pub line: Line,
    pub premium: Fen,
    pub sum_insured: Option<Fen>,
    #[serde(with = "days")]
    pub start_date: NaiveDate,
    #[serde(with = "days")]
    pub end_date: NaiveDate,
    #[serde(with = "opt_days")]
    pub cancelled_on: Option<NaiveDate>,
    #[serde(borrow)]
    pub location_id: Option<&'a str>,
}

impl PolicyView<'_> {
    /// As `model::Policy::effective_end`.
    pub fn effective_end(&self) -> NaiveDate {
        self.cancelled_on.unwrap_or(self.end_date)
    }

    pub fn term_days(&self) -> i64 {
        (self.end_date - self.start_date).num_days()
    }

    /// As `model::Policy::in_force_at`.
    pub fn in_force_at(&self, at: NaiveDate) -> bool {
        self.start_date <= at && at < self.effective_end()
    }
}

#[derive(Deserialize, Debug)]
pub struct ClaimView<'a> {
    pub id: &'a str,
    pub policy_id: &'a str,
    pub customer_id: &'a str,
    #[serde(with = "days")]
    pub loss_date: NaiveDate,
    #[serde(with = "opt_days")]
    pub reported_date: Option<NaiveDate>,
    pub cause: LossCause,
    pub paid: Fen,
    pub reserve: Fen,
    pub status: ClaimStatus,
}

impl ClaimView<'_> {
    /// As `model::Claim::incurred`: paid plus reserve, nothing if denied.
    pub fn incurred(&self) -> Fen {
        match self.status {
            ClaimStatus::Denied => Fen::ZERO,
            _ => self.paid + self.reserve,
        }
    }
}

#[derive(Deserialize, Debug)]
pub struct InteractionView<'a> {
    pub id: &'a str,
    pub customer_id: &'a str,
    #[serde(with = "seconds")]
    pub at: NaiveDateTime,
    pub channel: Channel,
    pub kind: InteractionKind,
    pub satisfaction: Option<u8>,
    #[serde(borrow)]
    pub note: Option<&'a str>,
}

impl<'a> DocView<'a> {
    /// Reads a stored customer value (`[schema version][bincode]`),
    /// refusing other versions and leftover bytes as `codec::decode` does.
    pub fn decode(key: &[u8], bytes: &'a [u8]) -> Result<DocView<'a>, StoreError> {
        let what = || format!("customers/{}", String::from_utf8_lossy(key));
        let body = match bytes.split_first() {
            Some((&SCHEMA_VERSION, body)) => body,
            Some((v, _)) => {
                return Err(StoreError::Corrupt(format!(
                    "{}: schema version {v}, expected {SCHEMA_VERSION}",
                    what()
                )))
            }
            None => return Err(StoreError::Corrupt(format!("{}: empty value", what()))),
        };
        let (doc, used) =
            // The configuration of `store::codec`.
            bincode::serde::borrow_decode_from_slice::<DocView<'a>, _>(body, bincode::config::standard())
                .map_err(|e| StoreError::Corrupt(format!("{}: {e}", what())))?;
        if used != body.len() {
            return Err(StoreError::Corrupt(format!(
                "{}: {} trailing bytes after the record",
                what(),
                body.len() - used
            )));
        }
        Ok(doc)
    }
}
