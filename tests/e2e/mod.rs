//! Drives the real binary in a real terminal: tmux send-keys and capture-pane.
//! Each test has its own tmux server (its own socket), so tests do not see each other.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::Duration;

pub struct Tmux {
    socket: String,
}

/// How often, and how many times, to look for something on the screen. The bound is
/// generous (about 20 s) because CI machines are shared; a pass usually takes a moment.
const POLL: Duration = Duration::from_millis(50);
const TRIES: usize = 400;

impl Tmux {
    /// Starts `command` in a new tmux server of `width`×`height`.
    pub fn start(name: &str, command: &str, width: u16, height: u16) -> Tmux {
        let tmux = Tmux {
            socket: format!("carepath-test-{}-{name}", std::process::id()),
        };
        let status = tmux
            .cmd()
            .args(["new-session", "-d", "-s", "t", "-x"])
            .arg(width.to_string())
            .arg("-y")
            .arg(height.to_string())
            .arg(command)
            .status()
            .expect("tmux runs (CI installs it)");
        assert!(status.success(), "tmux new-session failed");
        tmux
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    /// Sends tmux key names (Enter, Tab, C-s, Left...).
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            let ok = self
                .cmd()
                .args(["send-keys", "-t", "t", key])
                .status()
                .unwrap();
            assert!(ok.success());
            // A key at a time: an Esc followed at once by a letter reads as Alt-letter.
            sleep(Duration::from_millis(30));
        }
    }

    /// Types text literally.
    pub fn type_text(&self, text: &str) {
        let ok = self
            .cmd()
            .args(["send-keys", "-t", "t", "-l", text])
            .status()
            .unwrap();
        assert!(ok.success());
    }

    pub fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `text`; panics with the screen if it never does.
    pub fn wait_for(&self, text: &str) -> String {
        for _ in 0..TRIES {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            sleep(POLL);
        }
        panic!(
            "the screen never showed {text:?}; it shows:\n{}",
            self.screen()
        );
    }

    /// Waits until the program in the pane has exited (the pane runs `cmd; echo EXIT=$?`).
    pub fn wait_for_exit(&self) -> i32 {
        let screen = self.wait_for("EXIT=");
        let code = screen
            .split("EXIT=")
            .nth(1)
            .and_then(|s| s.split_whitespace().next());
        code.and_then(|c| c.parse().ok()).expect("an exit code")
    }

    /// The process id of the program running in the pane.
    pub fn pane_pid(&self) -> u32 {
        let out = self
            .cmd()
            .args(["display-message", "-p", "-t", "t", "#{pane_pid}"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

/// A shell command line that runs carepath on `file` with its state kept in `state`,
/// then prints its exit code and waits, so the test can read it.
pub fn carepath_command(file: &Path, state: &Path, extra: &str) -> String {
    format!(
        "env CAREPATH_STATE_DIR='{}' TERM=xterm-256color {} {extra} '{}'; echo EXIT=$?; sleep 600",
        state.display(),
        env!("CARGO_BIN_EXE_carepath"),
        file.display()
    )
}
