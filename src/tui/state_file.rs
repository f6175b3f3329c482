//! UI state that users expect to find again: the last pane, the sort, the
//! filters and their histories, the segment grouping. One TOML file holds a
//! section per pcrm user (`--user`), written atomically on quit.

use super::panes::Pane;
use crate::roster::{Grouping, Sort};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Entries kept per history.
const HISTORY: usize = 50;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UiState {
    pub pane: Pane,
    pub sort: Sort,
    pub grouping: Grouping,
    pub filter: String,
    pub task_filter: String,
    /// Newest first.
    pub filter_history: Vec<String>,
    pub task_filter_history: Vec<String>,
    pub command_history: Vec<String>,
}

#[derive(Default, Serialize, Deserialize)]
struct StateFile {
    #[serde(default)]
    users: BTreeMap<String, UiState>,
}

/// Puts `entry` first in a history, once.
pub fn remember(history: &mut Vec<String>, entry: &str) {
    if entry.trim().is_empty() {
        return;
    }
    history.retain(|e| e != entry);
    history.insert(0, entry.to_string());
    history.truncate(HISTORY);
}

fn read(path: &Path) -> Result<StateFile, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.message()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(StateFile::default()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// The user's saved state; defaults (and the reason) if the file is
/// unreadable: a broken state file must not keep pcrm from starting.
pub fn load(path: &Path, user: &str) -> (UiState, Option<String>) {
    match read(path) {
        Ok(mut file) => (file.users.remove(user).unwrap_or_default(), None),
        Err(e) => (UiState::default(), Some(format!("UI state ignored: {e}"))),
    }
}

/// Saves the user's state, keeping the other users' sections.
pub fn save(path: &Path, user: &str, state: &UiState) -> Result<(), String> {
    let mut file = read(path).unwrap_or_default();
    file.users.insert(user.to_string(), state.clone());
    let text = toml::to_string(&file).map_err(|e| e.to_string())?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::Column;

    #[test]
    fn keeps_each_users_state_and_survives_a_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pcrm/state.toml");
        let mut mine = UiState {
            pane: Pane::Segments,
            sort: Sort {
                column: Column::Premium,
                reversed: true,
            },
            ..UiState::default()
        };
        remember(&mut mine.filter_history, "value=high");
        remember(&mut mine.filter_history, "risk=high");
        remember(&mut mine.filter_history, "value=high");
        save(&path, "li.wei", &mine).unwrap();
        save(&path, "wang.fang", &UiState::default()).unwrap();
        let (back, problem) = load(&path, "li.wei");
        assert_eq!((back.clone(), problem), (mine, None));
        assert_eq!(back.filter_history, ["value=high", "risk=high"]);
        std::fs::write(&path, "pane = [").unwrap();
        let (back, problem) = load(&path, "li.wei");
        assert_eq!(back, UiState::default());
        assert!(problem.unwrap().starts_with("UI state ignored:"));
    }
}
