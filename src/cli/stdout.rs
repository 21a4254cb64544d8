//! Writing to stdout and stderr without panicking: a reader that has gone (a pager quit,
//! `| head`) just ends the output; any other failure (a full disk, a closed stdout) is
//! remembered, and the command then exits 2 saying so (`cli::run`). A stream closed
//! before start (`>&-`) is opened on /dev/null by Rust's runtime: output to it is lost
//! as to /dev/null, and no file opened later can take its number.

use std::io::{ErrorKind, Write};
use std::sync::Mutex;

/// The first failure to write stdout, if any.
static FAILED: Mutex<Option<String>> = Mutex::new(None);

/// Writes `text` to stdout. Returns false if it could not be written for a reason other
/// than the reader having closed the pipe; the failure is also kept for `failure`.
pub fn write(text: &str) -> bool {
    write_bytes(text.as_bytes())
}

/// Writes `bytes` (a PNG or a PDF, say) to stdout, as `write` does text.
pub fn write_bytes(bytes: &[u8]) -> bool {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == ErrorKind::BrokenPipe => true,
        Err(e) => {
            fail(e.to_string());
            false
        }
    }
}

fn fail(why: String) {
    let mut failed = FAILED.lock().unwrap_or_else(|p| p.into_inner());
    failed.get_or_insert(why);
}

/// Standard output, buffered, for a report written as it is made (`fmt::Write`): a
/// reader that has gone ends it quietly, as with `write`; `finish` says whether it all
/// went out, and keeps any other failure for `failure`.
pub struct Stream {
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    error: Option<std::io::Error>,
}

impl Stream {
    pub fn new() -> Stream {
        Stream {
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
            error: None,
        }
    }

    pub fn finish(mut self) -> bool {
        let flushed = match self.error.take() {
            Some(e) => Err(e),
            None => self.out.flush(),
        };
        match flushed {
            Ok(()) => true,
            Err(e) if e.kind() == ErrorKind::BrokenPipe => true,
            Err(e) => {
                fail(e.to_string());
                false
            }
        }
    }
}

impl Stream {
    /// `value` as carepath's pretty JSON (`text::write_json`) and a line end.
    pub fn json(&mut self, value: &impl serde::Serialize) {
        if self.error.is_none()
            && let Err(e) = crate::text::write_json(&mut self.out, value)
                .and_then(|()| self.out.write_all(b"\n"))
        {
            self.error = Some(e);
        }
    }
}

impl std::fmt::Write for Stream {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.error.is_none()
            && let Err(e) = self.out.write_all(s.as_bytes())
        {
            self.error = Some(e);
        }
        Ok(())
    }
}

/// Writes a message or report (not an export) to stdout, control and bidirectional
/// characters from files and paths made visible (`text::visible_lines`).
pub fn write_text(text: &str) -> bool {
    write(&crate::text::visible_lines(text))
}

/// Why stdout could not be written, if it could not.
pub fn failure() -> Option<String> {
    FAILED.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

/// Writes a line to stderr; if stderr cannot be written either, there is nowhere left to
/// say anything, and the exit code speaks alone.
pub fn error_line(text: &str) {
    let text = crate::text::visible_lines(text);
    let mut err = std::io::stderr().lock();
    let _ = err
        .write_all(text.as_bytes())
        .and_then(|()| err.write_all(b"\n"))
        .and_then(|()| err.flush());
}
