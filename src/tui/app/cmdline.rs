//! The `:` command line.

use super::App;
use crate::model::date_codec::parse_date;
use crate::roster::{Column, Sort};
use crate::tui::overlays::help::Help;
use crate::tui::overlays::Overlay;

const USAGE: &str = ":q  :asof YYYY-MM-DD  :export segments FILE  :filter EXPR  :sort COLUMN [reverse]  :classify  :help";

impl App {
    pub(super) fn run_command_line(&mut self, line: &str) {
        let mut words = line.split_whitespace();
        let Some(verb) = words.next() else { return };
        let rest: Vec<&str> = words.collect();
        match (verb, rest.as_slice()) {
            ("q" | "q!" | "quit" | "qa" | "wq", []) => self.quit = true,
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
            ("help", []) => self.overlays.push(Overlay::Help(Help::default())),
            _ => self.error(format!("unknown command :{} ({USAGE})", line.trim())),
        }
    }
}
