//! Colours, symbols and borders. Sixteen ANSI colours at most; under
//! `NO_COLOR` no colour at all, so everything that matters is also marked
//! by a symbol or by text (crossterm drops reverse video there too).
//! `--ascii` swaps box drawing and other East Asian "ambiguous" characters,
//! which terminals in a Chinese locale may draw two cells wide, for ASCII.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

#[derive(Clone, Debug)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
    pub border: border::Set<'static>,
    /// Marks the cursor row in the marker column.
    pub cursor: &'static str,
    /// Marks rows selected for a batch action.
    pub selected: &'static str,
    pub ellipsis: &'static str,
    pub bar_full: &'static str,
    pub bar_empty: &'static str,
    /// Between tabs and breadcrumb steps.
    pub separator: &'static str,
    pub crumb: &'static str,
    pub arrow: &'static str,
    pub times: &'static str,
}

impl Theme {
    pub fn new(color: bool, ascii: bool) -> Theme {
        Theme {
            color,
            ascii,
            border: if ascii { ASCII_BORDER } else { border::PLAIN },
            cursor: if ascii { ">" } else { "▸" },
            selected: if ascii { "*" } else { "✓" },
            ellipsis: if ascii { "~" } else { "…" },
            bar_full: if ascii { "#" } else { "█" },
            bar_empty: if ascii { "." } else { "░" },
            separator: if ascii { "|" } else { "│" },
            crumb: if ascii { ">" } else { "›" },
            arrow: if ascii { "->" } else { "→" },
            times: if ascii { "x" } else { "×" },
        }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn header(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn cursor_row(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn selected_row(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn good(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn accent(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn active_tab(&self) -> Style {
        self.fg(Color::Cyan)
            .add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    pub fn mode(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    /// A value tier: high is good news.
    pub fn value_tier(&self, tier: Option<crate::model::Tier>) -> Style {
        use crate::model::Tier;
        match tier {
            Some(Tier::High) => self.good(),
            Some(Tier::Medium) => Style::new(),
            Some(Tier::Low) | None => self.dim(),
        }
    }

    /// A risk tier: high is bad news.
    pub fn risk_tier(&self, tier: Option<crate::model::Tier>) -> Style {
        use crate::model::Tier;
        match tier {
            Some(Tier::High) => self.warning(),
            Some(Tier::Medium) => self.accent(),
            Some(Tier::Low) | None => Style::new(),
        }
    }
}
