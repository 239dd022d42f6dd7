"""CLI start-up: ``planner --version``, ``--help`` and ``plan --format json``, each timed
as a whole process against ``python -c pass`` from the same venv.

    .venv/bin/python benchmarks/bench_cli.py                          # this tree, 100 rounds
    .venv/bin/python benchmarks/bench_cli.py --tree before=/tmp/base --rounds 50

``--tree NAME=PATH`` (repeatable) adds another source tree with its own ``.venv`` (for
example a ``git worktree`` of an older commit, installed with ``pip install -e .``).
Rounds alternate every command of every tree, so drift on a shared machine hits all
alike. Bytecode writing is left on (``PYTHONDONTWRITEBYTECODE`` unset) and each
command runs three uncounted times first: the start people see from their second
launch on. Targets (issue 13): ``--version`` and ``--help`` ≤ 3× ``python -c pass``;
``plan --format json`` no slower than before a change.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "python -c pass": ["python", "-c", "pass"],
    "--version": ["planner", "--version"],
    "--help": ["planner", "--help"],
    "plan --format json": ["planner", "plan", "--format", "json"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--tree", action="append", default=[], metavar="NAME=PATH")
    args = parser.parse_args()
    trees = {"this tree": ROOT} | {n: Path(p) for n, p in (t.split("=", 1) for t in args.tree)}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"TZ": "UTC"}
    runs = {
        (tree, label): [str(path / ".venv" / "bin" / argv[0]), *argv[1:]]
        for tree, path in trees.items()
        for label, argv in COMMANDS.items()
    }
    for argv in runs.values():
        for _ in range(3):
            subprocess.run(argv, env=env, capture_output=True, check=True)
    times: dict[tuple[str, str], list[float]] = {key: [] for key in runs}
    for _ in range(args.rounds):
        for key, argv in runs.items():
            start = time.perf_counter()
            subprocess.run(argv, env=env, capture_output=True, check=True)
            times[key].append(time.perf_counter() - start)
    print(f"{os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
          f"median of {args.rounds} alternating rounds, Python {sys.version.split()[0]}")
    for tree in trees:
        floor = statistics.median(times[(tree, "python -c pass")])
        for label in COMMANDS:
            median = statistics.median(times[(tree, label)])
            print(f"{tree:>12}  {label:<20} {median * 1000:7.1f} ms = {median / floor:5.2f}× python -c pass")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
