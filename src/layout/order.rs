//! Phase columns as layers: which component sits where, how many links cross between
//! neighbouring columns, and the barycentre "tidy" that reorders columns to cross less.

use crate::flat_lists::FlatLists;
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

/// Each link's ends as positions in `components()`; None where an end is unknown.
/// Read from the graph (edge `j` is link `j`), falling back to id lookups if it disagrees.
pub(crate) fn link_ends(pathway: &Pathway) -> Vec<Option<(usize, usize)>> {
    let graph = pathway.graph();
    if graph.edge_count() == pathway.links().len() {
        return graph
            .raw_edges()
            .iter()
            .map(|e| Some((e.source().index(), e.target().index())))
            .collect();
    }
    pathway
        .links()
        .iter()
        .map(|l| Some((pathway.position(&l.from)?, pathway.position(&l.to)?)))
        .collect()
}

/// Links between neighbouring columns, from each component to its neighbours in the
/// column below (`down`) and above (`up`). Direction does not matter for crossings.
pub(crate) struct Adjacent {
    down: FlatLists,
    up: FlatLists,
}

impl Adjacent {
    pub fn new(ends: &[Option<(usize, usize)>], layers: &Layers) -> Self {
        let pairs = ends.iter().flatten().filter_map(|&(a, b)| {
            let (ca, cb) = (layers.column[a], layers.column[b]);
            if ca + 1 == cb {
                Some((a, b))
            } else if cb + 1 == ca {
                Some((b, a))
            } else {
                None
            }
        });
        let n = layers.column.len();
        Adjacent {
            down: FlatLists::grouped(n, pairs.clone()),
            up: FlatLists::grouped(n, pairs.map(|(a, b)| (b, a))),
        }
    }

    /// Crossings between all pairs of neighbouring columns: for each pair, links in order
    /// of their upper end, counting earlier links whose lower end is further down
    /// (a Fenwick tree over the lower column), in O(E log V).
    fn crossings(&self, layers: &Layers, tree: &mut Vec<u64>, ends: &mut Vec<usize>) -> u64 {
        let mut total = 0;
        for c in 0..COLUMNS - 1 {
            let size = layers.columns[c + 1].len();
            tree.clear();
            tree.resize(size + 1, 0);
            let mut inserted = 0;
            for &u in &layers.columns[c] {
                ends.clear();
                ends.extend(self.down.of(u).iter().map(|&v| layers.slot[v]));
                // Links from one component share an end, so they do not cross each other.
                for &v in ends.iter() {
                    let mut at_or_above = 0;
                    let mut i = v + 1;
                    while i > 0 {
                        at_or_above += tree[i];
                        i &= i - 1;
                    }
                    total += inserted - at_or_above;
                }
                for &v in ends.iter() {
                    let mut i = v + 1;
                    while i <= size {
                        tree[i] += 1;
                        i += i & i.wrapping_neg();
                    }
                    inserted += 1;
                }
            }
        }
        total
    }
}

/// Crossings between neighbouring phase columns for an order of component positions
/// (author order when None). Links that skip columns or stay in one column are not
/// counted: they are routed around the boxes, not between neighbouring columns.
pub fn crossings(pathway: &Pathway, order: Option<&[usize]>) -> u64 {
    let layers = Layers::new(pathway, order);
    Adjacent::new(&link_ends(pathway), &layers).crossings(&layers, &mut Vec::new(), &mut Vec::new())
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
    let adjacent = Adjacent::new(&link_ends(pathway), &layers);
    let (mut tree, mut ends) = (Vec::new(), Vec::new());
    let mut count = |layers: &Layers| adjacent.crossings(layers, &mut tree, &mut ends);
    let before = count(&layers);

    let mut best = (before, layers.columns.clone());
    let mut stale = 0;
    let mut scratch = Scratch::default();
    for _ in 0..ROUND_TRIPS {
        if best.0 == 0 || stale >= PATIENCE {
            break;
        }
        stale += 1;
        for downward in [true, false] {
            for step in 1..COLUMNS {
                let (c, fixed) = if downward {
                    (step, &adjacent.up)
                } else {
                    (COLUMNS - 1 - step, &adjacent.down)
                };
                reorder(&mut layers, c, fixed, &mut scratch);
            }
            let now = count(&layers);
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
fn reorder(layers: &mut Layers, c: usize, fixed: &FlatLists, scratch: &mut Scratch) {
    let (keys, places) = (&mut scratch.keys, &mut scratch.places);
    keys.clear();
    places.clear();
    for (s, &i) in layers.columns[c].iter().enumerate() {
        let ns = fixed.of(i);
        if !ns.is_empty() {
            let sum: u64 = ns.iter().map(|&n| layers.slot[n] as u64).sum();
            // The mean in 1/65536ths, then the current slot to keep ties in order, in one
            // integer: sorting plain integers is several times faster than tuples.
            let mean = (sum << 16) / ns.len() as u64;
            keys.push(mean << SLOT_BITS | s as u64);
            places.push(s);
        }
    }
    keys.sort_unstable();
    let column = &mut layers.columns[c];
    scratch.before.clone_from(column);
    for (&place, &key) in places.iter().zip(keys.iter()) {
        column[place] = scratch.before[(key & SLOT_MASK) as usize];
    }
    layers.renumber(c);
}

/// Bits for a slot in a sort key; columns are far shorter than 2^24.
const SLOT_BITS: u32 = 24;
const SLOT_MASK: u64 = (1 << SLOT_BITS) - 1;

/// Buffers reused across sweeps.
#[derive(Default)]
struct Scratch {
    keys: Vec<u64>,
    places: Vec<usize>,
    before: Vec<usize>,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn count(columns: [Vec<usize>; COLUMNS], links: &[(usize, usize)]) -> u64 {
        let n = columns.iter().map(Vec::len).sum();
        let mut layers = Layers {
            columns,
            column: vec![0; n],
            slot: vec![0; n],
        };
        for c in 0..COLUMNS {
            for &i in &layers.columns[c].clone() {
                layers.column[i] = c;
            }
            layers.renumber(c);
        }
        let ends: Vec<_> = links.iter().map(|&l| Some(l)).collect();
        Adjacent::new(&ends, &layers).crossings(&layers, &mut Vec::new(), &mut Vec::new())
    }

    #[test]
    fn crossings_count_inversions_but_not_shared_ends() {
        let two = || [vec![0, 1, 2], vec![3, 4, 5], vec![], vec![], vec![], vec![]];
        assert_eq!(count(two(), &[(0, 4), (1, 3)]), 1);
        // Direction does not matter.
        assert_eq!(count(two(), &[(4, 0), (1, 3)]), 1);
        // Fan out and fan in share ends: no crossings.
        assert_eq!(count(two(), &[(0, 3), (0, 4), (1, 4), (2, 4)]), 0);
        // Full reversal of three: three crossings.
        assert_eq!(count(two(), &[(0, 5), (1, 4), (2, 3)]), 3);
        // Skipping and same-column links are not counted.
        let three = [vec![0, 1], vec![], vec![2, 3], vec![], vec![], vec![]];
        assert_eq!(count(three, &[(0, 3), (1, 2), (0, 1)]), 0);
    }

    #[test]
    fn permutations_are_checked() {
        assert!(is_permutation(&[2, 0, 1], 3));
        assert!(!is_permutation(&[0, 0, 1], 3));
        assert!(!is_permutation(&[0, 1], 3));
        assert!(!is_permutation(&[0, 1, 3], 3));
    }
}
