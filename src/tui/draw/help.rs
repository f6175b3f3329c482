//! The help overlay: the active keymap's bindings, narrowed by typing.

use crate::tui::app::App;
use crate::tui::overlays::help::{entries, Help};
use crate::tui::text::fit;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, Table};
use ratatui::Frame;

pub fn draw(app: &App, help: &Help, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.theme;
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .title(Line::styled(
            " Help: type to search, Esc closes ",
            theme.header(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [search, list] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let (shown, col) = help.edit.view(search.width.saturating_sub(9) as usize);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("search: ", theme.header()),
            Span::raw(shown),
        ])),
        search,
    );
    frame.set_cursor_position((search.x + 8 + col as u16, search.y));
    let all = entries(&app.keymap, help.edit.text());
    let height = list.height.saturating_sub(1) as usize;
    let first = help.cursor.window(height, all.len());
    let desc_width = (list.width as usize).saturating_sub(10 + 14 + 22 + 3);
    let rows: Vec<Row> = all
        .iter()
        .skip(first)
        .take(height)
        .map(|e| {
            Row::new(vec![
                Cell::from(e.context.name()),
                Cell::from(fit(&e.keys, 14, theme.ellipsis)),
                Cell::from(fit(e.command, 22, theme.ellipsis)),
                Cell::from(fit(&e.desc, desc_width, theme.ellipsis)),
            ])
        })
        .collect();
    let header =
        Row::new(["where", "keys", "command", "what it does"].map(Cell::from)).style(theme.dim());
    let widths = [
        Constraint::Length(10),
        Constraint::Length(14),
        Constraint::Length(22),
        Constraint::Fill(1),
    ];
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        list,
    );
}
