"""How the split moves for ±10 points of reach priority and ±25% hours.

The cases reuse the allocator's curves (computed up to +25% hours), so they cost
only a scan each. A plan is *fragile* when any case moves the broadcast share by at
least ``advice.fragile_share_change``; then the summary says what would change it.
"""

from __future__ import annotations

from planner.engine.allocate import Allocation, Allocator, Problem
from planner.engine.fit import reach_tilt
from planner.engine.problem import quarters_down
from planner.engine.weights import strategy_weights
from planner.knowledge.schema import KnowledgeBase
from planner.models.plan import Sensitivity, SensitivityCase
from planner.models.scenario import Scenario


HOURS_FACTORS = (0.75, 1.25)
"""The hours cases: a quarter fewer and a quarter more hours a week."""


def share_of(alloc: Allocation | None) -> float:
    if alloc is None or alloc.broadcast + alloc.relationships == 0:
        return 0.0
    return alloc.broadcast / (alloc.broadcast + alloc.relationships)


def analyse(
    scenario: Scenario,
    kb: KnowledgeBase,
    allocator: Allocator,
    base: Allocation,
    names: dict[str, str],
    problem: Problem,
    split_scores: dict[str, float],
    chooser: Allocator | None,
    hours_splits: dict[float, Allocation | None],
) -> Sensitivity:
    """``allocator`` chooses splits (no reach tilt); ``problem`` is the problem with the
    reach tilt of this scenario, whose tactics are chosen within each split; a reach
    case re-tilts it, since the tilt moves with reach priority. ``chooser`` and
    ``hours_splits`` are the build's tilted allocator and the splits of the hours
    cases, already worked out (``None`` and empty when the build found no plan)."""
    base_share = share_of(base)
    p = scenario.reach_priority
    cases: list[tuple[str, Allocation | None]] = []

    def case(w: dict[str, float], quarters: int, reach: int, factor: float | None = None) -> Allocation | None:
        known = hours_splits
        split = known[factor] if factor in known else allocator.best(w["broadcast"], w["relationships"], quarters)
        if split is None:
            return None
        if reach == p and chooser is not None and factor in known:
            return chooser.spend(split, w["broadcast"], w["relationships"])
        scored = problem
        if reach != p:
            scored = problem.rescored({i.id: split_scores[i.id] * reach_tilt(kb.tactic(i.id), reach, kb) for i in problem.items})
        return Allocator.to_spend(scored, [split], allocator.limit).spend(split, w["broadcast"], w["relationships"])

    usable = quarters_down(scenario.hours_per_week)
    for delta in (-10, 10):
        q = min(100, max(0, p + delta))
        if q != p:
            cases.append((f"reach {delta:+d}", case(strategy_weights(q, kb), usable, q)))
    w = strategy_weights(p, kb)
    for factor, label in zip(HOURS_FACTORS, ("hours -25%", "hours +25%")):
        cases.append((label, case(w, quarters_down(scenario.hours_per_week * factor), p, factor)))

    threshold = kb.advice.fragile_share_change.value
    out = []
    for label, alloc in cases:
        share = share_of(alloc) if alloc is not None else base_share
        got = set(alloc.quarters) if alloc is not None else set(base.quarters)
        out.append(SensitivityCase.model_construct(
            label=label,
            broadcast_share=share,
            delta=share - base_share,
            added=sorted(got - set(base.quarters)),
            removed=sorted(set(base.quarters) - got),
        ))
    movers = [c for c in out if abs(c.delta) >= threshold - 1e-12]
    if movers:
        biggest = max(movers, key=lambda c: (abs(c.delta), c.label))
        change = _describe_change(biggest, names)
        summary = (
            f"Fragile: {biggest.label} moves broadcast from {base_share:.0%} to {biggest.broadcast_share:.0%}"
            f"{change}. Decide that input with care."
        )
        verdict = "fragile"
    else:
        widest = max((abs(c.delta) for c in out), default=0.0)
        summary = (
            f"Stable: ±10 reach priority and ±25% hours move the split by at most {widest * 100:.0f} points."
        )
        changes = [f"{c.label}{_describe_change(c, names)}" for c in out if c.added or c.removed]
        if changes:
            summary += " Tactic changes: " + "; ".join(changes) + "."
        verdict = "stable"
    return Sensitivity.model_construct(verdict=verdict, summary=summary, cases=out)


def _describe_change(case: SensitivityCase, names: dict[str, str]) -> str:
    parts = [f"adds {names.get(t, t)}" for t in case.added] + [f"drops {names.get(t, t)}" for t in case.removed]
    return f" ({', '.join(parts)})" if parts else ""
