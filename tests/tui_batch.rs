//! The UI's batch actions driven by keys, as a user would: tag a
//! selection, give it follow-up tasks, run the playbooks, undo; each
//! confirmed first, written on a real book in a temp dir, checked in the
//! book, its audit log and on the rendered 80×24 screen.

mod tui_support;

use pcrm::model::{CustomerDoc, Task, TaskStatus};
use pcrm::store::Book;
use pcrm::tui::app::{App, MessageKind};
use pcrm::tui::keymap::Key;
use pcrm::tui::panes::Pane;
use tui_support::*;

fn shows(app: &App, text: &str) -> bool {
    screen(app, 80, 24).contains(text)
}

fn tags_of(book: &Book, id: &str) -> Vec<String> {
    book.get::<CustomerDoc>(id).unwrap().unwrap().customer.tags
}

fn all_customers(book: &Book) -> Vec<CustomerDoc> {
    book.scan::<CustomerDoc>().map(Result::unwrap).collect()
}

fn all_tasks(book: &Book) -> Vec<Task> {
    book.scan::<Task>().map(Result::unwrap).collect()
}

fn audit_actions(book: &Book) -> Vec<String> {
    book.audit_since(0).map(|e| e.unwrap().action).collect()
}

fn batch_count(book: &Book) -> usize {
    book.batches().count()
}

/// Eight customers; C002 is already `vip`.
fn eight(dir: &std::path::Path) -> std::sync::Arc<Book> {
    let tags: [&[&str]; 8] = [&[], &["vip"], &[], &[], &["old"], &[], &[], &[]];
    hand_book(dir, &tags, &[])
}

#[test]
fn tagging_a_selection_is_one_audited_batch_that_u_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let book = eight(dir.path());
    let before = all_customers(&book);
    let mut app = app(&book);
    keys(&mut app, "<Space> <Space> <Space> <Space> <Space>");
    let selected = app.selected_customer_ids();
    assert_eq!(selected, ["C001", "C002", "C003", "C004", "C005"]);

    keys(&mut app, "t");
    assert!(shows(&app, "tag 5 customers (vip adds, -vip removes): "));
    type_text(&mut app, "vip");
    keys(&mut app, "<Enter>");
    let dialog = screen(&app, 80, 24);
    assert!(
        dialog.contains("Add tag vip to the 5 selected customers:"),
        "{dialog}"
    );
    assert!(
        dialog.contains("4 customers will change, 1 has it already."),
        "{dialog}"
    );
    assert!(dialog.contains("One batch; u undoes it."), "{dialog}");
    assert!(
        dialog.contains("y/<Enter> change   n/<Esc> cancel"),
        "{dialog}"
    );
    assert!(dialog.contains(" CONFIRM "), "{dialog}");

    keys(&mut app, "y");
    wait_until(&mut app, "the tag batch", |a| {
        message(a).starts_with("tagged")
    });
    let (text, kind) = app.message().cloned().unwrap();
    assert_eq!(kind, MessageKind::Info);
    assert_eq!(text, "tagged 4 customers with vip · batch 2 · u undoes");
    for id in &selected {
        assert!(tags_of(&book, id).contains(&"vip".to_string()), "{id}");
    }
    assert_eq!(tags_of(&book, "C005"), ["old", "vip"]);
    assert!(tags_of(&book, "C006").is_empty());
    let batch = book.batches().next().unwrap().unwrap();
    assert_eq!(
        (batch.id, batch.kind.as_str(), batch.undoable),
        (2, "tag", true)
    );
    assert_eq!(batch.user, "li.wei");
    assert!(audit_actions(&book).contains(&"tag.add".to_string()));

    // The roster shows the tags (the filter finds them) and the selection
    // stays for the next action.
    wait_until(&mut app, "the roster's tags", |a| {
        let r = a.roster();
        selected.iter().all(|id| {
            r.row(r.find(id).unwrap())
                .tags()
                .contains(&"vip".to_string())
        })
    });
    assert_eq!(app.selected_customer_ids(), selected);
    keys(&mut app, "f");
    type_text(&mut app, "tag=vip");
    keys(&mut app, "<Enter>");
    assert!(shows(&app, "(5 of 8)"), "{}", screen(&app, 80, 24));

    // `u` names the batch, then reverts it exactly.
    keys(&mut app, "u");
    wait_until(&mut app, "the undo question", |a| shows(a, "Undo batch 2"));
    let dialog = screen(&app, 80, 24);
    assert!(
        dialog.contains("Batch 2 (tag): add tag vip on 4 customers"),
        "{dialog}"
    );
    assert!(dialog.contains("made by li.wei at "), "{dialog}");
    keys(&mut app, "y");
    wait_until(&mut app, "the undo", |a| {
        message(a).starts_with("undo batch 2")
    });
    assert_eq!(all_customers(&book), before);
    let undo = book.batches().next().unwrap().unwrap();
    assert_eq!(undo.kind, "undo");
    assert_eq!(
        book.batch_info(2).unwrap().unwrap().undone_by,
        Some(undo.id)
    );
    assert!(audit_actions(&book).contains(&"undo".to_string()));
    wait_until(&mut app, "the roster's tags back", |a| {
        a.roster()
            .rows()
            .filter(|r| r.tags().contains(&"vip".to_string()))
            .count()
            == 1
    });
    assert!(shows(&app, "(1 of 8)"), "{}", screen(&app, 80, 24));
}

#[test]
fn a_cancelled_confirmation_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let book = eight(dir.path());
    let customers = all_customers(&book);
    let batches = batch_count(&book);
    let mut app = app(&book);
    keys(&mut app, "j j j j <Space> <Space>");
    assert_eq!(app.selected_customer_ids(), ["C005", "C006"]);

    keys(&mut app, "t");
    type_text(&mut app, "-old");
    keys(&mut app, "<Enter>");
    assert!(shows(&app, "Remove tag old from the 2 selected customers:"));
    assert!(shows(&app, "1 customer will change, 1 does not have it."));
    keys(&mut app, "<Esc>");
    assert_eq!(message(&app), "cancelled: nothing was written");
    assert!(!shows(&app, "Remove tag"));

    // The form comes back after a "no" to its question; Esc closes it.
    keys(&mut app, "n");
    type_text(&mut app, "Call back");
    keys(&mut app, "<Enter>");
    assert!(shows(
        &app,
        "Create 2 tasks, one for each of the 2 selected"
    ));
    keys(&mut app, "n");
    assert!(shows(
        &app,
        "New follow-up task for the 2 selected customers"
    ));
    keys(&mut app, "<Esc>");
    assert!(!shows(&app, "New follow-up task"));

    // A tag nobody would lose: said, no question asked.
    keys(&mut app, "t");
    type_text(&mut app, "-gold");
    keys(&mut app, "<Enter>");
    assert_eq!(
        message(&app),
        "nothing to change: the 2 selected customers do not have it"
    );
    // A bad tag keeps the line open to fix it.
    keys(&mut app, "t");
    type_text(&mut app, "no spaces");
    keys(&mut app, "<Enter>");
    assert_eq!(app.message().unwrap().1, MessageKind::Error);
    assert!(message(&app).contains("is not valid"), "{}", message(&app));
    assert!(shows(
        &app,
        "tag 2 customers (vip adds, -vip removes): no spaces"
    ));
    keys(&mut app, "<Esc>");

    assert_eq!(all_customers(&book), customers);
    assert!(all_tasks(&book).is_empty());
    assert_eq!(batch_count(&book), batches);
}

#[test]
fn new_tasks_for_a_selection_show_in_the_tasks_pane_and_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let book = eight(dir.path());
    let mut app = app(&book);
    keys(&mut app, "j j <Space> <Space> <Space>");
    let selected = app.selected_customer_ids();
    assert_eq!(selected, ["C003", "C004", "C005"]);

    keys(&mut app, "n");
    let form = screen(&app, 80, 24);
    assert!(
        form.contains("New follow-up task for the 3 selected customers"),
        "{form}"
    );
    assert!(form.contains("▸ title"), "{form}");
    assert!(form.contains("2026-07-07"), "{form}");
    assert!(form.contains(" NEW TASK "), "{form}");
    // No title: refused, and the title field keeps the focus.
    keys(&mut app, "<Enter>");
    assert!(shows(&app, "the task needs a title"));
    type_text(&mut app, "续保 Renewal call");
    keys(&mut app, "<Tab> <C-u>");
    type_text(&mut app, "+10d");
    keys(&mut app, "<Tab> <Tab> <C-u>");
    type_text(&mut app, "high");
    keys(&mut app, "<Enter>");
    let dialog = screen(&app, 80, 24);
    assert!(
        dialog.contains("Create 3 tasks, one for each of the 3 selected"),
        "{dialog}"
    );
    assert!(dialog.contains("due       2026-07-10"), "{dialog}");
    assert!(dialog.contains("assignee  li.wei"), "{dialog}");
    assert!(dialog.contains("priority  high"), "{dialog}");

    keys(&mut app, "<Enter>");
    wait_until(&mut app, "the task batch", |a| {
        message(a).starts_with("created")
    });
    assert_eq!(
        message(&app),
        "created 3 tasks due 2026-07-10 · batch 2 · u undoes"
    );
    let tasks = all_tasks(&book);
    assert_eq!(tasks.len(), 3);
    let mut owners: Vec<&str> = tasks.iter().map(|t| t.customer_id.as_str()).collect();
    owners.sort();
    assert_eq!(owners, selected);
    for t in &tasks {
        assert_eq!(t.title, "续保 Renewal call");
        assert_eq!(t.due.to_string(), "2026-07-10");
        assert_eq!(t.assignee.as_deref(), Some("li.wei"));
        assert_eq!(t.priority, pcrm::model::Priority::High);
        assert_eq!(t.status, TaskStatus::Open);
    }
    assert!(audit_actions(&book).contains(&"task.add".to_string()));
    // The roster counts them at once; the Tasks pane lists them.
    for id in &selected {
        let row = app.roster().find(id).unwrap();
        assert_eq!(app.roster().row(row).open_tasks(), 1, "{id}");
    }
    assert_eq!(app.selected_customer_ids(), selected);
    keys(&mut app, "4");
    assert_eq!(app.pane(), Pane::Tasks);
    let pane = screen(&app, 80, 24);
    assert_eq!(
        pane.matches("2026-07-10 续保 Renewal call").count(),
        3,
        "{pane}"
    );
    // The whole message shows at 80 columns, the hints making room.
    assert!(
        pane.contains("due 2026-07-10 · batch 2 · u undoes"),
        "{pane}"
    );
    assert!(pane.contains("Upcoming 3"), "{pane}");

    // From the Tasks pane, `u` takes them back.
    keys(&mut app, "u");
    wait_until(&mut app, "the undo question", |a| shows(a, "Undo batch 2"));
    keys(&mut app, "y");
    wait_until(&mut app, "the undo", |a| {
        message(a).starts_with("undo batch 2")
    });
    assert!(all_tasks(&book).is_empty());
    let pane = screen(&app, 80, 24);
    assert!(!pane.contains("2026-07-10 续保"), "{pane}");
    assert!(pane.contains("no task matches"), "{pane}");
    assert!(pane.contains("Upcoming 0"), "{pane}");
    let row = app.roster().find("C003").unwrap();
    assert_eq!(app.roster().row(row).open_tasks(), 0);
}

#[test]
fn the_command_line_tags_untags_and_adds_a_task_for_the_current_row() {
    let dir = tempfile::tempdir().unwrap();
    let book = eight(dir.path());
    let mut app = app(&book);
    keys(&mut app, "G");
    assert_eq!(app.current_customer_id().as_deref(), Some("C008"));
    keys(&mut app, ":");
    type_text(&mut app, "tag gold");
    keys(&mut app, "<Enter>");
    assert!(shows(&app, "Add tag gold to C008 客户8:"));
    keys(&mut app, "y");
    wait_until(&mut app, "the tag", |a| {
        message(a).starts_with("tagged 1 customer with gold")
    });
    assert_eq!(tags_of(&book, "C008"), ["gold"]);

    keys(&mut app, ":");
    type_text(&mut app, "untag gold");
    keys(&mut app, "<Enter> y");
    wait_until(&mut app, "the untag", |a| {
        message(a).starts_with("removed tag gold from 1 customer")
    });
    assert!(tags_of(&book, "C008").is_empty());

    keys(&mut app, ":");
    type_text(
        &mut app,
        r#"task "Renewal call" due=2026-07-15 priority=low"#,
    );
    keys(&mut app, "<Enter>");
    assert!(shows(&app, "Create a task for C008 客户8:"));
    keys(&mut app, "y");
    wait_until(&mut app, "the task", |a| {
        message(a).starts_with("created 1 task ")
    });
    let tasks = all_tasks(&book);
    assert_eq!(tasks.len(), 1);
    assert_eq!(
        (tasks[0].customer_id.as_str(), tasks[0].title.as_str()),
        ("C008", "Renewal call")
    );
    assert_eq!(tasks[0].due.to_string(), "2026-07-15");
    assert_eq!(tasks[0].priority, pcrm::model::Priority::Low);

    // A bad field opens the form on it, with the others filled in.
    keys(&mut app, ":");
    type_text(&mut app, r#"task "Visit" due=someday"#);
    keys(&mut app, "<Enter>");
    let form = screen(&app, 80, 24);
    assert!(form.contains("▸ due"), "{form}");
    assert!(form.contains("Visit"), "{form}");
    assert!(
        form.contains("write a date YYYY-MM-DD or +N days"),
        "{form}"
    );
    keys(&mut app, "<Esc>");
    assert_eq!(all_tasks(&book).len(), 1);
}

#[test]
fn an_undo_that_would_overwrite_a_later_change_is_refused_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let book = eight(dir.path());
    let mut app = app(&book);
    keys(&mut app, "<Space> <Space> <Space> t");
    type_text(&mut app, "vip");
    keys(&mut app, "<Enter> y");
    wait_until(&mut app, "the tag batch", |a| {
        message(a).starts_with("tagged")
    });
    // C001 changes afterwards, outside the batch (as an import would).
    let mut doc = book.get::<CustomerDoc>("C001").unwrap().unwrap();
    doc.customer.name = "改名".into();
    let mut other = book.begin("import", false).unwrap();
    other.put(&doc).unwrap();
    other.commit("rename C001").unwrap();
    let customers = all_customers(&book);

    keys(&mut app, "u");
    wait_until(&mut app, "the undo question", |a| shows(a, "Undo batch 2"));
    keys(&mut app, "y");
    wait_until(&mut app, "the refusal", |a| shows(a, "Undo refused"));
    let notice = screen(&app, 80, 24);
    assert!(
        notice.contains("customers C001 changed after it"),
        "{notice}"
    );
    assert!(notice.contains("Nothing was changed."), "{notice}");
    let (text, kind) = app.message().cloned().unwrap();
    assert_eq!(kind, MessageKind::Error);
    assert!(
        text.starts_with("undo refused: batch 2 (tag) cannot be undone"),
        "{text}"
    );
    keys(&mut app, "<Enter>");
    assert!(!shows(&app, "Undo refused"));
    assert_eq!(all_customers(&book), customers);
}

#[test]
fn playbooks_show_a_dry_run_then_create_and_a_second_run_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo_book(dir.path(), 300);
    let rules = pcrm::classify::Rules::embedded();
    let expected = pcrm::followup::playbooks::run(&book, &rules, as_of(), None, true).unwrap();
    let total = expected.created.len();
    assert!(total > 10, "the demo book should call for tasks: {total}");
    let tasks_before = all_tasks(&book).len();
    let mut app = app(&book);
    // Playbooks read the labels: not while a classification rewrites them.
    app.on_key(Key::char('r'));
    app.on_key(Key::char('p'));
    assert!(
        message(&app).starts_with("classification is running: p again once it is done"),
        "{}",
        message(&app)
    );
    wait_until(&mut app, "the classification", |a| {
        message(a).starts_with("classified in")
    });

    keys(&mut app, "p");
    wait_until(&mut app, "the dry run", |a| shows(a, "Run playbooks"));
    let dialog = screen(&app, 80, 24);
    assert!(
        dialog.contains("Dry run as of 2026-06-30: the playbooks would create"),
        "{dialog}"
    );
    for (playbook, n) in expected.counts() {
        let line = format!("{:<18}{:>9}", playbook.name(), n);
        assert!(dialog.contains(&line), "{line:?} in\n{dialog}");
    }
    // Nothing is written by the dry run.
    assert_eq!(all_tasks(&book).len(), tasks_before);

    keys(&mut app, "y");
    wait_until(&mut app, "the playbook batch", |a| {
        message(a).starts_with("playbooks created")
    });
    let done = message(&app);
    let head = format!("playbooks created {} tasks · batch ", total_text(total));
    assert!(
        done.starts_with(&head) && done.ends_with(" · u undoes"),
        "{done}"
    );
    let made: Vec<Task> = all_tasks(&book)
        .into_iter()
        .filter(|t| t.playbook.is_some())
        .collect();
    assert_eq!(made.len(), total);
    assert!(audit_actions(&book).contains(&"playbook.run".to_string()));
    // The Tasks pane has them, none overdue (due at T or later).
    keys(&mut app, "4 f");
    type_text(
        &mut app,
        "playbook=renewal,winback,risk_survey,vip_care,complaint,service_recovery,education",
    );
    keys(&mut app, "<Enter>");
    let pane = screen(&app, 80, 24);
    let number_after = |label: &str| -> usize {
        let rest = &pane[pane.find(label).unwrap() + label.len()..];
        let digits: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .filter(char::is_ascii_digit)
            .collect();
        digits.parse().unwrap()
    };
    assert_eq!(number_after("Overdue "), 0, "{pane}");
    assert_eq!(
        number_after("Today ") + number_after("Upcoming "),
        total,
        "{pane}"
    );

    // Run again: nothing new to create, and it says so.
    let batches = batch_count(&book);
    keys(&mut app, "p");
    wait_until(&mut app, "the second dry run", |a| {
        shows(a, "Nothing to create")
    });
    let notice = screen(&app, 80, 24);
    assert!(
        notice.contains("tasks they call for exist already."),
        "{notice}"
    );
    assert!(notice.contains("y/<Enter> close"), "{notice}");
    keys(&mut app, "y");
    assert!(!shows(&app, "Nothing to create"));
    assert_eq!(batch_count(&book), batches);
    assert_eq!(all_tasks(&book).len(), tasks_before + total);
}

fn total_text(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn the_customer_view_and_the_tasks_pane_act_on_their_customers() {
    let dir = tempfile::tempdir().unwrap();
    let tasks = [
        ("TA", "C002", "First call", "2026-07-01"),
        ("TB", "C004", "Second call", "2026-07-02"),
        ("TC", "C004", "Third call", "2026-07-03"),
    ];
    let book = hand_book(dir.path(), &[&[], &[], &[], &[]], &tasks);
    let mut app = app(&book);
    // In the customer view, `n` is for that customer, and the view shows
    // the new task once written.
    keys(&mut app, "j j <Enter>");
    assert!(shows(&app, "C003"));
    keys(&mut app, "n");
    assert!(shows(&app, "New follow-up task for C003 客户3"));
    type_text(&mut app, "Site visit");
    keys(&mut app, "<Enter> y");
    wait_until(&mut app, "the task", |a| {
        message(a).starts_with("created 1 task ")
    });
    screen(&app, 80, 24); // page sizes come from the last draw
    keys(&mut app, "G");
    let view = screen(&app, 80, 24);
    assert!(view.contains("Site visit"), "{view}");
    assert_eq!(book.tasks_of("C003").unwrap().len(), 1);

    // In the Tasks pane, `t` tags the customers of the selected tasks.
    keys(&mut app, "<Esc> 4");
    let shown: Vec<String> = (0..3)
        .map(|i| screen(&app, 80, 24).lines().nth(3 + i).unwrap().to_string())
        .collect();
    assert!(shown[0].contains("First call"), "{shown:?}");
    keys(&mut app, "<Space> <Space> <Space> t");
    type_text(&mut app, "callback");
    keys(&mut app, "<Enter>");
    assert!(
        shows(
            &app,
            "Add tag callback to the 2 customers of the selected tasks:"
        ),
        "{}",
        screen(&app, 80, 24)
    );
    keys(&mut app, "y");
    wait_until(&mut app, "the tag", |a| {
        message(a).starts_with("tagged 2 customers")
    });
    for (id, tagged) in [
        ("C001", false),
        ("C002", true),
        ("C003", false),
        ("C004", true),
    ] {
        assert_eq!(
            tags_of(&book, id).contains(&"callback".to_string()),
            tagged,
            "{id}"
        );
    }
}

#[test]
fn while_a_batch_is_written_q_and_other_batches_wait() {
    let dir = tempfile::tempdir().unwrap();
    let book = eight(dir.path());
    let mut app = app(&book);
    keys(&mut app, "t");
    type_text(&mut app, "vip");
    keys(&mut app, "<Enter>");
    // The answers are not applied until events are: the batch is running.
    app.on_key(Key::char('y'));
    assert_eq!(app.batch_running(), Some("tagging"));
    assert!(shows(&app, "tagging…"), "{}", screen(&app, 80, 24));
    app.on_key(Key::char('n'));
    assert_eq!(message(&app), "tagging is still running: a moment");
    app.on_key(Key::char('q'));
    assert!(!app.should_quit());
    assert!(message(&app).starts_with("tagging is still running: q again once it is done"));
    wait_until(&mut app, "the tag", |a| a.batch_running().is_none());
    assert_eq!(tags_of(&book, "C001"), ["vip"]);
    app.on_key(Key::char('q'));
    assert!(app.should_quit());
}
