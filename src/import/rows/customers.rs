//! A row of customers.csv.

use super::Cells;
use crate::import::cells::{self, IdNumber};
use crate::model::{Customer, CustomerKind};
use chrono::NaiveDate;

pub fn parse(c: &mut Cells, today: NaiveDate) -> Option<Customer> {
    let id = c.required("customer_id", cells::id);
    let name = c.required("name", cells::text);
    let kind = c.required("kind", cells::label::<CustomerKind>);
    // The id number is checked against the kind; without a kind it cannot be.
    let id_number = match kind {
        Some(kind) => c.optional("id_number", |t| cells::id_number(kind, t, today)),
        None => c.optional("id_number", |t| Ok(IdNumber::Valid(t.to_string()))),
    };
    let phone = c.optional("phone", cells::phone);
    let email = c.optional("email", cells::email);
    let province = c.required("province", cells::province);
    let city = c.optional("city", cells::text);
    let industry = c.optional("industry", cells::industry);
    let since = c.optional("since", cells::date);
    let account_manager = c.optional("account_manager", cells::text);
    let tags = c.optional("tags", cells::tags);

    if kind.is_some_and(CustomerKind::is_enterprise) && industry == Some(None) {
        c.problems.push(crate::import::error::Problem::column(
            "industry",
            "an enterprise (sme or large) needs its GB/T 4754-2017 section letter A..T",
        ));
    }
    let (id_number, bad_uscc) = match id_number? {
        None => (None, false),
        Some(IdNumber::Valid(number)) => (Some(number), false),
        Some(IdNumber::BadUscc(number, why)) => {
            c.warn("id_number", why, &number);
            (Some(number), true)
        }
    };
    Some(Customer {
        id: id?,
        name: name?,
        kind: kind?,
        id_number,
        phone: phone?,
        email: email?,
        province: province?,
        city: city?,
        industry: industry?,
        since: since?,
        account_manager: account_manager?,
        tags: tags?.unwrap_or_default(),
        bad_uscc,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::parse_row;
    use super::super::Parsed;
    use crate::import::table::Table;

    const HEADER: &str = "customer_id,name,kind,id_number,province,industry,tags";

    #[test]
    fn an_individual_with_chinese_labels() {
        let (parsed, problems) = parse_row(
            Table::Customers,
            HEADER,
            "C1, 单雄信 ,个人,11010519491231002x,广西壮族自治区,,vip;高价值",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let Some(Parsed::Customer(c)) = parsed else {
            panic!("not parsed")
        };
        assert_eq!(c.name, "单雄信");
        assert_eq!(c.id_number.as_deref(), Some("11010519491231002X"));
        assert_eq!(c.province.short(), "广西");
        assert_eq!(c.tags, vec!["vip", "高价值"]);
        assert!(!c.bad_uscc);
    }

    #[test]
    fn an_enterprise_needs_an_industry_and_a_bad_credit_code_only_warns() {
        let (parsed, problems) = parse_row(
            Table::Customers,
            HEADER,
            "C2,曾氏五金,sme,91350100M000100Y40,Guangdong,,",
        );
        assert!(parsed.is_some());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("column industry: an enterprise"));
        assert!(problems[1]
            .starts_with("warning: column id_number: unified social credit code checksum fails"));
    }

    #[test]
    fn a_wrong_resident_id_is_an_error() {
        let (parsed, problems) = parse_row(
            Table::Customers,
            HEADER,
            "C3,解缙,individual,110105194902300021,北京,,",
        );
        assert!(parsed.is_none());
        assert_eq!(
            problems,
            vec!["column id_number: resident identity number: its birth date (characters 7-14) is not a real date (\"110***********0021\")"]
        );
    }
}
