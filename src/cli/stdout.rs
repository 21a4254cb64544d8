//! Writing results to stdout without panicking when the reader goes away (a pager quit,
//! `| head`): a closed pipe just ends the output.

use std::io::{ErrorKind, Write};

/// Writes `text` to stdout. Returns false if it could not be written for a reason other
/// than the reader having closed the pipe.
pub fn write(text: &str) -> bool {
    write_bytes(text.as_bytes())
}

/// Writes `bytes` to stdout, as [`write`] does.
pub fn write_bytes(bytes: &[u8]) -> bool {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => true,
        Err(e) => e.kind() == ErrorKind::BrokenPipe,
    }
}
