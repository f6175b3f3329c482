//! Logging an interaction from the UI, driven by keys as a user would: the
//! form in the customer view, its refusals, the confirmation, the write on
//! a real book in a temp dir (doc, owner index, audit), the timeline, the
//! reclassification, `u`; and `:log`.

mod tui_support;

use pcrm::model::{Channel, Interaction, InteractionKind};
use pcrm::store::Book;
use pcrm::tui::app::{App, MessageKind};
use tui_support::*;

/// Clears the focused field, types `text` into it, then presses `then`.
fn retype(app: &mut App, text: &str, then: &str) {
    keys(app, "<C-u>");
    type_text(app, text);
    keys(app, then);
}

fn shown(app: &App) -> String {
    screen(app, 80, 24)
}

/// The screen, checked to show every one of `wanted`.
fn shows_all(app: &App, wanted: &[&str]) -> String {
    let text = shown(app);
    for w in wanted {
        assert!(text.contains(w), "{w:?} in\n{text}");
    }
    text
}

/// The end of the customer view (its page size comes from the last draw).
fn view_bottom(app: &mut App) -> String {
    shown(app);
    keys(app, "G");
    shown(app)
}

fn interactions(book: &Book, customer: &str) -> Vec<Interaction> {
    book.doc(customer).unwrap().unwrap().interactions
}

fn recency(book: &Book, customer: &str) -> Option<Option<u32>> {
    pcrm::classify::stored(book, customer)
        .unwrap()
        .map(|c| c.behavior.recency_days)
}

/// Four customers without interactions, classified (no touch: no
/// recency), in a temp dir (kept while the test runs), and the app on them.
fn four() -> (tempfile::TempDir, std::sync::Arc<Book>, App) {
    let dir = tempfile::tempdir().unwrap();
    let book = hand_book(dir.path(), &[&[], &[], &[], &[]], &[]);
    let app = app(&book);
    (dir, book, app)
}

#[test]
fn an_interaction_logged_in_the_customer_view_is_written_shown_reclassified_and_undone() {
    let (_dir, book, mut app) = four();
    assert_eq!(recency(&book, "C003"), Some(None));
    keys(&mut app, "j j <Enter>");
    let view = view_bottom(&mut app);
    assert!(view.contains("Interactions (0, newest first)"), "{view}");
    assert!(view.contains("i log an interaction"), "{view}");

    keys(&mut app, "i");
    // By phone, now (to the minute); the kind's choices are listed while
    // it has the focus.
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    shows_all(
        &app,
        &[
            "Log an interaction with C003 客户3",
            "▸ kind",
            "phone",
            " LOG ",
            "survey 满意度调查",
            &today,
        ],
    );

    // No kind, then an unknown one: refused, the form stays on the kind.
    keys(&mut app, "<Enter>");
    shows_all(&app, &["the interaction needs its kind"]);
    type_text(&mut app, "call");
    keys(&mut app, "<Enter>");
    let (why, kind) = app.message().cloned().unwrap();
    assert_eq!(kind, MessageKind::Error);
    assert!(
        why.starts_with("kind \"call\": not one of inquiry, quote, purchase"),
        "{why}"
    );
    shows_all(&app, &["kind \"call\": not one of", "▸ kind"]);

    // A survey by WeChat two days before the as-of date, rated 6 (refused:
    // 1 to 5), then 4.
    retype(&mut app, "满意度调查", "<Tab>");
    shows_all(&app, &["wechat 微信"]);
    retype(&mut app, "wechat", "<Tab>");
    retype(&mut app, "2026-06-28 10:30", "<Tab>");
    shows_all(&app, &["▸ satisfaction"]);
    type_text(&mut app, "6");
    keys(&mut app, "<Tab>");
    type_text(&mut app, "续保很满意");
    keys(&mut app, "<Enter>");
    let why = "satisfaction \"6\": not a whole number from 1 to 5";
    shows_all(&app, &[why, "▸ satisfaction"]);
    retype(&mut app, "4", "<Enter>");
    shows_all(
        &app,
        &[
            "Log an interaction with C003 客户3:",
            "kind          survey 满意度调查",
            "channel       wechat 微信",
            "at            2026-06-28 10:30",
            "satisfaction  4",
            "note          续保很满意",
            "One batch; u undoes it.",
            "y/<Enter> log   n/<Esc> cancel",
        ],
    );
    assert!(interactions(&book, "C003").is_empty(), "asked, not written");

    keys(&mut app, "y");
    wait_until(&mut app, "the interaction", |a| {
        message(a).starts_with("logged")
    });
    let written = interactions(&book, "C003");
    assert_eq!(written.len(), 1);
    let logged = &written[0];
    assert_eq!(
        message(&app),
        format!("logged {} survey with C003 · batch 2 · u undoes", logged.id)
    );
    assert_eq!(logged.id, "I2-1");
    assert_eq!(logged.customer_id, "C003");
    assert_eq!(logged.kind, InteractionKind::Survey);
    assert_eq!(logged.channel, Channel::Wechat);
    assert_eq!(logged.at.to_string(), "2026-06-28 10:30:00");
    assert_eq!(logged.satisfaction, Some(4));
    assert_eq!(logged.note.as_deref(), Some("续保很满意"));
    assert_eq!(
        book.owner_of::<Interaction>("I2-1").unwrap().as_deref(),
        Some("C003")
    );
    for other in ["C001", "C002", "C004"] {
        assert!(interactions(&book, other).is_empty(), "{other}");
    }
    let batch = book.batches().next().unwrap().unwrap();
    assert_eq!(
        (batch.id, batch.kind.as_str(), batch.user.as_str()),
        (2, "interaction", "li.wei")
    );
    let audit = book.audit_since(0).last().unwrap().unwrap();
    assert_eq!(
        (audit.action.as_str(), audit.user.as_str()),
        ("interaction.log", "li.wei")
    );
    assert_eq!(audit.target, "customers/C003/interactions/I2-1");

    // The view shows it at once; the engine reclassifies the customer
    // (its latest touch is now two days before the as-of date).
    let view = view_bottom(&mut app);
    assert!(view.contains("Interactions (1, newest first)"), "{view}");
    assert!(
        view.contains("2026-06-28 10:30  wechat  survey sat 4  续保很满意"),
        "{view}"
    );
    wait_until(&mut app, "the reclassification", |_| {
        recency(&book, "C003") == Some(Some(2))
    });

    // `u` from the view takes it back, everywhere.
    keys(&mut app, "u");
    wait_until(&mut app, "the undo question", |a| {
        shown(a).contains("Undo batch 2")
    });
    shows_all(&app, &["Batch 2 (interaction): log survey by wechat"]);
    keys(&mut app, "y");
    wait_until(&mut app, "the undo", |a| {
        message(a).starts_with("undo batch 2")
    });
    assert!(interactions(&book, "C003").is_empty());
    assert_eq!(book.owner_of::<Interaction>("I2-1").unwrap(), None);
    let view = view_bottom(&mut app);
    assert!(view.contains("Interactions (0, newest first)"), "{view}");
    assert!(!view.contains("续保很满意"), "{view}");
    wait_until(&mut app, "the reclassification back", |_| {
        recency(&book, "C003") == Some(None)
    });
    assert!(pcrm::store::check::check(&book).unwrap().is_empty());
}

#[test]
fn esc_and_no_write_nothing() {
    let (_dir, book, mut app) = four();
    let batches = book.batches().count();
    keys(&mut app, "<Enter> i");
    type_text(&mut app, "service");
    keys(&mut app, "<Tab> <Tab> <Tab>");
    // Not a survey: Tab went from the date-time straight to the note.
    shows_all(&app, &["▸ note"]);
    type_text(&mut app, "回电");
    keys(&mut app, "<Enter>");
    shows_all(&app, &["Log an interaction with C001 客户1:"]);
    // No: back to the form, as it was; Esc closes it.
    keys(&mut app, "n");
    assert_eq!(message(&app), "cancelled: nothing was written");
    shows_all(&app, &["Log an interaction with C001 客户1", "回电"]);
    keys(&mut app, "<Esc>");
    let view = view_bottom(&mut app);
    assert!(!view.contains("Log an interaction"), "{view}");
    assert!(view.contains("Interactions (0, newest first)"), "{view}");
    // Esc on a form being typed in writes nothing either.
    keys(&mut app, "i");
    type_text(&mut app, "inquiry");
    keys(&mut app, "<Esc>");
    assert!(!shown(&app).contains("Log an interaction"));
    assert_eq!(book.batches().count(), batches);
    for id in ["C001", "C002", "C003", "C004"] {
        assert!(interactions(&book, id).is_empty(), "{id}");
    }
}

#[test]
fn the_command_line_logs_for_the_current_row_and_refuses_a_selection() {
    let (_dir, book, mut app) = four();
    keys(&mut app, "G :");
    type_text(
        &mut app,
        r#"log 投诉 wechat "理赔太慢" at="2026-06-29 09:00""#,
    );
    keys(&mut app, "<Enter>");
    shows_all(
        &app,
        &[
            "Log an interaction with C004 客户4:",
            "kind          complaint 投诉",
            "note          理赔太慢",
        ],
    );
    keys(&mut app, "y");
    wait_until(&mut app, "the interaction", |a| {
        message(a).starts_with("logged")
    });
    let written = interactions(&book, "C004");
    assert_eq!(written.len(), 1);
    assert_eq!(
        (written[0].kind, written[0].channel),
        (InteractionKind::Complaint, Channel::Wechat)
    );
    assert_eq!(written[0].at.to_string(), "2026-06-29 09:00:00");

    // A bad field opens the form on it, the rest filled in.
    keys(&mut app, ":");
    type_text(&mut app, "log visit 上门 at=yesterday");
    keys(&mut app, "<Enter>");
    shows_all(&app, &["▸ at", "上门", "at \"yesterday\": not a date-time"]);
    keys(&mut app, "<Esc>");

    // An interaction is with one customer.
    keys(&mut app, "g g <Space> <Space> :");
    type_text(&mut app, "log service");
    keys(&mut app, "<Enter>");
    assert_eq!(app.message().unwrap().1, MessageKind::Error);
    assert!(
        message(&app).starts_with("an interaction is logged with one customer, and 2 are selected"),
        "{}",
        message(&app)
    );
    assert!(!shown(&app).contains("Log an interaction"));
    assert_eq!(book.batches().count(), 2);
}
