#!/usr/bin/env python3
"""The analyses of the README's rules (status and weakest links) written with networkx: the reference that carepath's
analysis is timed against (BENCHMARKS.md: "at least 50x faster than the same analyses in
networkx"). Run by hand, not in CI.

Install networkx (any 3.x; BENCHMARKS.md says which version was measured):

    python3 -m pip install networkx

Export the generated networks (the same ones the Rust benchmarks use, seed 1):

    for n in 60 600 6000 60000; do
        cargo run --release --example export_generated -- $n /tmp/carepath-$n.json
    done

Time the analyses (median of --runs runs; the JSON is loaded once per run and not
included in "analysis"; "total" is JSON load + analysis; "on-CPU" is the analysis's
time.thread_time(), steadier than the wall clock on a busy machine):

    python3 bench/networkx_reference.py /tmp/carepath-{60,600,6000,60000}.json --runs 5

Python's cyclic garbage collector is on by default, as a networkx user would run it; at
60,000 components it takes more than half the time. `--no-gc` turns it off while timing.

Add `--dump OUT.json` (with a single network) to write every figure, for comparison with
`carepath check --format json`.

What is counted as analysis: building one networkx DiGraph per pathway from the loaded
JSON, measure attainment and status, component and link strength and status, entries,
exits and orphans, the condensation into strongly connected components, the number of
journeys from entries to exits on the condensation (path counting by dynamic programming
in topological order, exact Python integers), the reach of each component and link,
impact, pathway strength and status, the findings of the §5 table in §5 order, and the
weakest-links ranking; and the measure analyses of §4a-§4c (measures_reference.py):
equity gaps, XmR charts, period ends, staleness and benchmarks, with their findings.

Interpretations (as carepath's analysis takes them): each loop (strongly connected set) is
one step; a journey is a path in the condensation DAG (parallel links between the same two
steps count once) from a step with no link in to a step with no link out; a loop's entry
component is its member of the earliest phase and its exit that of the latest; a link
between two steps has the reach of the journeys that take that move; a link inside a loop
has the loop's reach; orphans (no links, in a pathway of two or more) take no part; a Loop
finding points at the link inside the loop that goes furthest back in phase order; impacts
are compared to 12 significant digits so that ties fall to pathway, phase and id order.
Counted reach (docs/format.md): where a component (its own children, or the sum over its
incoming links when every one has children) or a link has children and the cohort (the
pathway's children, or the sum over its entries when every entry has children) is above 0,
reach is min(1, children / cohort); affected is (1 - strength) x children; a Bottleneck is
never a loop member nor counted below half the cohort.
"""

import argparse
import gc
import json
import statistics
import sys
import time

import networkx as nx

from measures_reference import measure_findings, measure_report, reference_date

PHASES = ["Prevention", "Recognition", "Assessment", "Management", "Review", "Transition"]
PHASE_INDEX = {p: i for i, p in enumerate(PHASES)}
REQUIRED = {"ShortTerm": PHASES[:4], "LongTerm": PHASES}
STATUS_RANK = {"Red": 0, "Amber": 1, "Green": 2}
SEVERITY_RANK = {"High": 0, "Medium": 1, "Low": 2}


# ----- §4 measures and status -----

def attainment(m):
    v, t = m.get("value"), m["target"]
    if v is None:
        return None
    if m["direction"] == "HigherIsBetter":
        return min(max(v / t, 0.0), 1.0)
    if v <= t:
        return 1.0
    if t <= 0 < v:
        return 0.0
    return min(max(t / v, 0.0), 1.0)


def status(m, att):
    v = m.get("value")
    if v is None:
        return "NoData"
    t, amber = m["target"], m.get("amber")
    higher = m["direction"] == "HigherIsBetter"
    if (v >= t) if higher else (v <= t):
        return "Green"
    if amber is not None:
        inside = (v >= amber) if higher else (v <= amber)
    else:
        inside = att >= 0.9
    return "Amber" if inside else "Red"


def strength_status(measures):
    """The strength and status of a component or link from its measures."""
    strength, worst = None, None
    for m in measures:
        a = attainment(m)
        if a is None:
            continue
        s = status(m, a)
        strength = a if strength is None else min(strength, a)
        worst = s if worst is None or STATUS_RANK[s] < STATUS_RANK[worst] else worst
    return strength, worst or "NoData"


def worse(a, b):
    if a is None:
        return b
    return b if STATUS_RANK[b] < STATUS_RANK[a] else a


# ----- §5 one pathway -----

KIND_ORDER = ["WeakComponent", "WeakLink", "WeakHandoff", "MissingPhase", "DeadEnd",
              "NoEntryRoute", "Orphan", "Unmeasured", "Duplicate", "Bottleneck", "Loop",
              "EquityGap", "Deteriorating", "ConsistentlyFailing", "BelowBenchmark", "StaleData"]


def analyse_pathway(p, order, sector_of, findings, weakest, reference=None):
    pid = p["id"]
    comps = p.get("components", [])
    links = p.get("links", [])
    condition = p.get("condition", "LongTerm")
    g = nx.DiGraph()
    for c in comps:
        g.add_node(c["id"])
    for l in links:
        g.add_edge(l["from"], l["to"])

    comp = {}
    for c in comps:
        s, st = strength_status(c.get("measures", []))
        comp[c["id"]] = {"c": c, "strength": s, "status": st, "reach": 0.0}
    link_info = []
    for l in links:
        s, st = strength_status(l.get("measures", []))
        link_info.append({"l": l, "strength": s, "status": st, "reach": 0.0})

    many = len(comps) >= 2
    orphans = {n for n in g.nodes if many and g.degree(n) == 0}

    # Each loop is one step: journeys start at a step of the condensation with no link in
    # and end at a step with no link out (a link from a component to itself aside). A
    # loop's entry is its member of the earliest phase, its exit that of the latest
    # (the first in author order among equals).
    cg = nx.condensation(g)
    mapping = cg.graph["mapping"]
    members = {s: cg.nodes[s]["members"] for s in cg.nodes}
    entry_steps = {s for s in cg.nodes if cg.in_degree(s) == 0
                   and next(iter(members[s])) not in orphans}
    exit_steps = {s for s in cg.nodes if cg.out_degree(s) == 0
                  and next(iter(members[s])) not in orphans}
    author = {c["id"]: i for i, c in enumerate(comps)}
    phase_of = {c["id"]: c["phase"] for c in comps}
    entries = {min(members[s], key=lambda n: (PHASE_INDEX[phase_of[n]], author[n]))
               for s in entry_steps}
    exits = {min(members[s], key=lambda n: (-PHASE_INDEX[phase_of[n]], author[n]))
             for s in exit_steps}
    topo = list(nx.topological_sort(cg))
    into = {}  # journeys' prefixes: entry -> step
    for s in topo:
        into[s] = (1 if s in entry_steps else 0) + sum(into[u] for u in cg.predecessors(s))
    out_of = {}  # journeys' suffixes: step -> exit
    for s in reversed(topo):
        out_of[s] = (1 if s in exit_steps else 0) + sum(out_of[w] for w in cg.successors(s))
    journeys = sum(into[s] for s in exit_steps)

    step_reach = {}
    for s in topo:
        step_reach[s] = (into[s] * out_of[s]) / journeys if journeys else 0.0
    for n, info in comp.items():
        info["reach"] = step_reach[mapping[n]]
        info["full"] = journeys > 0 and into[mapping[n]] * out_of[mapping[n]] == journeys
    for info in link_info:
        a, b = mapping[info["l"]["from"]], mapping[info["l"]["to"]]
        if a == b:
            info["reach"] = step_reach[a]
        else:
            info["reach"] = (into[a] * out_of[b]) / journeys if journeys else 0.0

    # Counted reach (docs/format.md): a component's children are its own, or the sum over
    # its incoming links when it has some and every one has children; the cohort is the
    # pathway's, or the sum over its entries when every entry has children. With both and
    # a cohort above 0, reach is min(1, children / cohort).
    incoming = {c["id"]: [] for c in comps}
    for l in links:
        incoming[l["to"]].append(l.get("children"))
    for c in comps:
        own, into_c = c.get("children"), incoming[c["id"]]
        if own is None and into_c and all(x is not None for x in into_c):
            own = min(sum(into_c), sys.float_info.max)
        comp[c["id"]]["children"] = own
    for info in link_info:
        info["children"] = info["l"].get("children")
    cohort = p.get("children")
    entry_children = [comp[c["id"]]["children"] for c in comps if c["id"] in entries]
    if cohort is None and entry_children and all(x is not None for x in entry_children):
        cohort = min(sum(entry_children), sys.float_info.max)
    for info in list(comp.values()) + link_info:
        k = info["children"]
        if k is not None and cohort is not None and cohort > 0:
            info["reach"], info["basis"] = min(1.0, k / cohort), "Counted"
        else:
            info["basis"] = "Routes"

    for info in list(comp.values()) + link_info:
        s = info["strength"]
        info["impact"] = None if s is None else (1.0 - s) * info["reach"]
        k = info["children"]
        info["affected"] = None if s is None or k is None else (1.0 - s) * k

    # Pathway strength and status.
    p_strength, p_status = None, None
    for info in comp.values():
        if info["reach"] > 0 and info["strength"] is not None:
            s = info["strength"]
            p_strength = s if p_strength is None else min(p_strength, s)
            p_status = worse(p_status, info["status"])

    # Findings.
    def add(kind, severity, impact, phase, ids, component=None, link=None, measure=None,
            measure_index=-1):
        findings.append({
            "kind": kind, "severity": severity, "pathway": pid, "component": component,
            "link": link, "impact": impact, "order": order,
            "phase": PHASE_INDEX[phase] if phase else -1, "ids": ids,
            "measure": measure, "measure_index": measure_index,
        })

    present = {c["phase"] for c in comps}
    last_required = PHASE_INDEX[REQUIRED[condition][-1]]
    for phase in REQUIRED[condition]:
        if phase not in present:
            add("MissingPhase", "Medium", None, phase, [phase])
    for c in comps:
        cid, info = c["id"], comp[c["id"]]
        phase = c["phase"]
        if info["status"] in ("Red", "Amber"):
            sev = "High" if info["status"] == "Red" else "Medium"
            add("WeakComponent", sev, info["impact"], phase, [cid], component=cid)
        if cid in orphans:
            add("Orphan", "Medium", info["impact"], phase, [cid], component=cid)
        else:
            if cid in exits and PHASE_INDEX[phase] < last_required:
                add("DeadEnd", "Medium", info["impact"], phase, [cid], component=cid)
            if cid in entries and PHASE_INDEX[phase] > PHASE_INDEX["Recognition"]:
                add("NoEntryRoute", "Medium", info["impact"], phase, [cid], component=cid)
        if info["strength"] is None:
            add("Unmeasured", "Low", None, phase, [cid], component=cid)
        in_loop = len(members[mapping[cid]]) > 1 or g.has_edge(cid, cid)
        enough = info["basis"] == "Routes" or info["reach"] >= 0.5
        if info["full"] and journeys >= 2 and not in_loop and enough:
            add("Bottleneck", "Low", info["impact"], phase, [cid], component=cid)
    for info in link_info:
        l = info["l"]
        ends = (l["from"], l["to"])
        phase = phase_of[l["from"]]
        if info["status"] in ("Red", "Amber"):
            sev = "High" if info["status"] == "Red" else "Medium"
            add("WeakLink", sev, info["impact"], phase, list(ends), link=ends)
        pa, pb = comp[l["from"]]["c"].get("provider"), comp[l["to"]]["c"].get("provider")
        if pa and pb and sector_of[pa] != sector_of[pb] and l.get("integration") in (None, "Linkage"):
            add("WeakHandoff", "Medium", info["impact"], phase, list(ends), link=ends)
    seen = {}
    for c in comps:
        key = (c["phase"], c.get("provider"), c["name"].strip().casefold())
        if key in seen:
            add("Duplicate", "Low", comp[c["id"]]["impact"], c["phase"], [c["id"], seen[key]],
                component=c["id"])
        else:
            seen[key] = c["id"]
    # A loop is reported at the link inside it that goes furthest back in phase order
    # (e.g. Review -> Assessment), the first such in author order.
    loop_links = {}
    for j, info in enumerate(link_info):
        l = info["l"]
        a = mapping[l["from"]]
        if a == mapping[l["to"]] and (len(members[a]) > 1 or l["from"] == l["to"]):
            back = PHASE_INDEX[phase_of[l["from"]]] - PHASE_INDEX[phase_of[l["to"]]]
            if a not in loop_links or back > loop_links[a][0]:
                loop_links[a] = (back, j)
    for step, (_, j) in loop_links.items():
        info = link_info[j]
        ends = (info["l"]["from"], info["l"]["to"])
        add("Loop", "Low", info["impact"], phase_of[ends[0]], list(ends), link=ends)

    owners = [(comp[c["id"]]["impact"], comp[c["id"]]["reach"], c["phase"], c["id"], None,
               c.get("measures", [])) for c in comps]
    owners += [(info["impact"], info["reach"], phase_of[info["l"]["from"]], None,
                (info["l"]["from"], info["l"]["to"]), info["l"].get("measures", []))
               for info in link_info]
    measure_findings(add, owners, reference)

    for info in comp.values():
        if info["strength"] is not None:
            weakest.append((info["impact"], pid, info["c"]["id"], None))
    for info in link_info:
        if info["strength"] is not None:
            weakest.append((info["impact"], pid, None, (info["l"]["from"], info["l"]["to"])))

    return {
        "id": pid, "strength": p_strength, "status": p_status or "NoData",
        "journeys": float(journeys), "steps": cg.number_of_nodes(),
        "largest_loop": max((len(m) for m in members.values()), default=0),
        "components": [
            {"id": c["id"], "phase": c["phase"], "status": comp[c["id"]]["status"],
             "strength": comp[c["id"]]["strength"], "reach": comp[c["id"]]["reach"],
             "impact": comp[c["id"]]["impact"], "basis": comp[c["id"]]["basis"],
             "children": comp[c["id"]]["children"], "affected": comp[c["id"]]["affected"],
             "measures": [measure_report(m) for m in c.get("measures", [])]}
            for c in comps
        ],
        "children": cohort,
    }


def round_impact(x):
    return float(f"{x:.12g}")


def analyse(network):
    sector_of = {o["id"]: o["sector"] for o in network.get("organisations", [])}
    findings, weakest, pathways = [], [], []
    reference = reference_date(network)
    for order, p in enumerate(network["pathways"]):
        pathways.append(analyse_pathway(p, order, sector_of, findings, weakest, reference))
    # Impacts equal in exact arithmetic can differ in the last bits of a float: compare
    # them to 12 significant digits, so that ties fall to pathway, phase and id order.
    findings.sort(key=lambda f: (
        SEVERITY_RANK[f["severity"]],
        -(round_impact(f["impact"]) if f["impact"] is not None else -1.0),
        f["order"], f["phase"], f["ids"], KIND_ORDER.index(f["kind"]), f["measure_index"],
    ))
    weakest.sort(key=lambda w: -round_impact(w[0]))
    return {"pathways": pathways, "findings": findings, "weakest": weakest}


def summary(result):
    kinds = {}
    for f in result["findings"]:
        kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
    paths = result["pathways"]
    return (f"{len(paths)} pathways, journeys {min(p['journeys'] for p in paths):.3g}.."
            f"{max(p['journeys'] for p in paths):.3g}, largest loop "
            f"{max(p['largest_loop'] for p in paths)}, findings {len(result['findings'])} "
            + json.dumps(dict(sorted(kinds.items()))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", help="JSON from examples/export_generated")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dump", help="write the analysis of the (single) network here")
    ap.add_argument("--no-gc", action="store_true",
                    help="turn off Python's cyclic garbage collector while timing (faster at 60,000)")
    args = ap.parse_args()
    gc_state = "off" if args.no_gc else "on"
    print(f"networkx {nx.__version__}, Python {sys.version.split()[0]}, {args.runs} runs each, "
          f"cyclic GC {gc_state}")
    print(f"{'file':40} {'components':>10} {'analysis (median)':>18} {'total (median)':>15} "
          f"{'analysis on-CPU':>16}")
    for path in args.files:
        analysis_times, total_times, cpu_times = [], [], []
        for _ in range(args.runs):
            network = result = None
            gc.collect()
            if args.no_gc:
                gc.disable()
            t0 = time.perf_counter()
            with open(path, encoding="utf-8") as f:
                network = json.load(f)
            t1 = time.perf_counter()
            c1 = time.thread_time()
            result = analyse(network)
            c2 = time.thread_time()
            t2 = time.perf_counter()
            gc.enable()
            analysis_times.append(t2 - t1)
            total_times.append(t2 - t0)
            cpu_times.append(c2 - c1)
        n = sum(len(p.get("components", [])) for p in network["pathways"])
        print(f"{path:40} {n:>10} {statistics.median(analysis_times):>16.4f} s "
              f"{statistics.median(total_times):>13.4f} s {statistics.median(cpu_times):>14.4f} s")
        print(f"    {summary(result)}")
        if args.dump:
            with open(args.dump, "w", encoding="utf-8") as f:
                json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
