//! The named commands keys are bound to. Keymap files, the help overlay and
//! the tests all speak these names.

/// Every command of the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Suspend,
    PaneCustomers,
    PaneSegments,
    PaneRisk,
    PaneTasks,
    PaneNext,
    PanePrev,
    CursorDown,
    CursorUp,
    CursorLeft,
    CursorRight,
    CursorTop,
    CursorBottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    SearchOpen,
    FilterEdit,
    CommandLine,
    HelpOpen,
    Open,
    Back,
    Escape,
    SelectToggle,
    SelectVisual,
    SelectAll,
    SortNext,
    SortReverse,
    ClassifyRun,
    SegmentsGrouping,
    TaskDone,
    TaskSnooze,
    TaskReassign,
    BatchTag,
    BatchTask,
    BatchUndo,
    InteractionLog,
    PlaybooksRun,
    ConfirmYes,
    ConfirmNo,
    FormNext,
    FormPrev,
    InputSubmit,
    InputCancel,
    InputBackspace,
    InputDelete,
    InputLeft,
    InputRight,
    InputHome,
    InputEnd,
    InputClear,
    HistoryPrev,
    HistoryNext,
    /// Binds a key to nothing: a user file uses it to drop a default binding.
    Noop,
}

/// Name and one-line description of every command.
pub const COMMANDS: &[(Command, &str, &str)] = &[
    (Command::Quit, "app.quit", "Quit"),
    (
        Command::Suspend,
        "app.suspend",
        "Suspend to the shell (fg resumes)",
    ),
    (
        Command::PaneCustomers,
        "pane.customers",
        "Go to the Customers pane",
    ),
    (
        Command::PaneSegments,
        "pane.segments",
        "Go to the Segments pane",
    ),
    (Command::PaneRisk, "pane.risk", "Go to the Risk pane"),
    (Command::PaneTasks, "pane.tasks", "Go to the Tasks pane"),
    (Command::PaneNext, "pane.next", "Next pane"),
    (Command::PanePrev, "pane.prev", "Previous pane"),
    (Command::CursorDown, "cursor.down", "Move down"),
    (Command::CursorUp, "cursor.up", "Move up"),
    (Command::CursorLeft, "cursor.left", "Move left (matrix)"),
    (Command::CursorRight, "cursor.right", "Move right (matrix)"),
    (Command::CursorTop, "cursor.top", "Go to the first row"),
    (Command::CursorBottom, "cursor.bottom", "Go to the last row"),
    (
        Command::HalfPageDown,
        "cursor.half_page_down",
        "Half a page down",
    ),
    (Command::HalfPageUp, "cursor.half_page_up", "Half a page up"),
    (Command::PageDown, "cursor.page_down", "A page down"),
    (Command::PageUp, "cursor.page_up", "A page up"),
    (
        Command::SearchOpen,
        "search.open",
        "Search customers (from any pane)",
    ),
    (Command::FilterEdit, "filter.edit", "Edit the filter line"),
    (
        Command::CommandLine,
        "cmdline.open",
        "Command line (:q, :tag vip, :task \"Call\" due=+7, :asof DATE)",
    ),
    (
        Command::HelpOpen,
        "help.open",
        "Every key binding, searchable",
    ),
    (Command::Open, "item.open", "Open / drill down"),
    (Command::Back, "item.back", "Up one level"),
    (
        Command::Escape,
        "mode.escape",
        "Close, clear or leave; cancels the background job last",
    ),
    (
        Command::SelectToggle,
        "select.toggle",
        "Toggle selection of the row, move down",
    ),
    (
        Command::SelectVisual,
        "select.visual",
        "Visual mode: select a range with movement",
    ),
    (
        Command::SelectAll,
        "select.all",
        "Select every row the filter shows",
    ),
    (Command::SortNext, "sort.next", "Sort by the next column"),
    (Command::SortReverse, "sort.reverse", "Reverse the sort"),
    (
        Command::ClassifyRun,
        "classify.run",
        "Re-run classification now",
    ),
    (
        Command::SegmentsGrouping,
        "segments.grouping",
        "Group by kind, province or industry",
    ),
    (Command::TaskDone, "task.done", "Mark the task done"),
    (
        Command::TaskSnooze,
        "task.snooze",
        "Snooze the task to a later date",
    ),
    (Command::TaskReassign, "task.reassign", "Reassign the task"),
    (
        Command::BatchTag,
        "batch.tag",
        "Tag the selection or the current customer (-tag removes)",
    ),
    (
        Command::BatchTask,
        "batch.task",
        "New follow-up task for the selection or the current customer",
    ),
    (
        Command::BatchUndo,
        "batch.undo",
        "Undo the last batch change (asks first)",
    ),
    (
        Command::InteractionLog,
        "interaction.log",
        "Log an interaction with the customer (kind, channel, when, note)",
    ),
    (
        Command::PlaybooksRun,
        "playbooks.run",
        "Run the playbooks: dry-run counts first, then confirm",
    ),
    (Command::ConfirmYes, "confirm.yes", "Yes: go ahead"),
    (
        Command::ConfirmNo,
        "confirm.no",
        "No: cancel, nothing is written",
    ),
    (Command::FormNext, "form.next", "Next field"),
    (Command::FormPrev, "form.prev", "Previous field"),
    (Command::InputSubmit, "input.submit", "Accept the input"),
    (Command::InputCancel, "input.cancel", "Abandon the input"),
    (
        Command::InputBackspace,
        "input.backspace",
        "Delete the character before the cursor",
    ),
    (
        Command::InputDelete,
        "input.delete",
        "Delete the character under the cursor",
    ),
    (Command::InputLeft, "input.left", "Cursor left"),
    (Command::InputRight, "input.right", "Cursor right"),
    (Command::InputHome, "input.home", "Cursor to the start"),
    (Command::InputEnd, "input.end", "Cursor to the end"),
    (Command::InputClear, "input.clear", "Clear the input"),
    (
        Command::HistoryPrev,
        "input.history_prev",
        "Previous entry of the history",
    ),
    (
        Command::HistoryNext,
        "input.history_next",
        "Next entry of the history",
    ),
    (Command::Noop, "noop", "Nothing (unbinds a key)"),
];

impl Command {
    pub fn from_name(name: &str) -> Option<Command> {
        COMMANDS
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(c, _, _)| *c)
    }

    pub fn name(self) -> &'static str {
        COMMANDS
            .iter()
            .find(|(c, _, _)| *c == self)
            .map_or("?", |(_, n, _)| n)
    }

    pub fn description(self) -> &'static str {
        COMMANDS
            .iter()
            .find(|(c, _, _)| *c == self)
            .map_or("", |(_, _, d)| d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut names: Vec<&str> = COMMANDS.iter().map(|(_, n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COMMANDS.len());
        for (command, name, _) in COMMANDS {
            assert_eq!(Command::from_name(name), Some(*command));
            assert_eq!(command.name(), *name);
        }
        assert_eq!(Command::from_name("cursor.teleport"), None);
    }
}
