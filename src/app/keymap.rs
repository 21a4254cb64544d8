//! Keys to actions: one table, one line per binding (mode, keys, action, help, hint). The
//! key handling, the help screen, the status-line hints and the README's key tables all
//! read it. Keys here are the editor's own: the terminal layer turns its events into them.

use crate::model::Answer;

use super::{Action, Confirm, Mode, Panel};

/// A key as the editor knows it, whatever terminal it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character typed without Ctrl (Shift included: `H` is `Char('H')`).
    Char(char),
    /// Ctrl with a letter, in lower case.
    Ctrl(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    F(u8),
    /// In the table only: any character typed without Ctrl, as text.
    Text,
    /// In the table only: any key at all.
    AnyKey,
}

impl Key {
    /// How help, hints and the README show the key.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Enter => "Enter".into(),
            Key::Esc => "Esc".into(),
            Key::Tab => "Tab".into(),
            Key::BackTab => "Shift-Tab".into(),
            Key::Backspace => "Backspace".into(),
            Key::Delete => "Del".into(),
            Key::Up => "↑".into(),
            Key::Down => "↓".into(),
            Key::Left => "←".into(),
            Key::Right => "→".into(),
            Key::PageUp => "PageUp".into(),
            Key::PageDown => "PageDown".into(),
            Key::F(n) => format!("F{n}"),
            Key::Text => "letters".into(),
            Key::AnyKey => "any key".into(),
        }
    }

    fn is_arrow(self) -> bool {
        matches!(self, Key::Up | Key::Down | Key::Left | Key::Right)
    }

    /// True when this table key stands for the key pressed.
    fn matches(self, pressed: Key) -> bool {
        match self {
            Key::Text => matches!(pressed, Key::Char(_)),
            Key::AnyKey => true,
            key => key == pressed,
        }
    }
}

/// The editor's modes as the key table groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMode {
    Map,
    Connect,
    Find,
    Form,
    List,
    Confirm,
    QuitPrompt,
    Prompt,
    Organisations,
    Present,
    Examine,
    Actions,
    Overview,
    Help,
}

impl KeyMode {
    /// Every mode, in the order help and the README list them.
    pub const ALL: [KeyMode; 14] = [
        KeyMode::Map,
        KeyMode::Connect,
        KeyMode::Find,
        KeyMode::Form,
        KeyMode::List,
        KeyMode::Confirm,
        KeyMode::QuitPrompt,
        KeyMode::Prompt,
        KeyMode::Organisations,
        KeyMode::Present,
        KeyMode::Examine,
        KeyMode::Actions,
        KeyMode::Overview,
        KeyMode::Help,
    ];

    /// The heading of the mode's keys in help and the README.
    pub fn title(self) -> &'static str {
        match self {
            KeyMode::Map => "On the map",
            KeyMode::Connect => "Connecting (c)",
            KeyMode::Find => "Finding (/)",
            KeyMode::Form => "In a form",
            KeyMode::List => "In a measure's history or breakdowns list",
            KeyMode::Confirm => "Confirmations",
            KeyMode::QuitPrompt => "Quitting with unsaved changes",
            KeyMode::Prompt => "Questions (recovery, file changed on disk)",
            KeyMode::Organisations => "Organisations list (O)",
            KeyMode::Present => "Presentation (p)",
            KeyMode::Examine => "Examining a component (x)",
            KeyMode::Actions => "Actions list (v)",
            KeyMode::Overview => "Network overview (o)",
            KeyMode::Help => "Help (?)",
        }
    }
}

impl Mode {
    /// Which of the key table's modes this is.
    pub fn key_mode(&self) -> KeyMode {
        match self {
            Mode::Normal => KeyMode::Map,
            Mode::Connect { .. } => KeyMode::Connect,
            Mode::Find { .. } => KeyMode::Find,
            Mode::Form(_) => KeyMode::Form,
            Mode::Rows(_) => KeyMode::List,
            Mode::Confirm(Confirm::QuitUnsaved) => KeyMode::QuitPrompt,
            Mode::Confirm(_) => KeyMode::Confirm,
            Mode::Prompt(_) => KeyMode::Prompt,
            Mode::Organisations { .. } => KeyMode::Organisations,
            Mode::Present { .. } => KeyMode::Present,
            Mode::Examine { .. } => KeyMode::Examine,
            Mode::Actions { .. } => KeyMode::Actions,
            Mode::Overview { .. } => KeyMode::Overview,
            Mode::Help => KeyMode::Help,
        }
    }
}

/// One line of the key table. `hint` puts the binding in the status line, by rank
/// (lowest first), with a word or two; bindings next to each other in that order with the
/// same words share one hint ("←→↑↓ move").
pub struct Binding {
    pub mode: KeyMode,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
    pub hint: Option<(u8, &'static str)>,
}

impl Binding {
    /// The keys as help shows them: "Enter e".
    pub fn label(&self) -> String {
        self.keys
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

macro_rules! b {
    ($mode:ident, [$($key:expr),+], $action:expr, $help:expr) => {
        Binding { mode: KeyMode::$mode, keys: &[$($key),+], action: $action, help: $help, hint: None }
    };
    ($mode:ident, [$($key:expr),+], $action:expr, $help:expr, $rank:expr, $hint:expr) => {
        Binding { mode: KeyMode::$mode, keys: &[$($key),+], action: $action, help: $help, hint: Some(($rank, $hint)) }
    };
}

use Action as A;
use Key::{
    AnyKey, BackTab, Backspace, Char, Ctrl, Delete, Down, Enter, Esc, F, Left, Right, Tab, Text, Up,
};

/// Every key of every mode (README, "Keys"), in the order help lists them.
#[rustfmt::skip]
pub const KEYS: &[Binding] = &[
    b!(Map, [Left, Char('h')], A::PrevColumn, "previous phase column", 1, "move"),
    b!(Map, [Right, Char('l')], A::NextColumn, "next phase column", 1, "move"),
    b!(Map, [Up, Char('k')], A::PrevItem, "previous component (or row in a panel)", 1, "move"),
    b!(Map, [Down, Char('j')], A::NextItem, "next component (or row in a panel)", 1, "move"),
    b!(Map, [Char('[')], A::PrevPathway, "previous pathway"),
    b!(Map, [Char(']')], A::NextPathway, "next pathway"),
    b!(Map, [Tab], A::NextPanel, "next panel: map, details, weakest links", 9, "panel"),
    b!(Map, [Char('>')], A::NextLinkOut, "select the next link out of the component"),
    b!(Map, [Char('<')], A::NextLinkIn, "select the next link into the component"),
    b!(Map, [Enter, Char('e')], A::Edit, "edit the selection (in weakest links: jump to it)", 2, "edit"),
    b!(Map, [Char('a')], A::AddComponent, "add a component in the current column", 3, "add"),
    b!(Map, [Char('c')], A::Connect, "connect: type the target's name or move to it, Enter, then kind and integration", 4, "connect"),
    b!(Map, [Char('m')], A::AddMeasure, "add a measure to the selection", 5, "measure"),
    b!(Map, [Char('d'), Delete], A::Delete, "delete the selection (asks first)", 6, "delete"),
    b!(Map, [Char('H')], A::PhaseBack, "move the component to the previous phase"),
    b!(Map, [Char('L')], A::PhaseForward, "move the component to the next phase"),
    b!(Map, [Char('K')], A::ShiftUp, "move the component up in its column"),
    b!(Map, [Char('J')], A::ShiftDown, "move the component down in its column"),
    b!(Map, [Char('T')], A::Tidy, "tidy: reorder columns to reduce crossings (undoable)"),
    b!(Map, [Char('u'), Ctrl('z')], A::Undo, "undo", 10, "undo"),
    b!(Map, [Ctrl('r'), Ctrl('y')], A::Redo, "redo"),
    b!(Map, [Ctrl('s')], A::Save, "save", 11, "save"),
    b!(Map, [Char('/')], A::Find, "find a component by name (Enter: next match)"),
    b!(Map, [Char('w')], A::ToggleWeakest, "show / hide the weakest-links highlight"),
    b!(Map, [Char('z')], A::Zoom, "zoom: boxes fit the screen, full boxes, compact boxes"),
    b!(Map, [Char('f')], A::FoldPanels, "fold / unfold the details and weakest-links panels"),
    b!(Map, [Char('t')], A::NextTheme, "next theme"),
    b!(Map, [Char('O')], A::Organisations, "organisations: add, edit, delete"),
    b!(Map, [Char('+')], A::AddPathway, "add a pathway"),
    b!(Map, [Char('P')], A::EditPathway, "edit the pathway: name, condition, notes"),
    b!(Map, [Char('N')], A::EditNetwork, "edit the network: name, population, as-of date"),
    b!(Map, [Char('X')], A::DeletePathway, "delete the pathway (asks first)"),
    b!(Map, [Char('p')], A::Present, "presentation mode: the map alone, phase by phase", 12, "present"),
    b!(Map, [Char('x')], A::Examine, "examine the component: answer its structure-and-process checklist", 13, "examine"),
    b!(Map, [Char('n')], A::Note, "add a one-line note to the selection"),
    b!(Map, [Char('A')], A::AddImprovement, "agree an improvement action for the component", 14, "action"),
    b!(Map, [Char('v')], A::ActionsView, "all improvement actions, by status and due date", 15, "actions"),
    b!(Map, [Char('o')], A::Overview, "network overview: pathways, organisations, findings across pathways", 16, "overview"),
    b!(Map, [Char('?'), F(1)], A::Help, "help", 7, "help"),
    b!(Map, [Char('q')], A::Quit, "quit (asks when there are unsaved changes)", 8, "quit"),

    b!(Connect, [Text], A::Input(' '), "type part of the target's name: the first match is selected", 1, "find the target"),
    b!(Connect, [Left], A::PrevColumn, "previous phase column", 2, "move to it"),
    b!(Connect, [Right], A::NextColumn, "next phase column", 2, "move to it"),
    b!(Connect, [Up], A::PrevItem, "previous component", 2, "move to it"),
    b!(Connect, [Down], A::NextItem, "next component", 2, "move to it"),
    b!(Connect, [Backspace], A::Backspace, "delete the last character typed"),
    b!(Connect, [Enter], A::Confirm, "link to the selected component, then kind and integration", 3, "kind and integration"),
    b!(Connect, [Esc], A::Cancel, "cancel", 4, "cancel"),

    b!(Find, [Text], A::Input(' '), "type part of a name: the first match is selected"),
    b!(Find, [Backspace], A::Backspace, "delete the last character typed"),
    b!(Find, [Enter], A::Confirm, "next match", 1, "next match"),
    b!(Find, [Esc], A::Cancel, "done: stay on the match", 2, "done"),

    b!(Form, [Up, BackTab], A::PrevField, "previous field", 1, "field"),
    b!(Form, [Down, Tab], A::NextField, "next field", 1, "field"),
    b!(Form, [Left], A::ChoicePrev, "a choice: previous option", 2, "choice"),
    b!(Form, [Right], A::ChoiceNext, "a choice: next option", 2, "choice"),
    b!(Form, [Text], A::Input(' '), "type into the field; in a choice, Space is the next option and a letter the next option starting with it"),
    b!(Form, [Backspace], A::Backspace, "delete a character"),
    b!(Form, [Ctrl('u')], A::ClearField, "clear the field", 5, "clear"),
    b!(Form, [Enter], A::Confirm, "save the form; on a list field (History, Breakdowns): open its list", 3, "save"),
    b!(Form, [Ctrl('s')], A::Save, "save the form and the file"),
    b!(Form, [Esc], A::Cancel, "cancel the form", 4, "cancel"),

    b!(List, [Up, Char('k')], A::PrevItem, "previous row", 1, "move"),
    b!(List, [Down, Char('j')], A::NextItem, "next row", 1, "move"),
    b!(List, [Char('a')], A::AddRow, "add a row (a period and its value; a group and its value)", 2, "add"),
    b!(List, [Enter, Char('e')], A::Edit, "edit the row", 3, "edit"),
    b!(List, [Char('d'), Delete], A::Delete, "delete the row", 4, "delete"),
    b!(List, [Esc], A::Cancel, "back to the measure form, the list as edited (Enter there saves the measure)", 5, "back to the form"),

    b!(Confirm, [Char('y'), Enter], A::Confirm, "yes", 1, "yes"),
    b!(Confirm, [Char('n'), Esc], A::Cancel, "no", 2, "no"),

    b!(QuitPrompt, [Char('s'), Enter], A::SaveAndQuit, "save and quit", 1, "save and quit"),
    b!(QuitPrompt, [Char('d')], A::QuitWithoutSaving, "quit without saving", 2, "quit without saving"),
    b!(QuitPrompt, [Esc, Char('n')], A::Cancel, "stay in the editor", 3, "cancel"),

    b!(Prompt, [Text], A::Input(' '), "the key shown beside an answer: that answer", 1, "answer"),
    b!(Prompt, [Esc], A::Cancel, "cancel, where the question offers it (a save over a changed file)"),

    b!(Organisations, [Up, Char('k')], A::PrevItem, "previous organisation", 1, "move"),
    b!(Organisations, [Down, Char('j')], A::NextItem, "next organisation", 1, "move"),
    b!(Organisations, [Char('a')], A::AddOrganisation, "add an organisation", 2, "add"),
    b!(Organisations, [Enter, Char('e')], A::Edit, "edit the organisation", 3, "edit"),
    b!(Organisations, [Char('d'), Delete], A::Delete, "delete the organisation (asks first)", 4, "delete"),
    b!(Organisations, [Char('u'), Ctrl('z')], A::Undo, "undo"),
    b!(Organisations, [Ctrl('r'), Ctrl('y')], A::Redo, "redo"),
    b!(Organisations, [Esc, Char('q'), Char('O')], A::Cancel, "close the list", 5, "close"),

    b!(Present, [Left, Char('h')], A::PrevColumn, "previous phase", 1, "phase"),
    b!(Present, [Right, Char('l')], A::NextColumn, "next phase", 1, "phase"),
    b!(Present, [Char(' '), Char('f')], A::WholePathway, "the whole pathway, or back to one phase", 2, "whole pathway"),
    b!(Present, [Char('r'), Char('w')], A::Reveal, "reveal (or hide) the weak links", 3, "reveal"),
    b!(Present, [Char('[')], A::PrevPathway, "previous pathway"),
    b!(Present, [Char(']')], A::NextPathway, "next pathway"),
    b!(Present, [Char('t')], A::NextTheme, "next theme"),
    b!(Present, [Esc, Char('p'), Char('q')], A::Cancel, "leave, on the phase shown", 4, "leave"),

    b!(Examine, [Char('y')], A::Answer(Answer::Yes), "answer Yes", 1, "Yes"),
    b!(Examine, [Char('p')], A::Answer(Answer::Partly), "answer Partly", 2, "Partly"),
    b!(Examine, [Char('n')], A::Answer(Answer::No), "answer No", 3, "No"),
    b!(Examine, [Char('u')], A::Answer(Answer::Unknown), "answer Unknown", 4, "Unknown"),
    b!(Examine, [Up, Char('k')], A::PrevItem, "previous question", 5, "question"),
    b!(Examine, [Down, Char('j')], A::NextItem, "next question", 5, "question"),
    b!(Examine, [Ctrl('z')], A::Undo, "undo the last answer"),
    b!(Examine, [Ctrl('r'), Ctrl('y')], A::Redo, "redo"),
    b!(Examine, [Esc, Char('x')], A::Cancel, "done", 6, "done"),

    b!(Actions, [Up, Char('k')], A::PrevItem, "previous action", 1, "move"),
    b!(Actions, [Down, Char('j')], A::NextItem, "next action", 1, "move"),
    b!(Actions, [Enter, Char('e')], A::Edit, "edit the action", 2, "edit"),
    b!(Actions, [Char('s'), Char(' ')], A::NextStatus, "next status: Open, In progress, Done", 3, "next status"),
    b!(Actions, [Char('d'), Delete], A::Delete, "delete the action (asks first)", 4, "delete"),
    b!(Actions, [Char('u'), Ctrl('z')], A::Undo, "undo"),
    b!(Actions, [Ctrl('r'), Ctrl('y')], A::Redo, "redo"),
    b!(Actions, [Esc, Char('q'), Char('v')], A::Cancel, "close the list", 5, "close"),

    b!(Overview, [Up, Char('k')], A::PrevItem, "scroll up", 1, "scroll"),
    b!(Overview, [Down, Char('j')], A::NextItem, "scroll down", 1, "scroll"),
    b!(Overview, [Esc, Char('q'), Char('o')], A::Cancel, "close the overview", 2, "close"),

    b!(Help, [AnyKey], A::Cancel, "close help (↑ ↓ PageUp PageDown and the wheel scroll help that does not fit)", 1, "close help"),
];

/// The bindings of one mode, in table order.
pub fn bindings(mode: KeyMode) -> impl Iterator<Item = &'static Binding> {
    KEYS.iter().filter(move |b| b.mode == mode)
}

/// The action a key means in the current mode, if any. Typed text becomes `Input` of the
/// character typed.
pub fn action_for_key(mode: &Mode, key: Key) -> Option<Action> {
    action_in(mode.key_mode(), key)
}

/// The action a key means in one of the table's modes.
pub fn action_in(mode: KeyMode, key: Key) -> Option<Action> {
    // An exact key first, so `Text` never hides a binding of its own.
    let exact = bindings(mode).find(|b| b.keys.contains(&key));
    let found = exact.or_else(|| bindings(mode).find(|b| b.keys.iter().any(|k| k.matches(key))));
    let binding = match (found, key) {
        (Some(b), _) => b,
        // Caps Lock on: outside the map (where capitals are keys of their own) a capital
        // means what its small letter does, so `Y` still answers yes.
        (None, Key::Char(c)) if mode != KeyMode::Map && c.is_uppercase() => {
            return action_in(mode, Key::Char(c.to_ascii_lowercase()));
        }
        (None, _) => return None,
    };
    Some(match (&binding.action, key) {
        (Action::Input(_), Key::Char(c)) => Action::Input(c),
        (action, _) => action.clone(),
    })
}

/// The status-line hints of a mode: keys and a word or two, most useful first.
pub fn hints(mode: KeyMode) -> Vec<(String, &'static str)> {
    let mut ranked: Vec<(u8, Key, &'static str)> = bindings(mode)
        .filter_map(|b| b.hint.map(|(rank, word)| (rank, b.keys[0], word)))
        .collect();
    ranked.sort_by_key(|(rank, _, _)| *rank);
    merged(ranked.into_iter().map(|(_, key, word)| (key, word)))
}

/// The map's bindings while the details or weakest-links panel has the focus, named for
/// what they do there, in the order the status line gives them.
const PANEL_HINTS: &[(Panel, Action, &str)] = &[
    (Panel::Details, A::PrevItem, "measure"),
    (Panel::Details, A::NextItem, "measure"),
    (Panel::Details, A::Edit, "edit measure"),
    (Panel::Details, A::AddMeasure, "add measure"),
    (Panel::Details, A::Delete, "delete"),
    (Panel::Details, A::NextPanel, "panel"),
    (Panel::Details, A::Help, "help"),
    (Panel::Details, A::Examine, "examine"),
    (Panel::Details, A::AddImprovement, "action"),
    (Panel::Weakest, A::PrevItem, "row"),
    (Panel::Weakest, A::NextItem, "row"),
    (Panel::Weakest, A::Edit, "go to it"),
    (Panel::Weakest, A::ToggleWeakest, "highlight"),
    (Panel::Weakest, A::NextPanel, "panel"),
    (Panel::Weakest, A::Help, "help"),
];

/// The status-line hints on the map with `panel` focused: the map's own, or the panel's
/// (their keys read from the table).
pub fn map_hints(panel: Panel) -> Vec<(String, &'static str)> {
    if panel == Panel::Map {
        return hints(KeyMode::Map);
    }
    merged(
        PANEL_HINTS
            .iter()
            .filter(|(p, ..)| *p == panel)
            .filter_map(|(_, action, word)| {
                bindings(KeyMode::Map)
                    .find(|b| b.action == *action)
                    .map(|b| (b.keys[0], *word))
            }),
    )
}

/// Hints with neighbours of the same words merged: "←→↑↓ move".
fn merged(ranked: impl Iterator<Item = (Key, &'static str)>) -> Vec<(String, &'static str)> {
    let mut out: Vec<(Vec<Key>, &'static str)> = Vec::new();
    for (key, word) in ranked {
        match out.last_mut() {
            Some((keys, last)) if *last == word => keys.push(key),
            _ => out.push((vec![key], word)),
        }
    }
    out.into_iter()
        .map(|(keys, word)| {
            let gap = if keys.iter().all(|k| k.is_arrow()) {
                ""
            } else {
                " "
            };
            let labels: Vec<String> = keys.iter().map(|k| k.label()).collect();
            (labels.join(gap), word)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_outside_the_map_mean_their_small_letters() {
        assert_eq!(
            action_in(KeyMode::Confirm, Key::Char('Y')),
            Some(Action::Confirm)
        );
        assert_eq!(
            action_in(KeyMode::QuitPrompt, Key::Char('D')),
            action_in(KeyMode::QuitPrompt, Key::Char('d'))
        );
        // On the map a capital is a key of its own.
        assert_ne!(
            action_in(KeyMode::Map, Key::Char('H')),
            action_in(KeyMode::Map, Key::Char('h'))
        );
    }

    #[test]
    fn every_binding_maps_back_to_its_action() {
        for b in KEYS {
            for &k in b.keys {
                let key = match k {
                    Key::Text => Key::Char('x'),
                    Key::AnyKey => Key::Char('x'),
                    k => k,
                };
                let got = action_in(b.mode, key);
                let want = match (&b.action, key) {
                    (Action::Input(_), Key::Char(c)) => Action::Input(c),
                    (a, _) => a.clone(),
                };
                assert_eq!(got, Some(want), "{:?} {}", b.mode, b.label());
            }
        }
    }

    /// No key means two things in one mode.
    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in KeyMode::ALL {
            let mut seen: Vec<Key> = Vec::new();
            for b in bindings(mode) {
                for &k in b.keys {
                    assert!(!seen.contains(&k), "{mode:?}: {} twice", k.label());
                    seen.push(k);
                }
            }
            assert!(bindings(mode).next().is_some(), "{mode:?} has no keys");
        }
    }

    #[test]
    fn hints_merge_the_arrows() {
        let map = hints(KeyMode::Map);
        assert_eq!(map[0], ("←→↑↓".to_string(), "move"));
        assert_eq!(map[1], ("Enter".to_string(), "edit"));
        let form = hints(KeyMode::Form);
        assert_eq!(form[0], ("↑↓".to_string(), "field"));
    }

    #[test]
    fn forms_take_letters_as_text() {
        let form = Mode::Form(crate::app::Form::new(
            "t",
            crate::app::Purpose::SaveAs,
            vec![],
        ));
        let q = Key::Char('q');
        assert_eq!(action_for_key(&form, q), Some(Action::Input('q')));
        assert_eq!(action_for_key(&Mode::Normal, q), Some(Action::Quit));
        assert_eq!(action_for_key(&Mode::Help, Key::Down), Some(Action::Cancel));
    }
}
