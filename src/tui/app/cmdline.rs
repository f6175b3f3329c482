//! The `:` command line.

use super::App;
use crate::followup::tags::TagAction;
use crate::model::date_codec::parse_date;
use crate::roster::{Column, Sort};
use crate::tui::overlays::help::Help;
use crate::tui::overlays::task_form::{Field, TaskForm};
use crate::tui::overlays::Overlay;

const USAGE: &str = ":q  :tag TAG  :untag TAG  :task \"TITLE\" due=DATE assignee=A priority=P  :undo  :playbooks  :asof YYYY-MM-DD  :export segments FILE  :filter EXPR  :sort COLUMN [reverse]  :classify  :help";

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
            ("tag" | "untag" | "task", _) if self.batch_busy() => {}
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
            ("task", [_, ..]) => self.task_command(line.trim_start()["task".len()..].trim()),
            ("undo", []) => self.undo_last(),
            ("playbooks", []) => self.playbooks(),
            ("help", []) => self.overlays.push(Overlay::Help(Help::default())),
            _ => self.error(format!("unknown command :{} ({USAGE})", line.trim())),
        }
    }
}

impl App {
    /// `:task "Renewal call" due=2026-07-15 assignee=li.wei priority=high`:
    /// the form's fields from the line (the rest default as in `n`); the
    /// confirmation if they hold, else the form showing what to fix.
    fn task_command(&mut self, args: &str) {
        let targets = match self.batch_targets() {
            Ok(targets) => targets,
            Err(e) => return self.error(e),
        };
        let words = match split_quoted(args) {
            Ok(words) => words,
            Err(e) => return self.error(e),
        };
        let mut form = TaskForm::new(targets, self.as_of, self.book.user());
        let mut title = Vec::new();
        for word in &words {
            match word.split_once('=').map(|(k, v)| (Field::named(k), v)) {
                Some((Some(field), value)) if field != Field::Title => form.set(field, value),
                _ => title.push(word.as_str()),
            }
        }
        form.set(Field::Title, &title.join(" "));
        match form.task(self.as_of) {
            Ok(task) => self.ask_tasks(form.targets, task),
            Err((field, why)) => {
                form.focus = field;
                form.problem = Some(why.clone());
                self.overlays.push(Overlay::TaskForm(Box::new(form)));
                self.error(why);
            }
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
    use super::split_quoted;

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
