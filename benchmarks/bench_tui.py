"""Benchmark the TUI: startup, keystroke-to-updated-plan latency, and peak memory.

Run it (it is a benchmark, not a timed test; see benchmarks/bench_tui.md):

    /work/venv/bin/python benchmarks/bench_tui.py            # 7 startups each, 100 keystrokes
    /work/venv/bin/python benchmarks/bench_tui.py --runs 3 --keys 50 --json out.json
    /work/venv/bin/python benchmarks/bench_tui.py --keys-only [--no-frame-hold] [--stay-unsaved]

``--keys-only`` measures keystrokes alone (for A/B runs); ``--no-frame-hold`` turns
``FrameHold`` (planner/tui/live.py) off to see what it is worth; ``--stay-unsaved``
starts one step off the opened scenario, so no key toggles the unsaved mark in the
header. Start-up in a real terminal (tmux), as issue 13 measures it:
``benchmarks/bench_tui_tmux.py``.

What is measured, in the same run:

* **startup**: wall time from spawning a fresh ``python`` process to the moment the
  first complete plan has been painted, headless at 80×24 (the split bar rendered
  with a plan, then one more refresh so the frame is out). The planner runs through
  its real entry point (``planner.cli.main`` with no arguments, as ``planner`` does),
  with only ``App.run`` made headless. The baseline is a bare Textual app showing one
  Label, timed the same way. Median of ``--runs``.
* **floor**: the bare app again, but only after importing the core (pydantic models,
  the knowledge base, the engine) and planning once. It shows how much of the
  startup and memory is the core's rather than the UI's.
* **peak memory**: the maximum resident set size of those same child processes
  (``os.wait4`` rusage), median of ``--runs``. Also reported, not a target: the peak
  once the app has *settled* (the wizard's other steps, built after the first frame,
  are built, and one edit has been planned), so work deferred past the first frame
  still shows up somewhere.
* Every run uses its own knowledge-base cache (``PLANNER_CACHE_DIR``), filled by the
  warm-up run like the ``.pyc`` files: the start people see from the second launch on.
* **keystroke → updated plan**: in one headless app at 80×24, the reach slider is
  moved with ←/→ ``--keys`` times; for each key, the time from just before the key is
  sent to the moment the split bar renders the plan for the new scenario. Median and
  95th percentile. Also reported, not a target: the first key in a fresh process,
  which builds the validators an edit needs (start-up itself validates nothing).

Targets (2-core machine): startup ≤ 1.5× bare, keystroke median ≤ 16 ms, peak memory
≤ 1.5× bare.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "PAINTED"
CACHE_DIR = tempfile.mkdtemp(prefix="bench-tui-cache-")
atexit.register(shutil.rmtree, CACHE_DIR, ignore_errors=True)
STAGES: list[tuple[float, float]] = []
"""(input → plan handed to the view, view → painted) per keystroke."""


# --- children: each prints MARK once the first frame that matters is painted -----
def child_core() -> None:
    """The floor: the bare app, after importing the core and planning once."""
    from planner.engine import build_plan
    from planner.knowledge import load_knowledge

    kb = load_knowledge()
    build_plan(kb.default_scenario(), kb)
    child_bare()


def child_bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("Hello")

        def on_mount(self) -> None:
            self.call_after_refresh(self._painted)

        def _painted(self) -> None:
            print(MARK, flush=True)
            self.exit()

    Bare().run(headless=True, size=(80, 24))


def child_planner() -> None:
    """``planner`` as people run it: the CLI entry point on the default scenario."""
    from planner.tui.widgets.split_bar import SplitBar

    render = SplitBar.render
    done = False

    def watched(self: SplitBar):  # type: ignore[no-untyped-def]
        nonlocal done
        result = render(self)
        if self.plan is not None and not done:
            done = True
            self.app.call_after_refresh(painted, self.app)
        return result

    def painted(app) -> None:  # type: ignore[no-untyped-def]
        print(MARK, flush=True)
        app.exit()

    SplitBar.render = watched  # type: ignore[method-assign]
    from planner.tui.app import PlannerApp

    run = PlannerApp.run
    # Headless at 80×24 like the bare app: the same entry point, no real terminal.
    PlannerApp.run = lambda self, **kw: run(self, headless=True, size=(80, 24))  # type: ignore[method-assign]
    from planner.cli.main import main

    main([])


def child_settled() -> None:
    """Memory once the app has settled: the first plan painted, the wizard's other
    steps built (they are built after the first frame), and one edit planned, so the
    validators an edit needs exist too. Only its peak RSS is reported."""
    from planner.inputs import build_scenario
    from planner.knowledge import load_knowledge
    from planner.tui.app import PlannerApp
    from planner.tui.widgets.wizard import Wizard

    kb = load_knowledge()
    app = PlannerApp(kb, build_scenario(kb))

    async def settle() -> None:
        wizard = app.screen.query_one(Wizard)
        deadline = time.perf_counter() + 5  # if steps ever stop being pre-built, measure anyway
        while len(wizard.query(".wizard-step")) < 6 and time.perf_counter() < deadline:
            await asyncio.sleep(0.02)
        app.scenario = app.scenario.with_changes(reach_priority=app.scenario.reach_priority + 5)
        while app.plan is None or app.plan.scenario != app.scenario:
            await asyncio.sleep(0.01)
        app.call_after_refresh(done)

    def done() -> None:
        print(MARK, flush=True)
        app.exit()

    app.call_later(lambda: app.run_worker(settle()))
    app.run(headless=True, size=(80, 24))


def child_first_key() -> None:
    """One key in a fresh process: the first edit pays for building the validators
    (start-up validates nothing). Prints its latency in ms instead of MARK."""
    (latency,) = asyncio.run(keystrokes(1))
    print(f"{latency * 1000:.2f}", flush=True)


def child_env() -> dict[str, str]:
    """The environment of every child process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # Installed, planner's modules are byte-compiled; with PYTHONDONTWRITEBYTECODE set
    # (some shells and CI set it) every run would compile them from source instead and
    # the warm-up run below could not warm anything.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # The knowledge-base cache (planner.knowledge.cache) of this run only, filled by
    # the warm-up run like the .pyc files: a second start of the app, as people see it.
    env["PLANNER_CACHE_DIR"] = CACHE_DIR
    return env


def first_keys(runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", "first-key"], capture_output=True, text=True, env=child_env(), cwd=ROOT, check=True
        )
        out.append(float(proc.stdout.split()[-1]))
    return out


def run_child(kind: str) -> tuple[float, int]:
    """(seconds to MARK, peak RSS in KiB) for one fresh process."""
    env = child_env()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", kind],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == MARK:
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError(f"{kind} child exited without painting")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss


# --- keystroke latency ------------------------------------------------------------
async def keystrokes(count: int, gap: float = 0.0, frame_hold: bool = True, stay_unsaved: bool = False) -> list[float]:
    from planner.knowledge import load_knowledge
    from planner.tui.app import PlannerApp
    from planner.tui.live import FrameHold
    from planner.tui.widgets.plan_view import PlanView
    from planner.tui.widgets.split_bar import SplitBar

    kb = load_knowledge()
    # The default scenario as the app opens on it (reach 40), not validated here, so
    # the first key in a fresh process builds the validators an edit needs.
    scenario = kb.default_scenario()
    app = PlannerApp(kb, scenario)
    painted: dict[int, float] = {}
    changed: dict[int, float] = {}
    planned: dict[int, float] = {}
    render = SplitBar.render
    from planner.tui.widgets.reach_scale import ReachScale

    watch_value = ReachScale.watch_value
    show_plan = PlanView.show_plan

    def on_change(self: ReachScale, value: int) -> None:
        changed[value] = time.perf_counter()
        watch_value(self, value)

    def on_plan(self: PlanView, plan):  # type: ignore[no-untyped-def]
        if plan is not None:
            planned.setdefault(plan.scenario.reach_priority, time.perf_counter())
        return show_plan(self, plan)

    ReachScale.watch_value = on_change  # type: ignore[method-assign]
    PlanView.show_plan = on_plan  # type: ignore[method-assign]

    def watched(self: SplitBar):  # type: ignore[no-untyped-def]
        result = render(self)
        if self.plan is not None:
            painted.setdefault(self.plan.scenario.reach_priority, time.perf_counter())
        return result

    SplitBar.render = watched  # type: ignore[method-assign]
    begin = FrameHold.begin
    if not frame_hold:  # what the hold is worth: edits paint whenever Textual next paints
        FrameHold.begin = lambda self: None  # type: ignore[method-assign]
    latencies: list[float] = []
    stages: list[tuple[float, float]] = []
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.screen.query_one("#reach-scale").focus()
            await pilot.pause()
            if stay_unsaved:  # 41 → 46 → 41 → 36 …: never back to the opened 40, so the
                await pilot.press("shift+right")  # unsaved mark stays and the header never changes
                await pilot.pause()
            for i in range(count):
                # 40 → 45 → 40 → 35 → 40 …: every key changes the scenario.
                key = ("right", "left", "left", "right")[i % 4]
                target = app.scenario.reach_priority + (5 if key == "right" else -5)
                for record in (painted, changed, planned):
                    record.pop(target, None)
                await pilot.press(key)
                while target not in painted:
                    await asyncio.sleep(0)
                # From the slider's value changing (the input) to the split bar
                # rendering the plan for that value (the plan view showing it).
                latencies.append(painted[target] - changed[target])
                stages.append((planned[target] - changed[target], painted[target] - planned[target]))
                await pilot.pause(gap or None)
    finally:
        SplitBar.render = render  # type: ignore[method-assign]
        ReachScale.watch_value = watch_value  # type: ignore[method-assign]
        PlanView.show_plan = show_plan  # type: ignore[method-assign]
        FrameHold.begin = begin  # type: ignore[method-assign]
    STAGES.extend(stages)
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="startups per app (median reported)")
    parser.add_argument("--keys", type=int, default=100, help="keystrokes for the latency median")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--gap", type=float, default=100.0, help="ms between keys for the paced run (0: skip it)")
    parser.add_argument("--keys-only", action="store_true", help="measure keystrokes only (no start-up, memory or first key)")
    parser.add_argument("--no-frame-hold", action="store_true", help="keystrokes without FrameHold (planner/tui/live.py)")
    parser.add_argument("--stay-unsaved", action="store_true", help="keys that never return to the opened scenario (with --keys-only)")
    children = {
        "bare": child_bare,
        "core": child_core,
        "planner": child_planner,
        "settled": child_settled,
        "first-key": child_first_key,
    }
    parser.add_argument("--child", choices=tuple(children), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        children[args.child]()
        return 0

    results: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}",
    }
    hold = not args.no_frame_hold
    if args.keys_only:
        lat = sorted(asyncio.run(keystrokes(args.keys, frame_hold=hold, stay_unsaved=args.stay_unsaved)))
        what = ("" if hold else ", no FrameHold") + (", unsaved throughout" if args.stay_unsaved else "")
        print(f"keystroke → updated plan over {len(lat)} changes{what}: "
              f"median {statistics.median(lat) * 1000:.1f} ms, p95 {lat[int(0.95 * (len(lat) - 1))] * 1000:.1f} ms "
              f"(input→plan {statistics.median(a for a, _ in STAGES) * 1000:.1f} ms, "
              f"plan→painted {statistics.median(b for _, b in STAGES) * 1000:.1f} ms; load {os.getloadavg()[0]:.2f})")
        return 0
    kinds = ("bare", "core", "planner", "settled")
    for kind in kinds:
        run_child(kind)  # warm the file cache and .pyc files; not counted
    samples: dict[str, list[tuple[float, int]]] = {kind: [] for kind in kinds}
    for _ in range(args.runs):
        for kind in kinds:  # interleaved, so drift hits all alike
            samples[kind].append(run_child(kind))
    for kind, rows in samples.items():
        results[f"startup_{kind}_s"] = statistics.median(t for t, _ in rows)
        results[f"peak_rss_{kind}_mib"] = statistics.median(m for _, m in rows) / 1024
    results["startup_ratio"] = results["startup_planner_s"] / results["startup_bare_s"]  # type: ignore[operator]
    results["memory_ratio"] = results["peak_rss_planner_mib"] / results["peak_rss_bare_mib"]  # type: ignore[operator]
    results["memory_settled_ratio"] = results["peak_rss_settled_mib"] / results["peak_rss_bare_mib"]  # type: ignore[operator]

    if args.gap:
        paced = sorted(asyncio.run(keystrokes(args.keys, args.gap / 1000)))
        results["keystroke_paced_gap_ms"] = args.gap
        results["keystroke_paced_median_ms"] = statistics.median(paced) * 1000
        results["keystroke_paced_p95_ms"] = paced[int(0.95 * (len(paced) - 1))] * 1000
        STAGES.clear()
    lat = sorted(asyncio.run(keystrokes(args.keys)))
    results["keystroke_count"] = len(lat)
    results["keystroke_median_ms"] = statistics.median(lat) * 1000
    results["keystroke_p95_ms"] = lat[int(0.95 * (len(lat) - 1))] * 1000
    results["keystroke_max_ms"] = lat[-1] * 1000
    first = first_keys(max(3, args.runs // 2))
    results["keystroke_first_median_ms"] = statistics.median(first)
    results["keystroke_engine_median_ms"] = statistics.median(a for a, _ in STAGES) * 1000
    results["keystroke_paint_median_ms"] = statistics.median(b for _, b in STAGES) * 1000

    ok = {
        "startup ≤ 1.5× bare": results["startup_ratio"] <= 1.5,  # type: ignore[operator]
        "keystroke median ≤ 16 ms": results["keystroke_median_ms"] <= 16,  # type: ignore[operator]
        "peak memory ≤ 1.5× bare": results["memory_ratio"] <= 1.5,  # type: ignore[operator]
    }
    results["targets"] = ok
    print(f"machine: {results['machine']}")
    print(f"startup to first plan painted: {results['startup_planner_s'] * 1000:.0f} ms "
          f"(bare Textual + Label: {results['startup_bare_s'] * 1000:.0f} ms) = {results['startup_ratio']:.2f}×")
    print(f"peak RSS: {results['peak_rss_planner_mib']:.1f} MiB (bare: {results['peak_rss_bare_mib']:.1f} MiB) "
          f"= {results['memory_ratio']:.2f}×")
    print(f"peak RSS once settled (all wizard steps built, one edit planned): "
          f"{results['peak_rss_settled_mib']:.1f} MiB = {results['memory_settled_ratio']:.2f}× bare (not a target)")
    print(f"floor (bare app after importing the core and planning once, no planner UI): "
          f"{results['startup_core_s'] * 1000:.0f} ms = {results['startup_core_s'] / results['startup_bare_s']:.2f}×, "
          f"{results['peak_rss_core_mib']:.1f} MiB = {results['peak_rss_core_mib'] / results['peak_rss_bare_mib']:.2f}×")
    print(f"keystroke → updated plan over {len(lat)} changes: median {results['keystroke_median_ms']:.1f} ms, "
          f"p95 {results['keystroke_p95_ms']:.1f} ms, max {results['keystroke_max_ms']:.1f} ms "
          f"(input→plan {results['keystroke_engine_median_ms']:.1f} ms, plan→painted {results['keystroke_paint_median_ms']:.1f} ms)")
    print(f"first keystroke in a fresh process (builds the validators an edit needs): "
          f"median {results['keystroke_first_median_ms']:.1f} ms (not a target)")
    if args.gap:
        print(f"keystroke → updated plan, one key every {args.gap:g} ms (typing pace): "
              f"median {results['keystroke_paced_median_ms']:.1f} ms, p95 {results['keystroke_paced_p95_ms']:.1f} ms")
    for name, passed in ok.items():
        print(f"  {'PASS' if passed else 'MISS'}  {name}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
