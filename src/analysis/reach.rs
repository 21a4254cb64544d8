//! Entries, exits, journeys and reach (DESIGN §5).
//!
//! Journeys are counted on the condensation of the pathway graph (each strongly connected
//! set is one step). Their number grows exponentially with the size of the graph (a
//! layered network of 60,000 components easily has more than 10^1000 journeys), so every
//! count is kept as its natural logarithm: sums become log-sum-exp, products sums, and a
//! reach `in * out / total` is `exp(ln in + ln out - ln total)`, which stays in [0, 1]
//! and exact to about 1e-12 relative on small pathways and 1e-9 on 60,000 components,
//! however many journeys there are.

use petgraph::algo::kosaraju_scc;
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

/// Works out entries, exits, loops, the number of journeys and every reach.
pub fn journeys(pathway: &Pathway) -> Journeys {
    let graph = pathway.graph();
    let n = graph.node_count();
    let mut linked = vec![false; n];
    for e in graph.edge_references() {
        linked[e.source().index()] = true;
        linked[e.target().index()] = true;
    }
    let is_orphan: Vec<bool> = (0..n).map(|i| n >= 2 && !linked[i]).collect();

    // kosaraju_scc, unlike tarjan_scc, does not recurse: a pathway 60,000 components deep
    // must not overflow the stack. It yields the sets in reverse topological order of the
    // condensation, as tarjan_scc does.
    let sccs = kosaraju_scc(graph);
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
    let mut scc_has_in = vec![false; s_count];
    for e in graph.edge_references() {
        let (a, b) = (scc_of[e.source().index()], scc_of[e.target().index()]);
        if a != b {
            dag[a].push(b);
            scc_has_in[b] = true;
        }
    }
    for succ in &mut dag {
        succ.sort_unstable();
        succ.dedup();
    }
    // Each loop is one step, so journeys start at a step with no link in from outside it
    // and end at a step with no link out. For a single component that is "no incoming
    // (outgoing) link", a link to itself aside. A loop that opens (closes) the pathway
    // has no such component; its entry (exit) is its member with the earliest (latest)
    // phase, the first in author order among equals.
    let scc_entry: Vec<bool> = (0..s_count)
        .map(|s| !scc_has_in[s] && !is_orphan[sccs[s][0].index()])
        .collect();
    let scc_exit: Vec<bool> = (0..s_count)
        .map(|s| dag[s].is_empty() && !is_orphan[sccs[s][0].index()])
        .collect();
    let components = pathway.components();
    let mut is_entry = vec![false; n];
    let mut is_exit = vec![false; n];
    for (s, members) in sccs.iter().enumerate() {
        let members = || members.iter().map(|v| v.index());
        if scc_entry[s] {
            let first = members().min_by_key(|&i| (components[i].phase, i));
            is_entry[first.expect("a strongly connected set has members")] = true;
        }
        if scc_exit[s] {
            let last = members().max_by_key(|&i| (components[i].phase, std::cmp::Reverse(i)));
            is_exit[last.expect("a strongly connected set has members")] = true;
        }
    }

    // ln of journeys from any entry to each SCC (predecessors come later in kosaraju's order)
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
