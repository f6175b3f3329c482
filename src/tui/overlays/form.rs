//! What the forms share (`n` a new task, `i` an interaction): one-line
//! fields named by an enum, the focused one, and why the last submit was
//! refused. The dialog (`draw/dialogs.rs`) draws any of them; the app types
//! into and moves through any of them as a [`Form`].

use crate::model::Labelled;
use crate::tui::line_edit::LineEdit;

/// The fields of one form.
pub trait Fields: Copy + PartialEq + 'static {
    /// In the order Tab visits them.
    const ALL: &'static [Self];

    fn label(self) -> &'static str;

    /// What the field takes, shown beside it.
    fn hint(self) -> &'static str;

    /// Every value the field accepts, listed under the fields while it has
    /// the focus (enumerations too long for a hint).
    fn choices(self) -> Option<String> {
        None
    }

    /// The field labelled `name` (`:task due=...`, `:log at=...`).
    fn named(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.label() == name)
    }
}

/// `survey 满意度调查`: the code and the Chinese label, where there is one.
pub fn with_label<E: Labelled>(value: E) -> String {
    match value.labels_zh().first() {
        Some(zh) => format!("{} {zh}", value.code()),
        None => value.code().to_string(),
    }
}

/// Every value with its label, for [`Fields::choices`].
pub fn choices_of<E: Labelled>() -> String {
    let all: Vec<String> = E::ALL.iter().map(|v| with_label(*v)).collect();
    all.join(" · ")
}

/// A form as the app drives it: typed keys go to the focused field.
pub trait Form {
    fn edit(&mut self) -> &mut LineEdit;
    /// Tab (`forward`) or Shift-Tab, wrapping around.
    fn move_focus(&mut self, forward: bool);
}

pub struct FormFields<F: Fields> {
    edits: Vec<LineEdit>,
    pub focus: F,
    /// Why the last submit was refused (shown under the fields).
    pub problem: Option<String>,
}

impl<F: Fields> FormFields<F> {
    /// The fields with their first text; the first has the focus.
    pub fn new(initial: impl Fn(F) -> String) -> FormFields<F> {
        FormFields {
            edits: F::ALL
                .iter()
                .map(|f| LineEdit::with_text(&initial(*f)))
                .collect(),
            focus: F::ALL[0],
            problem: None,
        }
    }

    fn index(field: F) -> usize {
        F::ALL
            .iter()
            .position(|f| *f == field)
            .expect("a form's fields are all in its ALL")
    }

    pub fn text(&self, field: F) -> &str {
        self.edits[Self::index(field)].text()
    }

    pub fn set(&mut self, field: F, text: &str) {
        self.edits[Self::index(field)].set(text);
    }

    pub fn edit(&mut self) -> &mut LineEdit {
        &mut self.edits[Self::index(self.focus)]
    }

    pub fn field_edit(&self, field: F) -> &LineEdit {
        &self.edits[Self::index(field)]
    }

    /// The next (or previous) field that `visits` allows, wrapping around.
    pub fn move_focus(&mut self, forward: bool, visits: impl Fn(F) -> bool) {
        let n = F::ALL.len();
        let mut i = Self::index(self.focus);
        for _ in 0..n {
            i = if forward {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            if visits(F::ALL[i]) {
                self.focus = F::ALL[i];
                return;
            }
        }
    }

    /// A submit refused: the field takes the focus and the form says why.
    pub fn refuse(&mut self, field: F, why: &str) {
        self.focus = field;
        self.problem = Some(why.to_string());
    }

    /// What the fields were read as; refused, the reason (also kept to show).
    pub fn checked<T>(&mut self, read: Result<T, (F, String)>) -> Result<T, String> {
        match read {
            Ok(value) => {
                self.problem = None;
                Ok(value)
            }
            Err((field, why)) => {
                self.refuse(field, &why);
                Err(why)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Channel;

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Three {
        A,
        B,
        C,
    }

    impl Fields for Three {
        const ALL: &'static [Three] = &[Three::A, Three::B, Three::C];
        fn label(self) -> &'static str {
            match self {
                Three::A => "a",
                Three::B => "b",
                Three::C => "c",
            }
        }
        fn hint(self) -> &'static str {
            ""
        }
    }

    #[test]
    fn tab_wraps_and_skips_what_it_should_not_visit() {
        let mut form = FormFields::new(|f: Three| f.label().repeat(2));
        assert_eq!((form.focus, form.text(Three::C)), (Three::A, "cc"));
        form.move_focus(false, |_| true);
        assert_eq!(form.focus, Three::C);
        form.move_focus(true, |f| f != Three::A);
        assert_eq!(form.focus, Three::B);
        form.edit().insert('!');
        assert_eq!(form.text(Three::B), "bb!");
        assert_eq!(
            form.checked(Err((Three::C, "why".into()))),
            Err::<(), _>("why".into())
        );
        assert_eq!(
            (form.focus, form.problem.as_deref()),
            (Three::C, Some("why"))
        );
        assert_eq!(form.checked(Ok(1)), Ok(1));
        assert_eq!(form.problem, None);
        assert_eq!(Three::named("b"), Some(Three::B));
        assert_eq!(Three::named("d"), None);
    }

    #[test]
    fn choices_show_codes_with_their_chinese_label() {
        let all = choices_of::<Channel>();
        assert!(
            all.starts_with("phone 电话 · wechat 微信 · app · web"),
            "{all}"
        );
    }
}
