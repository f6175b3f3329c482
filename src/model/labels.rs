//! Enumerations with a CSV code and the Chinese labels accepted on import.

/// An enumeration whose values have a lower-case code (written on export)
/// and one or more Chinese labels (accepted on import).
pub trait Labelled: Sized + Copy + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// The lower-case code written in CSV and JSON.
    fn code(self) -> &'static str;
    /// The Chinese labels accepted on import; the first is shown in the UI.
    fn labels_zh(self) -> &'static [&'static str];

    /// The first Chinese label (or the code where there is none).
    fn label_zh(self) -> &'static str {
        self.labels_zh().first().copied().unwrap_or(self.code())
    }

    /// Parses a code (case-insensitive) or a Chinese label, trimmed.
    fn parse_label(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.code().eq_ignore_ascii_case(text) || v.labels_zh().contains(&text))
    }

    /// The codes, for error messages: `a, b, c`.
    fn codes_list() -> String {
        Self::ALL
            .iter()
            .map(|v| v.code())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Declares a `Copy` enum with its codes and Chinese labels, implementing
/// [`Labelled`], `Display` (the code) and serde as a `u8` discriminant.
#[macro_export]
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal [$($zh:literal),*]),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize)]
        pub enum $name { $($variant),+ }

        impl $crate::model::labels::Labelled for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }
            fn labels_zh(self) -> &'static [&'static str] {
                match self { $(Self::$variant => &[$($zh),*]),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::model::labels::Labelled::code(*self))
            }
        }
    };
}
