//! Bounded undo and redo of whole-document snapshots.
//!
//! A document of a few thousand components clones in well under a millisecond, so each
//! change keeps the document as it was before; the stacks are capped so a long workshop
//! cannot grow memory without bound.

use crate::model::Network;

/// How many changes can be undone.
pub const UNDO_LIMIT: usize = 256;

/// A document as it was, with the generation number that identifies that state.
#[derive(Debug, Clone)]
struct Snapshot {
    network: Network,
    generation: u64,
}

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
}

impl History {
    /// Records the state before a change; a new change forgets what could be redone.
    pub fn record(&mut self, before: Network, generation: u64) {
        if self.undo.len() == UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.undo.push(Snapshot {
            network: before,
            generation,
        });
        self.redo.clear();
    }

    /// Swaps the current state for the one before the last change, if any.
    pub fn undo(&mut self, current: &mut Network, generation: &mut u64) -> bool {
        Self::step(&mut self.undo, &mut self.redo, current, generation)
    }

    pub fn redo(&mut self, current: &mut Network, generation: &mut u64) -> bool {
        Self::step(&mut self.redo, &mut self.undo, current, generation)
    }

    fn step(
        from: &mut Vec<Snapshot>,
        to: &mut Vec<Snapshot>,
        current: &mut Network,
        generation: &mut u64,
    ) -> bool {
        let Some(snapshot) = from.pop() else {
            return false;
        };
        let network = std::mem::replace(current, snapshot.network);
        to.push(Snapshot {
            network,
            generation: *generation,
        });
        *generation = snapshot.generation;
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
}
