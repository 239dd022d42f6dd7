"""``build_plan(scenario, kb) -> Plan``: the whole engine as one pure function.

Steps: weights from the scenario (weights.py), the decision matrix (matrix.py), the
optimiser's problem with the user's bounds (problem.py), the exact allocation
(allocate.py), then explanation, warnings and sensitivity. No I/O, no clock, no
randomness: the same inputs give the same plan, byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from planner import MODEL_VERSION
from planner.engine import advice, explain, fit, reasons
from planner.engine.allocate import Allocation, Allocator, Item
from planner.engine.matrix import score_tactics
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
from planner.engine.weights import criterion_weights, strategy_weights
from planner.knowledge.references import check_references
from planner.knowledge.schema import KnowledgeBase
from planner.models.plan import Citation, Plan, PlanWarning, Split, WeightReason
from planner.models.scenario import Scenario


@dataclass
class Solved:
    """A scenario's allocation and what it was worked out from: everything a plan is
    assembled from, and all a what-if case needs."""

    weights: list
    rows: dict
    sw: dict[str, float]
    usable: int
    fits: dict[str, tuple[fit.Gate, ...]]
    worth: dict[str, float]
    setup: Setup
    alloc: Allocation
    warnings: list[PlanWarning]


def solve(scenario: Scenario, kb: KnowledgeBase) -> Solved:
    """Weights, matrix, fit gates and the exact allocation: the plan's tactics and
    hours, without their explanations."""
    check_references(scenario, kb)
    weights, rows, fits, worth, ruled_out, split_scores = _worths(scenario, kb)
    sw = strategy_weights(scenario.reach_priority, kb)
    usable = quarters_down(scenario.hours_per_week)
    limit = quarters_down(scenario.hours_per_week * 1.25)
    tactic_scores = {t.id: split_scores[t.id] * fit.reach_tilt(t, scenario.reach_priority, kb) for t in kb.tactics}

    setup, warnings = _feasible_setup(build_setup(scenario, kb, split_scores, ruled_out), usable)
    allocator = Allocator(setup.problem, limit)
    alloc = allocator.best(sw["broadcast"], sw["relationships"], usable)
    if alloc is None and (setup.problem.share_min is not None or setup.problem.share_max is not None):
        warnings.append(PlanWarning.model_construct(
            code="infeasible-share",
            message="No plan meets your floor or ceiling on the broadcast share with these tactics and bounds; "
            "the plan ignores it. Loosen the share bound or allow more tactics.",
        ))
        setup = without_share(setup)
        allocator = Allocator(setup.problem, limit)
        alloc = allocator.best(sw["broadcast"], sw["relationships"], usable)
    if alloc is None and setup.user_min | {p for p, b in setup.problem.platform_bounds.items() if b.lo}:
        warnings.append(_infeasible_minimums())
        setup = without_minimums(setup)
        allocator = Allocator(setup.problem, limit)
        alloc = allocator.best(sw["broadcast"], sw["relationships"], usable)
    if alloc is None:  # cannot happen without forced minimums, kept as a guard
        alloc = Allocation({}, 0.0, 0, 0)
    else:
        # Two stages: the split above is chosen without the reach tilt (so raising reach
        # priority can only move hours to broadcast); the tactics within each strategy
        # are chosen with it, spending exactly the same quarters.
        setup = with_scores(setup, tactic_scores)
        alloc = Allocator.to_spend(setup.problem, [alloc], limit).spend(alloc, sw["broadcast"], sw["relationships"])
    return Solved(weights, rows, sw, usable, fits, worth, setup, alloc, warnings)


_WORTHS: dict[tuple[object, ...], tuple] = {}


def _worths(scenario: Scenario, kb: KnowledgeBase) -> tuple:
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
        found = _WORTHS[key] = (weights, rows, fits, worth, ruled_out, split_scores)
    return found


def build_plan(scenario: Scenario, kb: KnowledgeBase, *, sensitivity: bool = True) -> Plan:
    """Turn a scenario into a plan. Raises :class:`planner.errors.InputError` when the
    scenario names goals or ids the knowledge base does not know.

    ``sensitivity=False`` leaves out the what-if cases and the "what would change it"
    lines (most of the work: each case plans again), for a first paint that adds them
    once the plan is on screen."""
    solved = solve(scenario, kb)
    weights, rows, sw, usable, fits, worth = solved.weights, solved.rows, solved.sw, solved.usable, solved.fits, solved.worth
    setup, alloc, warnings = solved.setup, solved.alloc, solved.warnings

    items = {i.id: i for i in setup.problem.items}
    ctx = explain.context(scenario, kb, weights, rows)
    tactics, alternatives = _tactic_plans(ctx, kb, rows, weights, sw, setup, items, alloc, usable, fits, worth)
    _runner_ups(tactics, alternatives, kb, scenario, fits, worth, items)
    analysis = None
    if sensitivity:
        names = {t.id: t.name for t in kb.tactics}
        analysis, changes = analyse(scenario, kb, alloc, names, lambda s: solve(s, kb).alloc)
        for t in tactics:
            t["why"]["would_change"] = changes.get(t["id"])
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
    left = advice.unallocated_warning(
        scenario,
        list(items.values()),
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
    # Without a budget: a paid tactic's worth at the reference budget, where its budget
    # gate is 1 (for the no-ad-budget warning).
    at_reference = {
        t.id: rows[t.id].score * fit.fit_factor(tuple(g for g in fits[t.id] if g.id != "budget"))
        for t in kb.tactics if t.paid and scenario.ad_budget_per_month == 0
    }
    warnings += advice.fit_warnings(scenario, kb, tactics, setup.excluded, worth, at_reference)
    cites = kb.citations()
    # Assembled without validation: the engine's own numbers (see StrictModel.trusted;
    # tests/engine/test_trusted_plans.py checks validation would give the same Plan).
    return Plan.trusted({
        "scenario": scenario,
        "split": split,
        "hours": {
            "available": scenario.hours_per_week,
            "allocated": allocated / 4,
            "unallocated": scenario.hours_per_week - allocated / 4,
        },
        "tactics": tactics,
        "alternatives": alternatives,
        "strategy_weights": dict(sw),
        "weights": [
            {
                "criterion": w.criterion,
                "label": w.label,
                "weight": w.weight,
                "raw": w.raw,
                "reasons": [_reason(ctx.version, text, ref, cites) for text, ref in w.reasons],
            }
            for w in weights
        ],
        "objective": float(alloc.objective),
        "warnings": setup.notes + warnings,
        "sensitivity": analysis,
        "model_version": MODEL_VERSION,
        "knowledge_version": kb.version,
        "sources": kb.cited_sources(),
    })


def _runner_ups(
    tactics: list[dict], alternatives: list[dict], kb: KnowledgeBase, scenario: Scenario,
    fits: dict, worth: dict[str, float], items: dict[str, Item],
) -> None:
    """Each planned tactic's runner-up: the best tactic of its strategy that could have
    run in these hours and got none (alternatives are ordered best first), with why it
    lost by the two tactics' own numbers."""
    contenders = [a for a in alternatives if a["why"]["binding"] in ("outranked", "minimum-exceeds-hours")]
    for t in tactics:
        rival = next((a for a in contenders if a["strategy"] == t["strategy"]), None)
        if rival is None:
            continue
        winner, loser = kb.tactic(t["id"]), kb.tactic(rival["id"])
        lo = items[loser.id].lo / 4 if loser.id in items else loser.min_hours.value
        t["why"]["runner_up"] = {
            "id": loser.id,
            "name": loser.name,
            "reason": reasons.lost_to(
                winner, fits[winner.id], worth[winner.id], t["why"]["details"]["contributions"],
                loser, fits[loser.id], worth[loser.id], rival["why"]["details"]["contributions"], lo, scenario,
            ),
        }


_REASONS: dict[tuple[str, str, str], WeightReason] = {}


def _reason(version: str, text: str, ref: str, cites: Mapping[str, Citation]) -> WeightReason:
    """One line of why a criterion weighs what it does. The lines repeat from plan to
    plan and the models are frozen, so one instance serves every plan."""
    key = (version, text, ref)
    found = _REASONS.get(key)
    if found is None:
        if len(_REASONS) > 4096:
            _REASONS.clear()
        found = _REASONS[key] = WeightReason.trusted({"text": text, "source": cites[ref]})
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
    rows: dict,
    weights: list,
    sw: dict[str, float],
    setup: Setup,
    items: dict[str, Item],
    alloc: Allocation,
    usable: int,
    fits: dict,
    worth: dict[str, float],
) -> tuple[list[dict], list[dict]]:
    planned, others = [], []
    exponent = setup.problem.exponent
    totals = {"broadcast": 0.0, "relationships": 0.0}
    for tid, q in alloc.quarters.items():
        totals[items[tid].strategy] += items[tid].value(q)
    for t in kb.tactics:
        item = items.get(t.id)
        q = alloc.quarters.get(t.id, 0)
        w = sw[t.strategy]
        if q:
            binding = explain.binding_for(item, q, setup.hi_reason[t.id], t.id in setup.user_min)
            planned.append(explain.tactic_plan(ctx, t, kb, rows[t.id], weights, w, q, item, binding, totals[t.strategy], exponent, fits[t.id], worth[t.id]))
        else:
            if item is None:
                binding = setup.excluded.get(t.id, "excluded")
            elif item.lo > usable:
                binding = "minimum-exceeds-hours"
            else:
                binding = "outranked"
            others.append(explain.tactic_plan(ctx, t, kb, rows[t.id], weights, w, 0, item, binding, totals[t.strategy], exponent, fits[t.id], worth[t.id]))
    planned.sort(key=lambda p: (-p["hours"], p["id"]))
    others.sort(key=lambda p: (
        p["why"]["binding"] == "excluded", -p["why"]["details"]["fit"] * p["why"]["details"]["strategy_weight"], p["id"]
    ))
    return planned, others
