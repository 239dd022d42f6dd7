"""Plans → a :class:`~planner.models.comparison.Comparison` (2–4 side by side).

Pure: no I/O, no views. The first plan is the baseline; hours of each tactic are
compared against it, and a tactic that only some plans use shows 0 hours in the others
instead of being dropped, so a column never silently loses a row.
"""

from __future__ import annotations

from collections.abc import Callable

from planner import fmt
from planner.compare.inputs import Names, describe, input_fields, label, raw_value
from planner.errors import PlannerError
from planner.models.comparison import Comparison, InputDiff, ScenarioOutcome, SplitColumn, TacticRow
from planner.models.plan import Plan, TacticPlan
from planner.models.scenario import Scenario

MIN_PLANS = 2
MAX_PLANS = 4


def compare_plans(
    plans: list[Plan],
    names: list[str] | None = None,
    *,
    words: Names | None = None,
    replan: Callable[[Scenario], Plan] | None = None,
) -> Comparison:
    """Compare ``plans`` (the first is the baseline). ``names`` label the columns;
    default: each plan's scenario name. ``words`` says how goal, platform and tactic
    ids read in the inputs (default: the names the plans carry). ``replan`` (the
    engine, for the plans' knowledge base) lets each variant's tactic changes be put
    down to the inputs that cause them."""
    if not MIN_PLANS <= len(plans) <= MAX_PLANS:
        raise PlannerError(f"compare needs {MIN_PLANS} to {MAX_PLANS} scenarios, got {len(plans)}")
    names = [p.scenario.name for p in plans] if names is None else list(names)
    if len(names) != len(plans):
        raise PlannerError(f"compare got {len(plans)} plans but {len(names)} names")
    scenarios = [p.scenario for p in plans]
    words = words or Names.of_plans(plans)

    inputs = []
    for field in input_fields():
        raws = [raw_value(s, field) for s in scenarios]
        inputs.append(
            InputDiff(
                field=field,
                label=label(field),
                values=[describe(s, field, words) for s in scenarios],
                differs=any(r != raws[0] for r in raws[1:]),
            )
        )

    splits = [
        SplitColumn(
            name=n,
            broadcast=p.split.broadcast,
            relationships=p.split.relationships,
            broadcast_hours=p.split.broadcast_hours,
            relationships_hours=p.split.relationships_hours,
            allocated_hours=p.hours.allocated,
            available_hours=p.hours.available,
        )
        for n, p in zip(names, plans, strict=True)
    ]

    outcomes = []
    for i, (n, p) in enumerate(zip(names, plans, strict=True)):
        if p.sensitivity is None:  # only the app's first paint is built without it
            raise PlannerError(f"compare needs each plan with its sensitivity; {n!r} was built without it")
        diffs = [] if i == 0 else [
            d for d in inputs if raw_value(p.scenario, d.field) != raw_value(plans[0].scenario, d.field)
        ]
        outcomes.append(
            ScenarioOutcome(
                name=n,
                role="baseline" if i == 0 else "variant",
                changed_inputs=[d.label for d in diffs],
                changed=[f"{d.label}: {d.values[0]} → {d.values[i]}" for d in diffs],
                broadcast=p.split.broadcast,
                relationships=p.split.relationships,
                allocated_hours=p.hours.allocated,
                verdict=p.sensitivity.verdict,
                sensitivity_summary=p.sensitivity.summary,
                explained=_explained(plans[0], p, diffs, replan, words) if diffs and replan is not None else [],
                warnings=list(p.warnings),
                model_version=p.model_version,
                knowledge_version=p.knowledge_version,
            )
        )

    return Comparison(
        names=names,
        baseline=names[0],
        inputs=inputs,
        splits=splits,
        tactics=_tactic_rows(plans),
        scenarios=outcomes,
    )


def _explained(
    base: Plan, variant: Plan, diffs: list[InputDiff], replan: Callable[[Scenario], Plan], words: Names
) -> list[str]:
    """For each input that differs, what it does alone: the baseline with only that
    input changed, planned again, against the baseline's tactics."""
    before = {t.id for t in base.tactics}
    out = []
    for d in diffs:
        alone = base.scenario.with_changes(**{d.field: raw_value(variant.scenario, d.field)})
        after = {t.id for t in replan(alone).tactics}
        added = [words.channel(t) for t in sorted(after - before)]
        dropped = [words.channel(t) for t in sorted(before - after)]
        moves = ([f"adds {fmt.listing(added)}"] if added else []) + ([f"drops {fmt.listing(dropped)}"] if dropped else [])
        out.append(f"{d.label} alone {' and '.join(moves) if moves else 'keeps the same tactics'}.")
    return out


def _tactic_rows(plans: list[Plan]) -> list[TacticRow]:
    hours: list[dict[str, float]] = [{t.id: t.hours for t in p.tactics if t.hours > 0} for p in plans]
    info: dict[str, TacticPlan] = {}
    for p in plans:
        for t in p.tactics:
            if t.hours > 0:
                info.setdefault(t.id, t)
    rows = []
    for ident, t in info.items():
        per = [h.get(ident, 0.0) for h in hours]
        rows.append(
            TacticRow(
                id=ident,
                name=t.name,
                platform_name=t.platform_name,
                strategy=t.strategy,
                hours=per,
                delta=[x - per[0] for x in per],
                present=[ident in h for h in hours],
            )
        )
    rows.sort(key=lambda r: (-r.hours[0], -max(r.hours), r.id))
    return rows


__all__ = ["MAX_PLANS", "MIN_PLANS", "Names", "compare_plans"]
