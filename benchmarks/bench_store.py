"""Benchmark: listing a store of 10,000 scenarios, and rendering a 4-way comparison.

    python benchmarks/bench_store.py [--count 10000] [--runs 5]

Targets (issue): `planner scenarios list` ≤ 1 s with 10,000 scenarios; comparing 4
scenarios renders in ≤ 100 ms. Scenarios are written in bulk with the store's own
encoder and file naming (no per-file fsync: this measures listing, not the disk).
The first listing builds the index (cold); later ones are served from it (warm).
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.models.scenario import Scenario  # noqa: E402
from planner.store import ScenarioStore  # noqa: E402
from planner.store.fileformat import encode  # noqa: E402


def populate(store: ScenarioStore, count: int) -> None:
    store.directory.mkdir(parents=True, exist_ok=True)
    goals = [[], ["awareness"], ["community", "loyalty"], ["awareness", "traffic", "advertising"]]
    for i in range(count):
        s = Scenario(
            name=f"Scenario {i:05d} — {['café', 'launch', 'shop', 'studio'][i % 4]} 🌸",
            reach_priority=i % 101,
            hours_per_week=float(1 + i % 40),
            goals=goals[i % 4],
        )
        store.path_for(s.name).write_bytes(encode(s))


def time_cli(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "planner.cli.main", *args], env=env, cwd=ROOT, capture_output=True)
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        raise SystemExit(f"planner {' '.join(args)} failed: {r.stderr.decode()}")
    return elapsed


def bench_compare(runs: int) -> tuple[float, float, float, float]:
    from rich.console import Console

    from planner.compare import compare_plans
    from planner.engine import build_plan
    from planner.export import comparison_to_markdown
    from planner.knowledge import load_knowledge
    from planner.present.comparison import comparison_renderable

    kb = load_knowledge()
    presets = ["local-cafe", "startup-launch", "b2b-consultant", "consumer-brand"]
    t0 = time.perf_counter()
    plans = [build_plan(kb.preset(p).scenario, kb) for p in presets]
    build = time.perf_counter() - t0
    table_times, md_times, total = [], [], []
    day = datetime.date(2025, 1, 1)
    for _ in range(runs):
        t0 = time.perf_counter()
        comparison = compare_plans(plans)
        t1 = time.perf_counter()
        Console(file=io.StringIO(), width=120).print(comparison_renderable(comparison))
        t2 = time.perf_counter()
        comparison_to_markdown(comparison, today=day)
        t3 = time.perf_counter()
        table_times.append(t2 - t0)
        md_times.append((t3 - t2) + (t1 - t0))
        total.append(t3 - t0)
    return build, statistics.median(table_times), statistics.median(md_times), statistics.median(total)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs (nproc), Python {platform.python_version()}, {platform.system()}")
    with tempfile.TemporaryDirectory() as tmp:
        store = ScenarioStore.open(Path(tmp))
        t0 = time.perf_counter()
        populate(store, args.count)
        print(f"populate: {args.count:,} scenario files in {time.perf_counter() - t0:.1f} s")
        env = {**os.environ, "PLANNER_HOME": tmp, "PYTHONPATH": str(ROOT)}
        cold = time_cli(["scenarios", "list"], env)
        warm = [time_cli(["scenarios", "list"], env) for _ in range(args.runs)]
        warm_json = [time_cli(["scenarios", "list", "--format", "json"], env) for _ in range(args.runs)]
        startup = [time_cli(["where"], env) for _ in range(args.runs)]
        print(f"planner scenarios list (cold, builds the index): {cold * 1000:.0f} ms")
        print(f"planner scenarios list (warm, median of {args.runs}): {statistics.median(warm) * 1000:.0f} ms  (target ≤ 1000 ms)")
        print(f"planner scenarios list --format json (warm, median): {statistics.median(warm_json) * 1000:.0f} ms")
        print(f"baseline: planner where (interpreter start-up + imports), median: {statistics.median(startup) * 1000:.0f} ms")
    build, table, md, total = bench_compare(max(args.runs, 20))
    print(f"compare 4: building the 4 plans (engine, not rendering): {build * 1000:.0f} ms")
    print(f"compare 4: compare + rich table render, median: {table * 1000:.1f} ms")
    print(f"compare 4: compare + Markdown render, median: {md * 1000:.1f} ms")
    print(f"compare 4: compare + both renders, median: {total * 1000:.1f} ms  (target ≤ 100 ms)")


if __name__ == "__main__":
    main()
