//! The signals that stop the editor, so it can keep the user's edits before it goes.
//!
//! Unix: SIGTERM, SIGHUP (the terminal window closed) and SIGINT. Windows has no SIGHUP:
//! closing the console window (or logging off, or shutting down) sends a console control
//! event instead, and Windows ends the process when the handler returns or after about
//! five seconds. The handler records the event and waits, so the editor's loop (which
//! looks at least every 250 ms) writes its recovery copy first.

use std::io;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

/// The number recorded when the terminal has gone: SIGHUP's on Unix.
#[cfg(unix)]
pub const HANGUP: usize = signal_hook::consts::SIGHUP as usize;
/// The number recorded when the console has gone (Windows has no SIGHUP; 1 is its
/// number elsewhere).
#[cfg(not(unix))]
pub const HANGUP: usize = 1;

/// Stores the number of the signal received in `flag` (0: none yet).
#[cfg(unix)]
pub fn register(flag: &Arc<AtomicUsize>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    for sig in [SIGTERM, SIGHUP, SIGINT] {
        signal_hook::flag::register_usize(sig, Arc::clone(flag), sig as usize)?;
    }
    Ok(())
}

/// Stores the number of the signal received in `flag` (0: none yet); a closed console
/// is recorded as [`HANGUP`].
#[cfg(windows)]
pub fn register(flag: &Arc<AtomicUsize>) -> io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    for sig in [SIGTERM, SIGINT] {
        signal_hook::flag::register_usize(sig, Arc::clone(flag), sig as usize)?;
    }
    console::register(flag)
}

/// Elsewhere (neither Unix nor Windows) only the terminal check of the loop applies.
#[cfg(not(any(unix, windows)))]
pub fn register(_flag: &Arc<AtomicUsize>) -> io::Result<()> {
    Ok(())
}

#[cfg(windows)]
mod console {
    use std::io;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, OnceLock};
    use std::time::Duration;

    use windows_sys::Win32::System::Console::{
        CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT, SetConsoleCtrlHandler,
    };
    use windows_sys::core::BOOL;

    /// The handler has no argument to carry the flag: it lives here.
    static FLAG: OnceLock<Arc<AtomicUsize>> = OnceLock::new();

    pub fn register(flag: &Arc<AtomicUsize>) -> io::Result<()> {
        let _ = FLAG.set(Arc::clone(flag));
        // SAFETY: `handler` is a plain function that lives as long as the program.
        if unsafe { SetConsoleCtrlHandler(Some(handler), 1) } == 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    unsafe extern "system" fn handler(event: u32) -> BOOL {
        match event {
            CTRL_CLOSE_EVENT | CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT => {
                if let Some(flag) = FLAG.get() {
                    flag.store(super::HANGUP, Ordering::Relaxed);
                }
                // Windows ends the process when this returns: give the loop time to
                // write the recovery copy. The process exits sooner if the loop is done.
                std::thread::sleep(Duration::from_secs(4));
                1
            }
            // Ctrl-C and Ctrl-Break reach the C runtime's SIGINT handler above.
            _ => 0,
        }
    }
}
