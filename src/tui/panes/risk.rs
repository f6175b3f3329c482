//! The risk profile's only moving part: the cursor in the list of the
//! riskiest customers (`Enter` opens one).

use crate::tui::list_cursor::ListCursor;

#[derive(Debug, Default)]
pub struct RiskPane {
    pub cursor: ListCursor,
}
