"""The measure analyses of docs/format.md ("How carepath reads the figures") written out plainly in Python, for
networkx_reference.py: equity gaps, XmR charts (Making Data Count), period ends, the
reference date, staleness, benchmarks, and the five findings about measures.

Written from the text of the rules, not from carepath's code: each special-cause rule is
checked window by window.
"""

import calendar
import re

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]


def attainment_of(m, v):
    t = m["target"]
    if m["direction"] == "HigherIsBetter":
        return min(max(v / t, 0.0), 1.0)
    if v <= t:
        return 1.0
    if t <= 0 < v:
        return 0.0
    return min(max(t / v, 0.0), 1.0)


# ----- §4a equity -----

def equity(m, breakdown):
    """(gap, worst label, best label): the first group among equals."""
    groups = breakdown["groups"]
    atts = [attainment_of(m, v) for _, v in groups]
    worst = min(range(len(atts)), key=lambda i: (atts[i], i))
    best = min(range(len(atts)), key=lambda i: (-atts[i], i))
    return atts[best] - atts[worst], groups[worst][0], groups[best][0]


# ----- §4b XmR chart -----

def chart(m):
    points = [v for _, v in m.get("history", [])]
    if m.get("value") is not None:
        points.append(m["value"])
    n = len(points)
    if n < 12:
        return None
    mean = sum(points) / n
    ranges = [abs(points[i] - points[i - 1]) for i in range(1, n)]
    first = sum(ranges) / len(ranges)
    kept = [r for r in ranges if r < 3.267 * first]
    r = sum(kept) / len(kept) if kept else 0.0
    upl, lpl = mean + 2.66 * r, mean - 2.66 * r
    near_up, near_down = mean + 2.66 * r * 2 / 3, mean - 2.66 * r * 2 / 3
    special = [x > upl or x < lpl for x in points]
    for a in range(n - 6):
        w = points[a:a + 7]
        if all(x > mean for x in w) or all(x < mean for x in w) \
                or all(w[k + 1] > w[k] for k in range(6)) or all(w[k + 1] < w[k] for k in range(6)):
            for i in range(a, a + 7):
                special[i] = True
    for a in range(n - 2):
        w = points[a:a + 3]
        for above in (True, False):
            same = all(x > mean for x in w) if above else all(x < mean for x in w)
            band = (lambda x: near_up <= x <= upl) if above else (lambda x: lpl <= x <= near_down)
            if same and sum(band(x) for x in w) >= 2:
                for i in range(a, a + 3):
                    if band(points[i]):
                        special[i] = True
    higher = m["direction"] == "HigherIsBetter"
    last = points[-1]
    if not special[-1] or last == mean:
        variation = "CommonCause"
    elif (last > mean) == higher:
        variation = "Improvement"
    else:
        variation = "Concern"
    t = m["target"]
    if (t > upl) if higher else (t < lpl):
        assurance = "ConsistentlyFail"
    elif (t < lpl) if higher else (t > upl):
        assurance = "ConsistentlyPass"
    else:
        assurance = "HitAndMiss"
    return {"variation": variation, "assurance": assurance, "mean": mean, "upl": upl, "lpl": lpl}


# ----- §4c periods, reference date, staleness, benchmarks -----

def month_end(y, mo):
    return (y, mo, calendar.monthrange(y, mo)[1])


def period_end(text):
    t = text.strip().lower()
    if re.fullmatch(r"\d{4}", t):
        return (int(t), 12, 31)
    fy = re.fullmatch(r"(\d{4})(?:/(\d{2}|\d{4})|-(\d{2}))", t)
    if fy:
        y = int(fy.group(1))
        second = fy.group(2) or fy.group(3)
        follows = (int(second) == (y + 1) % 100) if len(second) == 2 else int(second) == y + 1
        if follows:
            return (y + 1, 3, 31)
    q = re.fullmatch(r"q([1-4])\s+(\d{4})/(\d{2})", t)
    if q:
        y = int(q.group(2))
        if int(q.group(3)) != (y + 1) % 100:
            return None
        return {"1": (y, 6, 30), "2": (y, 9, 30), "3": (y, 12, 31), "4": (y + 1, 3, 31)}[q.group(1)]
    ym = re.fullmatch(r"(\d{4})-(\d{2})", t)
    if ym and 1 <= int(ym.group(2)) <= 12:
        return month_end(int(ym.group(1)), int(ym.group(2)))
    named = re.fullmatch(r"([a-z]+)\s+(\d{4})", t)
    if named:
        word = named.group(1)
        for i, name in enumerate(MONTHS):
            if word == name or (len(word) == 3 and name.startswith(word)):
                return month_end(int(named.group(2)), i + 1)
        return None
    ymd = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if ymd:
        y, mo, d = (int(g) for g in ymd.groups())
        if 1 <= mo <= 12 and 1 <= d <= calendar.monthrange(y, mo)[1]:
            return (y, mo, d)
    return None


def reference_date(network):
    as_of = network.get("as_of")
    if as_of:
        y, mo, d = (int(x) for x in as_of.split("-"))
        return (y, mo, d)
    ends = []
    for p in network["pathways"]:
        owners = p.get("components", []) + p.get("links", [])
        for o in owners:
            for m in o.get("measures", []):
                if m.get("period"):
                    e = period_end(m["period"])
                    if e:
                        ends.append(e)
    return max(ends) if ends else None


def stale(m, reference):
    end = period_end(m["period"]) if m.get("period") else None
    if end is None or reference is None:
        return False
    y, mo, d = end
    if (mo, d) == (2, 29):
        d = 28
    return (y + 3, mo, d) < reference


def below_benchmark(m):
    b, v = m.get("benchmark"), m.get("value")
    if b is None or v is None:
        return False
    return v < b[1] if m["direction"] == "HigherIsBetter" else v > b[1]


# ----- per measure: the JSON of check, and the findings -----

def measure_report(m):
    v = m.get("value")
    c = chart(m)
    return {
        "id": m["id"],
        "attainment": None if v is None else attainment_of(m, v),
        "variation": c and c["variation"], "assurance": c and c["assurance"],
        "mean": c and c["mean"], "upl": c and c["upl"], "lpl": c and c["lpl"],
        "equity": [dict(zip(("by", "gap", "worst", "best"), (b["by"],) + equity(m, b)))
                   for b in m.get("breakdowns", [])],
    }


def measure_findings(add, owner_measures, reference):
    """`owner_measures`: (impact, reach, phase, component id or None, link ends or None,
    measures) for every component and link; `add` takes the finding's fields."""
    for impact, reach, phase, component, link, measures in owner_measures:
        ids = [component] if component else list(link)
        for k, m in enumerate(measures):
            def one(kind, severity, value):
                add(kind, severity, value, phase, ids, component=component, link=link,
                    measure=m["id"], measure_index=k)
            base = impact if impact is not None else 0.0
            for b in m.get("breakdowns", []):
                gap = equity(m, b)[0]
                if gap >= 0.10 - 1e-9:
                    one("EquityGap", "Medium", gap * reach)
            c = chart(m)
            if c and c["variation"] == "Concern":
                one("Deteriorating", "Medium", base)
            if c and c["assurance"] == "ConsistentlyFail":
                one("ConsistentlyFailing", "Medium", base)
            if below_benchmark(m):
                one("BelowBenchmark", "Low", base)
            if stale(m, reference):
                one("StaleData", "Low", base)
