//! The event loop: terminal events in, actions through `App::update`, effects out, draw.
//! It also keeps work safe (README, "Your work is safe"): a recovery copy behind every edit, signals and
//! panics that write it and restore the terminal, and saves that notice changes on disk.

use std::io::{self, IsTerminal, Write, stderr, stdout};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use anyhow::{Result, bail};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;

use crate::app::{App, Effect, Mode, action_for_key};
use crate::cli::new_network;
use crate::keys::key_of;
use crate::model::{Condition, Network};
mod keeper;

use crate::recovery::{Recovery, content_hash};
use crate::storage;
use crate::ui::{self, HitMap, Theme, Themes, UiState};
use keeper::Keeper;

/// The demo network opened by a bare `carepath`: the type 1 diabetes example.
pub const DEMO: &str = include_str!("../../pathways/type1-diabetes.ron");

pub fn demo_network() -> Network {
    storage::parse(DEMO, Path::new("demo"))
        .expect("the bundled demo is a valid pathway file (tested)")
}

/// The recovery copy is written at most this long after an edit.
const RECOVERY_DELAY: Duration = Duration::from_millis(500);

/// What the command line asked the editor for.
#[derive(Debug, Clone, Default)]
pub struct EditorOptions {
    pub file: Option<PathBuf>,
    pub theme: Option<String>,
    /// `--color never`, or `NO_COLOR` under `--color auto`.
    pub no_colour: bool,
}

/// Opens the document, runs the editor until quit, and restores the terminal.
pub fn run(options: EditorOptions) -> Result<()> {
    let (mut app, on_disk, pending) = open(&options)?;
    if !stdout().is_terminal() {
        bail!("the editor needs a terminal; for reports use carepath check or carepath export");
    }
    let (themes, warnings) = Themes::load(ui::user_theme_dir().as_deref());
    app.theme_count = themes.len();
    app.theme_names = themes.names().iter().map(|n| n.to_string()).collect();
    if let Some(name) = &options.theme {
        match themes.index_of(name) {
            Some(i) => app.theme = i,
            None => bail!(
                "no theme called \"{name}\"; themes: {}",
                themes.names().join(", ")
            ),
        }
    }
    if let Some(w) = warnings.first() {
        app.error(w.clone());
    }
    let recovery = Recovery::in_state_dir();
    let mut keeper = Keeper::new(recovery, app.path.clone());
    let mut pending = pending;
    keeper.check_open(&mut app, on_disk, &mut pending);

    let signal = Arc::new(AtomicUsize::new(0));
    crate::signals::register(&signal)?;

    let no_colour = options.no_colour;
    let mut terminal = ratatui::init();
    // Bracketed paste: pasted text arrives as one event, so its letters and line breaks
    // never act as keys (a pasted "q" then "y" would quit).
    execute!(stdout(), EnableMouseCapture, EnableBracketedPaste).ok();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        event_loop(
            &mut terminal,
            &mut app,
            &themes,
            no_colour,
            &mut keeper,
            &signal,
            pending,
        )
    }));
    // The work first: restoring a terminal that has gone (a closed window) fails.
    if !matches!(outcome, Ok(Ok(Stop::Quit))) {
        keeper.write_now(&app);
        keeper.release();
    }
    execute!(stdout(), DisableBracketedPaste, DisableMouseCapture).ok();
    if let Err(e) = ratatui::try_restore() {
        // Not eprintln!: it panics when the terminal has gone.
        let _ = writeln!(stderr(), "carepath: could not restore the terminal: {e}");
    }
    match outcome {
        Ok(Ok(Stop::Quit)) => {
            if let Some(copy) = keeper.finish(&app) {
                let _ = writeln!(
                    stderr(),
                    "carepath: the edits you did not save are kept in {} until you next save this file",
                    crate::text::visible(&copy.display().to_string())
                );
            }
            Ok(())
        }
        Ok(Ok(Stop::Signal(sig))) => {
            if let Some(copy) = keeper.written_copy() {
                let _ = writeln!(
                    stderr(),
                    "carepath: stopped by signal {sig}; your edits are kept in {}",
                    copy.display()
                );
            }
            std::process::exit(128 + sig as i32);
        }
        Ok(Err(e)) => Err(e),
        Err(_) => {
            // The panic hook has restored the terminal and printed the panic.
            match keeper.written_copy() {
                Some(copy) => bail!(
                    "carepath stopped unexpectedly; your edits are kept in {} and are offered when you open the file again",
                    copy.display()
                ),
                None => bail!("carepath stopped unexpectedly"),
            }
        }
    }
}

/// The editor on the file, whether its document is the file as it is on disk (false for
/// the demo or a new file), and what is still being found in the file's text.
fn open(options: &EditorOptions) -> Result<(App, bool, Option<Pending>)> {
    Ok(match &options.file {
        // The untouched demo is nothing to lose: quitting it does not ask.
        None => (App::new(demo_network(), None, true), false, None),
        Some(path) if path.exists() => {
            let (app, pending) = open_file(path)?;
            (app, true, Some(pending))
        }
        Some(path) if path.is_symlink() => {
            let e = std::io::Error::from(std::io::ErrorKind::NotFound);
            bail!("{}", storage::dangling(path, e))
        }
        Some(path) => {
            // A mistyped command ("carepath chekc") must not quietly become a new file.
            if path.extension().is_none_or(|e| e != "ron") {
                bail!(
                    "{}: no such file (new pathway files end in .ron; for the commands, see carepath --help)",
                    path.display()
                );
            }
            let doc = new_network(path, Condition::LongTerm);
            let mut app = App::new(doc, Some(path.clone()), false);
            app.info(format!(
                "New file: {} is created on first save",
                path.display()
            ));
            (app, false, None)
        }
    })
}

/// The editor on an existing file, and what is found in its text after the first frame.
/// The text is read once; the parse reads it on every core.
pub fn open_file(path: &Path) -> Result<(App, Pending)> {
    let text =
        storage::read_text(path, storage::MAX_FILE_BYTES).map_err(|e| not_loaded(path, &e))?;
    let parsed = storage::parse_noting_comments(&text, path).map_err(|e| not_loaded(path, &e))?;
    let app = App::new(parsed.network, Some(path.to_path_buf()), true);
    Ok((app, Pending::start(text, parsed.may_have_comments)))
}

/// What the file's text says besides its network: its content hash (to notice changes on
/// disk), and whether it has comments or a byte-order mark, which saving drops. Found on
/// a thread of its own while the first frame is drawn (the hash alone reads every byte).
pub struct Pending(PendingState);

enum PendingState {
    Finding(std::thread::JoinHandle<Found>),
    Found(Found),
}

struct Found {
    hash: u64,
    comment: Option<storage::TextPosition>,
    bom: bool,
}

impl Found {
    fn of(text: &str, may_have_comments: bool) -> Found {
        Found {
            hash: content_hash(text.as_bytes()),
            comment: may_have_comments
                .then(|| storage::first_comment(text))
                .flatten(),
            bom: text.starts_with(storage::BOM),
        }
    }
}

impl Pending {
    fn start(text: String, may_have_comments: bool) -> Pending {
        let text = Arc::new(text);
        let shared = Arc::clone(&text);
        match std::thread::Builder::new()
            .name("open".into())
            .spawn(move || Found::of(&shared, may_have_comments))
        {
            Ok(handle) => Pending(PendingState::Finding(handle)),
            // No thread: found here, before the first frame.
            Err(_) => Pending(PendingState::Found(Found::of(&text, may_have_comments))),
        }
    }

    /// Waits for what was found and tells the editor: the hash, and a word about comments
    /// or a byte-order mark unless something else is being said already.
    pub fn finish(self, app: &mut App) {
        let found = match self.0 {
            PendingState::Finding(handle) => match handle.join() {
                Ok(found) => found,
                Err(_) => return,
            },
            PendingState::Found(found) => found,
        };
        app.disk_hash = Some(found.hash);
        // The file's text has gone with the thread that looked through it.
        crate::give_back_freed_memory();
        if app.message.is_some() {
            return;
        }
        if let Some(at) = found.comment {
            app.error(format!(
                "Line {}: this file has comments, which saving drops; put them in notes (n)",
                at.line
            ));
        } else if found.bom {
            app.info("The file starts with a byte-order mark: saving drops it");
        }
    }
}

/// A file that does not load (a merge conflict after a crash, say): the error, and the
/// recovery copies waiting for it, so the user knows the edits are safe and where.
fn not_loaded(path: &Path, error: &storage::LoadError) -> anyhow::Error {
    let mut text = error.to_string();
    let waiting = Recovery::in_state_dir()
        .map(|r| r.all_copies(Some(path)))
        .unwrap_or_default();
    for copy in waiting {
        text.push_str(&format!(
            "\nA recovery copy of this file is waiting in {}: it is offered when the file loads again, and is itself a pathway file you can open.",
            crate::text::visible(&copy.display().to_string())
        ));
    }
    anyhow::anyhow!(text)
}

enum Stop {
    Quit,
    Signal(usize),
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    themes: &Themes,
    no_colour: bool,
    keeper: &mut Keeper,
    signal: &AtomicUsize,
    mut pending: Option<Pending>,
) -> Result<Stop> {
    let mut state = UiState::default();
    let plain = Theme::no_colour();
    let mut hits = HitMap::default();
    let mut redraw = true;
    let input = read_input()?;
    loop {
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(Stop::Signal(sig));
        }
        // A closed window may send no signal to this process (a shell that does not pass
        // SIGHUP on): the terminal is gone all the same.
        if !stdout().is_terminal() {
            return Ok(Stop::Signal(crate::signals::HANGUP));
        }
        keeper.after_update(app);
        if redraw {
            let theme = if no_colour {
                &plain
            } else {
                themes.get(app.theme)
            };
            terminal.draw(|frame| hits = ui::render(frame, app, theme, &mut state))?;
            app.clamp_details_scroll(state.details_room());
        }
        // The first frame is up: now what the file's text says besides its network.
        if let Some(pending) = pending.take() {
            pending.finish(app);
            continue;
        }
        // Wake for a signal, or to write a pending recovery copy, even with no input.
        let event = match input.recv_timeout(keeper.wait().min(Duration::from_millis(250))) {
            Ok(event) => event?,
            Err(RecvTimeoutError::Timeout) => {
                redraw = false;
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => bail!("the terminal's input has ended"),
        };
        redraw = true;
        let action = match event {
            // Help that does not fit scrolls with the arrows as with the wheel.
            Event::Key(key) if key.kind != KeyEventKind::Release && app.mode == Mode::Help => {
                match key.code {
                    KeyCode::Up => scroll(&mut state, app, 0, -1),
                    KeyCode::Down => scroll(&mut state, app, 0, 1),
                    KeyCode::PageUp => scroll(&mut state, app, 0, -10),
                    KeyCode::PageDown => scroll(&mut state, app, 0, 10),
                    _ => key_of(&key).and_then(|k| action_for_key(&app.mode, k)),
                }
            }
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                key_of(&key).and_then(|k| action_for_key(&app.mode, k))
            }
            Event::Paste(text) => Some(crate::app::Action::Paste(text)),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => hits.action_at(mouse.column, mouse.row),
                MouseEventKind::ScrollDown | MouseEventKind::ScrollUp
                    if state.over_details(mouse.column, mouse.row) =>
                {
                    let down = mouse.kind == MouseEventKind::ScrollDown;
                    app.scroll_details(if down { 3 } else { -3 });
                    None
                }
                MouseEventKind::ScrollDown => scroll(&mut state, app, 0, 3),
                MouseEventKind::ScrollUp => scroll(&mut state, app, 0, -3),
                MouseEventKind::ScrollRight => scroll(&mut state, app, 4, 0),
                MouseEventKind::ScrollLeft => scroll(&mut state, app, -4, 0),
                _ => None,
            },
            _ => None,
        };
        let Some(action) = action else {
            continue;
        };
        match app.update(action) {
            Effect::None => {}
            Effect::Quit => return Ok(Stop::Quit),
            Effect::Save(path) => save(app, keeper, path, false),
            Effect::Overwrite(path) => save(app, keeper, path, true),
            Effect::Reload(path) => match storage::load(&path) {
                Ok(doc) => {
                    app.reload(doc);
                    app.disk_hash = std::fs::read(&path).ok().map(|b| content_hash(&b));
                }
                Err(e) => app.error(format!("Not reloaded: {e}")),
            },
        }
        // "Save and quit": quit once the save left nothing unsaved; a failed save stays.
        if app.quit_after_save {
            if !app.is_dirty() {
                return Ok(Stop::Quit);
            }
            if !matches!(app.mode, Mode::Prompt(_) | Mode::Form(_)) {
                app.quit_after_save = false;
            }
        }
        if let Some(choice) = app.take_recovery_choice() {
            keeper.decided(choice);
        }
    }
}

/// Terminal events, read on a thread of their own. crossterm 0.29 spins for ever inside
/// `event::poll` and `event::read` once the terminal has gone (its read loop stops neither
/// at end of file nor on EIO: crossterm-rs/crossterm#793), so the loop never waits inside
/// crossterm: it waits on this channel, and so still sees signals and a closed terminal.
fn read_input() -> Result<Receiver<io::Result<Event>>> {
    let (send, receive) = mpsc::channel();
    std::thread::Builder::new()
        .name("terminal input".into())
        .spawn(move || {
            loop {
                let event = event::read();
                let failed = event.is_err();
                if send.send(event).is_err() || failed {
                    break;
                }
            }
        })?;
    Ok(receive)
}

fn scroll(state: &mut UiState, app: &App, dx: i32, dy: i32) -> Option<crate::app::Action> {
    // The overview keeps its scroll in the app: the wheel moves it as the arrows do.
    if matches!(app.mode, Mode::Overview { .. }) && dy != 0 {
        return Some(if dy > 0 {
            crate::app::Action::NextItem
        } else {
            crate::app::Action::PrevItem
        });
    }
    ui::scroll(state, app, dx, dy);
    None
}

/// Saves, unless the file changed on disk since it was read or saved here and `force`
/// is not set: then the user is asked first.
fn save(app: &mut App, keeper: &Keeper, path: PathBuf, force: bool) {
    let same_file = app.path.as_deref() == Some(path.as_path());
    if !force && same_file {
        let now = std::fs::read(&path).ok().map(|b| content_hash(&b));
        if now.is_some() && now != app.disk_hash {
            app.save_conflict(path);
            return;
        }
    }
    let text = storage::to_canonical_string(app.document());
    let result = storage::write_atomic(&path, text.as_bytes()).map_err(|e| e.source.to_string());
    let notice = result.as_ref().ok().and_then(|w| w.notice.clone());
    if result.is_ok() {
        app.disk_hash = Some(content_hash(text.as_bytes()));
        keeper.saved(&path);
    }
    app.saved(path, result.map(|_| ()));
    if let Some(notice) = notice {
        app.info(format!("Saved; {notice}"));
    }
}
