//! A row of locations.csv (insured properties).

use super::Cells;
use crate::import::cells;
use crate::model::{Construction, Location, Occupancy};
use chrono::NaiveDate;

pub fn parse(c: &mut Cells, today: NaiveDate) -> Option<Location> {
    let id = c.required("location_id", cells::id);
    let customer_id = c.required("customer_id", cells::id);
    let province = c.required("province", cells::province);
    let city = c.optional("city", cells::text);
    let construction = c.required("construction", cells::label::<Construction>);
    let occupancy = c.required("occupancy", cells::label::<Occupancy>);
    let year_built = c.optional("year_built", cells::year_built(today));
    let sprinklered = c.optional("sprinklered", cells::boolean);
    let sum_insured = c.optional("sum_insured", cells::money);
    Some(Location {
        id: id?,
        customer_id: customer_id?,
        province: province?,
        city: city?,
        construction: construction?,
        occupancy: occupancy?,
        year_built: year_built?,
        sprinklered: sprinklered?,
        sum_insured: sum_insured?,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::parse_row;
    use super::super::Parsed;
    use crate::import::table::Table;
    use crate::model::{Construction, Fen};

    #[test]
    fn chinese_labels_and_yes_no() {
        let (parsed, problems) = parse_row(
            Table::Locations,
            "location_id,customer_id,province,construction,occupancy,year_built,sprinklered,sum_insured",
            "L1,C1,浙江省,钢混,仓储,1998,是,5000000",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let Some(Parsed::Location(l)) = parsed else {
            panic!("not parsed")
        };
        assert_eq!(l.construction, Construction::FireResistive);
        assert_eq!(l.sprinklered, Some(true));
        assert_eq!(l.sum_insured, Some(Fen(500_000_000)));
    }
}
