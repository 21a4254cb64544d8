#!/usr/bin/env python3
"""Whole-process figures (BENCHMARKS.md, "Whole-process figures"): each path a user waits
for, through the `carepath` binary itself, on generated networks, measured in turns.

    cargo build --release --bins --examples
    for n in 600 6000 60000; do
        target/release/examples/export_generated $n /tmp/net-$n.ron --ron
    done
    python3 bench/whole_process.py --runs 5 [--dot] [--sizes 600 6000 60000]

Every run goes through `/usr/bin/time -f` (wall, user, system, maximum resident set);
the runs of all paths and sizes are interleaved (round after round), so a busy minute
falls on all of them alike. Prints one Markdown table of medians. `--dot` also runs
Graphviz `dot -Tplain` once on the DOT export of the 6,000-component network, in the
same window, for the comparison in BENCHMARKS.md (it takes over a minute).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAREPATH = os.path.join(ROOT, "target", "release", "carepath")
OPEN_EDITOR = os.path.join(ROOT, "target", "release", "examples", "open_editor")
TIME = "/usr/bin/time"
FORMAT = "%e %U %S %M"


def paths(n, out_dir):
    net = f"/tmp/net-{n}.ron"
    return [
        ("check", [CAREPATH, "check", net]),
        ("check --format json", [CAREPATH, "check", "--format", "json", net]),
        ("export svg", [CAREPATH, "export", net, "--format", "svg", "-o", f"{out_dir}/m.svg"]),
        ("export html", [CAREPATH, "export", net, "--format", "html", "-o", f"{out_dir}/m.html"]),
        ("export md", [CAREPATH, "export", net, "--format", "md", "-o", f"{out_dir}/m.md"]),
        ("fmt --check", [CAREPATH, "fmt", "--check", net]),
        ("editor to first frame", [OPEN_EDITOR, net]),
    ]


def timed(command):
    """(wall s, cpu s, max RSS kB, stdout) of one run."""
    with tempfile.NamedTemporaryFile("r") as times:
        result = subprocess.run(
            [TIME, "-o", times.name, "-f", FORMAT] + command,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        wall, user, system, rss = times.read().split()[-4:]
    if result.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} exited {result.returncode}")
    return float(wall), float(user) + float(system), int(rss), result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[600, 6000, 60000])
    parser.add_argument("--dot", action="store_true")
    args = parser.parse_args()
    figures = {}
    first_frames = {}
    with tempfile.TemporaryDirectory() as out_dir:
        for _ in range(args.runs):
            for n in args.sizes:
                for name, command in paths(n, out_dir):
                    wall, cpu, rss, out = timed(command)
                    figures.setdefault((n, name), []).append((wall, cpu, rss))
                    if name.startswith("editor"):
                        # "first frame at N ms" from the example itself.
                        text = out.decode()
                        at = text.split("first frame at ")[1].split(" ms")[0]
                        first_frames.setdefault(n, []).append(float(at))
        print("| components | path | wall | CPU (user+sys) | max RSS |")
        print("|---:|---|---:|---:|---:|")
        for (n, name), runs in figures.items():
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            rss = statistics.median(r[2] for r in runs)
            print(f"| {n:,} | {name} | {wall:.2f} s | {cpu:.2f} s | {rss / 1000:,.0f} MB |")
        for n, frames in first_frames.items():
            print(f"\neditor first frame at {n:,} components (median of {len(frames)}): "
                  f"{statistics.median(frames):.0f} ms (runs: {', '.join(f'{f:.0f}' for f in frames)})")
        if args.dot:
            dot_file = f"{out_dir}/net-6000.dot"
            with open(dot_file, "wb") as f:
                subprocess.run([CAREPATH, "export", "/tmp/net-6000.ron", "--format", "dot"],
                               stdout=f, check=True)
            wall, cpu, rss, _ = timed(["dot", "-Tplain", dot_file])
            svg = figures.get((6000, "export svg"))
            print(f"\ndot -Tplain, 6,000 components: {wall:.1f} s wall, {cpu:.1f} s CPU, "
                  f"{rss / 1000:,.0f} MB")
            if svg:
                ours = statistics.median(r[1] for r in svg)
                print(f"carepath export svg, 6,000 components: {ours * 1000:.0f} ms CPU: "
                      f"{cpu / ours:,.0f}x less")


if __name__ == "__main__":
    main()
