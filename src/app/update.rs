//! `App::update`: one action in, the state changed, an effect out. The map's own keys
//! are here; forms, connect and find, and deletes have files of their own.

use crate::model::MeasureOwner;

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
            Mode::Rows(list) => self.in_rows(list, action),
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
            Action::PrevItem | Action::NextItem => {
                let down = action == Action::NextItem;
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
            | Action::AddRow
            | Action::NextStatus
            | Action::Answer(_)
            | Action::SaveAndQuit
            | Action::QuitWithoutSaving
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

    fn in_organisations(&mut self, cursor: usize, action: Action) -> Effect {
        let count = self.document().organisations().len();
        let mut cursor = cursor.min(count.saturating_sub(1));
        match action {
            Action::PrevItem | Action::NextItem => {
                cursor = step(cursor, count, action == Action::NextItem);
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
pub(super) fn step(cursor: usize, len: usize, down: bool) -> usize {
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
