"""Benchmark the TUI with a big store: opening the Scenarios screen, searching it, and
comparing 4 scenarios.

    /work/venv/bin/python benchmarks/bench_tui_store.py [--count 10000] [--runs 5]

Each run is a fresh process (so the lazily imported screen modules are imported
inside the measurement, as for a user) driving the real app headless at 120×40:

* **open Scenarios**: from pressing F3 to the first frame painted with the listing
  (screen import and compose, ``ScenarioStore.list()`` from the warm index in a
  thread, rows handed to the virtualised list, refresh). Target ≤ 1 s.
* **search keystroke**: typing one more character in the search field to the
  filtered list painted (10,000 names filtered per key).
* **compare 4**: with 4 scenarios marked, from pressing ``c`` to the Compare screen
  painted: loading 4 files, planning each, ``compare_plans``, building and
  rendering the five tables. Target ≤ 100 ms. Measured twice: the first time also
  imports and composes the Compare screen (Textual then re-applies the whole app's
  CSS for the new screen's styles, which dominates); the second time, with another
  selection, is the comparison itself.

The store is filled once (``bench_store.populate``: the store's own encoder, no
fsync) and listed once to build its index, as any earlier session would have.
"""

from __future__ import annotations

import argparse
import asyncio
import json
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
sys.path.insert(0, str(ROOT / "benchmarks"))


async def _painted(app) -> float:  # type: ignore[no-untyped-def]
    """The time the next frame of the current screen has been drawn."""
    future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    app.screen.call_after_refresh(lambda: future.done() or future.set_result(time.perf_counter()))
    return await future


async def _until(check, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    end = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > end:
            raise SystemExit("timed out")
        await asyncio.sleep(0.001)


def child() -> None:
    from planner.knowledge import load_knowledge
    from planner.tui.app import PlannerApp

    async def run() -> dict[str, float]:
        kb = load_knowledge()
        app = PlannerApp(kb, kb.default_scenario())
        out: dict[str, float] = {}
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("f3")
            await _until(lambda: getattr(app.screen, "loaded", False))
            out["open_scenarios"] = await _painted(app) - start
            rows = len(app.screen.table.rows)
            assert rows >= 10_000, rows
            await pilot.press("slash", *"Scenario 0")
            start = time.perf_counter()
            await pilot.press("1")
            out["search_key"] = await _painted(app) - start
            await pilot.press("escape", "home", "space", "space", "space", "space")
            await pilot.pause()
            assert len(app.screen.marks) == 4
            start = time.perf_counter()
            await pilot.press("c")
            await _until(lambda: getattr(app.screen, "comparison", None) is not None)
            out["compare_4_first"] = await _painted(app) - start
            # Again with another selection: the Compare screen exists now.
            await pilot.press("p")
            await _until(lambda: getattr(app.screen, "loaded", False))
            await pilot.press("home", "space", "down", "down", "down", "space")  # unmark the 1st, mark the 5th
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("c")
            await _until(lambda: getattr(app.screen, "comparison", None) is not None and app.screen.names == app.session.compare_names)
            out["compare_4"] = await _painted(app) - start
            # The comparison alone: a new selection rendered on the Compare screen shown.
            names = [r.name for r in app.session.store.list().scenarios[5:9]]
            start = time.perf_counter()
            app.screen.show(names)
            out["compare_4_in_place"] = await _painted(app) - start
            # What a key costs the harness itself (an unbound key → next frame).
            start = time.perf_counter()
            await pilot.press("f12")
            out["noop_key"] = await _painted(app) - start
        return out

    print(json.dumps(asyncio.run(run())))


def main() -> None:
    if os.environ.get("BENCH_CHILD"):
        child()
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from bench_store import populate

    from planner.store import ScenarioStore

    with tempfile.TemporaryDirectory() as home:
        store = ScenarioStore.open(home)
        populate(store, args.count)
        started = time.perf_counter()
        store.list()
        cold = time.perf_counter() - started
        env = {**os.environ, "PLANNER_HOME": home, "BENCH_CHILD": "1"}
        results = []
        for _ in range(args.runs):
            r = subprocess.run([sys.executable, __file__], env=env, capture_output=True, text=True, cwd=ROOT)
            if r.returncode:
                raise SystemExit(r.stderr)
            results.append(json.loads(r.stdout.strip().splitlines()[-1]))

    def med(key: str) -> float:
        return statistics.median(r[key] for r in results) * 1000

    print(f"{platform.machine()}, nproc={os.cpu_count()}, Python {platform.python_version()}, {args.count:,} scenarios, {args.runs} runs")
    print(f"store index built (first listing, not in the app): {cold * 1000:.0f} ms")
    print(f"open Scenarios screen (F3 → listing painted): median {med('open_scenarios'):.0f} ms, max {max(r['open_scenarios'] for r in results) * 1000:.0f} ms")
    print(f"search keystroke (filter {args.count:,} → painted): median {med('search_key'):.1f} ms")
    print(f"compare 4, first time (c → Compare screen imported, composed, painted): median {med('compare_4_first'):.1f} ms")
    print(f"compare 4 (c → Compare screen painted with a new selection): median {med('compare_4'):.1f} ms, max {max(r['compare_4'] for r in results) * 1000:.1f} ms")
    print(f"compare 4 rendered in place (load, plan, compare, tables → painted): median {med('compare_4_in_place'):.1f} ms")
    print(f"harness overhead (unbound key → next frame): median {med('noop_key'):.1f} ms")
    for label, key, target in (("open Scenarios ≤ 1 s", "open_scenarios", 1000), ("compare 4 ≤ 100 ms (rendered in place)", "compare_4_in_place", 100), ("compare 4 ≤ 100 ms (incl. switching screens)", "compare_4", 100)):
        print(f"  {'PASS' if med(key) <= target else 'MISS'}  {label}")


if __name__ == "__main__":
    main()
