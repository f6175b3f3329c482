//! After a batch (a batch action or a task edit), the UI shows exactly
//! what it changed.

use super::jobs::RESEARCH_UP_TO;
use super::App;
use crate::classify::Job;
use crate::tui::batch::Changes;
use crate::tui::overlays::Overlay;
use crate::tui::panes::customer_view::CustomerView;

impl App {
    /// Shows what a batch changed: the Tasks pane takes its tasks and the
    /// roster their customers' open-task counts at once; changed records
    /// (tags) are read again by the feeder; the labels and search ranks of
    /// every customer touched are worked out again, and an open customer
    /// view among them is read again. Untouched parts cost nothing, so a
    /// tag batch on 100,000 customers does not re-sort the task queue.
    pub(super) fn apply_changes(&mut self, changes: Changes) {
        let touched = changes.customers_touched();
        if touched.is_empty() {
            return;
        }
        let task_customers = changes.task_customers();
        if !task_customers.is_empty() {
            let removed: Vec<String> = changes
                .removed_tasks
                .iter()
                .map(|(t, _)| t.clone())
                .collect();
            self.tasks.apply(changes.tasks, &removed, self.as_of);
            for (id, open) in self.tasks.open_counts(&task_customers) {
                if let Some(row) = self.roster.find(&id) {
                    self.roster
                        .set_open_tasks(row, open.min(usize::from(u16::MAX)) as u16);
                }
            }
        }
        if !changes.customers.is_empty() {
            self.refresh_customers(changes.customers);
        }
        if touched.len() <= RESEARCH_UP_TO {
            self.workers.searcher.refresh(touched.clone());
        }
        self.reload_customer_views(Some(&touched));
        self.workers.engine.request(Job::Customers(touched));
        self.view_stale();
    }

    /// Reads an open customer view again if its customer is among `touched`
    /// (`None`: too many to list, so any).
    pub(super) fn reload_customer_views(&mut self, touched: Option<&[String]>) {
        for overlay in &mut self.overlays {
            let Overlay::Customer(view) = overlay else {
                continue;
            };
            let id = view.doc.customer.id.clone();
            if touched.is_some_and(|t| !t.contains(&id)) {
                continue;
            }
            if let Ok(Some(mut fresh)) =
                CustomerView::load(&self.book, &id, &self.rules, self.as_of)
            {
                fresh.top = view.top;
                **view = fresh;
            }
        }
    }
}
