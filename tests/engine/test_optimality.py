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

from planner.engine import build_plan, fit
from planner.engine.allocate import Allocator, Item, PlatformBound, Problem
from planner.engine.matrix import score_tactics
from planner.engine.problem import ad_management_hours
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


def item_scores(scenario) -> tuple[dict[str, float], dict[str, float]]:
    """Each usable tactic's per-hour scale, without and with the reach tilt, from the
    model's fit (the model is what the other engine tests check; this file checks the
    optimiser)."""
    rows = score_tactics(list(KB.tactics), scenario, KB, criterion_weights(scenario, KB))
    split, tilted = {}, {}
    for t in KB.tactics:
        if t.id in scenario.exclude or t.platform in scenario.exclude:
            continue
        worth = rows[t.id].score * fit.fit_factor(fit.gates(t, scenario, KB))
        if worth <= 0:
            continue
        split[t.id] = fit.item_score(t, worth, KB)
        tilted[t.id] = split[t.id] * fit.reach_tilt(t, scenario.reach_priority, KB)
    return split, tilted


def exact_curves(scenario, scores: dict[str, float]) -> dict[str, list[float]]:
    """A plain O(n·Q·K) dynamic program per strategy (no numpy, no running maxima, no
    lattice tie-breaking): the best value of exactly x quarters. Paid tactics share one
    budget, so they are folded as one group capped at its management hours."""
    quarters = math.floor(scenario.hours_per_week * 4 + 1e-9)
    overhead = KB.curve.overhead_hours.value

    def fold(old: list[float], values: dict[int, float]) -> list[float]:
        new = old[:]
        for x in range(quarters + 1):
            for q, v in values.items():
                if q <= x and old[x - q] > -math.inf:
                    new[x] = max(new[x], old[x - q] + v)
        return new

    empty = [0.0] + [-math.inf] * quarters
    best = {"broadcast": empty[:], "relationships": empty[:]}
    paid = {"broadcast": empty[:], "relationships": empty[:]}
    for t in KB.tactics:
        if t.id not in scores:
            continue
        lo = math.ceil(t.min_hours.value * 4 - 1e-9)
        cap = t.max_hours.value if t.max_hours else t.saturation_hours.value * KB.curve.cap_multiple.value
        hi = math.floor(cap * 4 + 1e-9)
        s = t.saturation_hours.value
        values = {
            q: scores[t.id] * s * (1 - math.exp(-max(0.0, q / 4 - overhead) / s))
            for q in range(lo, min(hi, quarters) + 1)
        }
        group = paid if t.paid else best
        group[t.strategy] = fold(group[t.strategy], values)
    cap = math.floor(ad_management_hours(scenario.ad_budget_per_month, KB) * 4 + 1e-9)
    for g in best:
        pooled = {q: v for q, v in enumerate(paid[g]) if q <= cap and v > -math.inf}
        best[g] = fold(best[g], pooled) if len(pooled) > 1 else best[g]
    return best


def oracle(scenario) -> float:
    """The exact optimum of the split (without the reach tilt), over every division of
    the hours between the strategies."""
    split, _ = item_scores(scenario)
    best = exact_curves(scenario, split)
    sw = strategy_weights(scenario.reach_priority, KB)
    gamma = KB.strategy_weights.combine_exponent.value
    quarters = math.floor(scenario.hours_per_week * 4 + 1e-9)
    top = -math.inf
    for x in range(quarters + 1):
        for y in range(quarters + 1 - x):
            b, r = best["broadcast"][x], best["relationships"][y]
            if b > -math.inf and r > -math.inf:
                top = max(top, sw.broadcast * b**gamma + sw.relationships * r**gamma)
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
    # With 7.5 h and more, an ad budget too, so the pooled paid tactics are exercised.
    scenario = KB.preset(preset).scenario.with_changes(
        reach_priority=reach, hours_per_week=hours, exclude=list(exclude), bounds={}, broadcast_share={},
        ad_budget_per_month=2000.0 if hours >= 7.5 else 0.0,
    )
    plan = build_plan(scenario, KB)
    x, y = round(plan.split.broadcast_hours * 4), round(plan.split.relationships_hours * 4)
    sw = strategy_weights(reach, KB)
    gamma = KB.strategy_weights.combine_exponent.value

    def objective(curves: dict[str, list[float]]) -> float:
        return sw.broadcast * curves["broadcast"][x] ** gamma + sw.relationships * curves["relationships"][y] ** gamma

    split, tilted = item_scores(scenario)
    # Stage 1: the split is the exact optimum without the reach tilt.
    exact = oracle(scenario)
    assert objective(exact_curves(scenario, split)) == pytest.approx(exact, rel=1e-9, abs=1e-12)
    # Stage 2: within that split, the tactics are the exact best with the tilt.
    assert plan.objective == pytest.approx(objective(exact_curves(scenario, tilted)), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize(("preset", "reach", "hours", "exclude"), SWEEP[::3])
def test_python_and_numpy_backends_agree(preset, reach, hours, exclude):
    """The two backends are interchangeable: the same allocation, the same objective."""
    from planner.engine.problem import build_setup, quarters_down

    scenario = KB.preset(preset).scenario.with_changes(reach_priority=reach, hours_per_week=hours, exclude=list(exclude))
    split, _ = item_scores(scenario)
    ruled_out = {t.id: "no-fit" for t in KB.tactics if t.id not in split}
    setup = build_setup(scenario, KB, {t.id: split.get(t.id, 0.0) for t in KB.tactics}, ruled_out)
    sw = strategy_weights(reach, KB)
    q = quarters_down(hours)
    a = Allocator(setup.problem, q, "python").best(sw.broadcast, sw.relationships, q)
    b = Allocator(setup.problem, q, "numpy").best(sw.broadcast, sw.relationships, q)
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
