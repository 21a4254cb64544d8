//! Bounded undo and redo. Each change is kept as a `Delta`: only the parts of the
//! document it changed (a component, a run of links, a pathway's fields), never a whole
//! copy, so a long workshop on a 60,000-component network stays small (BENCHMARKS.md).
//! The history is capped by count and by an estimate of its memory.

use crate::model::{Delta, Network};

use super::describe::Subject;

/// How many changes can be undone.
pub const UNDO_LIMIT: usize = 256;

/// Roughly how much memory the undo and redo history may hold together.
pub const HISTORY_BYTES: usize = 64 * 1024 * 1024;

/// One change: how to reverse it, the generation it leaves, and what it did in words.
#[derive(Debug, Clone)]
struct Entry {
    delta: Delta,
    generation: u64,
    what: String,
    /// The item the change is about, selected again on undo and redo.
    subject: Option<Subject>,
    bytes: usize,
}

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
}

impl History {
    /// Records a change from `before` to `after` (`what` says what it did, e.g. "Added
    /// component X"); `generation` identifies `before`. A new change forgets what could
    /// be redone. Returns false, recording nothing, when nothing changed.
    pub fn record(
        &mut self,
        before: Network,
        after: &mut Network,
        generation: u64,
        what: &str,
        subject: Option<Subject>,
    ) -> bool {
        let Some(delta) = Delta::between(before, after) else {
            return false;
        };
        let bytes = delta.bytes();
        self.undo.push(Entry {
            delta,
            generation,
            what: what.to_string(),
            subject,
            bytes,
        });
        self.redo.clear();
        self.trim();
        true
    }

    /// The oldest changes go first when over the count or the memory bound; the last
    /// change can always be undone.
    fn trim(&mut self) {
        let total = |h: &History| -> usize { h.undo.iter().chain(&h.redo).map(|e| e.bytes).sum() };
        let over = self.undo.len().saturating_sub(UNDO_LIMIT);
        self.undo.drain(..over);
        while self.undo.len() > 1 && total(self) > HISTORY_BYTES {
            self.undo.remove(0);
        }
    }

    /// Reverses the last change, if any; returns what it did and what it was about.
    pub fn undo(
        &mut self,
        current: &mut Network,
        generation: &mut u64,
    ) -> Option<(String, Option<Subject>)> {
        Self::step(&mut self.undo, &mut self.redo, current, generation)
    }

    /// Makes the last undone change again, if any; returns what it did and what it was
    /// about.
    pub fn redo(
        &mut self,
        current: &mut Network,
        generation: &mut u64,
    ) -> Option<(String, Option<Subject>)> {
        Self::step(&mut self.redo, &mut self.undo, current, generation)
    }

    fn step(
        from: &mut Vec<Entry>,
        to: &mut Vec<Entry>,
        current: &mut Network,
        generation: &mut u64,
    ) -> Option<(String, Option<Subject>)> {
        let entry = from.pop()?;
        let delta = entry.delta.apply(current);
        to.push(Entry {
            bytes: delta.bytes(),
            delta,
            generation: *generation,
            what: entry.what.clone(),
            subject: entry.subject.clone(),
        });
        *generation = entry.generation;
        Some((entry.what, entry.subject))
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

    /// The estimated memory the history holds, in bytes.
    pub fn bytes(&self) -> usize {
        self.undo.iter().chain(&self.redo).map(|e| e.bytes).sum()
    }
}
