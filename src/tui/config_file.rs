//! `$XDG_CONFIG_HOME/pcrm/config.toml`: the UI's settings other than keys
//! (those are in keymap.toml). One so far: `ascii = true` draws plain
//! `+-|` borders, as `--ascii` does (the flag turns them on whatever the
//! file says). No file: the defaults. A malformed file, an unknown key or a
//! value of the wrong type is refused at start naming file, line and key,
//! in the words of a bad keymap.

use super::keymap::{line_of, Origin};
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

/// The keys the file may set.
const KEYS: &[&str] = &["ascii"];

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UiConfig {
    pub ascii: bool,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct ConfigError {
    pub origin: Origin,
    pub message: String,
}

/// Reads the file at `path`; a missing file is the defaults.
pub fn load(path: &Path) -> Result<UiConfig, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(UiConfig::default()),
        Err(e) => Err(ConfigError {
            origin: Origin {
                file: path.to_path_buf(),
                line: 0,
            },
            message: format!("cannot read the config: {e}"),
        }),
    }
}

/// Parses the text of config file `file`.
pub fn parse(file: &Path, text: &str) -> Result<UiConfig, ConfigError> {
    let refuse = |offset: usize, message: String| ConfigError {
        origin: Origin {
            file: file.to_path_buf(),
            line: line_of(text, offset),
        },
        message,
    };
    let table: BTreeMap<Spanned<String>, Spanned<toml::Value>> = toml::from_str(text)
        .map_err(|e| refuse(e.span().map_or(0, |s| s.start), e.message().trim().into()))?;
    // In the file's order, so that the first mistake is the one named.
    let mut entries: Vec<_> = table.into_iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    let mut config = UiConfig::default();
    for (key, value) in entries {
        match key.get_ref().as_str() {
            "ascii" => {
                config.ascii = value.get_ref().as_bool().ok_or_else(|| {
                    refuse(
                        value.span().start,
                        format!("key `ascii` takes true or false, not {}", value.get_ref()),
                    )
                })?;
            }
            other => {
                return Err(refuse(
                    key.span().start,
                    format!("unknown key `{other}` (keys: {})", KEYS.join(", ")),
                ))
            }
        }
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<UiConfig, String> {
        parse(Path::new("config.toml"), text).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_ascii_and_defaults_without_it() {
        assert_eq!(
            parsed("# mine\nascii = true\n"),
            Ok(UiConfig { ascii: true })
        );
        assert_eq!(parsed("ascii = false"), Ok(UiConfig { ascii: false }));
        assert_eq!(parsed("\n# nothing set\n"), Ok(UiConfig::default()));
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(&dir.path().join("none.toml")), Ok(UiConfig::default()));
    }

    #[test]
    fn refuses_unknown_keys_wrong_types_and_bad_toml_naming_the_line() {
        assert_eq!(
            parsed("ascii = true\n\ncolour = \"none\"\n"),
            Err("config.toml:3: unknown key `colour` (keys: ascii)".into())
        );
        assert_eq!(
            parsed("\nascii = \"yes\"\n"),
            Err("config.toml:2: key `ascii` takes true or false, not \"yes\"".into())
        );
        assert_eq!(
            parsed("[ui]\nascii = true\n"),
            Err("config.toml:1: unknown key `ui` (keys: ascii)".into())
        );
        let bad = parsed("ascii = true\nascii true\n").unwrap_err();
        assert!(bad.starts_with("config.toml:2: "), "{bad}");
    }
}
