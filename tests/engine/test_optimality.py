"""The allocator is exactly optimal under its own objective.

Two independent checks: exhaustive enumeration on small random instances (≤ 6
tactics, ≤ 4 hours, with bounds, hybrid platform bounds and share limits), and a
plain dynamic program over quarter-hours, written separately here as a test oracle,
on the default knowledge base across a sweep of scenarios.
"""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.engine import build_plan
from planner.engine.allocate import Allocator, Item, PlatformBound, Problem
from planner.engine.matrix import score_tactics
from planner.engine.weights import criterion_weights, strategy_weights
from tests.engine.strategies import KB


def curve_value(item: Item, q: int) -> float:
    h = max(0.0, q / 4 - item.overhead)
    return item.score * item.saturation * (1 - math.exp(-h / item.saturation))


def brute_force(problem: Problem, wb: float, wr: float, quarters: int) -> float | None:
    weight = {"broadcast": wb, "relationships": wr}
    choices = []
    for it in problem.items:
        opts = [] if it.forced else [0]
        opts += list(range(it.lo, min(it.hi, quarters) + 1))
        choices.append(opts)
    best = None
    for combo in itertools.product(*choices):
        if sum(combo) > quarters:
            continue
        ok = True
        for platform, b in problem.platform_bounds.items():
            total = sum(q for it, q in zip(problem.items, combo) if it.platform == platform)
            if total < b.lo or (b.hi is not None and total > b.hi):
                ok = False
        used_b = sum(q for it, q in zip(problem.items, combo) if it.strategy == "broadcast")
        used = sum(combo)
        share = used_b / used if used else 0.0
        if problem.share_min is not None and not (share >= problem.share_min - 1e-12 or (used == 0 and problem.share_min <= 0)):
            ok = False
        if problem.share_max is not None and share > problem.share_max + 1e-12:
            ok = False
        if not ok:
            continue
        raw = {"broadcast": 0.0, "relationships": 0.0}
        for it, q in zip(problem.items, combo):
            raw[it.strategy] += curve_value(it, q)
        value = sum(weight[g] * raw[g] ** problem.exponent for g in raw)
        if best is None or value > best:
            best = value
    return best


@st.composite
def small_problems(draw):
    n = draw(st.integers(1, 6))
    platforms = ["p1", "p2", "p3"]
    items = []
    for i in range(n):
        lo = draw(st.integers(1, 8))
        hi = draw(st.integers(lo, 16))
        items.append(Item(
            id=f"t{i}",
            strategy=draw(st.sampled_from(["broadcast", "relationships"])),
            platform=draw(st.sampled_from(platforms)),
            score=draw(st.floats(0.05, 1.0)),
            saturation=draw(st.floats(0.5, 6.0)),
            lo=lo,
            hi=hi,
            forced=draw(st.booleans()) and draw(st.booleans()),
            overhead=draw(st.sampled_from([0.0, 0.25, 0.5])),
        ))
    bounds = {}
    for p in draw(st.lists(st.sampled_from(platforms), max_size=2, unique=True)):
        lo = draw(st.integers(0, 6))
        hi = draw(st.none() | st.integers(lo, 16))
        bounds[p] = PlatformBound(lo, hi)
    share_min = draw(st.none() | st.sampled_from([0.0, 0.25, 0.5, 0.75]))
    share_max = draw(st.none() | st.sampled_from([0.25, 0.5, 0.75, 1.0]))
    if share_min is not None and share_max is not None and share_min > share_max:
        share_min, share_max = share_max, share_min
    exponent = draw(st.sampled_from([1.0, 0.5, 0.8]))
    return (
        Problem(tuple(items), bounds, share_min, share_max, exponent),
        draw(st.integers(0, 16)),
        draw(st.floats(0.2, 1.0)),
        draw(st.floats(0.2, 1.0)),
    )


@pytest.mark.parametrize("backend", ["python", "numpy"])
@settings(max_examples=150, deadline=None)
@given(case=small_problems())
def test_equals_brute_force_on_small_instances(backend, case):
    problem, quarters, wb, wr = case
    expected = brute_force(problem, wb, wr, quarters)
    got = Allocator(problem, quarters, backend).best(wb, wr, quarters)
    if expected is None:
        assert got is None
        return
    assert got is not None
    assert got.objective == pytest.approx(expected, rel=1e-12, abs=1e-12)
    # The allocation it returns really is feasible and really earns that objective.
    by_id = {it.id: it for it in problem.items}
    weight = {"broadcast": wb, "relationships": wr}
    assert sum(got.quarters.values()) <= quarters
    for tid, q in got.quarters.items():
        assert by_id[tid].lo <= q <= by_id[tid].hi
    for it in problem.items:
        if it.forced:
            assert got.quarters.get(it.id, 0) >= it.lo
    raw = {"broadcast": 0.0, "relationships": 0.0}
    for t, q in got.quarters.items():
        raw[by_id[t].strategy] += curve_value(by_id[t], q)
    value = sum(weight[g] * raw[g] ** problem.exponent for g in raw)
    assert value == pytest.approx(got.objective, rel=1e-12, abs=1e-12)


def oracle(scenario) -> float:
    """A plain O(n·Q·K) dynamic program per strategy (no numpy, no running maxima,
    no lattice tie-breaking) from the knowledge base's own numbers, then every split
    of the hours between the strategies."""
    weights = criterion_weights(scenario, KB)
    rows = score_tactics(list(KB.tactics), scenario, KB, weights)
    sw = strategy_weights(scenario.reach_priority, KB)
    gamma = KB.strategy_weights.combine_exponent.value
    quarters = math.floor(scenario.hours_per_week * 4 + 1e-9)
    overhead = KB.curve.overhead_hours.value
    best = {g: [0.0] + [-math.inf] * quarters for g in sw}
    for t in KB.tactics:
        if t.id in scenario.exclude or t.platform in scenario.exclude:
            continue
        lo = math.ceil(t.min_hours.value * 4 - 1e-9)
        cap = t.max_hours.value if t.max_hours else t.saturation_hours.value * KB.curve.cap_multiple.value
        hi = math.floor(cap * 4 + 1e-9)
        s = t.saturation_hours.value
        values = {
            q: rows[t.id].score * s * (1 - math.exp(-max(0.0, q / 4 - overhead) / s))
            for q in range(lo, min(hi, quarters) + 1)
        }
        old = best[t.strategy]
        new = old[:]
        for x in range(quarters + 1):
            for q, v in values.items():
                if q <= x and old[x - q] > -math.inf:
                    new[x] = max(new[x], old[x - q] + v)
        best[t.strategy] = new
    top = -math.inf
    for x in range(quarters + 1):
        for y in range(quarters + 1 - x):
            b, r = best["broadcast"][x], best["relationships"][y]
            if b > -math.inf and r > -math.inf:
                top = max(top, sw["broadcast"] * b**gamma + sw["relationships"] * r**gamma)
    return top


SWEEP = [
    (preset.id, reach, hours, exclude)
    for preset in KB.presets
    for reach in (0, 35, 70, 100)
    for hours in (1.0, 3.0, 7.5, 16.0)
    for exclude in ((), ("instagram", "linkedin"))
]


@pytest.mark.parametrize(("preset", "reach", "hours", "exclude"), SWEEP)
def test_within_one_percent_of_exact_oracle_on_default_kb(preset, reach, hours, exclude):
    scenario = KB.preset(preset).scenario.with_changes(
        reach_priority=reach, hours_per_week=hours, exclude=list(exclude), bounds={}, broadcast_share={}
    )
    plan = build_plan(scenario, KB)
    exact = oracle(scenario)
    assert plan.objective <= exact + 1e-9, "cannot beat the exact optimum"
    assert plan.objective >= 0.99 * exact - 1e-12
    # In fact the product path is exact too:
    assert plan.objective == pytest.approx(exact, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize(("preset", "reach", "hours", "exclude"), SWEEP[::3])
def test_python_and_numpy_backends_agree(preset, reach, hours, exclude):
    """The two backends are interchangeable: the same allocation, the same objective."""
    from planner.engine.problem import build_setup, quarters_down

    scenario = KB.preset(preset).scenario.with_changes(reach_priority=reach, hours_per_week=hours, exclude=list(exclude))
    rows = score_tactics(list(KB.tactics), scenario, KB, criterion_weights(scenario, KB))
    setup = build_setup(scenario, KB, rows)
    sw = strategy_weights(reach, KB)
    q = quarters_down(hours)
    a = Allocator(setup.problem, q, "python").best(sw["broadcast"], sw["relationships"], q)
    b = Allocator(setup.problem, q, "numpy").best(sw["broadcast"], sw["relationships"], q)
    assert (a is None) == (b is None)
    if a is not None:
        assert a.quarters == b.quarters
        assert a.objective == pytest.approx(b.objective, rel=1e-12)


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_share_floor_spends_a_budget_exactly_when_that_keeps_the_floor(backend):
    """Regression (found by hypothesis): with a share floor, the best broadcast spend of
    7 quarters (worth less than 4 quarters on one tactic alone) is what lets
    relationships take 5. Scanning running maxima missed it."""
    items = (
        Item("t0", "broadcast", "p1", 0.125, 1.0, 4, 4),
        Item("t1", "relationships", "p1", 1.0, 2.0, 1, 5),
        Item("t2", "broadcast", "p1", 1.0, 1.0, 1, 4),
    )
    problem = Problem(items, {}, 0.5, None, 1.0)
    got = Allocator(problem, 12, backend).best(1.0, 1.0, 12)
    assert got is not None
    assert got.objective == pytest.approx(brute_force(problem, 1.0, 1.0, 12), rel=1e-12)
    assert got.quarters == {"t0": 4, "t1": 5, "t2": 3}
