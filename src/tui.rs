//! The event loop: terminal events in, actions through `App::update`, effects out, draw.

use std::io::{IsTerminal, stdout};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;

use crate::app::{App, Effect, action_for_key};
use crate::cli::new_network;
use crate::model::{Condition, Network};
use crate::storage;
use crate::ui::{self, HitMap, Theme, Themes, UiState};

/// The demo network opened by a bare `carepath`: the type 1 diabetes example.
pub const DEMO: &str = include_str!("../pathways/type1-diabetes.ron");

pub fn demo_network() -> Network {
    storage::parse(DEMO, std::path::Path::new("demo"))
        .expect("the bundled demo is a valid pathway file (tested)")
}

/// What the command line asked the editor for.
#[derive(Debug, Clone, Default)]
pub struct EditorOptions {
    pub file: Option<PathBuf>,
    pub theme: Option<String>,
}

/// Opens the document, runs the editor until quit, and restores the terminal.
pub fn run(options: EditorOptions) -> Result<()> {
    let app = open(&options)?;
    if !std::io::stdout().is_terminal() {
        bail!("the editor needs a terminal; for reports use carepath check or carepath export");
    }
    let (themes, warnings) = Themes::load(ui::user_theme_dir().as_deref());
    let mut app = app;
    app.theme_count = themes.len();
    if let Some(name) = &options.theme {
        app.theme = themes.index_of(name).with_context(|| {
            format!(
                "no theme called \"{name}\"; themes: {}",
                themes.names().join(", ")
            )
        })?;
    }
    if let Some(w) = warnings.first() {
        app.error(w.clone());
    }
    let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());

    let mut terminal = ratatui::init();
    execute!(stdout(), EnableMouseCapture).ok();
    let result = event_loop(&mut terminal, &mut app, &themes, no_colour);
    execute!(stdout(), DisableMouseCapture).ok();
    ratatui::restore();
    result
}

fn open(options: &EditorOptions) -> Result<App> {
    Ok(match &options.file {
        // The untouched demo is nothing to lose: quitting it does not ask.
        None => App::new(demo_network(), None, true),
        Some(path) if path.exists() => {
            let doc = storage::load(path).map_err(|e| anyhow::anyhow!("{e}"))?;
            App::new(doc, Some(path.clone()), true)
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
            app
        }
    })
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    themes: &Themes,
    no_colour: bool,
) -> Result<()> {
    let mut state = UiState::default();
    let plain = Theme::no_colour();
    loop {
        let theme = if no_colour {
            &plain
        } else {
            themes.get(app.theme)
        };
        let mut hits = HitMap::default();
        terminal.draw(|frame| hits = ui::render(frame, app, theme, &mut state))?;
        let action = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => action_for_key(&app.mode, &key),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => hits.action_at(mouse.column, mouse.row),
                MouseEventKind::ScrollDown => {
                    ui::scroll(&mut state, app, 0, 3);
                    None
                }
                MouseEventKind::ScrollUp => {
                    ui::scroll(&mut state, app, 0, -3);
                    None
                }
                MouseEventKind::ScrollRight => {
                    ui::scroll(&mut state, app, 4, 0);
                    None
                }
                MouseEventKind::ScrollLeft => {
                    ui::scroll(&mut state, app, -4, 0);
                    None
                }
                _ => None,
            },
            _ => None,
        };
        let Some(action) = action else {
            continue;
        };
        match app.update(action) {
            Effect::None => {}
            Effect::Quit => return Ok(()),
            Effect::Save(path) => {
                let result = storage::save(&path, app.document()).map_err(|e| e.source.to_string());
                app.saved(path, result);
            }
        }
    }
}
