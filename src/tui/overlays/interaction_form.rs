//! The form that logs an interaction with one customer (`i` in the
//! customer view, and `:log`): kind, channel, date-time, satisfaction (a
//! survey's only: Tab skips it otherwise) and a note, read by
//! `followup::interactions` as the importer reads interactions.csv.

use super::form::{choices_of, Fields, Form, FormFields};
use crate::followup::interactions::{
    self, takes_satisfaction, Field, NewInteraction, DEFAULT_CHANNEL,
};
use crate::model::{Channel, InteractionKind, Labelled};
use crate::tui::batch::Targets;
use crate::tui::line_edit::LineEdit;
use chrono::NaiveDateTime;

impl Fields for Field {
    const ALL: &'static [Field] = &[
        Field::Kind,
        Field::Channel,
        Field::At,
        Field::Satisfaction,
        Field::Note,
    ];

    fn label(self) -> &'static str {
        self.name()
    }

    fn hint(self) -> &'static str {
        match self {
            Field::Kind => "code or 中文",
            Field::Channel => "code or 中文",
            Field::At => "YYYY-MM-DD HH:MM",
            Field::Satisfaction => "1-5, surveys only",
            Field::Note => "optional",
        }
    }

    fn choices(self) -> Option<String> {
        match self {
            Field::Kind => Some(choices_of::<InteractionKind>()),
            Field::Channel => Some(choices_of::<Channel>()),
            _ => None,
        }
    }
}

pub struct InteractionForm {
    /// The one customer it is logged for.
    pub targets: Targets,
    pub fields: FormFields<Field>,
}

impl InteractionForm {
    /// By phone, now; the kind is the user's to say.
    pub fn new(targets: Targets, now: NaiveDateTime) -> InteractionForm {
        InteractionForm {
            targets,
            fields: FormFields::new(|field| match field {
                Field::Channel => DEFAULT_CHANNEL.code().to_string(),
                Field::At => now.format("%Y-%m-%d %H:%M").to_string(),
                _ => String::new(),
            }),
        }
    }

    /// The interaction the fields describe, or the first field in error.
    pub fn interaction(&self) -> interactions::ParseResult<NewInteraction> {
        interactions::parse(|field| self.fields.text(field))
    }

    /// Whether the kind typed so far is one that takes a satisfaction.
    fn asks_satisfaction(&self) -> bool {
        InteractionKind::parse_label(self.fields.text(Field::Kind)).is_some_and(takes_satisfaction)
    }
}

impl Form for InteractionForm {
    fn edit(&mut self) -> &mut LineEdit {
        self.fields.edit()
    }

    fn move_focus(&mut self, forward: bool) {
        let survey = self.asks_satisfaction();
        self.fields
            .move_focus(forward, |f| f != Field::Satisfaction || survey);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> InteractionForm {
        let now = crate::model::date_codec::parse_date_time("2026-06-30 09:05").unwrap();
        let targets = Targets {
            ids: vec!["C1".to_string()].into(),
            rows: vec![0].into(),
            what: "C1".into(),
        };
        InteractionForm::new(targets, now)
    }

    #[test]
    fn defaults_to_a_phone_call_now_and_needs_a_kind() {
        let mut form = form();
        assert_eq!(form.fields.text(Field::At), "2026-06-30 09:05");
        assert_eq!(form.interaction().unwrap_err().0, Field::Kind);
        form.fields.set(Field::Kind, "投诉");
        let new = form.interaction().unwrap();
        assert_eq!(new.channel, Channel::Phone);
        assert_eq!(new.kind, InteractionKind::Complaint);
    }

    #[test]
    fn tab_visits_satisfaction_on_a_survey_only() {
        let mut form = form();
        form.fields.set(Field::Kind, "service");
        let mut visited = Vec::new();
        for _ in 0..4 {
            form.move_focus(true);
            visited.push(form.fields.focus);
        }
        assert_eq!(
            visited,
            [Field::Channel, Field::At, Field::Note, Field::Kind]
        );
        form.fields.set(Field::Kind, "满意度调查");
        form.move_focus(false);
        assert_eq!(form.fields.focus, Field::Note);
        form.move_focus(false);
        assert_eq!(form.fields.focus, Field::Satisfaction);
    }
}
