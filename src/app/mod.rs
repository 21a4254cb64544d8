//! The editor's state and the named actions that change it. No terminal here: a test
//! is a list of actions applied to an `App`.

mod connect;
mod delete;
mod describe;
mod edit;
mod form;
mod forms;
mod history;
mod in_form;
mod keymap;
mod measure_fields;
mod navigate;
mod rows;
mod safety;
mod submit;
mod update;
mod workshop;

use std::path::PathBuf;

use crate::analysis::{NetworkAnalysis, analyse};
use crate::model::{Component, Link, Network, Pathway, Phase};

pub use describe::Subject;
pub use edit::Edit;
pub use form::{Field, FieldKind, Form, ListKind, Row, parse_number};
pub use forms::Purpose;
pub use history::{HISTORY_BYTES, History, UNDO_LIMIT};
pub use keymap::{
    Binding, KEYS, Key, KeyMode, action_for_key, action_in, bindings, hints, map_hints,
};
pub use rows::RowList;
pub use safety::{Prompt, RecoveryChoice};
pub use workshop::ACTION_STATUSES;

/// What the user asked for: one per key, click or form step. Every change of state goes
/// through `App::update` with one of these.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    PrevColumn,
    NextColumn,
    /// The previous / next item: a component on the map, a row in a panel or list, a
    /// question, a line of the overview.
    PrevItem,
    NextItem,
    PrevPathway,
    NextPathway,
    NextPanel,
    /// Select the next link leaving / entering the selected component.
    NextLinkOut,
    NextLinkIn,
    Edit,
    AddComponent,
    /// In the organisations list: add one.
    AddOrganisation,
    /// In a measure's history or breakdowns list: add a row.
    AddRow,
    /// In the actions list: the action's next status.
    NextStatus,
    /// Examining: answer the question.
    Answer(crate::model::Answer),
    /// Quitting with unsaved changes: save, then quit; or quit and lose them.
    SaveAndQuit,
    QuitWithoutSaving,
    Connect,
    AddMeasure,
    Delete,
    PhaseBack,
    PhaseForward,
    ShiftUp,
    ShiftDown,
    Undo,
    Redo,
    Save,
    Find,
    ToggleWeakest,
    /// Boxes: fit the screen, full (whole names), compact (one line).
    Zoom,
    /// Fold the details and weakest-links panels away so the map takes the screen.
    FoldPanels,
    NextTheme,
    Help,
    Quit,
    Organisations,
    AddPathway,
    EditPathway,
    /// The network itself: name, population, as-of date.
    EditNetwork,
    DeletePathway,
    /// Form, find and confirmation input.
    Input(char),
    /// Text pasted into the terminal (bracketed paste): goes into the field being typed
    /// in as text, never as keys.
    Paste(String),
    Backspace,
    ClearField,
    NextField,
    PrevField,
    ChoicePrev,
    ChoiceNext,
    Confirm,
    Cancel,
    /// Mouse: select a component of the current pathway, a tab, a weakest-links row.
    SelectComponent(String),
    SelectPathway(usize),
    SelectWeakest(usize),
    /// Apply a new order to the current pathway's components (from the layout's tidy).
    ApplyOrder(Vec<String>),
    /// Reorder the current pathway's columns to reduce crossings.
    Tidy,
    /// Workshop: presentation mode; in it, the whole pathway or one phase, and reveal.
    Present,
    WholePathway,
    Reveal,
    /// Answer the structure-and-process checklist of the selected component.
    Examine,
    /// A one-line note on the selection.
    Note,
    /// An improvement action for the selected component.
    AddImprovement,
    /// The list of all improvement actions.
    ActionsView,
    /// Every pathway, organisation and cross-pathway finding at a glance.
    Overview,
}

/// What the event loop must do after an update: the only way state asks for I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Save to this path, checking first that the file did not change on disk.
    Save(PathBuf),
    /// Save to this path even though it changed on disk.
    Overwrite(PathBuf),
    /// Read this path again, dropping the edits.
    Reload(PathBuf),
    Quit,
}

/// Which panel has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Map,
    Details,
    Weakest,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Component(String),
    Link { from: String, to: String },
}

/// A question awaiting y/Enter or n/Esc, with what a yes does.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    Apply { question: String, edit: Box<Edit> },
    QuitUnsaved,
    Reload(PathBuf),
}

impl Confirm {
    /// The keys the prompt takes and what each does.
    pub fn answers(&self) -> &'static [(&'static str, &'static str)] {
        match self {
            Confirm::QuitUnsaved => &[
                ("s Enter", "save and quit"),
                ("d", "quit without saving"),
                ("Esc", "cancel"),
            ],
            _ => &[("y Enter", "yes"), ("n Esc", "no")],
        }
    }

    pub fn question(&self) -> &str {
        match self {
            Confirm::Apply { question, .. } => question,
            Confirm::QuitUnsaved => "You have unsaved changes. Save them before you quit?",
            Confirm::Reload(_) => "Reload the file from disk and lose your edits?",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    /// Picking the target of a new link from `from`: the arrows move as in Normal, or
    /// typing finds a component by name as `/` does (`query`).
    Connect {
        from: String,
        query: String,
    },
    Form(Form<Purpose>),
    Confirm(Confirm),
    Find {
        query: String,
    },
    Help,
    /// A measure form's history or breakdowns, open as a list.
    Rows(RowList),
    /// The organisations list, with its cursor.
    Organisations {
        cursor: usize,
    },
    /// A question with several answers (recovery, changed on disk).
    Prompt(Prompt),
    /// Presentation: the map alone, one phase (`Some`) or the whole pathway, weak links
    /// hidden until revealed.
    Present {
        phase: Option<Phase>,
        reveal: bool,
    },
    /// Answering the checklist of the selected component, at a question.
    Examine {
        question: usize,
    },
    /// The actions list, with its cursor.
    Actions {
        cursor: usize,
    },
    /// The network overview, scrolled.
    Overview {
        scroll: u16,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub kind: MessageKind,
}

/// The editor: the document, its analysis, its history and where the user is.
#[derive(Debug)]
pub struct App {
    doc: Network,
    analysis: NetworkAnalysis,
    history: History,
    /// Counts changes; a state's number comes back with it on undo, so "unsaved" is exact.
    generation: u64,
    next_generation: u64,
    saved_generation: Option<u64>,
    pub path: Option<PathBuf>,
    pub pathway: usize,
    pub column: Phase,
    pub selection: Option<Selection>,
    pub focus: Panel,
    pub mode: Mode,
    pub show_weakest: bool,
    /// How tall map boxes are; kept for the session, across pathways.
    pub zoom: crate::layout::BoxSize,
    /// The side panels folded away, the map on the whole screen.
    pub panels_folded: bool,
    pub theme: usize,
    pub theme_count: usize,
    /// Set by "save and quit": the event loop quits once a save leaves nothing unsaved.
    pub quit_after_save: bool,
    /// The themes' names, in order, for saying which one `t` switched to.
    pub theme_names: Vec<String>,
    pub message: Option<Message>,
    /// Index into the selection's measures, when the details panel has focus.
    pub detail_cursor: usize,
    /// Lines the details panel is scrolled past what the measure cursor needs, to reach
    /// notes and actions; the screen clamps it (`clamp_details_scroll`).
    pub details_scroll: usize,
    /// Index into `analysis().weakest`.
    pub weakest_cursor: usize,
    /// A content hash of the file as last read or written here, to notice changes on disk.
    pub disk_hash: Option<u64>,
    recovery_choice: Option<RecoveryChoice>,
    /// The content hash of the file the offered recovery copy's edits were made on.
    recovered_base: Option<u64>,
    /// Today's date, `YYYY-MM-DD`, for overdue actions.
    pub today: String,
}

impl App {
    /// An editor on `doc`. `path` is where it saves; `saved` says whether `doc` is what
    /// is on disk there (false for a new file or the demo).
    pub fn new(doc: Network, path: Option<PathBuf>, saved: bool) -> App {
        let analysis = analyse(&doc);
        let mut app = App {
            doc,
            analysis,
            history: History::default(),
            generation: 0,
            next_generation: 1,
            saved_generation: saved.then_some(0),
            path,
            pathway: 0,
            column: Phase::Prevention,
            selection: None,
            focus: Panel::Map,
            mode: Mode::Normal,
            show_weakest: false,
            zoom: crate::layout::BoxSize::Auto,
            panels_folded: false,
            theme: 0,
            theme_count: 1,
            theme_names: Vec::new(),
            quit_after_save: false,
            message: None,
            detail_cursor: 0,
            details_scroll: 0,
            weakest_cursor: 0,
            disk_hash: None,
            recovery_choice: None,
            recovered_base: None,
            today: crate::model::today(),
        };
        app.select_first();
        app
    }

    pub fn document(&self) -> &Network {
        &self.doc
    }

    pub fn analysis(&self) -> &NetworkAnalysis {
        &self.analysis
    }

    /// Identifies the document's state: the same number means the same document (undo
    /// brings a state's number back), so a view can cache what it computed from it.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    /// True when the document differs from what was last saved or opened.
    pub fn is_dirty(&self) -> bool {
        self.saved_generation != Some(self.generation)
    }

    pub fn current_pathway(&self) -> Option<&Pathway> {
        self.doc.pathways().get(self.pathway)
    }

    pub fn selected_component(&self) -> Option<&Component> {
        match &self.selection {
            Some(Selection::Component(id)) => self.current_pathway()?.component(id),
            _ => None,
        }
    }

    pub fn selected_link(&self) -> Option<&Link> {
        match &self.selection {
            Some(Selection::Link { from, to }) => self.current_pathway()?.link(from, to),
            _ => None,
        }
    }

    /// Scrolls the details panel by `lines` (the wheel over it), down when positive.
    pub fn scroll_details(&mut self, lines: i32) {
        self.details_scroll = self.details_scroll.saturating_add_signed(lines as isize);
    }

    /// Keeps the details scroll within what the last frame could show.
    pub fn clamp_details_scroll(&mut self, most: usize) {
        self.details_scroll = self.details_scroll.min(most);
    }

    /// `t`: the next theme, named in the status line.
    fn next_theme(&mut self) {
        self.theme = (self.theme + 1) % self.theme_count.max(1);
        if let Some(name) = self.theme_names.get(self.theme) {
            self.info(format!("Theme: {name}"));
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            kind: MessageKind::Info,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            kind: MessageKind::Error,
        });
    }

    /// Applies a named change through the model's checked operations. A refused change
    /// leaves everything as it was and says why; a change that changes nothing is not
    /// recorded.
    pub fn apply(&mut self, edit: Edit) -> Result<(), String> {
        let before = self.doc.clone();
        let what = edit.describe();
        let summary = edit.summary(&self.doc);
        let subject = edit.subject(&self.doc);
        if let Err(e) = edit.apply(&mut self.doc) {
            let text = capitalise(&e.to_string());
            self.error(text.clone());
            return Err(text);
        }
        if !self
            .history
            .record(before, &mut self.doc, self.generation, &summary, subject)
        {
            self.info("Nothing to change");
            return Ok(());
        }
        self.generation = self.next_generation;
        self.next_generation += 1;
        self.refresh();
        self.info(what);
        Ok(())
    }

    /// Undoes the last change, says what it was ("Undid: delete component …") and
    /// selects the item it was about, where it still exists.
    pub fn undo(&mut self) {
        match self.history.undo(&mut self.doc, &mut self.generation) {
            Some((what, subject)) => self.after_history("Undid", &what, subject),
            None => self.info("Nothing to undo"),
        }
    }

    /// Makes the last undone change again, says so and selects its item.
    pub fn redo(&mut self) {
        match self.history.redo(&mut self.doc, &mut self.generation) {
            Some((what, subject)) => self.after_history("Redid", &what, subject),
            None => self.info("Nothing to redo"),
        }
    }

    fn after_history(&mut self, done: &str, what: &str, subject: Option<Subject>) {
        self.refresh();
        if let Some(subject) = subject {
            self.select_subject(&subject);
        }
        self.info(format!("{done}: {what}"));
    }

    /// Called by the event loop with the result of an `Effect::Save`.
    pub fn saved(&mut self, path: PathBuf, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.saved_generation = Some(self.generation);
                self.info(format!("Saved {}", path.display()));
                self.path = Some(path);
            }
            Err(e) => self.error(format!("Not saved: {e}")),
        }
    }

    /// Re-analyses and keeps the cursor on something that exists.
    fn refresh(&mut self) {
        self.analysis = analyse(&self.doc);
        self.weakest_cursor = self
            .weakest_cursor
            .min(self.analysis.weakest.len().saturating_sub(1));
        self.fix_selection();
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
