//! Entries, exits, journeys and reach (DESIGN §5).
//!
//! Journeys are counted on the condensation of the pathway graph (each strongly connected
//! set is one step). Their number grows exponentially with the size of the graph (a
//! layered network of 60,000 components easily has more than 10^1000 journeys), so every
//! count is kept as its natural logarithm: sums become log-sum-exp, products sums, and a
//! reach `in * out / total` is `exp(ln in + ln out - ln total)`, which stays in [0, 1]
//! and exact to about 1e-12 relative on small pathways and 1e-9 on 60,000 components,
//! however many journeys there are.

use petgraph::visit::EdgeRef;

use crate::model::Pathway;

/// `ln(0)`: no journeys.
const NONE: f64 = f64::NEG_INFINITY;

/// ln(e^a + e^b) without overflow.
fn ln_add(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    if lo == NONE {
        hi
    } else {
        hi + (lo - hi).exp().ln_1p()
    }
}

/// The journey structure of one pathway. Vectors are indexed like `components()`
/// and `links()`.
#[derive(Debug, Clone, PartialEq)]
pub struct Journeys {
    /// ln of the number of journeys; `-inf` when there are none.
    pub ln_total: f64,
    /// Share of journeys through each component, in [0, 1].
    pub component_reach: Vec<f64>,
    /// Share of journeys using each link, in [0, 1]; a link inside a loop takes the loop's.
    pub link_reach: Vec<f64>,
    /// Where journeys start: components with no incoming link (a link to itself aside),
    /// and for a loop with no link in from outside, its earliest member.
    pub is_entry: Vec<bool>,
    /// Where journeys end: components with no outgoing link (a link to itself aside),
    /// and for a loop with no link out, its latest member.
    pub is_exit: Vec<bool>,
    /// Components with no links, in a pathway of two or more: no part in journeys.
    pub is_orphan: Vec<bool>,
    /// The strongly connected sets of more than one component, or of one with a link to
    /// itself, as component indices in author order. Sorted by their first component.
    pub loops: Vec<Vec<usize>>,
}

impl Journeys {
    /// The number of journeys as a float: exact up to 2^53, approximate above, and
    /// infinite beyond f64's range (use `ln_total` there).
    pub fn total(&self) -> f64 {
        self.ln_total.exp()
    }
}

/// Lists in one block: list `k` is `items[start[k]..start[k + 1]]`. A pathway's
/// successors, sets and steps need no `Vec` each this way.
struct Lists {
    start: Vec<usize>,
    items: Vec<usize>,
}

impl Lists {
    /// The values of `pairs` grouped by key (keys below `keys`), each list in the order
    /// the pairs come. A counting sort: no comparisons.
    fn grouped(keys: usize, pairs: impl Iterator<Item = (usize, usize)> + Clone) -> Lists {
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
        Lists { start, items }
    }

    fn of(&self, key: usize) -> &[usize] {
        &self.items[self.start[key]..self.start[key + 1]]
    }
}

/// Each component's strongly connected set, by Tarjan's algorithm with a stack of its own
/// (a pathway 60,000 components deep must not overflow the thread's), and the number of
/// sets. Sets are numbered in reverse topological order of the condensation: every link
/// between two sets goes from a higher number to a lower.
fn strongly_connected(n: usize, successors: &Lists) -> (Vec<usize>, usize) {
    const UNSEEN: usize = usize::MAX;
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    // (component, how many of its successors are done)
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut set_of = vec![0; n];
    let (mut seen, mut sets) = (0, 0);
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        calls.push((root, 0));
        (order[root], low[root]) = (seen, seen);
        seen += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut done)) = calls.last_mut() {
            if let Some(&w) = successors.of(v).get(*done) {
                *done += 1;
                if order[w] == UNSEEN {
                    (order[w], low[w]) = (seen, seen);
                    seen += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(u, _)) = calls.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == order[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    set_of[w] = sets;
                    if w == v {
                        break;
                    }
                }
                sets += 1;
            }
        }
    }
    (set_of, sets)
}

/// Works out entries, exits, loops, the number of journeys and every reach.
pub fn journeys(pathway: &Pathway) -> Journeys {
    let graph = pathway.graph();
    let n = graph.node_count();
    let mut linked = vec![false; n];
    let mut ends: Vec<(usize, usize)> = Vec::with_capacity(graph.edge_count());
    for e in graph.edge_references() {
        let (a, b) = (e.source().index(), e.target().index());
        (linked[a], linked[b]) = (true, true);
        ends.push((a, b));
    }
    let is_orphan: Vec<bool> = (0..n).map(|i| n >= 2 && !linked[i]).collect();
    let successors = Lists::grouped(n, ends.iter().copied());

    let (scc_of, s_count) = strongly_connected(n, &successors);
    // Members of each set, in author order.
    let members = Lists::grouped(s_count, (0..n).map(|i| (scc_of[i], i)));
    let loops: Vec<Vec<usize>> = (0..s_count)
        .map(|s| members.of(s))
        .filter(|m| m.len() > 1 || successors.of(m[0]).contains(&m[0]))
        .map(<[usize]>::to_vec)
        .collect();
    let mut loops = loops;
    loops.sort_unstable_by_key(|l| l[0]);

    // Steps of the condensation, each once (several links into one loop are one step):
    // `seen_from[t] == s` marks a step s -> t already listed.
    let mut seen_from = vec![usize::MAX; s_count];
    let mut steps = Vec::new();
    let mut scc_has_in = vec![false; s_count];
    for s in 0..s_count {
        for &m in members.of(s) {
            for &t in successors.of(m) {
                let t = scc_of[t];
                if t != s && seen_from[t] != s {
                    seen_from[t] = s;
                    steps.push((s, t));
                    scc_has_in[t] = true;
                }
            }
        }
    }
    let dag = Lists::grouped(s_count, steps.iter().copied());
    // Each loop is one step, so journeys start at a step with no link in from outside it
    // and end at a step with no link out. For a single component that is "no incoming
    // (outgoing) link", a link to itself aside. A loop that opens (closes) the pathway
    // has no such component; its entry (exit) is its member with the earliest (latest)
    // phase, the first in author order among equals.
    let scc_entry: Vec<bool> = (0..s_count)
        .map(|s| !scc_has_in[s] && !is_orphan[members.of(s)[0]])
        .collect();
    let scc_exit: Vec<bool> = (0..s_count)
        .map(|s| dag.of(s).is_empty() && !is_orphan[members.of(s)[0]])
        .collect();
    let components = pathway.components();
    let mut is_entry = vec![false; n];
    let mut is_exit = vec![false; n];
    for s in 0..s_count {
        let members = || members.of(s).iter().copied();
        if scc_entry[s] {
            let first = members().min_by_key(|&i| (components[i].phase, i));
            is_entry[first.expect("a strongly connected set has members")] = true;
        }
        if scc_exit[s] {
            let last = members().max_by_key(|&i| (components[i].phase, std::cmp::Reverse(i)));
            is_exit[last.expect("a strongly connected set has members")] = true;
        }
    }

    // ln of journeys from any entry to each set (predecessors have higher numbers) and
    // from each set to any exit (successors have lower).
    let start = |flag: bool| if flag { 0.0 } else { NONE };
    let mut ln_in: Vec<f64> = scc_entry.iter().map(|&e| start(e)).collect();
    for s in (0..s_count).rev() {
        let here = ln_in[s];
        if here != NONE {
            for &t in dag.of(s) {
                ln_in[t] = ln_add(ln_in[t], here);
            }
        }
    }
    let mut ln_out: Vec<f64> = scc_exit.iter().map(|&e| start(e)).collect();
    for s in 0..s_count {
        for &t in dag.of(s) {
            ln_out[s] = ln_add(ln_out[s], ln_out[t]);
        }
    }
    let ln_total = (0..s_count)
        .filter(|&s| scc_exit[s])
        .fold(NONE, |acc, s| ln_add(acc, ln_in[s]));

    // A share within rounding of 1 is every journey: 1.0 exactly (DESIGN §5), not
    // 0.9999999999999996 from ln 12 - ln 12 summed two ways.
    let share = |ln_paths: f64| {
        if ln_total == NONE || ln_paths == NONE {
            0.0
        } else {
            let r = (ln_paths - ln_total).exp();
            if is_full_reach(r) {
                1.0
            } else {
                r.clamp(0.0, 1.0)
            }
        }
    };
    let scc_reach: Vec<f64> = (0..s_count).map(|s| share(ln_in[s] + ln_out[s])).collect();
    let component_reach = (0..n)
        .map(|i| {
            if is_orphan[i] {
                0.0
            } else {
                scc_reach[scc_of[i]]
            }
        })
        .collect();
    let link_reach = ends
        .iter()
        .map(|&(a, b)| {
            let (a, b) = (scc_of[a], scc_of[b]);
            if a == b {
                scc_reach[a]
            } else {
                share(ln_in[a] + ln_out[b])
            }
        })
        .collect();

    Journeys {
        ln_total,
        component_reach,
        link_reach,
        is_entry,
        is_exit,
        is_orphan,
        loops,
    }
}

/// True when `reach` is 1.0 up to the rounding of the log form.
pub fn is_full_reach(reach: f64) -> bool {
    reach >= 1.0 - 1e-9
}
