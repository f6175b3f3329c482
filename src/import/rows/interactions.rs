//! A row of interactions.csv.

use super::Cells;
use crate::import::cells;
use crate::model::{Channel, Interaction, InteractionKind};

pub fn parse(c: &mut Cells) -> Option<Interaction> {
    let id = c.required("interaction_id", cells::id);
    let customer_id = c.required("customer_id", cells::id);
    let at = c.required("at", cells::date_time);
    let channel = c.required("channel", cells::label::<Channel>);
    let kind = c.required("kind", cells::label::<InteractionKind>);
    let satisfaction = c.optional("satisfaction", cells::satisfaction);
    let note = c.optional("note", cells::text);
    Some(Interaction {
        id: id?,
        customer_id: customer_id?,
        at: at?,
        channel: channel?,
        kind: kind?,
        satisfaction: satisfaction?,
        note: note?,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::parse_row;
    use super::super::Parsed;
    use crate::import::table::Table;
    use crate::model::{date_codec::format_date_time, InteractionKind};

    #[test]
    fn a_date_is_a_midnight_date_time() {
        let (parsed, problems) = parse_row(
            Table::Interactions,
            "interaction_id,customer_id,at,channel,kind,satisfaction",
            "I1,C1,2026-05-04,微信,满意度调查,4",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let Some(Parsed::Interaction(i)) = parsed else {
            panic!("not parsed")
        };
        assert_eq!(format_date_time(i.at), "2026-05-04T00:00:00");
        assert_eq!(i.kind, InteractionKind::Survey);
        assert_eq!(i.satisfaction, Some(4));
    }
}
