//! Entries, exits, journeys and reach (DESIGN §5).
//!
//! Journeys are counted on the condensation of the pathway graph (each strongly connected
//! set is one step). Their number grows exponentially with the size of the graph (a
//! layered network of 60,000 components easily has more than 10^1000 journeys), so every
//! count is kept as its natural logarithm: sums become log-sum-exp, products sums, and a
//! reach `in * out / total` is `exp(ln in + ln out - ln total)`, which stays in [0, 1]
//! and exact to about 1e-12 relative, however many journeys there are.

use petgraph::algo::tarjan_scc;
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
    pub is_entry: Vec<bool>,
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

/// Works out entries, exits, loops, the number of journeys and every reach.
pub fn journeys(pathway: &Pathway) -> Journeys {
    let graph = pathway.graph();
    let n = graph.node_count();
    let mut has_in = vec![false; n];
    let mut has_out = vec![false; n];
    let mut linked = vec![false; n];
    for e in graph.edge_references() {
        let (a, b) = (e.source().index(), e.target().index());
        linked[a] = true;
        linked[b] = true;
        // A link from a component to itself is a loop, taken as one step: it does not
        // stop the component being an entry or an exit.
        if a != b {
            has_out[a] = true;
            has_in[b] = true;
        }
    }
    let is_orphan: Vec<bool> = (0..n).map(|i| n >= 2 && !linked[i]).collect();
    let is_entry: Vec<bool> = (0..n).map(|i| !is_orphan[i] && !has_in[i]).collect();
    let is_exit: Vec<bool> = (0..n).map(|i| !is_orphan[i] && !has_out[i]).collect();

    // tarjan_scc yields components in reverse topological order of the condensation.
    let sccs = tarjan_scc(graph);
    let mut scc_of = vec![0usize; n];
    for (s, members) in sccs.iter().enumerate() {
        for v in members {
            scc_of[v.index()] = s;
        }
    }
    let mut loops: Vec<Vec<usize>> = sccs
        .iter()
        .filter(|m| m.len() > 1 || graph.contains_edge(m[0], m[0]))
        .map(|m| {
            let mut v: Vec<usize> = m.iter().map(|x| x.index()).collect();
            v.sort_unstable();
            v
        })
        .collect();
    loops.sort_unstable_by_key(|l| l[0]);

    // Edges of the condensation, each once (several links into one loop are one step).
    let s_count = sccs.len();
    let mut dag: Vec<Vec<usize>> = vec![Vec::new(); s_count];
    for e in graph.edge_references() {
        let (a, b) = (scc_of[e.source().index()], scc_of[e.target().index()]);
        if a != b {
            dag[a].push(b);
        }
    }
    for succ in &mut dag {
        succ.sort_unstable();
        succ.dedup();
    }
    let scc_entry: Vec<bool> = sccs
        .iter()
        .map(|m| m.iter().any(|v| is_entry[v.index()]))
        .collect();
    let scc_exit: Vec<bool> = sccs
        .iter()
        .map(|m| m.iter().any(|v| is_exit[v.index()]))
        .collect();

    // ln of journeys from any entry to each SCC (predecessors come later in tarjan's order)
    // and from each SCC to any exit (successors come earlier).
    let start = |flag: bool| if flag { 0.0 } else { NONE };
    let mut ln_in: Vec<f64> = scc_entry.iter().map(|&e| start(e)).collect();
    for s in (0..s_count).rev() {
        let here = ln_in[s];
        if here != NONE {
            for &t in &dag[s] {
                ln_in[t] = ln_add(ln_in[t], here);
            }
        }
    }
    let mut ln_out: Vec<f64> = scc_exit.iter().map(|&e| start(e)).collect();
    for s in 0..s_count {
        for &t in &dag[s] {
            ln_out[s] = ln_add(ln_out[s], ln_out[t]);
        }
    }
    let ln_total = (0..s_count)
        .filter(|&s| scc_exit[s])
        .fold(NONE, |acc, s| ln_add(acc, ln_in[s]));

    let share = |ln_paths: f64| {
        if ln_total == NONE || ln_paths == NONE {
            0.0
        } else {
            (ln_paths - ln_total).exp().clamp(0.0, 1.0)
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
    let link_reach = graph
        .edge_references()
        .map(|e| {
            let (a, b) = (scc_of[e.source().index()], scc_of[e.target().index()]);
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
