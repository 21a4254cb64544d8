//! Many short lists of positions in one block: list `k` is `items[start[k]..start[k + 1]]`.
//! The adjacency of a pathway's graph, its strongly connected sets and the steps between
//! them are kept this way, with no `Vec` each.

pub(crate) struct FlatLists {
    start: Vec<usize>,
    items: Vec<usize>,
}

impl FlatLists {
    /// The values of `pairs` grouped by key (keys below `keys`), each list in the order the
    /// pairs come. A counting sort: no comparisons.
    pub(crate) fn grouped(
        keys: usize,
        pairs: impl Iterator<Item = (usize, usize)> + Clone,
    ) -> FlatLists {
        let mut start = vec![0; keys + 1];
        for (key, _) in pairs.clone() {
            start[key + 1] += 1;
        }
        for k in 0..keys {
            start[k + 1] += start[k];
        }
        let mut next = start.clone();
        let mut items = vec![0; start[keys]];
        for (key, value) in pairs {
            items[next[key]] = value;
            next[key] += 1;
        }
        FlatLists { start, items }
    }

    /// List `key`.
    pub(crate) fn of(&self, key: usize) -> &[usize] {
        &self.items[self.start[key]..self.start[key + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_keeps_the_order_within_each_list() {
        let pairs = [(2, 7), (0, 1), (2, 5), (0, 3)];
        let lists = FlatLists::grouped(4, pairs.iter().copied());
        assert_eq!(lists.of(0), [1, 3]);
        assert_eq!(lists.of(1), [] as [usize; 0]);
        assert_eq!(lists.of(2), [7, 5]);
        assert_eq!(lists.of(3), [] as [usize; 0]);
    }
}
