//! The `:` command line.

use super::App;
use crate::followup::interactions::Field as LogField;
use crate::followup::tags::TagAction;
use crate::model::date_codec::parse_date;
use crate::roster::{Column, Sort};
use crate::tui::overlays::form::{Fields, FormFields};
use crate::tui::overlays::help::Help;
use crate::tui::overlays::interaction_form::InteractionForm;
use crate::tui::overlays::task_form::{self, TaskForm};
use crate::tui::overlays::Overlay;

const USAGE: &str = ":q  :tag TAG  :untag TAG  :task \"TITLE\" due=DATE assignee=A priority=P  :log KIND [CHANNEL] [\"NOTE\"] at=DATE-TIME satisfaction=N  :undo  :playbooks  :asof YYYY-MM-DD  :export segments FILE  :filter EXPR  :sort COLUMN [reverse]  :classify  :help";

impl App {
    pub(super) fn run_command_line(&mut self, line: &str) {
        let mut words = line.split_whitespace();
        let Some(verb) = words.next() else { return };
        let rest: Vec<&str> = words.collect();
        match (verb, rest.as_slice()) {
            ("q" | "quit" | "qa" | "wq", []) => self.ask_quit(),
            ("q!", []) => self.quit = true,
            ("asof", [date]) => match parse_date(date) {
                Some(date) => self.set_as_of(date),
                None => self.error(format!("{date:?} is not a date (YYYY-MM-DD)")),
            },
            ("export", ["segments", file]) => self.export_segments(file),
            ("filter", terms) => {
                let text = terms.join(" ");
                if let Err(e) = self.set_customer_filter(&text) {
                    self.error(e);
                }
            }
            ("sort", [column, order @ ..]) => {
                let found = Column::ALL.iter().find(|c| {
                    c.title().eq_ignore_ascii_case(column)
                        || format!("{c:?}").eq_ignore_ascii_case(column)
                });
                match (found, order) {
                    (Some(c), [] | ["reverse"]) => {
                        self.customers.sort = Sort {
                            column: *c,
                            reversed: !order.is_empty(),
                        };
                        self.request_view(false);
                    }
                    _ => self.error(format!(
                        "sort by one of: {} (then optionally `reverse`)",
                        Column::ALL.map(|c| c.title().to_lowercase()).join(", ")
                    )),
                }
            }
            ("classify", []) => self.classify_now(),
            ("tag" | "untag" | "task" | "log", _) if self.batch_busy() => {}
            ("tag" | "untag", [tag]) => {
                let action = if verb == "tag" {
                    TagAction::Add
                } else {
                    TagAction::Remove
                };
                let asked = self
                    .batch_targets()
                    .and_then(|targets| self.ask_tag(targets, action, tag));
                if let Err(e) = asked {
                    self.error(e);
                }
            }
            ("task", []) => self.task_form(),
            ("task" | "log", [_, ..]) => {
                self.form_command(verb, line.trim_start()[verb.len()..].trim())
            }
            ("log", []) => self.interaction_form(),
            ("undo", []) => self.undo_last(),
            ("playbooks", []) => self.playbooks(),
            ("help", []) => self.overlays.push(Overlay::Help(Help::default())),
            _ => self.error(format!("unknown command :{} ({USAGE})", line.trim())),
        }
    }
}

impl App {
    /// `:task "Renewal call" due=2026-07-15 priority=high` and
    /// `:log complaint wechat "late payout" at="2026-06-29 10:00"`: the
    /// form of `n` or `i` filled from the line (the rest keeps its
    /// defaults), then submitted as Enter would: the confirmation if the
    /// fields hold, else the form on the field to fix.
    fn form_command(&mut self, verb: &str, args: &str) {
        match self.filled_form(verb, args) {
            Ok(form) => {
                self.overlays.push(form);
                self.submit_form();
            }
            Err(e) => self.error(e),
        }
    }

    fn filled_form(&self, verb: &str, args: &str) -> Result<Overlay, String> {
        let targets = self.batch_targets()?;
        let words = split_quoted(args)?;
        Ok(if verb == "task" {
            let mut form = TaskForm::new(targets, self.as_of, self.book.user());
            fill(&mut form.fields, &words, &[task_form::Field::Title]);
            Overlay::TaskForm(Box::new(form))
        } else {
            let now = chrono::Local::now().naive_local();
            let mut form = InteractionForm::new(targets.only_one()?, now);
            let in_order = [LogField::Kind, LogField::Channel, LogField::Note];
            fill(&mut form.fields, &words, &in_order);
            Overlay::InteractionForm(Box::new(form))
        })
    }
}

/// Sets a form's fields from a command line's words: `label=value` sets
/// that field; the other words go to `in_order` one by one, the last of
/// them taking all the words left.
fn fill<F: Fields>(fields: &mut FormFields<F>, words: &[String], in_order: &[F]) {
    let mut bare = Vec::new();
    for word in words {
        match word
            .split_once('=')
            .and_then(|(k, v)| Some((F::named(k)?, v)))
        {
            Some((field, value)) => fields.set(field, value),
            None => bare.push(word.as_str()),
        }
    }
    for (i, field) in in_order.iter().enumerate() {
        let last = i + 1 == in_order.len();
        let taken = if last { bare.len() } else { 1 };
        let text: Vec<&str> = bare.drain(..taken.min(bare.len())).collect();
        if !text.is_empty() {
            fields.set(*field, &text.join(" "));
        }
    }
}

/// Words of a command line; `"..."` or `'...'` hold spaces.
fn split_quoted(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut in_word = false;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if std::mem::take(&mut in_word) {
                    words.push(std::mem::take(&mut word));
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if quote.is_some() {
        return Err(format!("{text}: a quote is not closed"));
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_words_fill_the_fields_in_order_the_last_taking_the_rest() {
        let now = crate::model::date_codec::parse_date_time("2026-06-30 09:00").unwrap();
        let targets = crate::tui::batch::Targets {
            ids: vec!["C1".to_string()].into(),
            rows: vec![0].into(),
            what: "C1".into(),
        };
        let mut form = InteractionForm::new(targets, now);
        let words = split_quoted(r#"投诉 wechat late payout "at=2026-06-29 10:00" sat=4"#).unwrap();
        fill(
            &mut form.fields,
            &words,
            &[LogField::Kind, LogField::Channel, LogField::Note],
        );
        let text = |f| form.fields.text(f).to_string();
        assert_eq!(text(LogField::Kind), "投诉");
        assert_eq!(text(LogField::Channel), "wechat");
        assert_eq!(text(LogField::At), "2026-06-29 10:00");
        // Not a field's name: an ordinary word of the note.
        assert_eq!(text(LogField::Note), "late payout sat=4");
        assert_eq!(text(LogField::Satisfaction), "");
        // Fewer words leave the defaults.
        let mut form = InteractionForm::new(form.targets.clone(), now);
        fill(
            &mut form.fields,
            &["service".to_string()],
            &[LogField::Kind, LogField::Channel],
        );
        assert_eq!(form.fields.text(LogField::Channel), "phone");
    }

    #[test]
    fn quotes_hold_spaces() {
        assert_eq!(
            split_quoted(r#""Renewal call" due=+7  assignee='li wei' "" x"#).unwrap(),
            ["Renewal call", "due=+7", "assignee=li wei", "", "x"]
        );
        assert_eq!(
            split_quoted("due=\"2026-07-15\"").unwrap(),
            ["due=2026-07-15"]
        );
        assert!(split_quoted("\"open").unwrap_err().contains("not closed"));
    }
}
