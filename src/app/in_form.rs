//! Keys in a form, a confirmation and the quit prompt, and pasted text.

use super::forms::Purpose;
use super::{Action, App, Confirm, Edit, Effect, Mode};

impl App {
    pub(super) fn in_form(&mut self, mut form: super::Form<Purpose>, action: Action) -> Effect {
        match action {
            Action::Input(c) => form.input(c),
            Action::Backspace => form.backspace(),
            Action::ClearField => form.clear(),
            Action::NextField | Action::NextItem => form.next_field(true),
            Action::PrevField | Action::PrevItem => form.next_field(false),
            Action::ChoicePrev | Action::PrevColumn => form.cycle(false),
            Action::ChoiceNext | Action::NextColumn => form.cycle(true),
            // Enter on a list field opens its list.
            Action::Confirm if form.focused().is_list() => {
                self.open_rows(form);
                return Effect::None;
            }
            Action::Cancel => {
                self.info("Cancelled");
                // A row not added or changed: back to its list.
                if let Purpose::Row { list, .. } = form.purpose {
                    self.mode = Mode::Rows(*list);
                    return Effect::None;
                }
                // No new provider after all: back to the component, as typed.
                if let Purpose::NewProvider { component_form } = form.purpose {
                    let mut back = *component_form;
                    if let Some(f) = back.fields.iter_mut().find(|f| f.label == "Provider") {
                        f.choice = 0;
                    }
                    self.mode = Mode::Form(back);
                    return Effect::None;
                }
                // An action edited from the actions list goes back to it.
                if matches!(form.purpose, Purpose::EditAction { .. }) {
                    self.mode = Mode::Actions { cursor: 0 };
                }
                return Effect::None;
            }
            // Ctrl-s: the form's change first, then the save; or why not.
            Action::Save if !matches!(form.purpose, Purpose::SaveAs | Purpose::Row { .. }) => {
                let before = self.message.clone();
                return match self.submit(&form) {
                    Ok(Effect::None) => {
                        self.back_to_organisations(&form);
                        match self.path.clone() {
                            Some(path) => Effect::Save(path),
                            None => {
                                self.mode = Mode::Form(self.save_as_form());
                                Effect::None
                            }
                        }
                    }
                    Ok(effect) => effect,
                    Err(e) => {
                        self.message = before;
                        form.error = Some(format!("Not saved: {e}"));
                        self.mode = Mode::Form(form);
                        Effect::None
                    }
                };
            }
            Action::Save | Action::Confirm => {
                let before = self.message.clone();
                return match self.submit(&form) {
                    Ok(effect) => {
                        self.back_to_organisations(&form);
                        effect
                    }
                    Err(e) => {
                        self.message = before;
                        form.error = Some(e);
                        self.mode = Mode::Form(form);
                        Effect::None
                    }
                };
            }
            _ => {}
        }
        self.mode = Mode::Form(form);
        Effect::None
    }

    pub(super) fn confirming(&mut self, confirm: Confirm, action: Action) -> Effect {
        // Deleting an action is asked from the actions list: yes or no goes back there.
        let from_actions = matches!(&confirm, Confirm::Apply { edit, .. }
            if matches!(**edit, Edit::RemoveAction { .. }));
        if from_actions && matches!(action, Action::Confirm | Action::Cancel) {
            self.mode = Mode::Actions { cursor: 0 };
        }
        if confirm == Confirm::QuitUnsaved {
            return self.quit_prompt(action);
        }
        match action {
            Action::Confirm => match confirm {
                Confirm::QuitUnsaved => unreachable!("answered by quit_prompt"),
                Confirm::Reload(path) => return Effect::Reload(path),
                Confirm::Apply { edit, .. } => {
                    let _ = self.apply(*edit);
                }
            },
            Action::Cancel => self.info("Cancelled"),
            _ => self.mode = Mode::Confirm(confirm),
        }
        Effect::None
    }

    /// A paste goes into the form or find being typed in, as text; anywhere else it is
    /// refused whole, so pasted letters never become commands.
    pub(super) fn paste(&mut self, text: &str) {
        match &mut self.mode {
            Mode::Form(form) => {
                if !form.paste(text) {
                    form.error = Some(if form.focused().is_choice() {
                        "Nothing pasted: this field is a choice (←/→ to change it)".to_string()
                    } else {
                        format!(
                            "Pasted text cut at {} characters",
                            super::form::MAX_FIELD_CHARS
                        )
                    });
                }
            }
            Mode::Find { query } => {
                let room = super::form::MAX_FIELD_CHARS.saturating_sub(query.chars().count());
                query.extend(super::form::one_line(text).chars().take(room));
                let query = query.clone();
                self.find_next(&query, false);
            }
            _ => self.info("Nothing pasted: paste into a form or find (/)"),
        }
    }

    /// An organisation added or changed from the list goes back to the list, on it, so
    /// several can be added in a row.
    fn back_to_organisations(&mut self, form: &super::Form<Purpose>) {
        if matches!(
            form.purpose,
            Purpose::NewOrganisation | Purpose::EditOrganisation { .. }
        ) && self.mode == Mode::Normal
        {
            let name = form.text("Name");
            let cursor = self
                .document()
                .organisations()
                .iter()
                .position(|o| o.name == name)
                .unwrap_or(0);
            self.mode = Mode::Organisations { cursor };
        }
    }

    /// Quit with unsaved changes: s or Enter saves and then quits, d quits without
    /// saving, Esc or n stays. Enter never discards.
    fn quit_prompt(&mut self, action: Action) -> Effect {
        match action {
            Action::Confirm | Action::SaveAndQuit => {
                self.quit_after_save = true;
                match &self.path {
                    Some(path) => Effect::Save(path.clone()),
                    None => {
                        self.mode = Mode::Form(self.save_as_form());
                        Effect::None
                    }
                }
            }
            Action::QuitWithoutSaving => Effect::Quit,
            Action::Cancel => {
                self.info("Cancelled");
                Effect::None
            }
            _ => {
                self.mode = Mode::Confirm(Confirm::QuitUnsaved);
                Effect::None
            }
        }
    }
}
