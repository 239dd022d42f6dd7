"""Why each tactic got its hours: the numbers behind it and the words around them.

Nothing here decides anything; it reads the allocation and the matrix and says what
drove them, citing the knowledge base's sources.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from planner.engine import reasons
from planner.engine.allocate import Item, combine
from planner.engine.fit import Gate
from planner.engine.matrix import Row, cell_keys
from planner.engine.weights import Weight
from planner.knowledge.schema import KnowledgeBase, Tactic
from planner.models.plan import Activity, Citation, Contribution, Details, Kpi, RunnerUp, TacticPlan, Why
from planner.models.scenario import Scenario

BINDING_TEXT = {
    "saturation-cap": "More hours would add little: it is at {cap:g} h, well past where returns flatten ({sat:g} h).",
    "kb-max": "It is at the knowledge base's useful maximum of {cap:g} h.",

    "user-max": "Your maximum of {cap:g} h for it binds.",
    "user-min": "It is held at your minimum of {hours:g} h; on merit it would get less.",
    "min-effective": "It runs at its minimum effective {hours:g} h; further hours are worth more elsewhere.",
    "budget": "It stops here because one more hour is worth {mv:.3f}, no more than the best other use of the time.",
    "excluded": "You excluded it.",
    "max-below-minimum": "Your maximum is below its minimum effective {lo:g} h, so it cannot run.",
    "minimum-exceeds-hours": "Its minimum effective {lo:g} h does not fit in the hours available.",
    "outranked": "Its first {lo:g} h would earn {first:.3f} per hour, less than the hours in the plan earn.",
    "no-ad-budget": "It needs an ad budget, and yours is 0.",
    "needs-audience": "It needs an existing audience to invite, and you have none yet.",
    "no-fit": "It cannot reach your customers: {gate} rules it out.",
}

GATE_LABEL = {
    "market": "market fit",
    "breadth": "audience breadth",
    "place": "reach where your customers are",
    "goals": "goal fit",
    "audience": "existing audience",
    "content": "content capacity",
    "horizon": "time to results",
    "measurability": "measurable ROI",
    "budget": "ad budget",
}


WEEKS_PER_MONTH = 52 / 12


def output_line(tactic: Tactic, hours: float, kb: KnowledgeBase) -> tuple[str, int]:
    """What the hours buy after the tactic's upkeep, e.g. ``("3 short videos a week", 3)``,
    or per month for slow rhythms (``("1 event a month", 0)``). The count is per week
    (0 when fewer than one a week)."""
    if tactic.paid:
        return f"{hours:g} h of campaign management a week", 0
    work = max(0.0, hours - kb.curve.overhead_hours.value)
    per_week = work / tactic.unit.hours
    if per_week >= kb.advice.monthly_below_units.value:
        units = math.floor(per_week + 1e-9)
        return f"{_count(units, tactic)} a week", units
    per_month = math.floor(per_week * WEEKS_PER_MONTH + 1e-9)
    if per_month >= 1:
        return f"{_count(per_month, tactic)} a month", 0
    months = math.ceil(1 / (per_week * WEEKS_PER_MONTH) - 1e-9) if per_week > 0 else 0
    if months == 0:
        return "upkeep only: too few hours for new work", 0
    return f"1 {tactic.unit.singular} every {months} months", 0


def _count(n: int, tactic: Tactic) -> str:
    return f"{n} {tactic.unit.singular if n == 1 else tactic.unit.plural}"


_CONTRIBUTIONS: dict[tuple[object, ...], tuple[Contribution, ...]] = {}


def contributions(row: Row, weights: list[Weight]) -> tuple[Contribution, ...]:
    """A tactic's weighted cells, largest first. They depend on the criterion weights
    and the tactic's cells only, which reach priority and hours never change, so a
    keystroke on either reuses the instances of the plan before (the models are frozen)."""
    key = (row.tactic.id, *(w.weight for w in weights), *row.cells.values())
    found = _CONTRIBUTIONS.get(key)
    if found is None:
        if len(_CONTRIBUTIONS) > 8192:
            _CONTRIBUTIONS.clear()
        out = [
            Contribution.model_construct(
                criterion=w.criterion,
                label=w.label,
                weight=w.weight,
                score=row.cells[w.criterion],
                contribution=w.weight * row.cells[w.criterion],
            )
            for w in weights
            if w.weight > 0
        ]
        found = _CONTRIBUTIONS[key] = tuple(sorted(out, key=lambda c: (-c.contribution, c.criterion)))
    return found


@dataclass(frozen=True)
class Context:
    """What explaining every tactic of one plan shares, worked out once per plan."""

    scenario: Scenario
    cites: Mapping[str, Citation]
    cell_keys: dict[str, tuple[str | None, ...]]
    """Per criterion, the score keys its cell reads in this scenario (see
    :func:`~planner.engine.matrix.cell_keys`)."""
    weight_refs: dict[str, list[str]]
    """Per criterion, the citations of what set its weight in this scenario."""
    floor_ref: str
    version: str
    """The knowledge base's version (a key of the per-tactic caches)."""
    platform_names: dict[str, str]
    goal_labels: dict[str, str]
    average: dict[str, float]
    """Per criterion, its average weighted contribution over every tactic: a tactic's
    driver is the criterion where it most exceeds this."""


def context(scenario: Scenario, kb: KnowledgeBase, weights: list[Weight], rows: Mapping[str, Row]) -> Context:
    n = max(len(rows), 1)
    average = {w.criterion: w.weight * sum(r.cells[w.criterion] for r in rows.values()) / n for w in weights}
    return Context(
        scenario,
        kb.citations(),
        {c.id: cell_keys(c, scenario) for c in kb.criteria},
        {w.criterion: w.refs for w in weights},
        kb.strategy_weights.floor.source,
        kb.version,
        {p.id: p.name for p in kb.platforms},
        {g.id: g.label for g in kb.goals},
        average,
    )


def sources(ctx: Context, tactic: Tactic, top: Sequence[Contribution], gates: Iterable[str] = ()) -> list[Citation]:
    """The guidance behind a tactic's place in the plan, most relevant first: its
    strategy and the strategy weights, then for its three strongest criteria the cells
    it scored and what set their weights in this scenario, then the fit gates that held
    it back (``gates``), then its hours. Only what applies: a base weight the scenario
    did not use is not cited."""
    found = [tactic.strategy_source, ctx.floor_ref]
    scores = tactic.scores
    for c in top[:3]:
        for key in ctx.cell_keys[c.criterion]:
            found.append(tactic.goals_source if key is None else scores[key].source)
        found += ctx.weight_refs[c.criterion]
    found += gates
    found += [tactic.min_hours.source, tactic.saturation_hours.source, tactic.unit.source]
    cites = ctx.cites
    return [cites[ref] for ref in dict.fromkeys(found)]


def tactic_plan(
    ctx: Context,
    tactic: Tactic,
    kb: KnowledgeBase,
    row: Row,
    weights: list[Weight],
    strategy_weight: float,
    quarters: int,
    item: Item | None,
    binding: str,
    group_total: float,
    exponent: float,
    tactic_gates: tuple[Gate, ...],
    worth: float,
    runner_up: RunnerUp | None = None,
    would_change: str | None = None,
) -> TacticPlan:
    """One tactic's place in the plan and why. ``runner_up`` and ``would_change`` come
    from comparing it with the other tactics and from planning again, which only the
    caller can do (see :mod:`planner.engine.build`)."""
    hours = quarters / 4
    static = _static_parts(tactic, ctx.version)
    contribs = contributions(row, weights)
    raw = item.value(quarters) if item and quarters else 0.0
    # Its share of its strategy's term in the objective, in proportion to what it earns.
    value = combine(group_total, strategy_weight, exponent) * raw / group_total if group_total > 0 else 0.0
    lo = (item.lo / 4) if item else tactic.min_hours.value
    cap = (item.hi / 4) if item else tactic.saturation_hours.value
    first = gain(group_total, item.value(item.lo), strategy_weight, exponent) / (item.lo / 4) if item and item.lo else 0.0
    marginal = marginal_per_hour(item, quarters, strategy_weight, group_total, exponent) if item else 0.0
    strongest = ", ".join(f"{c.label} {c.contribution:.2f}" for c in contribs[:2])
    lead = (
        f"{hours:g} h. Score {row.score:.2f} (strongest: {strongest}) × {tactic.strategy} weight {strategy_weight:.2f}."
        if quarters
        else f"Not planned. Score {row.score:.2f} (strongest: {strongest}) × {tactic.strategy} weight {strategy_weight:.2f}."
    )
    closed = next((GATE_LABEL.get(g.id, g.id) for g in tactic_gates if g.factor <= 0), "fit")
    detail = BINDING_TEXT[binding].format(
        cap=cap, sat=tactic.saturation_hours.value, hours=hours, mv=marginal, lo=lo, first=first, gate=closed
    )
    scenario = ctx.scenario
    if quarters:
        text, count = output_line(tactic, hours, kb)
        activities = [Activity.model_construct(text=text, count=count), *static[1]]
        output = text
        fits = reasons.fit_sentence(tactic, scenario, ctx.goal_labels, tactic_gates)
        said = [
            *([fits] if fits else []),
            reasons.driver_sentence(tactic, scenario, contribs, ctx.average),
            reasons.hours_sentence(hours, output),
        ]
    else:
        activities = list(static[1])
        output = ""
        said = [reasons.not_planned(binding, scenario, tactic_gates, lo)]
    details = Details.model_construct(
        summary=f"{lead} {detail}",
        strategy_weight=strategy_weight,
        score=row.score,
        fit=worth,
        factors={g.id: g.factor for g in tactic_gates},
        contributions=list(contribs),
        marginal_value_per_hour=float(marginal),
    )
    why = Why.model_construct(
        reasons=said,
        runner_up=runner_up,
        would_change=would_change,
        binding=binding,
        details=details,
        sources=sources(ctx, tactic, contribs, (g.source for g in tactic_gates if g.factor < 1)),
    )
    return TacticPlan.model_construct(
        id=tactic.id,
        name=tactic.name,
        platform=tactic.platform,
        platform_name=ctx.platform_names[tactic.platform],
        strategy=tactic.strategy,
        paid=tactic.paid,
        months_to_results=tactic.months_to_results.value,
        hours=hours,
        value=float(value),
        output=output,
        activities=activities,
        kpis=list(static[0]),
        why=why,
    )


_STATIC: dict[tuple[str, str], tuple[tuple[Kpi, ...], tuple[Activity, ...]]] = {}


def _static_parts(tactic: Tactic, version: str) -> tuple[tuple[Kpi, ...], tuple[Activity, ...]]:
    """KPIs and activity lines never change for a knowledge base; the models are
    frozen, so one set of instances serves every plan."""
    key = (version, tactic.id)
    parts = _STATIC.get(key)
    if parts is None:
        if len(_STATIC) > 4096:
            _STATIC.clear()
        parts = _STATIC[key] = (
            tuple(Kpi.model_construct(name=k.name, how=k.how) for k in tactic.kpis),
            tuple(Activity.model_construct(text=a) for a in tactic.activities),
        )
    return parts


def binding_for(item: Item, quarters: int, hi_reason: str, user_min: bool) -> str:
    if quarters >= item.hi:
        return hi_reason
    if quarters == item.lo:
        return "user-min" if user_min and item.forced else "min-effective"
    return "budget"


def gain(group_total: float, extra: float, weight: float, exponent: float) -> float:
    """Objective gained when a strategy earning ``group_total`` earns ``extra`` more."""
    return combine(group_total + extra, weight, exponent) - combine(group_total, weight, exponent)


def marginal_per_hour(item: Item, quarters: int, weight: float, group_total: float, exponent: float) -> float:
    """Objective gained by one more hour (or what is left of it below the cap)."""
    top = min(item.hi, quarters + 4)
    if top <= quarters or quarters == 0 and top < item.lo:
        return 0.0
    return gain(group_total, item.value(top) - item.value(quarters), weight, exponent)
