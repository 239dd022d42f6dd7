"""Benchmark plan computation (a benchmark, not a timed test).

    python benchmarks/bench_engine.py

Measures ``build_plan`` on the default knowledge base, and on a synthetic knowledge
base of 200 tactics with 80 hours: the plan a keystroke waits for (weights, matrix,
exact allocation, explanations and warnings; ``sensitivity=False``), and the complete
plan with its what-ifs, which the app adds once the plan is on screen. Targets on a
2-core machine, for the plan: median ≤ 2 ms and ≤ 50 ms.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from planner.engine import build_plan
from planner.knowledge import default_dir, load_knowledge


def timeit(fn, repeat: int) -> list[float]:
    fn()  # warm up
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def synthetic_kb(n: int, directory: Path):
    """The default model, goals, platforms and sources, plus ``n`` generated tactics."""
    rng = random.Random(42)
    for name in ("model.toml", "goals.toml", "platforms.toml", "sources.toml"):
        (directory / name).write_text((default_dir() / name).read_text(encoding="utf-8"), encoding="utf-8")
    kb = load_knowledge(base=default_dir())
    platforms = [p.id for p in kb.platforms]
    goals = [g.id for g in kb.goals]
    keys = list(kb.tactics[0].scores)
    src = "assumption: synthetic benchmark tactic"
    blocks = []
    for i in range(n):
        lo = rng.choice([0.5, 1.0, 1.5, 2.0, 3.0])
        sat = lo + rng.choice([1.0, 2.0, 4.0, 6.0])
        scores = "\n".join(f'{k} = {{ value = {rng.randint(0, 5)}, source = "{src}" }}' for k in keys)
        blocks.append(f'''[[tactics]]
id = "synthetic-{i:03d}"
name = "Synthetic tactic {i}"
platform = "{rng.choice(platforms)}"
strategy = "{rng.choice(["broadcast", "relationships"])}"
strategy_source = "{src}"
description = "Generated for the benchmark."
goals = ["{rng.choice(goals)}"]
goals_source = "{src}"
months_to_results = {{ value = {rng.choice([1, 2, 3, 6])}, source = "{src}" }}
unit = {{ singular = "unit", plural = "units", hours = 0.5, source = "{src}" }}
min_hours = {{ value = {lo}, source = "{src}" }}
saturation_hours = {{ value = {sat}, source = "{src}" }}
activities = ["Do the work"]
activities_source = "{src}"
kpis = [{{ name = "Output", how = "Count it" }}]
kpis_source = "{src}"

[tactics.scores]
{scores}
''')
    (directory / "tactics.toml").write_text("\n".join(blocks), encoding="utf-8")
    # One plain preset so meta.default_preset resolves; the real presets name real tactics.
    (directory / "presets.toml").write_text(
        f'[[presets]]\nid = "local-cafe"\ntitle = "Benchmark"\ndescription = "Benchmark."\nsource = "{src}"\n'
        '[presets.scenario]\nname = "Benchmark"\n',
        encoding="utf-8",
    )
    return load_knowledge(base=directory, cache=False)  # a throwaway directory: nothing to reuse


def main() -> None:
    kb = load_knowledge()
    default = kb.default_scenario()
    rows = []
    # Targets are for the plan a keystroke waits for: build_plan(..., sensitivity=False).
    # The what-ifs (nine cases, each planned again, and each tactic's "what would change
    # it") follow once the plan is on screen (planner.tui.live); they are timed too, as
    # "complete", but set no target.
    forty = default.with_changes(hours_per_week=40.0)
    for label, scenario in [
        (f"default KB ({len(kb.tactics)} tactics), default scenario ({default.hours_per_week:g} h)", default),
        (f"default KB ({len(kb.tactics)} tactics), 40 h", forty),
    ]:
        rows.append((label + ", plan [target 2 ms]" * (scenario is default), timeit(lambda s=scenario: build_plan(s, kb, sensitivity=False), 300)))
        rows.append(("  the same, complete (with the what-ifs)", timeit(lambda s=scenario: build_plan(s, kb), 100)))
    with tempfile.TemporaryDirectory() as tmp:
        big = synthetic_kb(200, Path(tmp))
        scenario = default.with_changes(hours_per_week=80.0, goals=[], exclude=[], bounds={})
        rows.append(("synthetic KB (200 tactics), 80 h, plan [target 50 ms]", timeit(lambda: build_plan(scenario, big, sensitivity=False), 30)))
        rows.append(("  the same, complete (with the what-ifs)", timeit(lambda: build_plan(scenario, big), 5)))
    print(f"machine: {os.cpu_count()} cores, {os.uname().machine}, Python {os.sys.version.split()[0]}")
    for label, times in rows:
        ms = sorted(t * 1000 for t in times)
        print(f"{label:<60} median {statistics.median(ms):7.2f} ms   p90 {ms[int(len(ms) * 0.9)]:7.2f} ms   n={len(ms)}")


if __name__ == "__main__":
    main()
