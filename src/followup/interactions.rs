//! Logging one interaction by hand (the UI's `i` and `:log`): its fields
//! read with the importer's cell parsers, written into its customer's doc
//! as one audited, undoable batch.

use crate::import::cells;
use crate::model::{Channel, Interaction, InteractionKind};
use crate::store::{now_micros, Book, Result};
use chrono::NaiveDateTime;

/// The fields of a logged interaction, named as interactions.csv's columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Kind,
    Channel,
    At,
    Satisfaction,
    Note,
}

impl Field {
    /// The column of interactions.csv.
    pub fn name(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Channel => "channel",
            Field::At => "at",
            Field::Satisfaction => "satisfaction",
            Field::Note => "note",
        }
    }
}

/// The channel of an interaction unless told otherwise.
pub const DEFAULT_CHANNEL: Channel = Channel::Phone;

/// A satisfaction score is asked for on a survey only.
pub fn takes_satisfaction(kind: InteractionKind) -> bool {
    kind == InteractionKind::Survey
}

/// A value read from the fields, or the field in error and why.
pub type ParseResult<T> = std::result::Result<T, (Field, String)>;

/// What is logged; the id and customer are given when it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct NewInteraction {
    pub kind: InteractionKind,
    pub channel: Channel,
    pub at: NaiveDateTime,
    pub satisfaction: Option<u8>,
    pub note: Option<String>,
}

/// Reads the fields from their texts as the importer reads a row of
/// interactions.csv (codes or Chinese labels, a date-time with a space or
/// `T`, satisfaction 1-5), and refuses a satisfaction on anything but a
/// survey. The error names the first field in error and what is wrong.
pub fn parse<'a>(text: impl Fn(Field) -> &'a str) -> ParseResult<NewInteraction> {
    let cell = |field: Field| {
        let text = text(field).trim();
        (!text.is_empty()).then_some(text)
    };
    let required = |field: Field| {
        cell(field).ok_or_else(|| (field, format!("the interaction needs its {}", field.name())))
    };
    let kind_text = required(Field::Kind)?;
    let kind = checked(Field::Kind, kind_text, cells::label(kind_text))?;
    let channel_text = required(Field::Channel)?;
    let channel = checked(Field::Channel, channel_text, cells::label(channel_text))?;
    let at_text = required(Field::At)?;
    let at = checked(Field::At, at_text, cells::date_time(at_text))?;
    let satisfaction = match cell(Field::Satisfaction) {
        None => None,
        Some(_) if !takes_satisfaction(kind) => {
            return Err((
                Field::Satisfaction,
                format!("satisfaction is for a survey only, not {kind}: clear it"),
            ))
        }
        Some(s) => Some(checked(Field::Satisfaction, s, cells::satisfaction(s))?),
    };
    Ok(NewInteraction {
        kind,
        channel,
        at,
        satisfaction,
        note: cell(Field::Note).map(str::to_string),
    })
}

/// A cell parser's verdict, with the field and the value it was given.
fn checked<T>(field: Field, value: &str, parsed: cells::Parsed<T>) -> ParseResult<T> {
    parsed.map_err(|why| (field, format!("{} {value:?}: {why}", field.name())))
}

/// The interaction written and the batch that wrote it.
#[derive(Clone, Debug, PartialEq)]
pub struct Logged {
    pub batch_id: u64,
    pub interaction: Interaction,
}

/// Writes `new` for customer `customer_id` (which must exist) as one
/// undoable batch, with an audit entry naming the user. Its id is
/// `I<batch>-1`: batch ids are never reused, so only an imported
/// interaction could hold it, and then the id gets a suffix instead.
pub fn log(book: &Book, customer_id: &str, new: &NewInteraction) -> Result<Logged> {
    let mut batch = book.begin("interaction", true)?;
    let mut id = format!("I{}-1", batch.id());
    if batch.owner_of::<Interaction>(&id)?.is_some() {
        id = format!("I{}x{}-1", batch.id(), now_micros());
    }
    let interaction = Interaction {
        id: id.clone(),
        customer_id: customer_id.to_string(),
        at: new.at,
        channel: new.channel,
        kind: new.kind,
        satisfaction: new.satisfaction,
        note: new.note.clone(),
    };
    batch.put_child(interaction.clone())?;
    let detail = format!(
        "log {} by {} at {} for {customer_id}",
        new.kind,
        new.channel,
        new.at.format("%Y-%m-%d %H:%M")
    );
    batch.audit(
        "interaction.log",
        &format!("customers/{customer_id}/interactions/{id}"),
        &detail,
        None,
    )?;
    let info = batch.commit(&detail)?;
    Ok(Logged {
        batch_id: info.id,
        interaction,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date_codec::{format_date_time, parse_date_time};
    use crate::model::CustomerDoc;
    use crate::store::check::check;

    /// A small demo book whose first customer holds an interaction
    /// imported with the id the next batch would give; the ids of its
    /// first two customers.
    fn book(dir: &std::path::Path) -> (Book, [String; 2]) {
        let book = Book::open(dir, "li.wei").unwrap();
        let options = crate::demo::DemoOptions {
            customers: 3,
            seed: 1,
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        };
        crate::demo::generate(&book, &options, &mut |_, _| {}).unwrap();
        let ids: Vec<String> = book
            .scan::<CustomerDoc>()
            .map(|doc| doc.unwrap().customer.id)
            .collect();
        let mut batch = book.begin("import", false).unwrap();
        let taken = Interaction {
            id: format!("I{}-1", batch.id() + 1),
            customer_id: ids[0].clone(),
            at: parse_date_time("2026-01-05 09:00").unwrap(),
            channel: Channel::Visit,
            kind: InteractionKind::Visit,
            satisfaction: None,
            note: None,
        };
        batch.put_child(taken).unwrap();
        batch.commit("import").unwrap();
        (book, [ids[0].clone(), ids[1].clone()])
    }

    fn survey() -> NewInteraction {
        parse(|f| ["survey", "微信", "2026-06-28 10:30", "5", "续保满意"][f as usize]).unwrap()
    }

    #[test]
    fn logs_into_the_customers_doc_with_an_id_no_import_holds() {
        let dir = tempfile::tempdir().unwrap();
        let (book, [first, second]) = book(dir.path());
        let before = book.doc(&first).unwrap().unwrap();
        let logged = log(&book, &second, &survey()).unwrap();
        let id = &logged.interaction.id;
        let prefix = format!("I{}x", logged.batch_id);
        assert!(id.starts_with(&prefix) && id.ends_with("-1"), "{id}");
        assert!(crate::model::ids::is_valid_record_id(id), "{id}");
        let doc = book.doc(&second).unwrap().unwrap();
        assert!(doc.interactions.contains(&logged.interaction));
        assert_eq!(doc.find::<Interaction>(id).unwrap().satisfaction, Some(5));
        let owner = book.owner_of::<Interaction>(id).unwrap();
        assert_eq!(owner.as_ref(), Some(&second));
        assert_eq!(book.doc(&first).unwrap().unwrap(), before);
        assert_eq!(check(&book).unwrap(), Vec::<String>::new());
        let audit: Vec<_> = book.audit_since(0).map(Result::unwrap).collect();
        let entry = audit.last().unwrap();
        assert_eq!(
            (entry.action.as_str(), entry.user.as_str(), entry.batch),
            ("interaction.log", "li.wei", logged.batch_id)
        );
        assert_eq!(
            entry.target,
            format!("customers/{second}/interactions/{id}")
        );
        assert_eq!(
            entry.detail,
            format!("log survey by wechat at 2026-06-28 10:30 for {second}")
        );
        let (_, dirty) = book.dirty_customers().unwrap();
        assert!(dirty.contains(&second), "{dirty:?}");

        // Undo takes it out of the doc and the owner index.
        crate::followup::undo::undo(&book, None).unwrap();
        let doc = book.doc(&second).unwrap().unwrap();
        assert_eq!(doc.find::<Interaction>(id), None);
        assert_eq!(book.owner_of::<Interaction>(id).unwrap(), None);
        assert_eq!(check(&book).unwrap(), Vec::<String>::new());
        // The next batch's id is free: it is taken as it is.
        let again = log(&book, &second, &survey()).unwrap();
        assert_eq!(again.interaction.id, format!("I{}-1", again.batch_id));
    }

    #[test]
    fn an_unknown_customer_is_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let (book, _) = book(dir.path());
        let batches = book.batches().count();
        let err = log(&book, "C404", &survey()).unwrap_err();
        assert_eq!(err.to_string(), "customer C404 does not exist");
        assert_eq!(book.batches().count(), batches);
        assert_eq!(check(&book).unwrap(), Vec::<String>::new());
    }

    fn parsed(texts: [&str; 5]) -> ParseResult<NewInteraction> {
        parse(|f| texts[f as usize])
    }

    #[test]
    fn reads_codes_labels_and_both_date_time_forms() {
        let new = parsed([
            "满意度调查",
            "WeChat",
            "2026-06-28 10:30",
            " 4 ",
            " 很满意 ",
        ])
        .unwrap();
        assert_eq!(new.kind, InteractionKind::Survey);
        assert_eq!(new.channel, Channel::Wechat);
        assert_eq!(format_date_time(new.at), "2026-06-28T10:30:00");
        assert_eq!(new.satisfaction, Some(4));
        assert_eq!(new.note.as_deref(), Some("很满意"));
        let new = parsed(["complaint", "电话", "2026-06-28T10:30:05", "", "  "]).unwrap();
        assert_eq!((new.satisfaction, new.note), (None, None));
        assert_eq!(format_date_time(new.at), "2026-06-28T10:30:05");
    }

    #[test]
    fn names_the_first_field_in_error() {
        let (field, why) = parsed(["", "phone", "2026-06-28", "", ""]).unwrap_err();
        assert_eq!(
            (field, why.as_str()),
            (Field::Kind, "the interaction needs its kind")
        );
        let (field, why) = parsed(["call", "phone", "2026-06-28", "", ""]).unwrap_err();
        assert_eq!(field, Field::Kind);
        assert!(
            why.starts_with("kind \"call\": not one of inquiry, quote,"),
            "{why}"
        );
        let (field, why) = parsed(["service", "fax", "2026-06-28", "", ""]).unwrap_err();
        assert_eq!(field, Field::Channel);
        assert!(
            why.starts_with("channel \"fax\": not one of phone"),
            "{why}"
        );
        let (field, why) = parsed(["service", "phone", "28/06/2026", "", ""]).unwrap_err();
        assert_eq!(field, Field::At);
        assert!(why.contains("not a date-time (YYYY-MM-DD HH:MM"), "{why}");
        let (field, why) = parsed(["survey", "phone", "2026-06-28", "6", ""]).unwrap_err();
        assert_eq!(field, Field::Satisfaction);
        assert!(why.contains("not a whole number from 1 to 5"), "{why}");
        let (field, why) = parsed(["service", "phone", "2026-06-28", "4", ""]).unwrap_err();
        assert_eq!(
            (field, why.as_str()),
            (
                Field::Satisfaction,
                "satisfaction is for a survey only, not service: clear it"
            )
        );
    }
}
