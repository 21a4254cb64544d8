#!/usr/bin/env python3
"""Prints the median of every criterion benchmark as a Markdown table.

    python3 bench/criterion_medians.py [TARGET_DIR]

TARGET_DIR defaults to $CARGO_TARGET_DIR, else ./target. Reads
TARGET_DIR/criterion/<group>/<size>/new/estimates.json (written by `cargo bench`).
"""

import json
import os
import sys
from pathlib import Path


def human(ns: float) -> str:
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CARGO_TARGET_DIR", "target"))
    root = target / "criterion"
    rows = []
    for estimates in sorted(root.glob("*/*/new/estimates.json")):
        group, size = estimates.parts[-4], estimates.parts[-3]
        median = json.loads(estimates.read_text())["median"]
        ci = median["confidence_interval"]
        rows.append((group, size, median["point_estimate"], ci["lower_bound"], ci["upper_bound"]))
    rows.sort(key=lambda r: (r[0], int(r[1]) if r[1].isdigit() else 0, r[1]))
    print("| benchmark | size | median | 95% CI of median |")
    print("|---|---:|---:|---|")
    for group, size, point, lo, hi in rows:
        print(f"| {group} | {size} | {human(point)} | {human(lo)} – {human(hi)} |")


if __name__ == "__main__":
    main()
