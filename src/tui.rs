//! The event loop: terminal events in, actions through `App::update`, effects out, draw.
//! It also keeps work safe (DESIGN §8): a recovery copy behind every edit, signals and
//! panics that write it and restore the terminal, and saves that notice changes on disk.

use std::io::{self, IsTerminal, Write, stderr, stdout};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Result, bail};
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, MouseButton,
    MouseEventKind,
};
use crossterm::execute;

use crate::app::{App, Effect, Mode, RecoveryChoice, action_for_key};
use crate::cli::new_network;
use crate::model::{Condition, Network};
use crate::recovery::{Recovery, content_hash};
use crate::storage;
use crate::ui::{self, HitMap, Theme, Themes, UiState};

/// The demo network opened by a bare `carepath`: the type 1 diabetes example.
pub const DEMO: &str = include_str!("../pathways/type1-diabetes.ron");

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
    let (mut app, on_disk) = open(&options)?;
    if !stdout().is_terminal() {
        bail!("the editor needs a terminal; for reports use carepath check or carepath export");
    }
    let (themes, warnings) = Themes::load(ui::user_theme_dir().as_deref());
    app.theme_count = themes.len();
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
    keeper.check_open(&mut app, on_disk.as_ref());

    let signal = Arc::new(AtomicUsize::new(0));
    crate::signals::register(&signal)?;

    let no_colour = options.no_colour;
    let mut terminal = ratatui::init();
    execute!(stdout(), EnableMouseCapture).ok();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        event_loop(
            &mut terminal,
            &mut app,
            &themes,
            no_colour,
            &mut keeper,
            &signal,
        )
    }));
    // The work first: restoring a terminal that has gone (a closed window) fails.
    if !matches!(outcome, Ok(Ok(Stop::Quit))) {
        keeper.write_now(&app);
        keeper.release();
    }
    execute!(stdout(), DisableMouseCapture).ok();
    if let Err(e) = ratatui::try_restore() {
        // Not eprintln!: it panics when the terminal has gone.
        let _ = writeln!(stderr(), "carepath: could not restore the terminal: {e}");
    }
    match outcome {
        Ok(Ok(Stop::Quit)) => {
            keeper.finish();
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

/// The editor on the file, and the file as it is on disk (None for the demo or a new file).
fn open(options: &EditorOptions) -> Result<(App, Option<Network>)> {
    Ok(match &options.file {
        // The untouched demo is nothing to lose: quitting it does not ask.
        None => (App::new(demo_network(), None, true), None),
        Some(path) if path.exists() => {
            let doc = storage::load(path).map_err(|e| anyhow::anyhow!("{e}"))?;
            let mut app = App::new(doc.clone(), Some(path.clone()), true);
            app.disk_hash = std::fs::read(path).ok().map(|b| content_hash(&b));
            (app, Some(doc))
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
            (app, None)
        }
    })
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
                    _ => action_for_key(&app.mode, &key),
                }
            }
            Event::Key(key) if key.kind != KeyEventKind::Release => action_for_key(&app.mode, &key),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => hits.action_at(mouse.column, mouse.row),
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
            Effect::Save(path) => save(app, path, false),
            Effect::Overwrite(path) => save(app, path, true),
            Effect::Reload(path) => match storage::load(&path) {
                Ok(doc) => {
                    app.reload(doc);
                    app.disk_hash = std::fs::read(&path).ok().map(|b| content_hash(&b));
                }
                Err(e) => app.error(format!("Not reloaded: {e}")),
            },
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
            crate::app::Action::NextComponent
        } else {
            crate::app::Action::PrevComponent
        });
    }
    ui::scroll(state, app, dx, dy);
    None
}

/// Saves, unless the file changed on disk since it was read or saved here and `force`
/// is not set: then the user is asked first.
fn save(app: &mut App, path: PathBuf, force: bool) {
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
    if result.is_ok() {
        app.disk_hash = Some(content_hash(text.as_bytes()));
    }
    app.saved(path, result);
}

/// Keeps the recovery copy up to date and the lock on the file.
struct Keeper {
    recovery: Option<Recovery>,
    file: Option<PathBuf>,
    /// The generation last written to the copy, or known to need none.
    kept: Option<u64>,
    changed_at: Option<Instant>,
    written: Option<PathBuf>,
    /// While the user decides about an older copy, it must not be overwritten.
    deciding: bool,
}

impl Keeper {
    fn new(recovery: Option<Recovery>, file: Option<PathBuf>) -> Keeper {
        Keeper {
            recovery,
            file,
            kept: None,
            changed_at: None,
            written: None,
            deciding: false,
        }
    }

    /// At open: offer a newer recovery copy, and warn about another carepath on the file.
    fn check_open(&mut self, app: &mut App, on_disk: Option<&Network>) {
        let Some(recovery) = &self.recovery else {
            app.error("No state directory: recovery copies are off");
            return;
        };
        if let Some(pid) = recovery.lock(self.file.as_deref()) {
            app.error(format!(
                "Another carepath (process {pid}) has this file open: saving here may overwrite its work"
            ));
        }
        let baseline = on_disk.or(if self.file.is_none() {
            Some(app.document())
        } else {
            None
        });
        if let Some(found) = recovery.find(self.file.as_deref(), baseline) {
            self.deciding = true;
            app.offer_recovery(found.copy, when(found.modified), found.network);
        }
        self.kept = Some(app.generation());
    }

    fn decided(&mut self, choice: RecoveryChoice) {
        self.deciding = false;
        if choice == RecoveryChoice::Discarded
            && let Some(r) = &self.recovery
        {
            r.remove(self.file.as_deref());
        }
    }

    /// Notes a change; writes the copy once it has waited `RECOVERY_DELAY`, or removes it
    /// when the document is back to what is saved.
    fn after_update(&mut self, app: &App) {
        if self.deciding || matches!(app.mode, Mode::Prompt(_)) {
            return;
        }
        if app.path != self.file {
            // Saved under a new name: the copy follows the document.
            if let Some(r) = &self.recovery {
                r.remove(self.file.as_deref());
                r.unlock(self.file.as_deref());
                r.lock(app.path.as_deref());
            }
            self.file = app.path.clone();
            self.kept = None;
        }
        if self.kept == Some(app.generation()) {
            return;
        }
        if !app.is_dirty() {
            if let Some(r) = &self.recovery {
                r.remove(self.file.as_deref());
            }
            self.kept = Some(app.generation());
            self.changed_at = None;
            return;
        }
        let since = *self.changed_at.get_or_insert_with(Instant::now);
        if since.elapsed() >= RECOVERY_DELAY {
            self.write_now(app);
        }
    }

    /// How long the loop may sleep before a pending copy is due.
    fn wait(&self) -> Duration {
        match self.changed_at {
            Some(t) => RECOVERY_DELAY.saturating_sub(t.elapsed()),
            None => Duration::from_secs(3600),
        }
    }

    fn write_now(&mut self, app: &App) {
        if self.deciding || !app.is_dirty() || self.kept == Some(app.generation()) {
            return;
        }
        if let Some(r) = &self.recovery
            && let Ok(copy) = r.write(self.file.as_deref(), app.document())
        {
            self.written = Some(copy);
            self.kept = Some(app.generation());
            self.changed_at = None;
        }
    }

    fn written_copy(&self) -> Option<&Path> {
        self.written.as_deref()
    }

    /// A clean quit: the copy is no longer needed.
    fn finish(&mut self) {
        if let Some(r) = &self.recovery
            && !self.deciding
        {
            r.remove(self.file.as_deref());
        }
        self.release();
    }

    fn release(&self) {
        if let Some(r) = &self.recovery {
            r.unlock(self.file.as_deref());
        }
    }
}

/// "today 14:05" style time for the recovery question (UTC; no time-zone crate here).
fn when(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let age = SystemTime::now()
        .duration_since(t)
        .map_or(0, |d| d.as_secs());
    let clock = format!("{:02}:{:02} UTC", secs / 3600 % 24, secs / 60 % 60);
    match age {
        0..60 => format!("{clock}, moments ago"),
        60..3600 => format!("{clock}, {} minutes ago", age / 60),
        3600..86400 => format!("{clock}, {} hours ago", age / 3600),
        _ => format!("{clock}, {} days ago", age / 86400),
    }
}
