//! `$XDG_CONFIG_HOME/pcrm/config.toml` through the real binary: a bad file
//! is refused at start naming file, line and key (exit 2, as a bad keymap);
//! `ascii = true` draws plain `+-|` borders in a real pseudo-terminal.

mod tui_support;

use std::path::Path;
use std::process::Command;
use tui_support::binary::demo;
use tui_support::pty::Pty;

/// The UI on `home`'s book.
fn pcrm(home: &Path) -> Command {
    tui_support::binary::pcrm(&home.join("book"), home)
}

/// Writes the config file; returns its path.
fn config(home: &Path, text: &str) -> std::path::PathBuf {
    let path = home.join("config/pcrm/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_bad_config_is_refused_at_start_naming_file_line_and_key() {
    let home = tempfile::tempdir().unwrap();
    let cases = [
        (
            "ascii = true\n# the colour scheme\ncolours = \"none\"\n",
            "3: unknown key `colours` (keys: ascii)",
        ),
        (
            "\nascii = \"yes\"\n",
            "2: key `ascii` takes true or false, not \"yes\"",
        ),
    ];
    for (text, why) in cases {
        let path = config(home.path(), text);
        let out = pcrm(home.path()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("pcrm: {}:{why}\n", path.display())
        );
    }
    // Malformed TOML: the line where it goes wrong.
    let path = config(home.path(), "ascii = true\nascii true\n");
    let out = pcrm(home.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!("pcrm: {}:2: ", path.display())),
        "{stderr}"
    );
    // Only the UI reads it: the subcommands work on.
    let out = pcrm(home.path()).arg("stats").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn ascii_true_in_the_config_draws_plain_borders() {
    let home = tempfile::tempdir().unwrap();
    demo(&home.path().join("book"), home.path(), "30");
    // (the file says, --ascii given, plain borders drawn): the flag wins.
    for (in_file, flag, ascii) in [
        (false, false, false),
        (true, false, true),
        (false, true, true),
    ] {
        config(home.path(), &format!("ascii = {in_file}\n"));
        let mut command = pcrm(home.path());
        if flag {
            command.arg("--ascii");
        }
        let (corner, side) = if ascii { ('+', '|') } else { ('┌', '│') };
        let mut pty = Pty::spawn(command);
        pty.wait_for("(30 of 30)");
        let text = pty.screen().text();
        let lines: Vec<&str> = text.lines().collect();
        let case = format!("ascii = {in_file} in the file, --ascii {flag}");
        assert!(lines[0].starts_with(corner), "{case}:\n{text}");
        assert!(lines[1].starts_with(side), "{case}:\n{text}");
        if ascii {
            assert!(lines[0].contains("+ pcrm -"), "{text}");
            assert!(!text.contains(['┌', '│', '─', '└']), "{text}");
        }
        pty.send("q");
        assert!(pty.wait_exit().success(), "{}", pty.screen().text());
    }
}
