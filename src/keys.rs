//! The terminal's key events as the editor's keys (`app::Key`): the one place that knows
//! how crossterm reports a key.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::Key;

/// The editor's key for a terminal key event; None for keys it has no use for.
/// Terminals report a shifted letter as the capital with SHIFT: it stays `Char('H')`.
pub fn key_of(event: &KeyEvent) -> Option<Key> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    Some(match event.code {
        KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => Key::BackTab,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Mode, action_for_key};

    fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn shifted_letters_arrive_with_shift() {
        // Terminals report "H" with the SHIFT modifier; it must still mean PhaseBack.
        let key = key_of(&event(KeyCode::Char('H'), KeyModifiers::SHIFT)).unwrap();
        assert_eq!(action_for_key(&Mode::Normal, key), Some(Action::PhaseBack));
    }

    #[test]
    fn ctrl_letters_and_named_keys() {
        let ctrl_s = event(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(key_of(&ctrl_s), Some(Key::Ctrl('s')));
        assert_eq!(
            key_of(&event(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Key::BackTab)
        );
        assert_eq!(
            key_of(&event(KeyCode::F(1), KeyModifiers::NONE)),
            Some(Key::F(1))
        );
        assert_eq!(key_of(&event(KeyCode::Insert, KeyModifiers::NONE)), None);
    }
}
