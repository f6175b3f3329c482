//! Each record as the cells of its CSV row, in the columns of
//! data-formats.md: money with 2 decimals, dates `YYYY-MM-DD`, date-times
//! `YYYY-MM-DDTHH:MM:SS`, enumerations as codes, provinces by short name,
//! tags `;`-joined. Import reads these back unchanged.

use crate::import::Table;
use crate::model::date_codec::format_date_time;
use crate::model::{Claim, Customer, Interaction, Labelled, Location, Policy, Task};
use std::fmt::Display;

/// A record that is a row of one of the tables.
pub trait CsvRow {
    const TABLE: Table;
    /// One cell per column of `TABLE`, in order; empty for an absent value.
    fn cells(&self) -> Vec<String>;
}

fn opt<T: Display>(value: &Option<T>) -> String {
    value.as_ref().map_or(String::new(), T::to_string)
}

fn code<E: Labelled>(value: E) -> String {
    value.code().to_string()
}

impl CsvRow for Customer {
    const TABLE: Table = Table::Customers;
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.name.clone(),
            code(self.kind),
            opt(&self.id_number),
            opt(&self.phone),
            opt(&self.email),
            self.province.short().to_string(),
            opt(&self.city),
            opt(&self.industry),
            opt(&self.since),
            opt(&self.account_manager),
            self.tags.join(";"),
        ]
    }
}

impl CsvRow for Location {
    const TABLE: Table = Table::Locations;
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.customer_id.clone(),
            self.province.short().to_string(),
            opt(&self.city),
            code(self.construction),
            code(self.occupancy),
            opt(&self.year_built),
            self.sprinklered
                .map_or("", |s| if s { "yes" } else { "no" })
                .to_string(),
            opt(&self.sum_insured),
        ]
    }
}

impl CsvRow for Policy {
    const TABLE: Table = Table::Policies;
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.customer_id.clone(),
            code(self.line),
            self.premium.to_string(),
            opt(&self.sum_insured),
            self.start_date.to_string(),
            self.end_date.to_string(),
            opt(&self.cancelled_on),
            opt(&self.location_id),
        ]
    }
}

impl CsvRow for Claim {
    const TABLE: Table = Table::Claims;
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.policy_id.clone(),
            self.loss_date.to_string(),
            opt(&self.reported_date),
            code(self.cause),
            self.paid.to_string(),
            self.reserve.to_string(),
            code(self.status),
        ]
    }
}

impl CsvRow for Interaction {
    const TABLE: Table = Table::Interactions;
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.customer_id.clone(),
            format_date_time(self.at),
            code(self.channel),
            code(self.kind),
            opt(&self.satisfaction),
            opt(&self.note),
        ]
    }
}

impl CsvRow for Task {
    const TABLE: Table = Table::Tasks;
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.customer_id.clone(),
            self.title.clone(),
            self.due.to_string(),
            opt(&self.assignee),
            code(self.status),
            code(self.priority),
            self.tags.join(";"),
        ]
    }
}

/// The record as a JSON object of its CSV cells (absent values `null`):
/// the previous value kept in the audit log on an update.
pub fn json<R: CsvRow>(record: &R) -> String {
    let object: serde_json::Map<String, serde_json::Value> = R::TABLE
        .columns()
        .iter()
        .zip(record.cells())
        .map(|(column, cell)| {
            let value = match cell.is_empty() {
                true => serde_json::Value::Null,
                false => serde_json::Value::String(cell),
            };
            (column.name.to_string(), value)
        })
        .collect();
    serde_json::Value::Object(object).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, Fen, InteractionKind};
    use chrono::NaiveDate;

    #[test]
    fn cells_follow_the_columns() {
        for (table, width) in [
            (Table::Customers, 12),
            (Table::Locations, 9),
            (Table::Policies, 9),
            (Table::Claims, 8),
            (Table::Interactions, 7),
            (Table::Tasks, 8),
        ] {
            assert_eq!(table.columns().len(), width, "{table}");
        }
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let i = Interaction {
            id: "I1".into(),
            customer_id: "C1".into(),
            at: day.and_hms_opt(9, 5, 0).unwrap(),
            channel: Channel::Wechat,
            kind: InteractionKind::Survey,
            satisfaction: Some(5),
            note: None,
        };
        assert_eq!(
            i.cells(),
            vec![
                "I1",
                "C1",
                "2026-03-01T09:05:00",
                "wechat",
                "survey",
                "5",
                ""
            ]
        );
        let p = Policy {
            id: "P1".into(),
            customer_id: "C1".into(),
            line: crate::model::Line::Motor,
            premium: Fen(320_050),
            sum_insured: None,
            start_date: day,
            end_date: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
            cancelled_on: None,
            location_id: None,
        };
        assert_eq!(p.cells()[3], "3200.50");
        assert_eq!(
            json(&p),
            r#"{"cancelled_on":null,"customer_id":"C1","end_date":"2027-03-01","line":"motor","location_id":null,"policy_id":"P1","premium":"3200.50","start_date":"2026-03-01","sum_insured":null}"#
        );
    }
}
