//! Stored results: every customer's [`Classification`] in
//! `TreeId::Classification` (key: customer id, value: the codec's encoding),
//! the label-change history in `TreeId::LabelHistory` (key: customer id,
//! NUL, big-endian sequence number), and in the meta tree the as-of date and
//! rules that produced the results.
//!
//! These trees are derived data, rebuilt by a full pass, so they are written
//! directly rather than through the journal. A result is written only when
//! its bytes change (a sled write costs ~5 µs; most passes change little).

use super::changed::Changed;
use super::rules::Rules;
use crate::model::date_codec::{days, parse_date};
use crate::model::{BehaviorLabel, Classification, CustomerDoc, Labelled, Tier};
use crate::store::{codec, keys, Book, Result, TreeId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sled::IVec;

/// Meta key: the as-of date of the stored results (`YYYY-MM-DD`).
pub const CLASSIFIED_AS_OF_KEY: &str = "classified_as_of";
/// Meta key: the version string of the rules that produced them.
pub const RULES_VERSION_KEY: &str = "rules_version";
/// Meta key: [`Rules::hash_hex`] of those rules.
pub const RULES_HASH_KEY: &str = "rules_hash";
/// Meta key: customers classified by the last full pass (the next one's
/// progress total: counting a sled tree reads all of it, a tenth of a
/// pass).
pub const CLASSIFIED_COUNT_KEY: &str = "classified_customers";

/// A label as it moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Label {
    Value(Tier),
    Risk(Tier),
    Behavior(BehaviorLabel),
}

impl Label {
    /// `value`, `risk` or `behavior`.
    pub fn dimension(self) -> &'static str {
        match self {
            Label::Value(_) => "value",
            Label::Risk(_) => "risk",
            Label::Behavior(_) => "behavior",
        }
    }

    /// The label's code: `high`, `churned`, ...
    pub fn code(self) -> &'static str {
        match self {
            Label::Value(t) | Label::Risk(t) => t.code(),
            Label::Behavior(b) => b.code(),
        }
    }
}

/// One line of a customer's label-change history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelChange {
    pub from: Label,
    pub to: Label,
    /// The day the change was recorded.
    #[serde(with = "days")]
    pub date: NaiveDate,
    /// The as-of date of the classification that moved it.
    #[serde(with = "days")]
    pub as_of: NaiveDate,
}

pub(super) fn decode_result(key: &[u8], bytes: &[u8]) -> Result<Classification> {
    codec::decode(bytes, &|| {
        format!("classification/{}", String::from_utf8_lossy(key))
    })
}

/// The stored classification of one customer.
pub fn stored(book: &Book, customer_id: &str) -> Result<Option<Classification>> {
    book.tree(TreeId::Classification)
        .get(customer_id.as_bytes())?
        .map(|bytes| decode_result(customer_id.as_bytes(), &bytes))
        .transpose()
}

/// Every stored classification, in customer-id order.
pub fn scan_stored(book: &Book) -> impl Iterator<Item = Result<(String, Classification)>> + '_ {
    book.tree(TreeId::Classification).iter().map(|entry| {
        let (key, bytes) = entry?;
        let c = decode_result(&key, &bytes)?;
        Ok((String::from_utf8_lossy(&key).into_owned(), c))
    })
}

/// A customer's label changes, oldest first.
pub fn label_history(book: &Book, customer_id: &str) -> Result<Vec<LabelChange>> {
    book.tree(TreeId::LabelHistory)
        .scan_prefix(keys::prefix(customer_id))
        .values()
        .map(|v| codec::decode(&v?, &|| format!("label_history/{customer_id}")))
        .collect()
}

/// The as-of date and rules of the stored results, as recorded in meta.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredParams {
    pub as_of: Option<NaiveDate>,
    pub rules_version: Option<String>,
    pub rules_hash: Option<String>,
}

impl StoredParams {
    pub fn read(book: &Book) -> Result<StoredParams> {
        Ok(StoredParams {
            as_of: book
                .meta_get_string(CLASSIFIED_AS_OF_KEY)?
                .and_then(|s| parse_date(&s)),
            rules_version: book.meta_get_string(RULES_VERSION_KEY)?,
            rules_hash: book.meta_get_string(RULES_HASH_KEY)?,
        })
    }

    /// Whether the stored results were produced by these rules at this date.
    pub fn matches(&self, rules: &Rules, as_of: NaiveDate) -> bool {
        self.as_of == Some(as_of) && self.rules_hash.as_deref() == Some(rules.hash_hex().as_str())
    }

    /// Records (and flushes) the parameters of a completed full pass.
    pub fn write(book: &Book, rules: &Rules, as_of: NaiveDate, customers: usize) -> Result<()> {
        let meta = book.tree(TreeId::Meta);
        meta.insert(CLASSIFIED_AS_OF_KEY, as_of.to_string().as_bytes())?;
        meta.insert(RULES_HASH_KEY, rules.hash_hex().as_bytes())?;
        meta.insert(CLASSIFIED_COUNT_KEY, customers.to_string().as_bytes())?;
        book.meta_put(RULES_VERSION_KEY, rules.version.as_bytes())
    }

    /// About how many customers a full pass will see: the last full pass's
    /// count, 0 (not known) before the first.
    pub fn customer_count_hint(book: &Book) -> Result<usize> {
        Ok(book
            .meta_get_string(CLASSIFIED_COUNT_KEY)?
            .and_then(|n| n.parse().ok())
            .unwrap_or(0))
    }
}

/// Writes results that changed, with their history; collects the ids.
pub(super) struct ResultWriter<'b> {
    results: &'b sled::Tree,
    history: &'b sled::Tree,
    today: NaiveDate,
    pub changed: Changed,
}

impl<'b> ResultWriter<'b> {
    pub fn new(book: &'b Book) -> ResultWriter<'b> {
        ResultWriter {
            results: book.tree(TreeId::Classification),
            history: book.tree(TreeId::LabelHistory),
            today: chrono::Local::now().date_naive(),
            changed: Changed::new(),
        }
    }

    /// Stores `new` (encoded as `bytes`) for `id` unless `previous` (the
    /// stored bytes) is the same; records moved labels.
    pub fn store(
        &mut self,
        id: &[u8],
        new: &Classification,
        bytes: Vec<u8>,
        previous: Option<&[u8]>,
    ) -> Result<()> {
        if previous == Some(bytes.as_slice()) {
            return Ok(());
        }
        if let Some(prev) = previous {
            let old = decode_result(id, prev)?;
            self.record_moves(id, &old, new)?;
        }
        self.results.insert(id, bytes)?;
        self.changed.push(String::from_utf8_lossy(id).into_owned());
        Ok(())
    }

    /// Reads the stored value itself (for single customers).
    pub fn store_looked_up(&mut self, id: &[u8], new: &Classification) -> Result<()> {
        let previous = self.results.get(id)?;
        self.store(id, new, codec::encode(new), previous.as_deref())
    }

    /// Removes the result and history of a customer that no longer exists.
    pub fn remove(&mut self, id: &[u8]) -> Result<()> {
        if self.results.remove(id)?.is_some() {
            let mut prefix = id.to_vec();
            prefix.push(keys::SEP);
            for key in self.history.scan_prefix(&prefix).keys() {
                self.history.remove(key?)?;
            }
            self.changed.push(String::from_utf8_lossy(id).into_owned());
        }
        Ok(())
    }

    fn record_moves(&self, id: &[u8], old: &Classification, new: &Classification) -> Result<()> {
        let moves = [
            (Label::Value(old.value.tier), Label::Value(new.value.tier)),
            (Label::Risk(old.risk.tier), Label::Risk(new.risk.tier)),
            (
                Label::Behavior(old.behavior.segment),
                Label::Behavior(new.behavior.segment),
            ),
        ];
        let mut prefix = id.to_vec();
        prefix.push(keys::SEP);
        let mut seq = None;
        for (from, to) in moves.into_iter().filter(|(f, t)| f != t) {
            let next = match seq {
                Some(s) => s + 1,
                None => self.last_seq(&prefix)?.map_or(0, |s| s + 1),
            };
            seq = Some(next);
            let mut key = prefix.clone();
            key.extend_from_slice(&keys::u64_be(next));
            let change = LabelChange {
                from,
                to,
                date: self.today,
                as_of: new.as_of,
            };
            self.history.insert(key, codec::encode(&change))?;
        }
        Ok(())
    }

    fn last_seq(&self, prefix: &[u8]) -> Result<Option<u64>> {
        match self.history.scan_prefix(prefix).keys().next_back() {
            Some(key) => Ok(keys::read_u64_be(&key?[prefix.len()..])),
            None => Ok(None),
        }
    }
}

/// Every stored customer (key and encoded doc) with its stored
/// classification, if any, in id order: a merge of the customers and
/// classification trees.
fn scan_raw_with_results(
    book: &Book,
) -> impl Iterator<Item = Result<(IVec, IVec, Option<Classification>)>> + '_ {
    let mut results = book.tree(TreeId::Classification).iter().peekable();
    book.tree(TreeId::Customers).iter().map(move |entry| {
        let (key, doc) = entry?;
        // Results that sort before this customer have no customer.
        while results
            .next_if(|r| r.as_ref().is_ok_and(|(k, _)| *k < key))
            .is_some()
        {}
        let found = results
            .next_if(|r| r.as_ref().map_or(true, |(k, _)| *k == key))
            .transpose()?;
        let class = found.map(|(k, v)| decode_result(&k, &v)).transpose()?;
        Ok((key, doc, class))
    })
}

/// Every customer, decoded whole, with its stored classification.
pub fn scan_with_results(
    book: &Book,
) -> impl Iterator<Item = Result<(CustomerDoc, Option<Classification>)>> + '_ {
    scan_raw_with_results(book).map(|entry| {
        let (key, bytes, class) = entry?;
        let doc = codec::decode(&bytes, &|| {
            format!("customers/{}", String::from_utf8_lossy(&key))
        })?;
        Ok((doc, class))
    })
}
