//! The workshop loop (seed 000): present the pathway, reveal its weak links, examine the
//! structure and process of a weak component, record notes and improvement actions.

use crate::model::{Action as Improvement, ActionStatus, Checklist, Phase, parse_date};

use super::form::{Field, Form};
use super::forms::Purpose;
use super::{Action, App, Confirm, Edit, Effect, Mode, Selection};

pub const ACTION_STATUSES: [ActionStatus; 3] = [
    ActionStatus::Open,
    ActionStatus::InProgress,
    ActionStatus::Done,
];

impl App {
    // ----- presentation -----

    pub(super) fn start_presenting(&mut self) {
        // A workshop walks the pathway from its start.
        self.mode = Mode::Present {
            phase: Some(Phase::Prevention),
            reveal: false,
        };
    }

    pub(super) fn presenting(
        &mut self,
        phase: Option<Phase>,
        reveal: bool,
        action: Action,
    ) -> Effect {
        let (mut phase, mut reveal) = (phase, reveal);
        match action {
            Action::PrevColumn => {
                phase = match phase {
                    None => Some(Phase::Transition),
                    Some(p) => Some(p.previous().unwrap_or(p)),
                }
            }
            Action::NextColumn => {
                phase = match phase {
                    None => Some(Phase::Prevention),
                    Some(p) => Some(p.next().unwrap_or(p)),
                }
            }
            Action::WholePathway => {
                phase = if phase.is_some() {
                    None
                } else {
                    Some(self.column)
                }
            }
            Action::Reveal => reveal = !reveal,
            Action::PrevPathway => self.move_pathway(false),
            Action::NextPathway => self.move_pathway(true),
            Action::NextTheme => self.next_theme(),
            Action::Cancel | Action::Present | Action::Quit => {
                // Back on the map at the phase the room was looking at.
                if let Some(p) = phase
                    && p != self.column
                {
                    self.column = p;
                    self.selection = self
                        .column_ids(p)
                        .first()
                        .cloned()
                        .map(Selection::Component);
                    self.detail_cursor = 0;
                    self.details_scroll = 0;
                }
                return Effect::None;
            }
            _ => {}
        }
        self.mode = Mode::Present { phase, reveal };
        Effect::None
    }

    // ----- examining a component's structure and process -----

    pub(super) fn start_examining(&mut self) {
        if self.selected_component().is_some() {
            self.mode = Mode::Examine { question: 0 };
        } else {
            self.error("Select a component to examine");
        }
    }

    pub(super) fn examining(&mut self, question: usize, action: Action) -> Effect {
        let last = Checklist::QUESTIONS.len() - 1;
        let mut question = question.min(last);
        match action {
            Action::PrevItem => question = question.saturating_sub(1),
            Action::NextItem => question = (question + 1).min(last),
            Action::Answer(answer) => {
                if let Some(component) = self.selected_component() {
                    let mut changed = component.clone();
                    *(Checklist::QUESTIONS[question].answer_mut)(&mut changed.checklist) = answer;
                    let id = changed.id.clone();
                    if self
                        .apply(Edit::UpdateComponent {
                            id,
                            component: changed,
                        })
                        .is_ok()
                    {
                        question = (question + 1).min(last);
                    }
                }
            }
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Cancel | Action::Examine | Action::Quit => return Effect::None,
            _ => {}
        }
        if self.selected_component().is_none() {
            return Effect::None;
        }
        self.mode = Mode::Examine { question };
        Effect::None
    }

    // ----- notes and actions -----

    pub(super) fn start_note(&mut self) {
        match &self.selection {
            Some(selection) => {
                let form = Form::new(
                    "Add a note",
                    Purpose::Note {
                        to: selection.clone(),
                    },
                    vec![Field::required("Note", "")],
                );
                self.mode = Mode::Form(form);
            }
            None => self.error("Select a component or link to note"),
        }
    }

    pub(super) fn start_action(&mut self) {
        match self.selected_component() {
            Some(c) => {
                let purpose = Purpose::NewAction {
                    component: c.id.clone(),
                };
                self.mode = Mode::Form(self.action_form(purpose, None));
            }
            None => self.error("Select a component to agree an action for"),
        }
    }

    pub fn action_form(&self, purpose: Purpose, existing: Option<&Improvement>) -> Form<Purpose> {
        let statuses = ACTION_STATUSES.iter().map(|s| format!("{s:?}")).collect();
        let status = existing.map_or(0, |a| {
            ACTION_STATUSES
                .iter()
                .position(|s| *s == a.status)
                .unwrap_or(0)
        });
        let title = if existing.is_some() {
            "Edit action"
        } else {
            "New improvement action"
        };
        Form::new(
            title,
            purpose,
            vec![
                Field::required("Action", existing.map_or("", |a| &a.text)),
                Field::text("Owner", existing.map_or("", |a| &a.owner)),
                Field::text(
                    "Due (YYYY-MM-DD)",
                    existing.and_then(|a| a.due.as_deref()).unwrap_or(""),
                ),
                Field::choice("Status", statuses, status),
            ],
        )
    }

    /// Reads the action fields of a form, checking the date.
    pub(super) fn action_from_form(
        &self,
        form: &Form<Purpose>,
        id: String,
        component: String,
    ) -> Result<Improvement, String> {
        let due = form.text("Due (YYYY-MM-DD)");
        if !due.is_empty() && parse_date(&due).is_none() {
            return Err(format!(
                "Due: \"{due}\" is not a date of the form 2025-03-31"
            ));
        }
        Ok(Improvement {
            id,
            component,
            text: form.text("Action"),
            owner: form.text("Owner"),
            due: Some(due).filter(|d| !d.is_empty()),
            status: ACTION_STATUSES[form.choice("Status").min(ACTION_STATUSES.len() - 1)],
        })
    }

    /// Appends a line to the notes of a component or link.
    pub(super) fn add_note(&mut self, to: &Selection, line: &str) -> Result<(), String> {
        let append = |notes: &mut String| {
            if !notes.is_empty() {
                notes.push('\n');
            }
            notes.push_str(line);
        };
        let pathway = self.current_pathway().ok_or("no pathway")?;
        let edit = match to {
            Selection::Component(id) => {
                let mut c = pathway
                    .component(id)
                    .ok_or("the component is gone")?
                    .clone();
                append(&mut c.notes);
                Edit::UpdateComponent {
                    id: id.clone(),
                    component: c,
                }
            }
            Selection::Link { from, to } => {
                let mut l = pathway.link(from, to).ok_or("the link is gone")?.clone();
                append(&mut l.notes);
                Edit::UpdateLink {
                    from: from.clone(),
                    to: to.clone(),
                    link: l,
                }
            }
        };
        self.apply(edit)
    }

    // ----- the actions view -----

    /// Indices into `document().actions()`: open first, then in progress, then done;
    /// within each, soonest due first and undated last.
    pub fn actions_in_view_order(&self) -> Vec<usize> {
        let actions = self.document().actions();
        let mut order: Vec<usize> = (0..actions.len()).collect();
        let rank = |s: ActionStatus| ACTION_STATUSES.iter().position(|x| *x == s).unwrap_or(0);
        order.sort_by(|&a, &b| {
            let (a, b) = (&actions[a], &actions[b]);
            (rank(a.status), a.due.is_none(), &a.due, &a.id).cmp(&(
                rank(b.status),
                b.due.is_none(),
                &b.due,
                &b.id,
            ))
        });
        order
    }

    /// True when an action's due date has passed and it is not done.
    pub fn is_overdue(&self, action: &Improvement) -> bool {
        action.status != ActionStatus::Done
            && action
                .due
                .as_deref()
                .is_some_and(|d| d < self.today.as_str())
    }

    pub(super) fn in_actions(&mut self, cursor: usize, action: Action) -> Effect {
        let order = self.actions_in_view_order();
        let mut cursor = cursor.min(order.len().saturating_sub(1));
        let current = order
            .get(cursor)
            .map(|&i| self.document().actions()[i].clone());
        match action {
            Action::PrevItem => cursor = cursor.saturating_sub(1),
            Action::NextItem => cursor = (cursor + 1).min(order.len().saturating_sub(1)),
            Action::Edit | Action::Confirm => {
                if let Some(a) = current {
                    let purpose = Purpose::EditAction { id: a.id.clone() };
                    self.mode = Mode::Form(self.action_form(purpose, Some(&a)));
                    return Effect::None;
                }
            }
            Action::NextStatus => {
                if let Some(mut a) = current {
                    let next = (ACTION_STATUSES
                        .iter()
                        .position(|s| *s == a.status)
                        .unwrap_or(0)
                        + 1)
                        % ACTION_STATUSES.len();
                    a.status = ACTION_STATUSES[next];
                    let id = a.id.clone();
                    let _ = self.apply(Edit::UpdateAction {
                        id: id.clone(),
                        action: a,
                    });
                    // Follow the action to its new place in the list.
                    let order = self.actions_in_view_order();
                    cursor = order
                        .iter()
                        .position(|&i| self.document().actions()[i].id == id)
                        .unwrap_or(cursor);
                }
            }
            Action::Delete => {
                if let Some(a) = current {
                    self.mode = Mode::Confirm(Confirm::Apply {
                        question: format!("Delete the action \"{}\"?", a.text),
                        edit: Box::new(Edit::RemoveAction { id: a.id }),
                    });
                    return Effect::None;
                }
            }
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Cancel | Action::ActionsView | Action::Quit => return Effect::None,
            _ => {}
        }
        self.mode = Mode::Actions { cursor };
        Effect::None
    }

    // ----- the network overview -----

    pub(super) fn in_overview(&mut self, scroll: u16, action: Action) -> Effect {
        // No further than the overview has lines (an upper bound, as a finding across
        // pathways may wrap), so ↑ after scrolling past the end soon moves the view.
        let doc = self.document();
        let cross = crate::analysis::overview(doc, self.analysis()).cross.len();
        let most = (12 + doc.pathways().len() + doc.organisations().len() + 3 * cross)
            .min(usize::from(u16::MAX)) as u16;
        let scroll = match action {
            Action::PrevItem => scroll.min(most).saturating_sub(1),
            Action::NextItem => scroll.saturating_add(1).min(most),
            Action::Cancel | Action::Overview | Action::Quit => return Effect::None,
            _ => scroll,
        };
        self.mode = Mode::Overview { scroll };
        Effect::None
    }
}
