//! Deleting: the question asked first, saying what goes with the item.

use crate::model::Link;

use super::{App, Confirm, Edit, Mode, Panel};

impl App {
    pub(super) fn ask_delete(&mut self) {
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
