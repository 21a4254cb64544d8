//! Keys to actions. One table serves the event loop, the help screen and the tests.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{ANSWER_KEYS, Action, Mode};

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

impl Key {
    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => !ctrl && event.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
            Key::Code(code) => !ctrl && event.code == code,
        }
    }
}

/// One line of the key table: the keys, how help shows them, the action, what it does.
pub struct Binding {
    pub keys: &'static [Key],
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
}

macro_rules! bind {
    ([$($key:expr),+], $label:expr, $action:expr, $help:expr) => {
        Binding { keys: &[$($key),+], label: $label, action: $action, help: $help }
    };
}

use Key::{Char, Code, Ctrl};

/// The keys of the map (README, "Keys" and more), in the order help lists them.
pub const NORMAL_KEYS: &[Binding] = &[
    bind!(
        [Code(KeyCode::Left), Char('h')],
        "← h",
        Action::PrevColumn,
        "previous phase column"
    ),
    bind!(
        [Code(KeyCode::Right), Char('l')],
        "→ l",
        Action::NextColumn,
        "next phase column"
    ),
    bind!(
        [Code(KeyCode::Up), Char('k')],
        "↑ k",
        Action::PrevComponent,
        "previous component (or row in a panel)"
    ),
    bind!(
        [Code(KeyCode::Down), Char('j')],
        "↓ j",
        Action::NextComponent,
        "next component (or row in a panel)"
    ),
    bind!([Char('[')], "[", Action::PrevPathway, "previous pathway"),
    bind!([Char(']')], "]", Action::NextPathway, "next pathway"),
    bind!(
        [Code(KeyCode::Tab)],
        "Tab",
        Action::NextPanel,
        "next panel: map, details, weakest links"
    ),
    bind!(
        [Char('>')],
        ">",
        Action::NextLinkOut,
        "select the next link out of the component"
    ),
    bind!(
        [Char('<')],
        "<",
        Action::NextLinkIn,
        "select the next link into the component"
    ),
    bind!(
        [Code(KeyCode::Enter), Char('e')],
        "Enter e",
        Action::Edit,
        "edit the selection (in weakest links: jump to it)"
    ),
    bind!(
        [Char('a')],
        "a",
        Action::AddComponent,
        "add a component in the current column"
    ),
    bind!(
        [Char('c')],
        "c",
        Action::Connect,
        "connect: type the target's name or move to it, Enter, then kind and integration"
    ),
    bind!(
        [Char('m')],
        "m",
        Action::AddMeasure,
        "add a measure to the selection"
    ),
    bind!(
        [Char('d'), Code(KeyCode::Delete)],
        "d Del",
        Action::Delete,
        "delete the selection (asks first)"
    ),
    bind!(
        [Char('H')],
        "H",
        Action::PhaseBack,
        "move the component to the previous phase"
    ),
    bind!(
        [Char('L')],
        "L",
        Action::PhaseForward,
        "move the component to the next phase"
    ),
    bind!(
        [Char('K')],
        "K",
        Action::ShiftUp,
        "move the component up in its column"
    ),
    bind!(
        [Char('J')],
        "J",
        Action::ShiftDown,
        "move the component down in its column"
    ),
    bind!(
        [Char('T')],
        "T",
        Action::Tidy,
        "tidy: reorder columns to reduce crossings (undoable)"
    ),
    bind!([Char('u'), Ctrl('z')], "u Ctrl-z", Action::Undo, "undo"),
    bind!(
        [Ctrl('r'), Ctrl('y')],
        "Ctrl-r Ctrl-y",
        Action::Redo,
        "redo"
    ),
    bind!([Ctrl('s')], "Ctrl-s", Action::Save, "save"),
    bind!(
        [Char('/')],
        "/",
        Action::Find,
        "find a component by name (Enter: next match)"
    ),
    bind!(
        [Char('w')],
        "w",
        Action::ToggleWeakest,
        "show / hide the weakest-links highlight"
    ),
    bind!(
        [Char('z')],
        "z",
        Action::Zoom,
        "zoom: boxes fit the screen, full boxes, compact boxes"
    ),
    bind!(
        [Char('f')],
        "f",
        Action::FoldPanels,
        "fold / unfold the details and weakest-links panels"
    ),
    bind!([Char('t')], "t", Action::NextTheme, "next theme"),
    bind!(
        [Char('O')],
        "O",
        Action::Organisations,
        "organisations: add, edit, delete"
    ),
    bind!([Char('+')], "+", Action::AddPathway, "add a pathway"),
    bind!(
        [Char('P')],
        "P",
        Action::EditPathway,
        "edit the pathway: name, condition, notes"
    ),
    bind!(
        [Char('N')],
        "N",
        Action::EditNetwork,
        "edit the network: name, population, as-of date"
    ),
    bind!(
        [Char('X')],
        "X",
        Action::DeletePathway,
        "delete the pathway (asks first)"
    ),
    bind!(
        [Char('p')],
        "p",
        Action::Present,
        "presentation mode: the map alone, phase by phase"
    ),
    bind!(
        [Char('x')],
        "x",
        Action::Examine,
        "examine the component: answer its structure-and-process checklist"
    ),
    bind!(
        [Char('n')],
        "n",
        Action::Note,
        "add a one-line note to the selection"
    ),
    bind!(
        [Char('A')],
        "A",
        Action::AddImprovement,
        "agree an improvement action for the component"
    ),
    bind!(
        [Char('v')],
        "v",
        Action::ActionsView,
        "all improvement actions, by status and due date"
    ),
    bind!(
        [Char('o')],
        "o",
        Action::Overview,
        "network overview: pathways, organisations, findings across pathways"
    ),
    bind!(
        [Char('?'), Code(KeyCode::F(1))],
        "? F1",
        Action::Help,
        "help"
    ),
    bind!(
        [Char('q')],
        "q",
        Action::Quit,
        "quit (asks when there are unsaved changes)"
    ),
];

/// Keys in forms, find, confirmations and lists, for the help screen.
pub const OTHER_KEYS: &[(&str, &str)] = &[
    ("Tab ↓ / Shift-Tab ↑", "form: next / previous field"),
    ("← →  Space", "form: change a choice"),
    (
        "Backspace  Ctrl-u",
        "form: delete a character / clear the field",
    ),
    ("Enter / Esc", "form, find, connect: confirm / cancel"),
    (
        "letters",
        "form choice: jump to the option starting with it; connect: find the target",
    ),
    ("Ctrl-s", "form: save the form and the file"),
    ("y Enter / n Esc", "confirmations: yes / no"),
    (
        "s Enter / d / Esc",
        "quit with unsaved changes: save and quit / quit without saving / stay",
    ),
    (
        "O, then a e d",
        "organisations: add, edit, delete; Esc to leave",
    ),
    (
        "p, then ← → Space r",
        "presentation: phase by phase, whole pathway, reveal weak links; Esc to leave",
    ),
    (
        "x, then ↑ ↓ y p n u",
        "examine: answer Yes, Partly, No or Unknown; Esc to leave",
    ),
    (
        "v, then e s d",
        "actions: edit, next status (Open, In progress, Done), delete; Esc to leave",
    ),
    ("o, then ↑ ↓", "overview: scroll; Esc to leave"),
    (
        "mouse",
        "click a component, tab or weakest link; wheel scrolls",
    ),
];

/// The action a key means in the current mode, if any.
pub fn action_for_key(mode: &Mode, key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match mode {
        Mode::Help => Some(Action::Cancel),
        Mode::Confirm(_) => match key.code {
            KeyCode::Enter | KeyCode::Char('y' | 'Y') => Some(Action::Confirm),
            KeyCode::Esc | KeyCode::Char('n' | 'N') => Some(Action::Cancel),
            // The quit prompt: save and quit, or discard.
            KeyCode::Char(c @ ('s' | 'S' | 'd' | 'D')) if !ctrl => Some(Action::Input(c)),
            _ => None,
        },
        Mode::Form(_) => match key.code {
            KeyCode::Char('u') if ctrl => Some(Action::ClearField),
            KeyCode::Char('s') if ctrl => Some(Action::Save),
            KeyCode::Char(c) if !ctrl => Some(Action::Input(c)),
            KeyCode::Backspace => Some(Action::Backspace),
            KeyCode::Tab | KeyCode::Down => Some(Action::NextField),
            KeyCode::BackTab | KeyCode::Up => Some(Action::PrevField),
            KeyCode::Left => Some(Action::ChoicePrev),
            KeyCode::Right => Some(Action::ChoiceNext),
            KeyCode::Enter => Some(Action::Confirm),
            KeyCode::Esc => Some(Action::Cancel),
            _ => None,
        },
        Mode::Find { .. } => match key.code {
            KeyCode::Char(c) if !ctrl => Some(Action::Input(c)),
            KeyCode::Backspace => Some(Action::Backspace),
            KeyCode::Enter => Some(Action::Confirm),
            KeyCode::Esc => Some(Action::Cancel),
            _ => None,
        },
        Mode::Connect { .. } => match key.code {
            KeyCode::Enter => Some(Action::Confirm),
            KeyCode::Esc => Some(Action::Cancel),
            KeyCode::Backspace => Some(Action::Backspace),
            // Letters find the target by name; the arrows move to it.
            KeyCode::Char(c) if !ctrl => Some(Action::Input(c)),
            KeyCode::Left => Some(Action::PrevColumn),
            KeyCode::Right => Some(Action::NextColumn),
            KeyCode::Up => Some(Action::PrevComponent),
            KeyCode::Down => Some(Action::NextComponent),
            _ => None,
        },
        Mode::Organisations { .. } => match key.code {
            KeyCode::Esc | KeyCode::Char('q' | 'O') => Some(Action::Cancel),
            KeyCode::Char('a') => Some(Action::AddOrganisation),
            KeyCode::Enter | KeyCode::Char('e') => Some(Action::Edit),
            KeyCode::Char('d') | KeyCode::Delete => Some(Action::Delete),
            _ => normal(key).filter(|a| {
                matches!(
                    a,
                    Action::PrevComponent | Action::NextComponent | Action::Undo | Action::Redo
                )
            }),
        },
        Mode::Prompt(_) => match key.code {
            KeyCode::Char(c) if !ctrl => Some(Action::Input(c)),
            KeyCode::Esc => Some(Action::Cancel),
            _ => None,
        },
        Mode::Present { .. } => match key.code {
            KeyCode::Esc | KeyCode::Char('p' | 'q') => Some(Action::Cancel),
            KeyCode::Char(' ' | 'f') => Some(Action::WholePathway),
            KeyCode::Char('r' | 'w') => Some(Action::Reveal),
            _ => normal(key).filter(|a| {
                matches!(
                    a,
                    Action::PrevColumn
                        | Action::NextColumn
                        | Action::PrevPathway
                        | Action::NextPathway
                        | Action::NextTheme
                )
            }),
        },
        Mode::Examine { .. } => match key.code {
            KeyCode::Esc | KeyCode::Char('x') => Some(Action::Cancel),
            KeyCode::Char('z') if ctrl => Some(Action::Undo),
            KeyCode::Char('r' | 'y') if ctrl => Some(Action::Redo),
            KeyCode::Char(c)
                if !ctrl
                    && ANSWER_KEYS
                        .iter()
                        .any(|(k, _)| *k == c.to_ascii_lowercase()) =>
            {
                Some(Action::Input(c))
            }
            _ => normal(key).filter(|a| matches!(a, Action::PrevComponent | Action::NextComponent)),
        },
        Mode::Actions { .. } => match key.code {
            KeyCode::Esc | KeyCode::Char('q' | 'v') => Some(Action::Cancel),
            KeyCode::Char(' ' | 's') => Some(Action::Input('s')),
            KeyCode::Enter | KeyCode::Char('e') => Some(Action::Edit),
            KeyCode::Char('d') | KeyCode::Delete => Some(Action::Delete),
            _ => normal(key).filter(|a| {
                matches!(
                    a,
                    Action::PrevComponent | Action::NextComponent | Action::Undo | Action::Redo
                )
            }),
        },
        Mode::Overview { .. } => match key.code {
            KeyCode::Esc | KeyCode::Char('q' | 'o') => Some(Action::Cancel),
            _ => normal(key).filter(|a| matches!(a, Action::PrevComponent | Action::NextComponent)),
        },
        Mode::Normal => normal(key),
    }
}

fn normal(key: &KeyEvent) -> Option<Action> {
    NORMAL_KEYS
        .iter()
        .find(|b| b.keys.iter().any(|k| k.matches(key)))
        .map(|b| b.action.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn every_binding_maps_back_to_its_action() {
        for b in NORMAL_KEYS {
            for k in b.keys {
                let event = match *k {
                    Key::Char(c) => key(KeyCode::Char(c), KeyModifiers::NONE),
                    Key::Ctrl(c) => key(KeyCode::Char(c), KeyModifiers::CONTROL),
                    Key::Code(code) => key(code, KeyModifiers::NONE),
                };
                assert_eq!(
                    action_for_key(&Mode::Normal, &event),
                    Some(b.action.clone()),
                    "{}",
                    b.label
                );
            }
        }
    }

    #[test]
    fn shifted_letters_arrive_with_shift() {
        // Terminals report "H" with the SHIFT modifier; it must still mean PhaseBack.
        let event = key(KeyCode::Char('H'), KeyModifiers::SHIFT);
        assert_eq!(
            action_for_key(&Mode::Normal, &event),
            Some(Action::PhaseBack)
        );
    }

    #[test]
    fn forms_take_letters_as_text() {
        let form = Mode::Form(crate::app::Form::new(
            "t",
            crate::app::Purpose::SaveAs,
            vec![],
        ));
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for_key(&form, &q), Some(Action::Input('q')));
        assert_eq!(action_for_key(&Mode::Normal, &q), Some(Action::Quit));
    }
}
