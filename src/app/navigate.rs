//! Moving the cursor: columns, rows, pathways, links. Nothing here changes the document.

use crate::analysis::Target;
use crate::model::Phase;

use super::{App, Selection};

impl App {
    /// The component ids of the current pathway's column, in author order.
    pub fn column_ids(&self, phase: Phase) -> Vec<String> {
        self.current_pathway()
            .map(|p| p.column(phase).map(|c| c.id.clone()).collect())
            .unwrap_or_default()
    }

    /// The selected component's id, or the `from` end of a selected link.
    pub fn anchor_id(&self) -> Option<&str> {
        match &self.selection {
            Some(Selection::Component(id)) => Some(id),
            Some(Selection::Link { from, .. }) => Some(from),
            None => None,
        }
    }

    /// On opening: the first component of the first phase column that has one.
    pub(super) fn select_first(&mut self) {
        let first = self.current_pathway().and_then(|p| {
            Phase::ALL
                .iter()
                .find_map(|&ph| p.column(ph).next().map(|c| (ph, c.id.clone())))
        });
        match first {
            Some((phase, id)) => {
                self.column = phase;
                self.selection = Some(Selection::Component(id));
            }
            None => {
                self.column = Phase::Prevention;
                self.selection = None;
            }
        }
        self.detail_cursor = 0;
        self.details_scroll = 0;
    }

    /// After a change: the pathway index in range, and the selection still present.
    pub(super) fn fix_selection(&mut self) {
        let count = self.doc.pathways().len();
        if self.pathway >= count {
            self.pathway = count.saturating_sub(1);
        }
        let Some(pathway) = self.current_pathway() else {
            self.selection = None;
            return;
        };
        let keep = match &self.selection {
            Some(Selection::Component(id)) => pathway.component(id).map(|c| c.phase),
            Some(Selection::Link { from, to }) => pathway
                .link(from, to)
                .and_then(|l| pathway.component(&l.from))
                .map(|c| c.phase),
            None => None,
        };
        match keep {
            Some(phase) => self.column = phase,
            None => {
                let ids = self.column_ids(self.column);
                self.selection = ids.first().cloned().map(Selection::Component);
            }
        }
        let measures = self.selected_measures().len();
        self.detail_cursor = self.detail_cursor.min(measures.saturating_sub(1));
    }

    /// Selects a component of the current pathway and moves to its column.
    pub fn select_component(&mut self, id: &str) -> bool {
        let Some(phase) = self
            .current_pathway()
            .and_then(|p| p.component(id))
            .map(|c| c.phase)
        else {
            return false;
        };
        self.column = phase;
        self.selection = Some(Selection::Component(id.to_string()));
        self.detail_cursor = 0;
        self.details_scroll = 0;
        true
    }

    pub(super) fn move_column(&mut self, forward: bool) {
        let row = self.row().unwrap_or(0);
        let next = if forward {
            self.column.next()
        } else {
            self.column.previous()
        };
        let Some(phase) = next else {
            return;
        };
        self.column = phase;
        let ids = self.column_ids(phase);
        self.selection = ids
            .get(row.min(ids.len().saturating_sub(1)))
            .cloned()
            .map(Selection::Component);
        self.detail_cursor = 0;
        self.details_scroll = 0;
    }

    /// The selected component's row in its column.
    fn row(&self) -> Option<usize> {
        let id = self.anchor_id()?;
        self.column_ids(self.column).iter().position(|c| c == id)
    }

    pub(super) fn move_row(&mut self, down: bool) {
        let ids = self.column_ids(self.column);
        if ids.is_empty() {
            return;
        }
        let row = match self.row() {
            Some(r) if down => (r + 1).min(ids.len() - 1),
            Some(r) => r.saturating_sub(1),
            None => 0,
        };
        self.selection = Some(Selection::Component(ids[row].clone()));
        self.detail_cursor = 0;
        self.details_scroll = 0;
    }

    pub(super) fn move_pathway(&mut self, forward: bool) {
        let count = self.doc.pathways().len();
        if count == 0 {
            return;
        }
        self.pathway = if forward {
            (self.pathway + 1) % count
        } else {
            (self.pathway + count - 1) % count
        };
        self.select_first();
    }

    pub fn set_pathway(&mut self, index: usize) {
        if index < self.doc.pathways().len() && index != self.pathway {
            self.pathway = index;
            self.select_first();
        }
    }

    /// Steps through the links leaving (or entering) the selected component, then back
    /// to the component itself.
    pub(super) fn cycle_link(&mut self, outgoing: bool) {
        // The component whose links we step through.
        let owner = match &self.selection {
            Some(Selection::Component(id)) => id.clone(),
            Some(Selection::Link { from, to }) => if outgoing { from } else { to }.clone(),
            None => return,
        };
        let Some(pathway) = self.current_pathway() else {
            return;
        };
        let links: Vec<(String, String)> = pathway
            .links()
            .iter()
            .filter(|l| {
                if outgoing {
                    l.from == owner
                } else {
                    l.to == owner
                }
            })
            .map(|l| (l.from.clone(), l.to.clone()))
            .collect();
        let current = match &self.selection {
            Some(Selection::Link { from, to }) => {
                links.iter().position(|(f, t)| f == from && t == to)
            }
            _ => None,
        };
        let next = match current {
            None => links.first(),
            Some(i) => links.get(i + 1),
        };
        match next {
            Some((from, to)) => {
                self.selection = Some(Selection::Link {
                    from: from.clone(),
                    to: to.clone(),
                })
            }
            None => {
                self.select_component(&owner);
            }
        }
        if links.is_empty() {
            self.info(if outgoing {
                "No links out of this component"
            } else {
                "No links into this component"
            });
        }
        self.detail_cursor = 0;
        self.details_scroll = 0;
    }

    /// Jumps to an entry of the weakest-links list: its pathway, column and selection.
    pub(super) fn jump_to_weakest(&mut self, index: usize) {
        let Some(entry) = self.analysis.weakest.get(index).cloned() else {
            return;
        };
        self.weakest_cursor = index;
        self.set_pathway(entry.pathway);
        let pathway = &self.document().pathways()[entry.pathway];
        match entry.target {
            Target::Component(i) => {
                let id = pathway.components()[i].id.clone();
                self.select_component(&id);
            }
            Target::Link(j) => {
                let l = &pathway.links()[j];
                let (from, to) = (l.from.clone(), l.to.clone());
                self.select_component(&from);
                self.selection = Some(Selection::Link { from, to });
            }
        }
    }
}

impl App {
    /// Selects the item a change was about, in whichever pathway holds it; an item that
    /// no longer exists leaves the selection as it is.
    pub(super) fn select_subject(&mut self, subject: &super::Subject) {
        use super::Subject;
        let holds =
            |f: &dyn Fn(&crate::model::Pathway) -> bool| self.doc.pathways().iter().position(f);
        match subject {
            Subject::Component(id) => {
                if let Some(i) = holds(&|p| p.component(id).is_some()) {
                    self.set_pathway(i);
                    self.select_component(id);
                }
            }
            Subject::Link { from, to } => {
                if let Some(i) = holds(&|p| p.link(from, to).is_some()) {
                    self.set_pathway(i);
                    self.select_link(from, to);
                }
            }
            Subject::Measure { owner, id } => {
                match owner {
                    crate::model::MeasureOwner::Component(c) => {
                        self.select_subject(&Subject::Component(c.clone()))
                    }
                    crate::model::MeasureOwner::Link { from, to } => {
                        self.select_subject(&Subject::Link {
                            from: from.clone(),
                            to: to.clone(),
                        })
                    }
                }
                // On the measure in the details panel, when it is there.
                if let Some(at) = self.selected_measures().iter().position(|m| &m.id == id) {
                    self.detail_cursor = at;
                }
            }
            Subject::Pathway(id) => {
                if let Some(i) = holds(&|p| p.id == *id) {
                    self.set_pathway(i);
                }
            }
        }
    }

    /// Selects a link of the current pathway, its source's column current.
    pub(super) fn select_link(&mut self, from: &str, to: &str) {
        let Some(phase) = self
            .current_pathway()
            .filter(|p| p.link(from, to).is_some())
            .and_then(|p| p.component(from))
            .map(|c| c.phase)
        else {
            return;
        };
        self.column = phase;
        self.selection = Some(Selection::Link {
            from: from.to_string(),
            to: to.to_string(),
        });
        self.detail_cursor = 0;
        self.details_scroll = 0;
    }
}
