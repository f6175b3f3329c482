//! A row of claims.csv. The claim's customer is its policy's, filled in by
//! validation.

use super::Cells;
use crate::import::cells;
use crate::model::{Claim, ClaimStatus, Fen, LossCause};

pub fn parse(c: &mut Cells) -> Option<Claim> {
    let id = c.required("claim_id", cells::id);
    let policy_id = c.required("policy_id", cells::id);
    let loss = c.required("loss_date", cells::date);
    let reported = c.optional("reported_date", cells::date);
    let cause = c.required("cause", cells::label::<LossCause>);
    let paid = c.optional("paid", cells::money);
    let reserve = c.optional("reserve", cells::money);
    let status = c.required("status", cells::label::<ClaimStatus>);

    if let (Some(loss), Some(Some(reported))) = (loss, reported) {
        if reported < loss {
            c.problem(
                "reported_date",
                format!("must not be before loss_date {loss}"),
                &reported.to_string(),
            );
        }
    }
    Some(Claim {
        id: id?,
        policy_id: policy_id?,
        customer_id: String::new(),
        loss_date: loss?,
        reported_date: reported?,
        cause: cause?,
        paid: paid?.unwrap_or(Fen::ZERO),
        reserve: reserve?.unwrap_or(Fen::ZERO),
        status: status?,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::parse_row;
    use super::super::Parsed;
    use crate::import::table::Table;
    use crate::model::{ClaimStatus, Fen};

    const HEADER: &str = "claim_id,policy_id,loss_date,reported_date,cause,paid,reserve,status";

    #[test]
    fn defaults_and_reporting_order() {
        let (parsed, problems) = parse_row(
            Table::Claims,
            HEADER,
            "K1,P1,2026-03-01,2026-03-02,台风,,8000,未决",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let Some(Parsed::Claim(k)) = parsed else {
            panic!("not parsed")
        };
        assert_eq!((k.paid, k.reserve), (Fen::ZERO, Fen(800_000)));
        assert_eq!(k.status, ClaimStatus::Open);
        let (_, problems) = parse_row(
            Table::Claims,
            HEADER,
            "K1,P1,2026-03-01,2026-02-28,fire,1,,closed",
        );
        assert_eq!(
            problems,
            vec!["column reported_date: must not be before loss_date 2026-03-01 (\"2026-02-28\")"]
        );
    }
}
