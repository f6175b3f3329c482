//! A row of policies.csv.

use super::Cells;
use crate::import::cells;
use crate::model::{Line, Policy};

pub fn parse(c: &mut Cells) -> Option<Policy> {
    let id = c.required("policy_id", cells::id);
    let customer_id = c.required("customer_id", cells::id);
    let line = c.required("line", cells::label::<Line>);
    let premium = c.required("premium", cells::positive_money);
    let sum_insured = c.optional("sum_insured", cells::money);
    let start = c.required("start_date", cells::date);
    let end = c.required("end_date", cells::date);
    let cancelled = c.optional("cancelled_on", cells::date);
    let location_id = c.optional("location_id", cells::id);

    if let (Some(start), Some(end)) = (start, end) {
        // The end date is exclusive: a policy lasts at least a day.
        if end <= start {
            c.problem(
                "end_date",
                format!("must be after start_date {start}"),
                &end.to_string(),
            );
        }
        if let Some(Some(on)) = cancelled {
            if on < start || on > end {
                c.problem(
                    "cancelled_on",
                    format!("must be between start_date {start} and end_date {end}"),
                    &on.to_string(),
                );
            }
        }
    }
    Some(Policy {
        id: id?,
        customer_id: customer_id?,
        line: line?,
        premium: premium?,
        sum_insured: sum_insured?,
        start_date: start?,
        end_date: end?,
        cancelled_on: cancelled?,
        location_id: location_id?,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::parse_row;
    use crate::import::table::Table;

    const HEADER: &str = "policy_id,customer_id,line,premium,start_date,end_date,cancelled_on";

    #[test]
    fn cancellation_must_fall_inside_the_term() {
        let (parsed, problems) = parse_row(
            Table::Policies,
            HEADER,
            "P1,C1,车险,3200.5,2026-01-01,2027-01-01,2027-01-02",
        );
        assert!(parsed.is_some());
        assert_eq!(
            problems,
            vec!["column cancelled_on: must be between start_date 2026-01-01 and end_date 2027-01-01 (\"2027-01-02\")"]
        );
        let (_, problems) = parse_row(
            Table::Policies,
            HEADER,
            "P1,C1,motor,3200.50,2026-01-01,2027-01-01,2026-01-01",
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn premium_must_be_positive() {
        let (parsed, problems) = parse_row(
            Table::Policies,
            HEADER,
            "P1,C1,motor,0,2026-01-01,2027-01-01,",
        );
        assert!(parsed.is_none());
        assert_eq!(
            problems,
            vec!["column premium: must be more than 0 (\"0\")"]
        );
    }
}
