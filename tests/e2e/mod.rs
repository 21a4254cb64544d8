//! Drives the real binary in a real terminal: tmux send-keys and capture-pane.
//! Each test has its own tmux server (its own socket), so tests do not see each other.
#![allow(dead_code)]

pub mod fixture;

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

    /// Pastes `text` as a terminal does (`paste-buffer -p`): wrapped in bracketed-paste
    /// markers when the program asked for them, else as typed keys.
    pub fn paste(&self, text: &str) {
        let ok = self
            .cmd()
            .args(["set-buffer", "-b", "p", "--", text])
            .status()
            .unwrap();
        assert!(ok.success());
        let ok = self
            .cmd()
            .args(["paste-buffer", "-p", "-b", "p", "-t", "t"])
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
        self.display("#{pane_pid}").parse().unwrap()
    }

    /// A tmux format read from the pane, e.g. `#{pane_title}`.
    pub fn display(&self, format: &str) -> String {
        let out = self
            .cmd()
            .args(["display-message", "-p", "-t", "t", format])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The title programs in the pane have set (OSC 0 / OSC 2), or tmux's default.
    pub fn pane_title(&self) -> String {
        self.display("#{pane_title}")
    }

    /// The screen with wrapped lines joined, so a long line (a path) reads whole.
    pub fn screen_joined(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-J", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The carepath process the pane's shell started (`carepath_command` runs it under
    /// `env`, which execs it, so it is a child of the pane's shell). Waits for it.
    pub fn carepath_pid(&self) -> u32 {
        let shell = self.pane_pid();
        let mut found = None;
        wait_until("carepath to start in the pane", || {
            found = children(shell)
                .into_iter()
                .find(|&pid| command_name(pid).as_deref() == Some("carepath"));
            found.is_some()
        });
        found.unwrap()
    }

    /// Closes the window, as closing a terminal emulator does: the pane's processes get
    /// SIGHUP. The session was the server's only one, so the server ends too.
    pub fn kill_window(&self) {
        let ok = self
            .cmd()
            .args(["kill-window", "-t", "t"])
            .status()
            .unwrap();
        assert!(ok.success());
    }
}

/// Polls `condition` as `wait_for` polls the screen; panics naming `what` if it never holds.
pub fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    for _ in 0..TRIES {
        if condition() {
            return;
        }
        sleep(POLL);
    }
    panic!("gave up waiting for {what}");
}

/// `/proc/<pid>/stat`: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
fn stat(pid: u32) -> Option<(String, char, u32)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let open = text.find('(')?;
    let close = text.rfind(')')?;
    let comm = text[open + 1..close].to_string();
    let mut rest = text[close + 1..].split_whitespace();
    let state = rest.next()?.chars().next()?;
    let ppid = rest.next()?.parse().ok()?;
    Some((comm, state, ppid))
}

/// The processes whose parent is `parent`.
pub fn children(parent: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| stat(pid).is_some_and(|(_, _, ppid)| ppid == parent))
        .collect()
}

/// The short command name of a process (`comm`), if it runs.
pub fn command_name(pid: u32) -> Option<String> {
    stat(pid).map(|(comm, _, _)| comm)
}

/// True once a process has exited (gone, or a zombie not yet reaped).
pub fn process_gone(pid: u32) -> bool {
    stat(pid).is_none_or(|(_, state, _)| state == 'Z' || state == 'X')
}

/// Sends a signal by name (`KILL`, `TERM`, `HUP`) with kill(1).
pub fn kill(signal: &str, pid: u32) {
    let ok = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(ok.success(), "kill -{signal} {pid}");
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // Quietly: a test may have closed the server already (kill_window).
        let _ = self
            .cmd()
            .arg("kill-server")
            .stderr(std::process::Stdio::null())
            .status();
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
