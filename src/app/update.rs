//! `App::update`: one action in, the state changed, an effect out.

use crate::model::{Link, MeasureOwner};

use super::forms::Purpose;
use super::{Action, App, Confirm, Edit, Effect, Mode, Panel, Selection};

impl App {
    /// Applies one action in the current mode.
    pub fn update(&mut self, action: Action) -> Effect {
        if let Action::Paste(text) = action {
            self.paste(&text);
            return Effect::None;
        }
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Normal => self.normal(action),
            Mode::Connect { from, query } => self.connecting(from, query, action),
            Mode::Form(form) => self.in_form(form, action),
            Mode::Confirm(confirm) => self.confirming(confirm, action),
            Mode::Find { query } => self.finding(query, action),
            // Any key closes help.
            Mode::Help => Effect::None,
            Mode::Organisations { cursor } => self.in_organisations(cursor, action),
            Mode::Prompt(prompt) => self.prompting(prompt, action),
            Mode::Present { phase, reveal } => self.presenting(phase, reveal, action),
            Mode::Examine { question } => self.examining(question, action),
            Mode::Actions { cursor } => self.in_actions(cursor, action),
            Mode::Overview { scroll } => self.in_overview(scroll, action),
        }
    }

    /// The owner of the measures shown in the details panel.
    pub fn measure_owner(&self) -> Option<MeasureOwner> {
        match &self.selection {
            Some(Selection::Component(id)) => Some(MeasureOwner::Component(id.clone())),
            Some(Selection::Link { from, to }) => Some(MeasureOwner::Link {
                from: from.clone(),
                to: to.clone(),
            }),
            None => None,
        }
    }

    pub fn selected_measures(&self) -> &[crate::model::Measure] {
        self.measure_owner()
            .and_then(|o| self.document().measures(&o))
            .unwrap_or_default()
    }

    fn normal(&mut self, action: Action) -> Effect {
        match action {
            Action::PrevColumn => self.move_column(false),
            Action::NextColumn => self.move_column(true),
            Action::PrevComponent | Action::NextComponent => {
                let down = action == Action::NextComponent;
                match self.focus {
                    Panel::Map => self.move_row(down),
                    // Through the measures, then on down to the notes and actions.
                    Panel::Details => {
                        let n = self.selected_measures().len();
                        if down && self.detail_cursor + 1 >= n {
                            self.details_scroll += 1;
                        } else if !down && self.details_scroll > 0 {
                            self.details_scroll -= 1;
                        } else {
                            self.detail_cursor = step(self.detail_cursor, n, down);
                        }
                    }
                    Panel::Weakest => {
                        let n = self.analysis().weakest.len();
                        self.weakest_cursor = step(self.weakest_cursor, n, down);
                    }
                }
            }
            Action::PrevPathway => self.move_pathway(false),
            Action::NextPathway => self.move_pathway(true),
            Action::NextPanel => {
                self.focus = match self.focus {
                    Panel::Map => Panel::Details,
                    Panel::Details => Panel::Weakest,
                    Panel::Weakest => Panel::Map,
                }
            }
            Action::NextLinkOut => self.cycle_link(true),
            Action::NextLinkIn => self.cycle_link(false),
            Action::Edit | Action::Confirm => self.edit_selection(),
            Action::AddComponent => match self.current_pathway() {
                Some(p) => {
                    let purpose = Purpose::NewComponent {
                        pathway: p.id.clone(),
                        phase: self.column,
                    };
                    self.mode = Mode::Form(self.component_form(purpose, None));
                }
                None => self.error("No pathway yet: press + to add one"),
            },
            Action::Connect => match self.selected_component() {
                Some(c) => {
                    let from = c.id.clone();
                    self.info(format!(
                        "Connect {} to…: type its name or move to it, Enter, Esc to cancel",
                        c.name
                    ));
                    self.mode = Mode::Connect {
                        from,
                        query: String::new(),
                    };
                }
                None => self.error("Select a component to connect from"),
            },
            Action::AddMeasure => match self.measure_owner() {
                Some(owner) => {
                    self.mode = Mode::Form(self.measure_form(Purpose::NewMeasure { owner }, None))
                }
                None => self.error("Select a component or link to measure"),
            },
            Action::Delete => self.ask_delete(),
            Action::PhaseBack | Action::PhaseForward => {
                if let Some(c) = self.selected_component() {
                    let forward = action == Action::PhaseForward;
                    let phase = if forward {
                        c.phase.next()
                    } else {
                        c.phase.previous()
                    };
                    match phase {
                        Some(phase) => {
                            let id = c.id.clone();
                            if self
                                .apply(Edit::SetPhase {
                                    id: id.clone(),
                                    phase,
                                })
                                .is_ok()
                            {
                                self.select_component(&id);
                            }
                        }
                        None => self.info("No phase further that way"),
                    }
                }
            }
            Action::ShiftUp | Action::ShiftDown => {
                if let Some(c) = self.selected_component() {
                    let id = c.id.clone();
                    let _ = self.apply(Edit::ShiftComponent {
                        id,
                        up: action == Action::ShiftUp,
                    });
                }
            }
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Save => {
                return match &self.path {
                    Some(path) => Effect::Save(path.clone()),
                    None => {
                        self.mode = Mode::Form(self.save_as_form());
                        Effect::None
                    }
                };
            }
            Action::Find => {
                self.mode = Mode::Find {
                    query: String::new(),
                }
            }
            Action::ToggleWeakest => {
                self.show_weakest = !self.show_weakest;
                self.info(if self.show_weakest {
                    "Weakest links highlighted"
                } else {
                    "Weakest-links highlight off"
                });
            }
            Action::Zoom => {
                use crate::layout::BoxSize;
                let (zoom, said) = match self.zoom {
                    BoxSize::Auto | BoxSize::Normal => {
                        (BoxSize::Full, "Full boxes: whole names, the map scrolls")
                    }
                    BoxSize::Full => (BoxSize::Compact, "Compact boxes: one line each"),
                    BoxSize::Compact => (BoxSize::Auto, "Boxes fit the screen"),
                };
                self.zoom = zoom;
                self.info(said);
            }
            Action::FoldPanels => {
                self.panels_folded = !self.panels_folded;
                // Whether that folds or shows them depends on the screen's width.
                self.info("Panels folded or shown: f switches back");
            }
            Action::NextTheme => self.next_theme(),
            Action::Help => self.mode = Mode::Help,
            Action::Quit => {
                if self.is_dirty() {
                    self.mode = Mode::Confirm(Confirm::QuitUnsaved);
                } else {
                    return Effect::Quit;
                }
            }
            Action::Organisations => self.mode = Mode::Organisations { cursor: 0 },
            Action::AddPathway => self.mode = Mode::Form(self.pathway_form(None)),
            Action::EditNetwork => self.mode = Mode::Form(self.network_form()),
            Action::EditPathway => {
                if let Some(p) = self.current_pathway() {
                    self.mode = Mode::Form(self.pathway_form(Some(p)));
                }
            }
            Action::DeletePathway => {
                if let Some(p) = self.current_pathway() {
                    let question = format!(
                        "Delete pathway \"{}\" with its {} components?",
                        p.name,
                        p.components().len()
                    );
                    let edit = Edit::RemovePathway { id: p.id.clone() };
                    self.mode = Mode::Confirm(Confirm::Apply {
                        question,
                        edit: Box::new(edit),
                    });
                }
            }
            Action::SelectComponent(id) => {
                self.focus = Panel::Map;
                self.select_component(&id);
            }
            Action::SelectPathway(i) => self.set_pathway(i),
            Action::SelectWeakest(i) => {
                self.focus = Panel::Weakest;
                self.jump_to_weakest(i);
            }
            Action::ApplyOrder(order) => {
                if let Some(p) = self.current_pathway() {
                    let pathway = p.id.clone();
                    let _ = self.apply(Edit::ReorderComponents { pathway, order });
                }
            }
            Action::Tidy => self.tidy(),
            Action::Present => self.start_presenting(),
            Action::Examine => self.start_examining(),
            Action::Note => self.start_note(),
            Action::AddImprovement => self.start_action(),
            Action::ActionsView => self.mode = Mode::Actions { cursor: 0 },
            Action::Overview => self.mode = Mode::Overview { scroll: 0 },
            Action::WholePathway
            | Action::AddOrganisation
            | Action::Reveal
            | Action::Input(_)
            | Action::Paste(_)
            | Action::Backspace
            | Action::ClearField
            | Action::NextField
            | Action::PrevField
            | Action::ChoicePrev
            | Action::ChoiceNext
            | Action::Cancel => {}
        }
        Effect::None
    }

    /// Enter / e: edit what is selected in the focused panel.
    fn edit_selection(&mut self) {
        match self.focus {
            Panel::Weakest => {
                self.jump_to_weakest(self.weakest_cursor);
                self.focus = Panel::Map;
            }
            Panel::Details if !self.selected_measures().is_empty() => {
                let owner = self.measure_owner().expect("measures have an owner");
                let m = self.selected_measures()[self.detail_cursor].clone();
                let purpose = Purpose::EditMeasure {
                    owner,
                    id: m.id.clone(),
                };
                self.mode = Mode::Form(self.measure_form(purpose, Some(&m)));
            }
            _ => {
                if let Some(c) = self.selected_component() {
                    let purpose = Purpose::EditComponent { id: c.id.clone() };
                    self.mode = Mode::Form(self.component_form(purpose, Some(c)));
                } else if let Some(l) = self.selected_link() {
                    self.mode = Mode::Form(self.link_form(l));
                } else {
                    self.info("Nothing selected: press a to add a component here");
                }
            }
        }
    }

    fn ask_delete(&mut self) {
        let pending = if self.focus == Panel::Details && !self.selected_measures().is_empty() {
            let owner = self.measure_owner().expect("measures have an owner");
            let m = &self.selected_measures()[self.detail_cursor];
            Some((
                format!(
                    "Delete measure \"{}\"? {}",
                    m.name,
                    goes_with(&[(m.history.len(), "earlier value", "earlier values")])
                ),
                Edit::RemoveMeasure {
                    owner,
                    id: m.id.clone(),
                },
            ))
        } else if let Some(c) = self.selected_component() {
            let links = self.current_pathway().map_or(0, |p| {
                p.links()
                    .iter()
                    .filter(|l| l.from == c.id || l.to == c.id)
                    .count()
            });
            let history: usize = c.measures.iter().map(|m| m.history.len()).sum();
            let actions = self
                .document()
                .actions()
                .iter()
                .filter(|a| a.component == c.id)
                .count();
            Some((
                format!(
                    "Delete component \"{}\"? {}",
                    c.name,
                    goes_with(&[
                        (c.measures.len(), "measure", "measures"),
                        (history, "earlier value", "earlier values"),
                        (links, "link", "links"),
                        (actions, "improvement action", "improvement actions"),
                    ])
                ),
                Edit::RemoveComponent { id: c.id.clone() },
            ))
        } else {
            let p = self.current_pathway();
            let name = |id: &str| {
                p.and_then(|p| p.component(id))
                    .map_or(id.to_string(), |c| c.name.clone())
            };
            self.selected_link().map(|l: &Link| {
                (
                    format!(
                        "Delete the link \"{}\" → \"{}\"? {}",
                        name(&l.from),
                        name(&l.to),
                        goes_with(&[(l.measures.len(), "measure", "measures")])
                    ),
                    Edit::RemoveLink {
                        from: l.from.clone(),
                        to: l.to.clone(),
                    },
                )
            })
        };
        match pending {
            Some((question, edit)) => {
                self.mode = Mode::Confirm(Confirm::Apply {
                    question,
                    edit: Box::new(edit),
                })
            }
            None => self.info("Nothing selected to delete"),
        }
    }

    fn connecting(&mut self, from: String, mut query: String, action: Action) -> Effect {
        let typed = matches!(action, Action::Input(_) | Action::Backspace);
        match action {
            Action::PrevColumn => self.move_column(false),
            Action::NextColumn => self.move_column(true),
            Action::PrevComponent => self.move_row(false),
            Action::NextComponent => self.move_row(true),
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

    fn in_form(&mut self, mut form: super::Form<Purpose>, action: Action) -> Effect {
        match action {
            Action::Input(c) => form.input(c),
            Action::Backspace => form.backspace(),
            Action::ClearField => form.clear(),
            Action::NextField | Action::NextComponent => form.next_field(true),
            Action::PrevField | Action::PrevComponent => form.next_field(false),
            Action::ChoicePrev | Action::PrevColumn => form.cycle(false),
            Action::ChoiceNext | Action::NextColumn => form.cycle(true),
            Action::Cancel => {
                self.info("Cancelled");
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
            Action::Save if !matches!(form.purpose, Purpose::SaveAs) => {
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

    fn confirming(&mut self, confirm: Confirm, action: Action) -> Effect {
        // Deleting an action is asked from the actions list: yes or no goes back there.
        let from_actions = matches!(&confirm, Confirm::Apply { edit, .. }
            if matches!(**edit, Edit::RemoveAction { .. }));
        if from_actions
            && matches!(
                action,
                Action::Confirm | Action::Cancel | Action::Input('y' | 'Y' | 'n' | 'N')
            )
        {
            self.mode = Mode::Actions { cursor: 0 };
        }
        if confirm == Confirm::QuitUnsaved {
            return self.quit_prompt(action);
        }
        match action {
            Action::Confirm | Action::Input('y') | Action::Input('Y') => match confirm {
                Confirm::QuitUnsaved => unreachable!("answered by quit_prompt"),
                Confirm::Reload(path) => return Effect::Reload(path),
                Confirm::Apply { edit, .. } => {
                    let _ = self.apply(*edit);
                }
            },
            Action::Cancel | Action::Input('n') | Action::Input('N') => self.info("Cancelled"),
            _ => self.mode = Mode::Confirm(confirm),
        }
        Effect::None
    }

    /// A paste goes into the form or find being typed in, as text; anywhere else it is
    /// refused whole, so pasted letters never become commands.
    fn paste(&mut self, text: &str) {
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
            Action::Confirm | Action::Input('s' | 'S') => {
                self.quit_after_save = true;
                match &self.path {
                    Some(path) => Effect::Save(path.clone()),
                    None => {
                        self.mode = Mode::Form(self.save_as_form());
                        Effect::None
                    }
                }
            }
            Action::Input('d' | 'D') => Effect::Quit,
            Action::Cancel | Action::Input('n' | 'N') => {
                self.info("Cancelled");
                Effect::None
            }
            _ => {
                self.mode = Mode::Confirm(Confirm::QuitUnsaved);
                Effect::None
            }
        }
    }

    fn finding(&mut self, mut query: String, action: Action) -> Effect {
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
    fn find_next(&mut self, query: &str, after_current: bool) {
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

    fn in_organisations(&mut self, cursor: usize, action: Action) -> Effect {
        let count = self.document().organisations().len();
        let mut cursor = cursor.min(count.saturating_sub(1));
        match action {
            Action::PrevComponent | Action::NextComponent => {
                cursor = step(cursor, count, action == Action::NextComponent);
            }
            Action::AddOrganisation => {
                self.mode = Mode::Form(self.organisation_form(None));
                return Effect::None;
            }
            Action::Edit | Action::Confirm => {
                if let Some(o) = self.document().organisations().get(cursor) {
                    self.mode = Mode::Form(self.organisation_form(Some(o)));
                    return Effect::None;
                }
            }
            Action::Delete => {
                if let Some(o) = self.document().organisations().get(cursor) {
                    let question = format!("Delete organisation \"{}\"?", o.name);
                    let edit = Edit::RemoveOrganisation { id: o.id.clone() };
                    self.mode = Mode::Confirm(Confirm::Apply {
                        question,
                        edit: Box::new(edit),
                    });
                    return Effect::None;
                }
            }
            Action::Cancel | Action::Quit | Action::Organisations => return Effect::None,
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            _ => {}
        }
        self.mode = Mode::Organisations { cursor };
        Effect::None
    }
}

/// Moves a list cursor one step, staying within `len`.
fn step(cursor: usize, len: usize, down: bool) -> usize {
    if len == 0 {
        0
    } else if down {
        (cursor + 1).min(len - 1)
    } else {
        cursor.saturating_sub(1)
    }
}

impl App {
    /// Reorders the current pathway's columns to reduce crossings, as one undoable change.
    fn tidy(&mut self) {
        let Some(pathway) = self.current_pathway() else {
            return;
        };
        let result = crate::layout::tidy(pathway, None);
        if !result.improved() {
            self.info(format!("Already tidy: {} crossing(s)", result.before));
            return;
        }
        let id = pathway.id.clone();
        if self
            .apply(Edit::ReorderComponents {
                pathway: id,
                order: result.order,
            })
            .is_ok()
        {
            self.info(format!(
                "Tidied: crossings {} → {}",
                result.before, result.after
            ));
        }
    }
}

/// "With it go 2 measures and 1 link." for what a delete takes along, or that it takes
/// nothing.
fn goes_with(parts: &[(usize, &str, &str)]) -> String {
    let shown: Vec<(usize, &str, &str)> = parts.iter().copied().filter(|p| p.0 > 0).collect();
    let named: Vec<String> = shown
        .iter()
        .map(|&(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
    match named.as_slice() {
        [] => "Nothing else goes with it.".to_string(),
        [only] if shown[0].0 == 1 => format!("With it goes {only}."),
        [only] => format!("With it go {only}."),
        [first @ .., last] => format!("With it go {} and {last}.", first.join(", ")),
    }
}
