"""``build_plan(scenario, kb) -> Plan``: the whole engine as one pure function.

Steps: weights from the scenario (weights.py), the decision matrix (matrix.py), the
optimiser's problem with the user's bounds (problem.py), the exact allocation
(allocate.py), then the sensitivity (sensitivity.py: planning again under small
changes), the explanations (explain.py, which need the sensitivity's "what would change
it") and the warnings (advice.py). No I/O, no clock, no randomness: the same inputs give
the same plan, byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner import MODEL_VERSION
from planner.engine import advice, explain, fit, reasons
from planner.engine.allocate import Allocation, Allocator, Item
from planner.engine.matrix import Row, score_tactics
from planner.engine.problem import (
    Setup,
    build_setup,
    forced_quarters,
    quarters_down,
    with_scores,
    without_minimums,
    without_share,
)
from planner.engine.sensitivity import analyse
from planner.engine.weights import StrategyPair, Weight, criterion_weights, strategy_weights
from planner.knowledge.references import check_references
from planner.knowledge.schema import KnowledgeBase, Tactic
from planner.models.plan import (
    Citation,
    Contribution,
    CriterionWeight,
    Hours,
    Plan,
    PlanWarning,
    RunnerUp,
    Sensitivity,
    Split,
    TacticPlan,
    WeightReason,
)
from planner.models.scenario import Scenario


@dataclass(frozen=True)
class Worths:
    """What depends on what the business is, not on the reach priority, the hours or
    the user's bounds (see :func:`_worths`). Mappings are by tactic id."""

    weights: list[Weight]
    rows: dict[str, Row]
    fits: dict[str, tuple[fit.Gate, ...]]
    worth: dict[str, float]
    """Matrix score × every fit gate: what a tactic is worth to this business once well fed."""
    ruled_out: dict[str, str]
    """Tactics a fit gate closes, by binding (``no-ad-budget``, ``needs-audience``, ``no-fit``)."""
    split_scores: dict[str, float]
    """The optimiser's per-hour scale for choosing the split (no reach tilt)."""


@dataclass(frozen=True)
class Solved:
    """A scenario's allocation and what it was worked out from: everything a plan is
    assembled from, and all a what-if case needs."""

    worths: Worths
    sw: StrategyPair
    usable: int
    setup: Setup
    alloc: Allocation
    warnings: tuple[PlanWarning, ...]


def solve(scenario: Scenario, kb: KnowledgeBase) -> Solved:
    """Weights, matrix, fit gates and the exact allocation: the plan's tactics and
    hours, without their explanations."""
    check_references(scenario, kb)
    worths = _worths(scenario, kb)
    sw = strategy_weights(scenario.reach_priority, kb)
    usable = quarters_down(scenario.hours_per_week)
    limit = quarters_down(scenario.hours_per_week * 1.25)
    split_scores = worths.split_scores
    tactic_scores = {t.id: split_scores[t.id] * fit.reach_tilt(t, scenario.reach_priority, kb) for t in kb.tactics}

    setup, warnings = _feasible_setup(build_setup(scenario, kb, split_scores, worths.ruled_out), usable)
    allocator = Allocator(setup.problem, limit)
    alloc = allocator.best(sw.broadcast, sw.relationships, usable)
    if alloc is None and (setup.problem.share_min is not None or setup.problem.share_max is not None):
        warnings.append(PlanWarning.model_construct(
            code="infeasible-share",
            message="No plan meets your floor or ceiling on the broadcast share with these tactics and bounds; "
            "the plan ignores it. Loosen the share bound or allow more tactics.",
        ))
        setup = without_share(setup)
        allocator = Allocator(setup.problem, limit)
        alloc = allocator.best(sw.broadcast, sw.relationships, usable)
    if alloc is None and setup.user_min | {p for p, b in setup.problem.platform_bounds.items() if b.lo}:
        warnings.append(_infeasible_minimums())
        setup = without_minimums(setup)
        allocator = Allocator(setup.problem, limit)
        alloc = allocator.best(sw.broadcast, sw.relationships, usable)
    if alloc is None:  # cannot happen without forced minimums, kept as a guard
        alloc = Allocation({}, 0.0, 0, 0)
    else:
        # Two stages: the split above is chosen without the reach tilt (so raising reach
        # priority can only move hours to broadcast); the tactics within each strategy
        # are chosen with it, spending exactly the same quarters.
        setup = with_scores(setup, tactic_scores)
        alloc = Allocator.to_spend(setup.problem, [alloc], limit).spend(alloc, sw.broadcast, sw.relationships)
    return Solved(worths, sw, usable, setup, alloc, tuple(warnings))


_WORTHS: dict[tuple[object, ...], Worths] = {}


def _worths(scenario: Scenario, kb: KnowledgeBase) -> Worths:
    """Criterion weights, the decision matrix, the fit gates and each tactic's worth:
    everything that depends on what the business is, not on the reach priority, the
    hours or the user's bounds. Those are what a keystroke or a what-if case changes,
    so the last few results are kept (the engine's values are never mutated)."""
    key = (
        id(kb), kb.fingerprint, scenario.market, scenario.audience, scenario.local, tuple(scenario.goals),
        scenario.existing_audience, scenario.content_capacity, scenario.roi_measurability, scenario.sales_tracking,
        scenario.roi_horizon_months, scenario.scheduler, scenario.ad_budget_per_month,
    )
    found = _WORTHS.get(key)
    if found is None:
        weights = criterion_weights(scenario, kb)
        rows = score_tactics(list(kb.tactics), scenario, kb, weights)
        fits = {t.id: fit.gates(t, scenario, kb) for t in kb.tactics}
        worth = {t.id: rows[t.id].score * fit.fit_factor(fits[t.id]) for t in kb.tactics}
        ruled_out = {tid: _ruled_out_reason(g) for tid, g in fits.items() if any(x.factor <= 0 for x in g)}
        split_scores = {t.id: fit.item_score(t, worth[t.id], kb) for t in kb.tactics}
        if len(_WORTHS) >= 64:
            _WORTHS.clear()
        found = _WORTHS[key] = Worths(weights, rows, fits, worth, ruled_out, split_scores)
    return found


def build_plan(scenario: Scenario, kb: KnowledgeBase, *, sensitivity: bool = True) -> Plan:
    """Turn a scenario into a plan. Raises :class:`planner.errors.InputError` when the
    scenario names goals or ids the knowledge base does not know.

    ``sensitivity=False`` leaves out the what-if cases and the "what would change it"
    lines (most of the work: each case plans again), for a first paint that adds them
    once the plan is on screen.

    The plan is assembled bottom-up with pydantic's ``model_construct``, without
    validation: these are the engine's own numbers (tests/engine/test_constructed_plans.py
    checks that validating the plan would give the same Plan)."""
    solved = solve(scenario, kb)
    worths, sw, usable, setup, alloc = solved.worths, solved.sw, solved.usable, solved.setup, solved.alloc
    warnings = list(solved.warnings)

    analysis: Sensitivity | None = None
    would_change: dict[str, str] = {}
    if sensitivity:
        names = {t.id: t.name for t in kb.tactics}
        found = analyse(scenario, kb, alloc, names, lambda s: solve(s, kb).alloc)
        analysis, would_change = found.sensitivity, found.would_change
    ctx = explain.context(scenario, kb, worths.weights, worths.rows)
    tactics, alternatives = _tactic_plans(ctx, kb, worths, sw, setup, alloc, usable, would_change)
    allocated = alloc.broadcast + alloc.relationships
    split = Split.model_construct(
        broadcast=alloc.broadcast / allocated if allocated else 0.0,
        relationships=alloc.relationships / allocated if allocated else 0.0,
        broadcast_hours=alloc.broadcast / 4,
        relationships_hours=alloc.relationships / 4,
    )
    if scenario.hours_per_week * 4 - usable > 1e-9:
        warnings.append(PlanWarning.model_construct(
            code="hours-rounded",
            message=f"Plans use whole quarter-hours, so {scenario.hours_per_week - usable / 4:.2g} h of "
            f"{scenario.hours_per_week:g} h stay unplanned.",
        ))
    items = setup.problem.items
    left = advice.unallocated_warning(
        scenario,
        list(items),
        alloc.quarters,
        usable,
        allocated,
        setup.problem.share_min is not None or setup.problem.share_max is not None,
    )
    if left is not None:
        warnings.append(left)
    if not items:
        warnings.append(PlanWarning.model_construct(
            code="no-tactics",
            message="Every tactic is excluded or cannot run within your bounds; remove some exclusions.",
        ))
    warnings += advice.guidance_warnings(scenario, kb, split, tactics)
    rows, fits = worths.rows, worths.fits
    # Without a budget: a paid tactic's worth at the reference budget, where its budget
    # gate is 1 (for the no-ad-budget warning).
    at_reference = {
        t.id: rows[t.id].score * fit.fit_factor(tuple(g for g in fits[t.id] if g.id != "budget"))
        for t in kb.tactics if t.paid and scenario.ad_budget_per_month == 0
    }
    warnings += advice.fit_warnings(scenario, kb, tactics, setup.excluded, worths.worth, at_reference)
    cites = kb.citations()
    return Plan.model_construct(
        scenario=scenario,
        split=split,
        hours=Hours.model_construct(
            available=scenario.hours_per_week,
            allocated=allocated / 4,
            unallocated=scenario.hours_per_week - allocated / 4,
        ),
        tactics=tactics,
        alternatives=alternatives,
        strategy_weights={"broadcast": sw.broadcast, "relationships": sw.relationships},
        weights=[
            CriterionWeight.model_construct(
                criterion=w.criterion,
                label=w.label,
                weight=w.weight,
                raw=w.raw,
                reasons=[_reason(ctx.version, text, ref, cites) for text, ref in w.reasons],
            )
            for w in worths.weights
        ],
        objective=float(alloc.objective),
        warnings=[*setup.notes, *warnings],
        sensitivity=analysis,
        model_version=MODEL_VERSION,
        knowledge_version=kb.version,
        sources=list(kb.cited_sources()),
    )


def _runner_up(
    winner: Tactic, winner_contributions: Sequence[Contribution], contenders: list[TacticPlan],
    kb: KnowledgeBase, scenario: Scenario, worths: Worths, items: Mapping[str, Item],
) -> RunnerUp | None:
    """A planned tactic's runner-up: the best tactic of its strategy that could have
    run in these hours and got none (``contenders`` are ordered best first), with why
    it lost by the two tactics' own numbers."""
    rival = next((a for a in contenders if a.strategy == winner.strategy), None)
    if rival is None:
        return None
    loser = kb.tactic(rival.id)
    fits, worth = worths.fits, worths.worth
    lo = items[loser.id].lo / 4 if loser.id in items else loser.min_hours.value
    return RunnerUp.model_construct(
        id=loser.id,
        name=loser.name,
        reason=reasons.lost_to(
            winner, fits[winner.id], worth[winner.id], winner_contributions,
            loser, fits[loser.id], worth[loser.id], rival.why.details.contributions, lo, scenario,
        ),
    )


_REASONS: dict[tuple[str, str, str], WeightReason] = {}


def _reason(version: str, text: str, ref: str, cites: Mapping[str, Citation]) -> WeightReason:
    """One line of why a criterion weighs what it does. The lines repeat from plan to
    plan and the models are frozen, so one instance serves every plan."""
    key = (version, text, ref)
    found = _REASONS.get(key)
    if found is None:
        if len(_REASONS) > 4096:
            _REASONS.clear()
        found = _REASONS[key] = WeightReason.model_construct(text=text, source=cites[ref])
    return found


def _ruled_out_reason(tactic_gates: tuple[fit.Gate, ...]) -> str:
    """Why a gate closed a tactic: the first gate at 0 names the binding."""
    first = next(g.id for g in tactic_gates if g.factor <= 0)
    return {"budget": "no-ad-budget", "audience": "needs-audience"}.get(first, "no-fit")


def _feasible_setup(setup: Setup, usable: int) -> tuple[Setup, list[PlanWarning]]:
    if forced_quarters(setup) > usable:
        return without_minimums(setup), [_infeasible_minimums_for(forced_quarters(setup), usable)]
    return setup, []


def _infeasible_minimums_for(forced: int, usable: int) -> PlanWarning:
    return PlanWarning.model_construct(
        code="infeasible-bounds",
        message=f"Your minimums add up to {forced / 4:g} h but only {usable / 4:g} h are available, so the plan "
        "ignores them. Lower some minimums or add hours.",
    )


def _infeasible_minimums() -> PlanWarning:
    return PlanWarning.model_construct(
        code="infeasible-bounds",
        message="Your minimums cannot all hold together with your other bounds, so the plan ignores them. "
        "Lower some minimums or loosen the maximums.",
    )


def _tactic_plans(
    ctx: explain.Context,
    kb: KnowledgeBase,
    worths: Worths,
    sw: StrategyPair,
    setup: Setup,
    alloc: Allocation,
    usable: int,
    would_change: Mapping[str, str],
) -> tuple[list[TacticPlan], list[TacticPlan]]:
    """The planned tactics (most hours first) and the others (best first), each with
    why. The others come first: a planned tactic's runner-up is the best of them."""
    exponent = setup.problem.exponent
    items = {i.id: i for i in setup.problem.items}
    rows, weights, fits, worth = worths.rows, worths.weights, worths.fits, worths.worth
    totals = {"broadcast": 0.0, "relationships": 0.0}
    for tid, q in alloc.quarters.items():
        totals[items[tid].strategy] += items[tid].value(q)

    others = []
    for t in kb.tactics:
        if alloc.quarters.get(t.id, 0):
            continue
        item = items.get(t.id)
        if item is None:
            binding = setup.excluded.get(t.id, "excluded")
        elif item.lo > usable:
            binding = "minimum-exceeds-hours"
        else:
            binding = "outranked"
        others.append(explain.tactic_plan(
            ctx, t, kb, rows[t.id], weights, sw.of(t.strategy), 0, item, binding, totals[t.strategy], exponent,
            fits[t.id], worth[t.id],
        ))
    others.sort(key=lambda p: (
        p.why.binding == "excluded", -p.why.details.fit * p.why.details.strategy_weight, p.id
    ))

    contenders = [a for a in others if a.why.binding in ("outranked", "minimum-exceeds-hours")]
    planned = []
    for t in kb.tactics:
        q = alloc.quarters.get(t.id, 0)
        if not q:
            continue
        item = items[t.id]
        binding = explain.binding_for(item, q, setup.hi_reason[t.id], t.id in setup.user_min)
        runner_up = _runner_up(t, explain.contributions(rows[t.id], weights), contenders, kb, ctx.scenario, worths, items)
        planned.append(explain.tactic_plan(
            ctx, t, kb, rows[t.id], weights, sw.of(t.strategy), q, item, binding, totals[t.strategy], exponent,
            fits[t.id], worth[t.id], runner_up=runner_up, would_change=would_change.get(t.id),
        ))
    planned.sort(key=lambda p: (-p.hours, p.id))
    return planned, others
