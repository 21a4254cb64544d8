//! Three-way merge of one field, and of a list of items matched by a key: the rules every
//! level of the network shares (docs/merge.md).

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;

use crate::model::{
    ActionStatus, Answer, Breakdown, Condition, Direction, Domain, Integration, Level, LinkKind,
    Phase, Sector,
};

/// A true conflict, in pathway terms: where, and what the two sides did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// "component r-paed, measure seen-2-weeks"
    pub place: String,
    /// "value 35 (ours) vs 40 (theirs)"
    pub detail: String,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            write!(f, "{}", self.detail)
        } else {
            write!(f, "{}: {}", self.place, self.detail)
        }
    }
}

/// A field's value as a conflict shows it.
pub trait Show {
    fn show(&self) -> String;
}

impl Show for f64 {
    fn show(&self) -> String {
        format!("{self}")
    }
}

impl Show for String {
    /// Quoted, with control characters escaped: text from a file never reaches the
    /// terminal raw.
    fn show(&self) -> String {
        format!("{self:?}")
    }
}

impl<T: Show> Show for Option<T> {
    fn show(&self) -> String {
        self.as_ref().map_or_else(|| "none".to_string(), Show::show)
    }
}

impl Show for (String, f64) {
    fn show(&self) -> String {
        format!("({}, {})", self.0.show(), self.1.show())
    }
}

impl<T: Show> Show for Vec<T> {
    fn show(&self) -> String {
        let items: Vec<String> = self.iter().map(Show::show).collect();
        format!("[{}]", items.join(", "))
    }
}

impl Show for Breakdown {
    fn show(&self) -> String {
        format!("{} {}", self.by.show(), self.groups.show())
    }
}

macro_rules! show_by_name {
    ($($t:ty),*) => {$(
        impl Show for $t {
            fn show(&self) -> String {
                format!("{self:?}")
            }
        }
    )*};
}
show_by_name!(
    ActionStatus,
    Answer,
    Condition,
    Direction,
    Domain,
    Integration,
    Level,
    LinkKind,
    Phase,
    Sector
);

/// Merges field by field and item by item, and keeps the conflicts it meets.
#[derive(Default)]
pub struct Merger {
    pub conflicts: Vec<Conflict>,
    place: Vec<String>,
}

impl Merger {
    /// Records a conflict at the current place.
    pub fn conflict(&mut self, detail: String) {
        self.conflicts.push(Conflict {
            place: self.place.join(", "),
            detail,
        });
    }

    /// Runs `f` one level down: conflicts there are placed under `segment`.
    pub fn within<R>(&mut self, segment: String, f: impl FnOnce(&mut Self) -> R) -> R {
        self.place.push(segment);
        let r = f(self);
        self.place.pop();
        r
    }

    /// Runs `f` at the top level: a component's id (and so a link's ends) is unique in
    /// the file, so its pathway need not be named.
    pub fn top<R>(&mut self, f: impl FnOnce(&mut Self) -> R) -> R {
        let saved = std::mem::take(&mut self.place);
        let r = f(self);
        self.place = saved;
        r
    }

    /// One field: a change on one side is taken, the same change on both sides once;
    /// different changes (or both sides adding different values) keep ours.
    pub fn field<T: PartialEq + Clone + Show>(
        &mut self,
        name: &str,
        base: Option<&T>,
        ours: &T,
        theirs: &T,
    ) -> T {
        if ours == theirs || base == Some(theirs) {
            ours.clone()
        } else if base == Some(ours) {
            theirs.clone()
        } else {
            self.conflict(format!(
                "{name} {} (ours) vs {} (theirs)",
                ours.show(),
                theirs.show()
            ));
            ours.clone()
        }
    }

    /// A list of items matched by `key`. Items on both sides are merged by `merge`; an
    /// item one side deleted is deleted unless the other side changed it (a conflict:
    /// ours is kept, so an item ours changed stays and one ours deleted stays deleted).
    /// The order is ours, with their additions after their nearest preceding item.
    /// `label` names an item in conflicts ("component gp").
    pub fn list<T, K>(
        &mut self,
        base: &[T],
        ours: &[T],
        theirs: &[T],
        key: impl Fn(&T) -> K,
        label: impl Fn(&T) -> String,
        mut merge: impl FnMut(&mut Self, Option<&T>, &T, &T) -> T,
    ) -> Vec<T>
    where
        T: Clone + PartialEq,
        K: Eq + Hash,
    {
        let index = |items: &[T]| -> Option<HashMap<K, usize>> {
            let map: HashMap<K, usize> =
                items.iter().enumerate().map(|(i, t)| (key(t), i)).collect();
            (map.len() == items.len()).then_some(map)
        };
        let (Some(base_at), Some(ours_at), Some(theirs_at)) =
            (index(base), index(ours), index(theirs))
        else {
            // Keys repeat (nothing in the format forbids two history points of one
            // period): the list is merged as one value.
            return self.whole_list(base, ours, theirs);
        };
        let mut out: Vec<T> = Vec::with_capacity(ours.len());
        let mut out_at: HashMap<K, usize> = HashMap::new();
        for o in ours {
            let k = key(o);
            match (theirs_at.get(&k), base_at.get(&k)) {
                (Some(&t), b) => {
                    let b = b.map(|&b| &base[b]);
                    let merged = self.within(label(o), |m| merge(m, b, o, &theirs[t]));
                    out_at.insert(k, out.len());
                    out.push(merged);
                }
                (None, None) => {
                    out_at.insert(k, out.len());
                    out.push(o.clone());
                }
                (None, Some(&b)) => {
                    if base[b] != *o {
                        self.within(label(o), |m| {
                            m.conflict("deleted (theirs) but changed (ours); ours kept".into())
                        });
                        out_at.insert(k, out.len());
                        out.push(o.clone());
                    }
                }
            }
        }
        // Their additions, each after the nearest item before it in their list that is
        // in the result (None: at the start).
        let mut after: HashMap<Option<usize>, Vec<T>> = HashMap::new();
        let mut anchor: Option<usize> = None;
        for t in theirs {
            let k = key(t);
            if let Some(&i) = out_at.get(&k) {
                anchor = Some(i);
                continue;
            }
            if ours_at.contains_key(&k) {
                continue;
            }
            match base_at.get(&k) {
                Some(&b) => {
                    if base[b] != *t {
                        self.within(label(t), |m| {
                            m.conflict("changed (theirs) but deleted (ours); left deleted".into())
                        });
                    }
                }
                None => after.entry(anchor).or_default().push(t.clone()),
            }
        }
        if after.is_empty() {
            return out;
        }
        let mut merged = after.remove(&None).unwrap_or_default();
        for (i, item) in out.into_iter().enumerate() {
            merged.push(item);
            if let Some(added) = after.remove(&Some(i)) {
                merged.extend(added);
            }
        }
        merged
    }

    fn whole_list<T: Clone + PartialEq>(&mut self, base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
        if ours == theirs || base == theirs {
            ours.to_vec()
        } else if base == ours {
            theirs.to_vec()
        } else {
            self.conflict("changed on both sides (ours kept)".into());
            ours.to_vec()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merge_numbers(
        base: &[(u8, i32)],
        ours: &[(u8, i32)],
        theirs: &[(u8, i32)],
    ) -> (Vec<(u8, i32)>, Vec<String>) {
        let mut m = Merger::default();
        let out = m.list(
            base,
            ours,
            theirs,
            |t| t.0,
            |t| format!("item {}", t.0),
            |m, b, o, t| {
                let v = m.field_i32(b.map(|b| b.1), o.1, t.1);
                (o.0, v)
            },
        );
        (out, m.conflicts.iter().map(ToString::to_string).collect())
    }

    impl Merger {
        fn field_i32(&mut self, base: Option<i32>, ours: i32, theirs: i32) -> i32 {
            let f = |v: i32| f64::from(v);
            self.field("value", base.map(f).as_ref(), &f(ours), &f(theirs)) as i32
        }
    }

    #[test]
    fn one_side_changes_are_taken_and_the_same_change_once() {
        let base = [(1, 10), (2, 20), (3, 30)];
        let (out, conflicts) = merge_numbers(
            &base,
            &[(1, 11), (2, 22), (3, 30)],
            &[(1, 10), (2, 22), (3, 33)],
        );
        assert_eq!(out, [(1, 11), (2, 22), (3, 33)]);
        assert!(conflicts.is_empty());
    }

    #[test]
    fn different_changes_keep_ours_and_say_so() {
        let (out, conflicts) = merge_numbers(&[(1, 10)], &[(1, 35)], &[(1, 40)]);
        assert_eq!(out, [(1, 35)]);
        assert_eq!(conflicts, ["item 1: value 35 (ours) vs 40 (theirs)"]);
    }

    #[test]
    fn deletions_are_taken_unless_the_other_side_changed_the_item() {
        let base = [(1, 10), (2, 20), (3, 30)];
        // theirs deletes 2 (ours left it): gone. ours deletes 3 (theirs left it): gone.
        let (out, conflicts) = merge_numbers(&base, &[(1, 10), (2, 20)], &[(1, 10), (3, 30)]);
        assert_eq!(out, [(1, 10)]);
        assert!(conflicts.is_empty());
        // theirs deletes what ours changed: ours kept. ours deletes what theirs changed:
        // stays deleted. Both are conflicts.
        let (out, conflicts) = merge_numbers(&base, &[(1, 10), (2, 21)], &[(1, 10), (3, 31)]);
        assert_eq!(out, [(1, 10), (2, 21)]);
        assert_eq!(
            conflicts,
            [
                "item 2: deleted (theirs) but changed (ours); ours kept",
                "item 3: changed (theirs) but deleted (ours); left deleted"
            ]
        );
    }

    #[test]
    fn order_is_ours_with_their_additions_after_their_nearest_preceding_item() {
        let base = [(1, 0), (2, 0), (3, 0)];
        let ours = [(3, 0), (1, 0), (2, 0), (9, 0)];
        let theirs = [(5, 0), (1, 0), (6, 0), (7, 0), (2, 0), (3, 0), (8, 0)];
        let (out, conflicts) = merge_numbers(&base, &ours, &theirs);
        let keys: Vec<u8> = out.iter().map(|t| t.0).collect();
        assert_eq!(keys, [5, 3, 8, 1, 6, 7, 2, 9]);
        assert!(conflicts.is_empty());
    }

    #[test]
    fn both_sides_adding_the_same_item_take_it_once() {
        let (out, conflicts) = merge_numbers(&[], &[(4, 1)], &[(4, 1)]);
        assert_eq!(out, [(4, 1)]);
        assert!(conflicts.is_empty());
        let (out, conflicts) = merge_numbers(&[], &[(4, 1)], &[(4, 2)]);
        assert_eq!(out, [(4, 1)]);
        assert_eq!(conflicts, ["item 4: value 1 (ours) vs 2 (theirs)"]);
    }

    #[test]
    fn repeated_keys_merge_the_list_as_one_value() {
        let base = [(1, 0), (1, 1)];
        let (out, conflicts) = merge_numbers(&base, &base, &[(1, 0)]);
        assert_eq!(out, [(1, 0)]);
        assert!(conflicts.is_empty());
        let (out, conflicts) = merge_numbers(&base, &[(1, 5), (1, 5)], &[(1, 0)]);
        assert_eq!(out, [(1, 5), (1, 5)]);
        assert_eq!(conflicts, ["changed on both sides (ours kept)"]);
    }

    #[test]
    fn text_in_conflicts_is_escaped() {
        let mut m = Merger::default();
        m.field(
            "name",
            Some(&"a".to_string()),
            &"b\u{1b}[2J".to_string(),
            &"c".to_string(),
        );
        assert_eq!(
            m.conflicts[0].to_string(),
            "name \"b\\u{1b}[2J\" (ours) vs \"c\" (theirs)"
        );
    }
}
