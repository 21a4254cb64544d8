//! Vertical tracks in the gutters. Routes that share an end in a gutter (the links out of
//! one box, or the skip and backward links into one box) form a group on one track.
//! Groups whose rows overlap need different tracks, and their order across the gutter
//! decides how often one route's horizontal run crosses another's track.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use super::route::GUTTERS;

/// Above this many groups in one gutter, order them by a cheap rank instead of comparing
/// every pair.
const EXACT_LIMIT: usize = 300;

/// One group's vertical run and the rows where horizontal runs leave it.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub gutter: usize,
    pub lo: u32,
    pub hi: u32,
    /// Rows of runs leaving to the left / right, kept sorted.
    left: Vec<u32>,
    right: Vec<u32>,
    pub track: usize,
}

impl Group {
    pub fn new(gutter: usize) -> Self {
        Group {
            gutter,
            lo: u32::MAX,
            hi: 0,
            left: Vec::new(),
            right: Vec::new(),
            track: 0,
        }
    }

    pub fn attach(&mut self, row: u32, rightward: bool) {
        self.lo = self.lo.min(row);
        self.hi = self.hi.max(row);
        let side = if rightward {
            &mut self.right
        } else {
            &mut self.left
        };
        // Runs on one row and side are one shared run (a box's exit stub, or its ▶).
        if let Err(at) = side.binary_search(&row) {
            side.insert(at, row);
        }
    }

    fn overlaps(&self, other: &Group) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    /// Crossings (and touches) when `self`'s track is left of `other`'s: runs of `self`
    /// going right across `other`'s rows, and runs of `other` going left across `self`'s.
    fn cost_left_of(&self, other: &Group) -> i64 {
        let within = |rows: &[u32], g: &Group| {
            rows.partition_point(|&r| r <= g.hi) - rows.partition_point(|&r| r < g.lo)
        };
        (within(&self.right, other) + within(&other.left, self)) as i64
    }

    /// A cheap order for crowded gutters: left-only runs first, nested ones innermost;
    /// then runs whose right turns are lower than their left ones; right-only runs last.
    fn rank(&self) -> (u8, i64) {
        let length = i64::from(self.hi - self.lo);
        let mean = |rows: &[u32]| {
            rows.iter().map(|&r| i64::from(r)).sum::<i64>() / rows.len().max(1) as i64
        };
        match (self.left.is_empty(), self.right.is_empty()) {
            (_, true) => (0, length),
            (true, _) => (3, -length),
            _ if mean(&self.right) >= mean(&self.left) => (1, -mean(&self.left)),
            _ => (2, mean(&self.left)),
        }
    }
}

/// Assigns each group a track, at most `capacity[g]` in gutter `g` (more groups than
/// fit share the last track); returns how many tracks each gutter uses.
/// `order` holds each gutter's groups left to right, from `order()`.
pub(crate) fn pack(
    groups: &mut [Group],
    order: &[Vec<usize>; GUTTERS],
    capacity: &[usize; GUTTERS],
) -> [usize; GUTTERS] {
    let mut used = [0; GUTTERS];
    for (g, sequence) in order.iter().enumerate() {
        let room = capacity[g].max(1);
        let mut tracks: Vec<BTreeMap<u32, u32>> = vec![BTreeMap::new(); room];
        for &i in sequence {
            let (lo, hi) = (groups[i].lo, groups[i].hi);
            // Right of every overlapping group placed before it, so the order holds.
            let after = (0..room).rev().find(|&t| {
                tracks[t]
                    .range(..=hi)
                    .next_back()
                    .is_some_and(|(_, &end)| end >= lo)
            });
            let track = after.map_or(0, |t| t + 1);
            if track < room {
                tracks[track].insert(lo, hi);
            }
            groups[i].track = track.min(room - 1);
            used[g] = used[g].max(groups[i].track + 1);
        }
    }
    used
}

/// The left-to-right order of each gutter's groups.
pub(crate) fn order(groups: &[Group]) -> [Vec<usize>; GUTTERS] {
    let mut members: [Vec<usize>; GUTTERS] = Default::default();
    for (i, g) in groups.iter().enumerate() {
        members[g.gutter].push(i);
    }
    members.map(|m| sequence(groups, m))
}

/// One gutter's order. Longest first, each group is inserted where it crosses the groups
/// already placed least.
fn sequence(groups: &[Group], mut order: Vec<usize>) -> Vec<usize> {
    if order.len() > EXACT_LIMIT {
        order.sort_by_cached_key(|&i| (groups[i].rank(), i));
        return order;
    }
    order.sort_by_key(|&i| (Reverse(groups[i].hi - groups[i].lo), i));
    let mut placed: Vec<usize> = Vec::with_capacity(order.len());
    for x in order {
        let gx = &groups[x];
        // Cost of each insertion point relative to the first; ties go furthest right.
        let (mut delta, mut best) = (0, (0, 0));
        for (k, &y) in placed.iter().enumerate() {
            let gy = &groups[y];
            if gx.overlaps(gy) {
                delta += gy.cost_left_of(gx) - gx.cost_left_of(gy);
            }
            if delta <= best.0 {
                best = (delta, k + 1);
            }
        }
        placed.insert(best.1, x);
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(rows: &[(u32, bool)]) -> Group {
        let mut g = Group::new(1);
        for &(r, right) in rows {
            g.attach(r, right);
        }
        g
    }

    #[test]
    fn a_nested_group_goes_on_the_side_its_runs_leave_by() {
        // Outer: right-only from 2 to 13. Inner: in from the left at 4, out right at 2,5,10.
        let mut groups = vec![
            group(&[(13, true), (2, true)]),
            group(&[(4, false), (2, true), (5, true), (10, true)]),
        ];
        let mut capacity = [4; GUTTERS];
        capacity[1] = 4;
        let order = order(&groups);
        let used = pack(&mut groups, &order, &capacity);
        assert_eq!(used[1], 2);
        assert_eq!((groups[0].track, groups[1].track), (0, 1));
    }

    #[test]
    fn overlapping_groups_beyond_capacity_share_the_last_track() {
        let mut groups: Vec<Group> = (0..3).map(|_| group(&[(1, false), (9, true)])).collect();
        groups.push(group(&[(20, false), (22, true)]));
        let order = order(&groups);
        let used = pack(&mut groups, &order, &[2; GUTTERS]);
        assert_eq!(used[1], 2);
        let tracks: Vec<usize> = groups.iter().map(|g| g.track).collect();
        assert_eq!(tracks, [0, 1, 1, 0]);
    }
}
