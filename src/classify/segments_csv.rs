//! The `segments` export table (data-formats.md): each customer's stored
//! labels and scores, optionally filtered by a segment expression.

use super::json::round1;
use super::results::scan_stored;
use super::scan::for_each_match;
use crate::model::{Classification, Labelled};
use crate::segment::Expr;
use crate::store::{Book, StoreError};
use std::io::Write;

pub const SEGMENTS_HEADER: [&str; 7] = [
    "customer_id",
    "value_tier",
    "value_score",
    "risk_tier",
    "risk_score",
    "behavior",
    "as_of",
];

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing the segments table: {0}")]
    Csv(#[from] csv::Error),
}

fn record(id: &str, c: &Classification) -> [String; 7] {
    [
        id.to_string(),
        c.value.tier.code().to_string(),
        format!("{:.1}", round1(c.value.score)),
        c.risk.tier.code().to_string(),
        format!("{:.1}", round1(c.risk.score)),
        c.behavior.segment.code().to_string(),
        c.as_of.to_string(),
    ]
}

/// Writes the stored results of the customers matching `filter` (all with
/// `None`) as CSV; returns the number of rows. Customers without a stored
/// result are left out: run `run_pending` first to bring them up to date.
pub fn export_segments(
    book: &Book,
    filter: Option<&Expr>,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(SEGMENTS_HEADER)?;
    let mut rows = 0;
    match filter {
        None => {
            for entry in scan_stored(book) {
                let (id, c) = entry?;
                w.write_record(record(&id, &c))?;
                rows += 1;
            }
        }
        Some(expr) => {
            for_each_match(book, expr, true, |customer, class| {
                if let Some(c) = class {
                    w.write_record(record(customer.id, c))
                        .map_err(|e| StoreError::Io(e.into()))?;
                    rows += 1;
                }
                Ok(())
            })?;
        }
    }
    w.flush().map_err(csv::Error::from)?;
    Ok(rows)
}
