//! Connect (pick a link's target by name or with the arrows) and find (`/`).

use super::{Action, App, Effect, Mode};

impl App {
    pub(super) fn connecting(&mut self, from: String, mut query: String, action: Action) -> Effect {
        let typed = matches!(action, Action::Input(_) | Action::Backspace);
        match action {
            Action::PrevColumn => self.move_column(false),
            Action::NextColumn => self.move_column(true),
            Action::PrevItem => self.move_row(false),
            Action::NextItem => self.move_row(true),
            Action::SelectComponent(id) => {
                self.select_component(&id);
            }
            Action::Input(c) if !c.is_control() => {
                query.push(c);
                self.find_target(&from, &query);
            }
            Action::Backspace => {
                query.pop();
                self.find_target(&from, &query);
            }
            Action::Confirm | Action::Connect => {
                let Some(to) = self.selected_component().map(|c| c.id.clone()) else {
                    self.error("Move to a component to connect to");
                    self.mode = Mode::Connect { from, query };
                    return Effect::None;
                };
                if to == from {
                    self.error("A component cannot hand off to itself: pick another");
                    self.mode = Mode::Connect { from, query };
                    return Effect::None;
                }
                if self
                    .current_pathway()
                    .is_some_and(|p| p.link(&from, &to).is_some())
                {
                    self.error("These two are already linked: pick another");
                    self.mode = Mode::Connect { from, query };
                    return Effect::None;
                }
                self.info("Kind and integration of the link, then Enter");
                self.mode = Mode::Form(self.new_link_form(&from, &to));
                return Effect::None;
            }
            Action::Cancel => {
                self.select_component(&from);
                self.info("Connect cancelled");
                return Effect::None;
            }
            _ => {}
        }
        if !typed {
            self.say_target(&from);
        }
        self.mode = Mode::Connect { from, query };
        Effect::None
    }

    /// Connect: selects the first component of the pathway, other than the source, whose
    /// name holds `query` (as `/` matches), and names it in the status line.
    fn find_target(&mut self, from: &str, query: &str) {
        let needle = query.trim().to_lowercase();
        if needle.is_empty() {
            self.say_target(from);
            return;
        }
        let found = self.current_pathway().and_then(|p| {
            p.components()
                .iter()
                .find(|c| c.id != from && c.name.to_lowercase().contains(&needle))
                .map(|c| c.id.clone())
        });
        match found {
            Some(id) => {
                self.select_component(&id);
                self.say_target(from);
            }
            None => self.error(format!("No component matches \"{query}\"")),
        }
    }

    /// "Connect A → B": the link Enter would make.
    fn say_target(&mut self, from: &str) {
        let Some(p) = self.current_pathway() else {
            return;
        };
        let name = |id: &str| p.component(id).map_or(id.to_string(), |c| c.name.clone());
        let text = match self.selected_component() {
            Some(to) if to.id != from => format!(
                "Connect {} → {}: Enter for kind and integration, Esc to cancel",
                name(from),
                to.name
            ),
            _ => format!(
                "Connect {} to…: type its name or move to it, Enter, Esc to cancel",
                name(from)
            ),
        };
        self.info(text);
    }

    pub(super) fn finding(&mut self, mut query: String, action: Action) -> Effect {
        match action {
            Action::Input(c) => {
                query.push(c);
                self.find_next(&query, false);
            }
            Action::Backspace => {
                query.pop();
                self.find_next(&query, false);
            }
            Action::Confirm => self.find_next(&query, true),
            Action::Cancel => return Effect::None,
            _ => {}
        }
        self.mode = Mode::Find { query };
        Effect::None
    }

    /// Selects the first component (across pathways) whose name contains `query`, or
    /// with `after_current` the next one after the selection, wrapping round.
    pub(super) fn find_next(&mut self, query: &str, after_current: bool) {
        let needle = query.trim().to_lowercase();
        if needle.is_empty() {
            return;
        }
        let all: Vec<(usize, String)> = self
            .document()
            .pathways()
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.components().iter().map(move |c| (i, c)))
            .filter(|(_, c)| c.name.to_lowercase().contains(&needle))
            .map(|(i, c)| (i, c.id.clone()))
            .collect();
        if all.is_empty() {
            self.error(format!("No component matches \"{query}\""));
            return;
        }
        let current = all
            .iter()
            .position(|(i, id)| *i == self.pathway && self.anchor_id() == Some(id));
        let pick = match (current, after_current) {
            (Some(c), true) => (c + 1) % all.len(),
            (Some(c), false) => c,
            (None, _) => 0,
        };
        let (pathway, id) = all[pick].clone();
        self.set_pathway(pathway);
        self.select_component(&id);
        self.info(format!("Match {} of {}", pick + 1, all.len()));
    }
}
