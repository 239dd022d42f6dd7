"""What a minimal Textual screen costs to start, next to a bare app with one Label.

Context for ``bench_tui.py``'s start-up target (≤ 1.5× the bare app): how much of that
budget a Header, a Footer and a few dozen one-line widgets use up on their own, with
no planner code at all, and the same screen after the work the planner must do before
any screen (import pydantic and the core, load the cached knowledge base, plan once). Each variant is a fresh process, headless at 80×24, timed from
spawn to the first refresh after mount, like ``bench_tui.py`` times the bare app.

    /work/venv/bin/python benchmarks/bench_textual_floor.py            # 9 runs each
    /work/venv/bin/python benchmarks/bench_textual_floor.py --runs 15
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

MARK = "PAINTED"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE_DIR = tempfile.mkdtemp(prefix="bench-floor-cache-")
atexit.register(shutil.rmtree, CACHE_DIR, ignore_errors=True)
VARIANTS = {
    "bare": "one Label",
    "header+footer": "Header and Footer",
    "40 statics": "40 Static lines in two columns",
    "header+footer+40": "Header, Footer and the 40 Static lines",
    "core+header+footer+40": "the same after importing planner's core and planning once",
}


def child(kind: str) -> None:
    if kind.startswith("core+"):
        # What the planner must do before any screen: pydantic, the models, the cached
        # knowledge base, the engine, one plan (bench_tui.py's "floor").
        from planner.engine import build_plan
        from planner.knowledge import load_knowledge

        kb = load_knowledge()
        build_plan(kb.default_scenario(), kb)
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal, Vertical
    from textual.widgets import Footer, Header, Label, Static

    chrome = kind.endswith(("header+footer", "header+footer+40"))
    lines = kind.endswith(("40 statics", "header+footer+40"))

    class Probe(App[None]):
        BINDINGS = [("ctrl+q", "quit", "Quit"), ("f1", "help", "Help"), ("f2", "save", "Save"), ("f3", "open", "Open")]  # noqa: RUF012 - Textual reads it as a class attribute

        def compose(self) -> ComposeResult:
            if kind == "bare":
                yield Label("Hello")
                return
            if chrome:
                yield Header()
            if lines:
                with Horizontal():
                    for column in range(2):
                        with Vertical():
                            for i in range(20):
                                yield Static(f"column {column} line {i}")
            if chrome:
                yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self.painted)

        def painted(self) -> None:
            print(MARK, flush=True)
            self.exit()

    Probe().run(headless=True, size=(80, 24))


def measure(kind: str) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": ROOT, "PLANNER_CACHE_DIR": CACHE_DIR}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", kind], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True
    )
    assert proc.stdout is not None
    elapsed = float("nan")
    for line in proc.stdout:
        if line.strip() == MARK:
            elapsed = time.perf_counter() - started
            break
    _, _, usage = os.wait4(proc.pid, 0)
    return elapsed, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--child", choices=tuple(VARIANTS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    for kind in VARIANTS:
        measure(kind)  # warm the .pyc files and the file cache
    samples: dict[str, list[tuple[float, float]]] = {kind: [] for kind in VARIANTS}
    for _ in range(args.runs):
        for kind in VARIANTS:  # interleaved, so drift hits all alike
            samples[kind].append(measure(kind))
    bare = statistics.median(t for t, _ in samples["bare"])
    bare_rss = statistics.median(m for _, m in samples["bare"])
    print(f"machine: {os.cpu_count()} cores; median of {args.runs} fresh processes each")
    for kind, label in VARIANTS.items():
        t = statistics.median(x for x, _ in samples[kind])
        m = statistics.median(y for _, y in samples[kind])
        print(f"{label:58} {t * 1000:6.0f} ms = {t / bare:.2f}×   {m:5.1f} MiB = {m / bare_rss:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
