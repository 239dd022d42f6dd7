"""Scenario + knowledge base → the optimiser's :class:`Problem`.

This is where user bounds meet the knowledge base's minimums and caps. Conflicts are
not errors: each becomes a note the plan turns into a warning, and the optimiser
gets a problem it can solve.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner.engine.allocate import Item, PlatformBound, Problem
from planner.knowledge.schema import KnowledgeBase, Tactic
from planner.models.plan import PlanWarning
from planner.models.scenario import Scenario

EPS = 1e-9


def quarters_down(hours: float) -> int:
    return math.floor(hours * 4 + EPS)


def quarters_up(hours: float) -> int:
    return math.ceil(hours * 4 - EPS)


@dataclass(frozen=True)
class Setup:
    """The optimiser's problem, and what the plan needs to explain it."""

    problem: Problem
    excluded: dict[str, str]
    """Tactic id → why it was left out (``excluded`` or ``max-below-minimum``)."""
    hi_reason: dict[str, str]
    """Tactic id → what sets its cap: ``saturation-cap``, ``kb-max`` or ``user-max``."""
    user_min: frozenset[str]
    """Tactics the user gave a minimum that holds."""
    own_lo: dict[str, int]
    """Tactic id → its own minimum effective quarters, before any user minimum."""
    notes: tuple[PlanWarning, ...] = ()
    """Where the user's bounds had to give way, as warnings for the plan."""


AD_BUDGET = "ad-budget"
"""The optimiser's group of every paid tactic: one budget, one cap on managing it."""


def ad_management_hours(budget: float, kb: KnowledgeBase) -> float:
    """Hours a week managing ``budget`` takes across all paid tactics: they grow
    slowly with the money (``[fit] budget_hours_*``)."""
    f = kb.fit
    return f.budget_hours_base.value + f.budget_hours_per_doubling.value * math.log2(1 + budget / f.budget_reference.value)


def cap_hours(tactic: Tactic, kb: KnowledgeBase) -> tuple[float, str]:
    if tactic.max_hours is not None:
        return tactic.max_hours.value, "kb-max"
    return tactic.saturation_hours.value * kb.curve.cap_multiple.value, "saturation-cap"


def build_setup(
    scenario: Scenario, kb: KnowledgeBase, scores: dict[str, float], ruled_out: dict[str, str]
) -> Setup:
    """``scores``: each tactic's per-hour scale for the optimiser (fit.item_score);
    ``ruled_out``: tactics a fit gate closes (no ad budget, no audience to host), by reason."""
    platform_ids = {p.id for p in kb.platforms}
    excluded_ids = set(scenario.exclude)
    items: list[Item] = []
    excluded: dict[str, str] = {}
    hi_reason: dict[str, str] = {}
    user_min: set[str] = set()
    own_lo: dict[str, int] = {}
    notes: list[PlanWarning] = []
    for t in kb.tactics:
        if t.id in excluded_ids or t.platform in excluded_ids:
            excluded[t.id] = "excluded"
            continue
        if t.id in ruled_out:
            excluded[t.id] = ruled_out[t.id]
            continue
        lo = own_lo[t.id] = quarters_up(t.min_hours.value)
        cap, reason = cap_hours(t, kb)
        hi = quarters_down(cap)
        forced = False
        bound = scenario.bounds.get(t.id)
        if bound is not None:
            if bound.max is not None and quarters_down(bound.max) < hi:
                hi, reason = quarters_down(bound.max), "user-max"
            if bound.min is not None and bound.min > 0:
                forced = True
                user_min.add(t.id)
                if quarters_up(bound.min) > lo:
                    lo = quarters_up(bound.min)
                elif quarters_up(bound.min) < lo:
                    notes.append(PlanWarning.model_construct(
                        code="min-raised",
                        message=f"Your minimum of {bound.min:g} h for {t.name} is below its minimum effective "
                        f"{t.min_hours.value:g} h, so it gets at least {lo / 4:g} h.",
                        source=kb.citation(t.min_hours.source),
                        tactic=t.id,
                    ))
        if lo > hi:
            if reason == "user-max":
                notes.append(PlanWarning.model_construct(
                    code="max-below-minimum",
                    message=f"Your maximum for {t.name} is below its minimum effective {t.min_hours.value:g} h, "
                    "so it is left out; raise the maximum to include it.",
                    source=kb.citation(t.min_hours.source),
                    tactic=t.id,
                ))
            if forced:
                notes.append(PlanWarning.model_construct(
                    code="infeasible-bounds",
                    message=f"{t.name} cannot meet your minimum and maximum at once; its minimum is dropped.",
                    tactic=t.id,
                ))
                user_min.discard(t.id)
            excluded[t.id] = "max-below-minimum"
            continue
        hi_reason[t.id] = reason
        # Paid tactics share one budget, so the optimiser sees them as one group with
        # one cap on management hours, unless you bound their own platform.
        pooled = t.paid and t.platform not in scenario.bounds
        items.append(Item(
            t.id, t.strategy, AD_BUDGET if pooled else t.platform, scores[t.id], t.saturation_hours.value, lo, hi,
            forced, kb.curve.overhead_hours.value,
        ))
    platform_bounds: dict[str, PlatformBound] = {}
    for ref, bound in sorted(scenario.bounds.items()):
        if ref in platform_ids:
            platform_bounds[ref] = PlatformBound(
                quarters_up(bound.min or 0.0), None if bound.max is None else quarters_down(bound.max)
            )
    if any(i.platform == AD_BUDGET for i in items):
        platform_bounds[AD_BUDGET] = PlatformBound(0, quarters_down(ad_management_hours(scenario.ad_budget_per_month, kb)))
    problem = Problem(
        tuple(sorted(items, key=lambda i: i.id)),
        platform_bounds,
        scenario.broadcast_share.min,
        scenario.broadcast_share.max,
        kb.strategy_weights.combine_exponent.value,
    )
    return Setup(problem, excluded, hi_reason, frozenset(user_min), own_lo, tuple(notes))


def without_minimums(setup: Setup) -> Setup:
    """The same problem with every user minimum dropped (tactic and platform)."""
    items = tuple(
        Item(i.id, i.strategy, i.platform, i.score, i.saturation, setup.own_lo[i.id], i.hi, False, i.overhead)
        for i in setup.problem.items
    )
    # A dropped user minimum leaves the tactic's own minimum effective hours in force.
    bounds = {p: PlatformBound(0, b.hi) for p, b in setup.problem.platform_bounds.items()}
    problem = Problem(items, bounds, setup.problem.share_min, setup.problem.share_max, setup.problem.exponent)
    return Setup(problem, setup.excluded, setup.hi_reason, frozenset(), setup.own_lo, setup.notes)


def with_scores(setup: Setup, scores: dict[str, float]) -> Setup:
    """The same problem (bounds, minimums, share) with other per-hour scales."""
    return Setup(
        setup.problem.rescored(scores),
        setup.excluded, setup.hi_reason, setup.user_min, setup.own_lo, setup.notes,
    )


def without_share(setup: Setup) -> Setup:
    p = setup.problem
    return Setup(
        Problem(p.items, p.platform_bounds, None, None, p.exponent),
        setup.excluded, setup.hi_reason, setup.user_min, setup.own_lo, setup.notes,
    )


def forced_quarters(setup: Setup) -> int:
    return sum(i.lo for i in setup.problem.items if i.forced) + sum(
        b.lo for b in setup.problem.platform_bounds.values()
    )
