#!/usr/bin/env python3
"""Checks that carepath and the networkx reference agree on one generated network.

    target/release/examples/export_generated 6000 /tmp/net-6000.json
    target/release/examples/export_generated 6000 /tmp/net-6000.ron --ron
    python3 bench/networkx_reference.py /tmp/net-6000.json --runs 1 --dump /tmp/nx-6000.json
    target/release/carepath check --format json /tmp/net-6000.ron > /tmp/cp-6000.json
    python3 bench/compare_reference.py /tmp/nx-6000.json /tmp/cp-6000.json

Compares every pathway's journeys, strength and status; every component's measures
(attainment, variation, assurance, mean, limits, each breakdown's gap, worst and best);
every component's status, strength, reach and impact (to 1e-9; it prints the largest
difference), and its basis, children and affected; every pathway's cohort (`children`); the findings as a set and
how many sit at the same place in the order (the two break ties between impacts equal to
about 1e-9 differently); and the weakest-links entries as a set, highest impact first.
Exits 1 on any disagreement.
"""

import json
import sys


def link_of(link):
    if isinstance(link, dict):
        return (link["from"], link["to"])
    return tuple(link) if link else None


def close(x, y):
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= 1e-9 * max(1.0, abs(x))


def compare_measures(a, b):
    """Each measure's attainment, chart and equity (README, "check --format json")."""
    problems = []
    for ma, mb in zip(a["measures"], b["measures"], strict=True):
        where = f"measure {a['id']}/{ma['id']}"
        for field in ("variation", "assurance"):
            if ma[field] != mb[field]:
                problems.append(f"{where}: {field} {ma[field]} against {mb[field]}")
        for field in ("attainment", "mean", "upl", "lpl"):
            if not close(ma[field], mb[field]):
                problems.append(f"{where}: {field} {ma[field]} against {mb[field]}")
        for ea, eb in zip(ma["equity"], mb["equity"], strict=True):
            if (ea["by"], ea["worst"], ea["best"]) != (eb["by"], eb["worst"], eb["best"]) \
                    or not close(ea["gap"], eb["gap"]):
                problems.append(f"{where}: equity {ea} against {eb}")
    return problems


def main():
    reference = json.load(open(sys.argv[1], encoding="utf-8"))
    carepath = json.load(open(sys.argv[2], encoding="utf-8"))["files"][0]
    problems = []
    largest = 0.0
    for pn, pc in zip(reference["pathways"], carepath["pathways"], strict=True):
        if (pn["id"], pn["status"]) != (pc["id"], pc["status"]):
            problems.append(f"pathway {pn['id']}: {pn['status']} against {pc['status']}")
        if abs(pn["journeys"] - pc["journeys"]) > 1e-9 * max(1.0, pn["journeys"]):
            problems.append(f"pathway {pn['id']}: {pn['journeys']} journeys against {pc['journeys']}")
        if (pn["strength"] is None) != (pc["strength"] is None):
            problems.append(f"pathway {pn['id']}: strength {pn['strength']} against {pc['strength']}")
        elif pn["strength"] is not None:
            largest = max(largest, abs(pn["strength"] - pc["strength"]))
        if pn["children"] != pc["children"]:
            problems.append(f"pathway {pn['id']}: cohort {pn['children']} against {pc['children']}")
        for a, b in zip(pn["components"], pc["components"], strict=True):
            if (a["basis"], a["children"]) != (b["basis"], b["children"]):
                problems.append(f"component {a['id']}: {a['basis']} {a['children']} "
                                f"against {b['basis']} {b['children']}")
            if (a["id"], a["status"]) != (b["id"], b["status"]):
                problems.append(f"component {a['id']}: {a['status']} against {b['status']}")
            if (a["affected"] is None) != (b["affected"] is None):
                problems.append(f"component {a['id']}: affected {a['affected']} against {b['affected']}")
            elif a["affected"] is not None:
                scale = max(1.0, abs(a["affected"]))
                largest = max(largest, abs(a["affected"] - b["affected"]) / scale)
            for field in ("strength", "reach", "impact"):
                if (a[field] is None) != (b[field] is None):
                    problems.append(f"component {a['id']}: {field} {a[field]} against {b[field]}")
                elif a[field] is not None:
                    largest = max(largest, abs(a[field] - b[field]))

            problems += compare_measures(a, b)

    if largest > 1e-9:
        problems.append(f"strength, reach, impact or affected differ by up to {largest:.3g}")

    def key(f):
        return (f["kind"], f["severity"], f["pathway"], f["component"], link_of(f["link"]),
                f.get("measure"))

    want = [key(f) for f in reference["findings"]]
    got = [key(f) for f in carepath["findings"]]
    if sorted(want, key=str) != sorted(got, key=str):
        problems.append("the findings differ")
    in_place = sum(a == b for a, b in zip(want, got))

    def entry(pathway, component, link):
        return (pathway, component or "", link or ())

    weak_want = sorted(entry(w[1], w[2], link_of(w[3])) for w in reference["weakest"])
    weak_got = sorted(
        entry(w["pathway"], w.get("component"), link_of(w.get("link"))) for w in carepath["weakest"]
    )
    if weak_want != weak_got:
        problems.append("the weakest-links entries differ")
    impacts = [w["impact"] for w in carepath["weakest"]]
    if any(a < b - 1e-9 for a, b in zip(impacts, impacts[1:])):
        problems.append("the weakest links are not highest impact first")

    components = sum(len(p["components"]) for p in carepath["pathways"])
    counted = sum(c["basis"] == "Counted" for p in carepath["pathways"] for c in p["components"])
    print(f"{components} components ({counted} with counted reach): largest difference in "
          f"strength, reach, impact or affected (relative) {largest:.2e}; {len(got)} findings, "
          f"{in_place} at the same place; {len(weak_got)} weakest-links entries")
    for p in problems:
        print(f"DISAGREE: {p}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
