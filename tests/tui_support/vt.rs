//! A minimal terminal screen for the pseudo-terminal tests: enough of the
//! escape sequences ratatui's crossterm backend writes (cursor moves, clear,
//! the alternate screen) to know what the user would see.

use unicode_width::UnicodeWidthChar;

pub struct Screen {
    rows: Vec<Vec<String>>,
    row: usize,
    col: usize,
    pub alternate: bool,
    pub cursor_visible: bool,
}

impl Screen {
    pub fn new(width: usize, height: usize) -> Screen {
        Screen {
            rows: vec![vec![" ".to_string(); width]; height],
            row: 0,
            col: 0,
            alternate: false,
            cursor_visible: true,
        }
    }

    fn clear(&mut self) {
        for row in &mut self.rows {
            for cell in row.iter_mut() {
                *cell = " ".to_string();
            }
        }
    }

    fn put(&mut self, c: char) {
        let w = c.width().unwrap_or(0);
        if w == 0 {
            return;
        }
        let (col, end) = (self.col, self.col + w);
        if let Some(row) = self.rows.get_mut(self.row) {
            if col < row.len() {
                // Writing over half of a wide character blanks its other
                // half, as terminals do ("" marks a right half).
                if row[col].is_empty() && col > 0 {
                    row[col - 1] = " ".to_string();
                }
                if row.get(end).is_some_and(String::is_empty) {
                    row[end] = " ".to_string();
                }
                row[col] = c.to_string();
                if w == 2 {
                    if let Some(next) = row.get_mut(col + 1) {
                        next.clear();
                    }
                }
            }
        }
        self.col = end;
    }

    fn csi(&mut self, params: &str, fin: char) {
        let nums: Vec<usize> = params
            .trim_start_matches('?')
            .split(';')
            .map(|p| p.parse().unwrap_or(0))
            .collect();
        match (fin, params) {
            ('H', _) => {
                self.row = nums.first().copied().unwrap_or(1).max(1) - 1;
                self.col = nums.get(1).copied().unwrap_or(1).max(1) - 1;
            }
            ('J', "2") => self.clear(),
            ('h', "?1049") => {
                self.alternate = true;
                self.clear();
            }
            ('l', "?1049") => self.alternate = false,
            ('h', "?25") => self.cursor_visible = true,
            ('l', "?25") => self.cursor_visible = false,
            _ => {}
        }
    }

    /// Applies terminal output.
    pub fn feed(&mut self, text: &str) {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\x1b' => match chars.next() {
                    Some('[') => {
                        let mut params = String::new();
                        for p in chars.by_ref() {
                            if p.is_ascii_alphabetic() || p == '@' || p == '~' {
                                self.csi(&params, p);
                                break;
                            }
                            params.push(p);
                        }
                    }
                    Some(']') => {
                        // OSC: up to BEL or ST.
                        while let Some(p) = chars.next() {
                            if p == '\x07' || (p == '\x1b' && chars.next_if_eq(&'\\').is_some()) {
                                break;
                            }
                        }
                    }
                    _ => {}
                },
                '\r' => self.col = 0,
                '\n' => self.row += 1,
                c if c.is_control() => {}
                c => self.put(c),
            }
        }
    }

    pub fn text(&self) -> String {
        self.rows
            .iter()
            .map(|r| r.concat())
            .collect::<Vec<_>>()
            .join("\n")
    }
}
