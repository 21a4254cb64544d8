//! Phase columns as layers: which component sits where, how many links cross between
//! neighbouring columns, and the barycentre "tidy" that reorders columns to cross less.

use crate::model::{Pathway, Phase};

const COLUMNS: usize = Phase::ALL.len();

/// Components grouped into phase columns, each column top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layers {
    pub columns: [Vec<usize>; COLUMNS],
    /// Column of each component.
    pub column: Vec<usize>,
    /// Position of each component within its column.
    pub slot: Vec<usize>,
}

impl Layers {
    /// Columns in the given order of component positions, or in author order when `order`
    /// is None or not a permutation of the components.
    pub fn new(pathway: &Pathway, order: Option<&[usize]>) -> Self {
        let n = pathway.components().len();
        let author: Vec<usize>;
        let order = match order {
            Some(o) if is_permutation(o, n) => o,
            _ => {
                author = (0..n).collect();
                &author
            }
        };
        let column: Vec<usize> = pathway
            .components()
            .iter()
            .map(|c| c.phase.index())
            .collect();
        let mut columns: [Vec<usize>; COLUMNS] = Default::default();
        let mut slot = vec![0; n];
        for &i in order {
            slot[i] = columns[column[i]].len();
            columns[column[i]].push(i);
        }
        Layers {
            columns,
            column,
            slot,
        }
    }

    fn renumber(&mut self, c: usize) {
        for (s, &i) in self.columns[c].iter().enumerate() {
            self.slot[i] = s;
        }
    }
}

pub(crate) fn is_permutation(order: &[usize], n: usize) -> bool {
    let mut seen = vec![false; n];
    order.len() == n
        && order
            .iter()
            .all(|&i| i < n && !std::mem::replace(&mut seen[i], true))
}

/// Links between neighbouring columns, as (upper column's end, lower column's end) for
/// each gap between columns. Direction does not matter for crossings.
pub(crate) fn adjacent_edges(pathway: &Pathway, layers: &Layers) -> [Vec<(usize, usize)>; 5] {
    let mut gaps: [Vec<(usize, usize)>; 5] = Default::default();
    for link in pathway.links() {
        let (Some(a), Some(b)) = (pathway.position(&link.from), pathway.position(&link.to)) else {
            continue;
        };
        let (ca, cb) = (layers.column[a], layers.column[b]);
        if ca + 1 == cb {
            gaps[ca].push((a, b));
        } else if cb + 1 == ca {
            gaps[cb].push((b, a));
        }
    }
    gaps
}

/// Crossings between one pair of neighbouring columns: inversions of the lower ends when
/// the links are sorted by their upper ends, counted with a Fenwick tree in O(E log V).
fn gap_crossings(
    edges: &[(usize, usize)],
    slot: &[usize],
    lower_len: usize,
    scratch: &mut Vec<(usize, usize)>,
) -> u64 {
    scratch.clear();
    scratch.extend(edges.iter().map(|&(u, v)| (slot[u], slot[v])));
    scratch.sort_unstable();
    let mut tree = vec![0u64; lower_len + 1];
    let mut crossings = 0;
    for (inserted, &(_, v)) in scratch.iter().enumerate() {
        // Links already inserted whose lower end is strictly below this one cross it.
        let mut at_or_above = 0;
        let mut i = v + 1;
        while i > 0 {
            at_or_above += tree[i];
            i &= i - 1;
        }
        crossings += inserted as u64 - at_or_above;
        let mut i = v + 1;
        while i <= lower_len {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    crossings
}

fn total_crossings(gaps: &[Vec<(usize, usize)>; 5], layers: &Layers) -> u64 {
    let mut scratch = Vec::new();
    gaps.iter()
        .enumerate()
        .map(|(c, edges)| {
            gap_crossings(
                edges,
                &layers.slot,
                layers.columns[c + 1].len(),
                &mut scratch,
            )
        })
        .sum()
}

/// Crossings between neighbouring phase columns for an order of component positions
/// (author order when None). Links that skip columns or stay in one column are not
/// counted: they are routed around the boxes, not between neighbouring columns.
pub fn crossings(pathway: &Pathway, order: Option<&[usize]>) -> u64 {
    let layers = Layers::new(pathway, order);
    total_crossings(&adjacent_edges(pathway, &layers), &layers)
}

/// The result of `tidy`: a new order and the crossings before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tidy {
    /// Every component id in the new order, for `Network::reorder_components`. Each
    /// position keeps the phase it had in author order, so a saved file changes little.
    pub order: Vec<String>,
    /// The same order as positions in `Pathway::components()`, for `LayoutOptions::order`.
    pub positions: Vec<usize>,
    pub before: u64,
    pub after: u64,
}

impl Tidy {
    /// True when the new order crosses less than the old one.
    pub fn improved(&self) -> bool {
        self.after < self.before
    }
}

/// Round trips of down and up sweeps; the best order is usually found in the first few.
const ROUND_TRIPS: usize = 12;
/// Stop early after this many round trips without a better order.
const PATIENCE: usize = 3;

/// Reorders components within their columns to reduce crossings between neighbouring
/// columns: barycentre sweeps down and up, keeping the best order found. Starts from
/// `order` (author order when None) and never returns more crossings than it started with.
pub fn tidy(pathway: &Pathway, order: Option<&[usize]>) -> Tidy {
    let mut layers = Layers::new(pathway, order);
    let gaps = adjacent_edges(pathway, &layers);
    let before = total_crossings(&gaps, &layers);
    let up = Neighbours::new(
        layers.column.len(),
        gaps.iter().flatten().map(|&(u, v)| (v, u)),
    );
    let down = Neighbours::new(layers.column.len(), gaps.iter().flatten().copied());

    let mut best = (before, layers.columns.clone());
    let mut stale = 0;
    let mut keys = Vec::new();
    for _ in 0..ROUND_TRIPS {
        if best.0 == 0 || stale >= PATIENCE {
            break;
        }
        stale += 1;
        for downward in [true, false] {
            for step in 1..COLUMNS {
                let (c, fixed) = if downward {
                    (step, &up)
                } else {
                    (COLUMNS - 1 - step, &down)
                };
                reorder(&mut layers, c, fixed, &mut keys);
            }
            let now = total_crossings(&gaps, &layers);
            if now < best.0 {
                best = (now, layers.columns.clone());
                stale = 0;
            }
        }
    }
    layers.columns = best.1;
    for c in 0..COLUMNS {
        layers.renumber(c);
    }
    let positions = interleave(pathway, &layers);
    Tidy {
        order: positions
            .iter()
            .map(|&i| pathway.components()[i].id.clone())
            .collect(),
        positions,
        before,
        after: best.0,
    }
}

/// Sorts the components of column `c` that have neighbours in the fixed column by the mean
/// position of those neighbours; components without any keep their places.
fn reorder(layers: &mut Layers, c: usize, fixed: &Neighbours, keys: &mut Vec<(f64, usize, usize)>) {
    keys.clear();
    for (s, &i) in layers.columns[c].iter().enumerate() {
        let ns = fixed.of(i);
        if !ns.is_empty() {
            let sum: usize = ns.iter().map(|&n| layers.slot[n]).sum();
            keys.push((sum as f64 / ns.len() as f64, s, i));
        }
    }
    let mut places: Vec<usize> = keys.iter().map(|k| k.1).collect();
    keys.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    places.sort_unstable();
    for (&place, &(_, _, i)) in places.iter().zip(keys.iter()) {
        layers.columns[c][place] = i;
    }
    layers.renumber(c);
}

/// Each column's new order, written into the positions that column had in author order.
fn interleave(pathway: &Pathway, layers: &Layers) -> Vec<usize> {
    let mut next = [0usize; COLUMNS];
    pathway
        .components()
        .iter()
        .map(|comp| {
            let c = comp.phase.index();
            next[c] += 1;
            layers.columns[c][next[c] - 1]
        })
        .collect()
}

/// Adjacency lists in one flat array (compressed rows), for one direction.
struct Neighbours {
    start: Vec<usize>,
    list: Vec<usize>,
}

impl Neighbours {
    fn new(n: usize, edges: impl Iterator<Item = (usize, usize)> + Clone) -> Self {
        let mut start = vec![0; n + 1];
        for (a, _) in edges.clone() {
            start[a + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut list = vec![0; start[n]];
        for (a, b) in edges {
            list[fill[a]] = b;
            fill[a] += 1;
        }
        Neighbours { start, list }
    }

    fn of(&self, i: usize) -> &[usize] {
        &self.list[self.start[i]..self.start[i + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gap_crossings_counts_inversions_but_not_shared_ends() {
        let slot = [0, 1, 2, 0, 1, 2];
        let mut scratch = Vec::new();
        // 0-4, 1-3: crossed once.
        assert_eq!(gap_crossings(&[(0, 4), (1, 3)], &slot, 3, &mut scratch), 1);
        // Fan out and fan in share ends: no crossings.
        assert_eq!(
            gap_crossings(&[(0, 3), (0, 4), (1, 4), (2, 4)], &slot, 3, &mut scratch),
            0
        );
        // Full reversal of three: three crossings.
        assert_eq!(
            gap_crossings(&[(0, 5), (1, 4), (2, 3)], &slot, 3, &mut scratch),
            3
        );
    }

    #[test]
    fn permutations_are_checked() {
        assert!(is_permutation(&[2, 0, 1], 3));
        assert!(!is_permutation(&[0, 0, 1], 3));
        assert!(!is_permutation(&[0, 1], 3));
        assert!(!is_permutation(&[0, 1, 3], 3));
    }
}
