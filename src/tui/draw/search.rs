//! The search box: what was typed, how the index is doing, and the hits
//! with what matched (phones and id numbers masked by the index).

use super::format;
use crate::tui::app::App;
use crate::tui::overlays::search::Search;
use crate::tui::text::fit;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, Table};
use ratatui::Frame;

pub fn draw(app: &App, search: &Search, frame: &mut Frame<'_>, main: Rect) {
    let theme = &app.theme;
    let width = main.width.min(78);
    let height = main.height.min(20);
    let area = Rect {
        x: main.x + (main.width - width) / 2,
        y: main.y + 1.min(main.height - height),
        width,
        height,
    };
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border)
        .title(Line::styled(
            " Search: name, pinyin, phone, id number, customer or policy id ",
            theme.header(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [input, note, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let (shown, col) = search.edit.view(input.width.saturating_sub(3) as usize);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("/ ", theme.header()),
            Span::raw(shown),
        ])),
        input,
    );
    frame.set_cursor_position((input.x + 2 + col as u16, input.y));

    let indexing = app.jobs().iter().find(|j| j.label == "indexing");
    let typed = !search.edit.text().trim().is_empty();
    let status = match (indexing, typed) {
        (Some(job), _) => {
            let part = match job.total {
                Some(total) if total > 0 => format!("{}%", job.done * 100 / total),
                _ => format::count(job.done as u64),
            };
            format!("building the index ({part}); results come when it is ready")
        }
        (None, false) => "type a name, zs for 张三, 4 digits of a phone, an id…".to_string(),
        (None, true) if search.hits.is_empty() && search.answered > 0 => {
            "no customer matches".into()
        }
        (None, true) if search.hits.is_empty() => "searching…".into(),
        (None, true) => format!(
            "{} hits   Up/Down choose   Enter opens   Esc closes",
            search.hits.len()
        ),
    };
    frame.render_widget(Paragraph::new(Span::styled(status, theme.dim())), note);

    let rows_height = list.height as usize;
    let first = search.cursor.window(rows_height, search.hits.len());
    let name_width = (list.width as usize)
        .saturating_sub(2 + 12 + 12 + 16 + 3)
        .max(10);
    let rows: Vec<Row> = search
        .hits
        .iter()
        .enumerate()
        .skip(first)
        .take(rows_height)
        .map(|(i, hit)| {
            let here = i == search.cursor.pos;
            let row = Row::new(vec![
                Cell::from(if here { theme.cursor } else { " " }),
                Cell::from(fit(&hit.name, name_width, theme.ellipsis)),
                Cell::from(fit(&hit.customer_id, 12, theme.ellipsis)),
                Cell::from(hit.matched.code()),
                Cell::from(fit(&hit.detail, 16, theme.ellipsis)),
            ]);
            if here {
                row.style(theme.cursor_row())
            } else {
                row
            }
        })
        .collect();
    let widths = [
        Constraint::Length(1),
        Constraint::Length(name_width as u16),
        Constraint::Length(12),
        Constraint::Length(12),
        Constraint::Length(16),
    ];
    frame.render_widget(Table::new(rows, widths).column_spacing(1), list);
}
