"""What would change the plan: the plan again under small changes to what the user
controls, and which tactics hold.

The cases: reach priority ±10, hours ±25%, a horizon half and twice as long, and each
yes/no answer (local, scheduling tool, sales tracking) flipped. Each case plans again
with the same engine (:func:`planner.engine.build.solve`), so every claim made here
("with 25% more hours, LinkedIn posts join the plan") is what planning with that
change gives.

The **core** is the planned tactics that stay in every case, the **swing** tactics come
or go in some case. A plan is *stable* when its core holds at least
``advice.stable_core_share`` of its hours: its main tactics survive every small change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planner import fmt
from planner.engine.allocate import Allocation
from planner.knowledge.schema import KnowledgeBase
from planner.models.plan import Sensitivity, SensitivityCase, SwingTactic
from planner.models.scenario import Scenario

MAX_HOURS = 168.0
MAX_HORIZON = 120


@dataclass(frozen=True)
class Case:
    label: str
    """Short, for tables: "hours +25%"."""
    phrase: str
    """For sentences: "With 25% more hours (3.75 h a week)"."""
    scenario: Scenario


def cases(scenario: Scenario) -> list[Case]:
    """The small changes tested, in a fixed order (the first that moves a tactic is
    the one its "what would change it" line names). Changes that would leave the
    scenario as it is (reach already 100, a 1-month horizon) are skipped."""
    out: list[Case] = []

    def add(label: str, phrase: str, **changes: object) -> None:
        out.append(Case(label, phrase, scenario.model_copy(update=changes)))

    h = scenario.hours_per_week
    for factor, label, more in ((1.25, "hours +25%", "more"), (0.75, "hours -25%", "fewer")):
        new = min(MAX_HOURS, round(h * factor * 4) / 4)
        if new != h and new > 0:
            add(label, f"With 25% {more} hours ({fmt.hours(new)} h a week)", hours_per_week=new)
    p = scenario.reach_priority
    for delta in (10, -10):
        q = min(100, max(0, p + delta))
        if q != p:
            add(f"reach {delta:+d}", f"With reach priority at {q}", reach_priority=q)
    m = scenario.roi_horizon_months
    for months in (max(1, m // 2), min(MAX_HORIZON, m * 2)):
        if months != m:
            add(f"horizon {months} months", f"With a {months}-month horizon", roi_horizon_months=months)
    add("not local" if scenario.local else "local",
        "If your customers were not all local" if scenario.local else "As a local business", local=not scenario.local)
    add("no scheduler" if scenario.scheduler else "scheduler",
        "Without a scheduling tool" if scenario.scheduler else "With a scheduling tool", scheduler=not scenario.scheduler)
    add("no sales tracking" if scenario.sales_tracking else "sales tracking",
        "Without sales tracking" if scenario.sales_tracking else "With sales tracking",
        sales_tracking=not scenario.sales_tracking)
    return out


def share_of(alloc: Allocation | None) -> float:
    if alloc is None or alloc.broadcast + alloc.relationships == 0:
        return 0.0
    return alloc.broadcast / (alloc.broadcast + alloc.relationships)


@dataclass(frozen=True)
class Analysis:
    sensitivity: Sensitivity
    would_change: dict[str, str]
    """Planned tactic id → the first tested change that takes it out of the plan (or,
    when none does, brings in something new beside it), as a sentence. A tactic no
    tested change moves is not here."""


def analyse(
    scenario: Scenario,
    kb: KnowledgeBase,
    base: Allocation,
    names: dict[str, str],
    replan: Callable[[Scenario], Allocation],
) -> Analysis:
    """The sensitivity, and what would change each planned tactic's place."""
    base_share = share_of(base)
    planned = set(base.quarters)
    results: list[tuple[Case, set[str], SensitivityCase]] = []
    for case in cases(scenario):
        alloc = replan(case.scenario)
        got = set(alloc.quarters)
        share = share_of(alloc)
        results.append((case, got, SensitivityCase.model_construct(
            label=case.label,
            broadcast_share=share,
            delta=share - base_share,
            added=sorted(got - planned),
            removed=sorted(planned - got),
        )))

    core = sorted(t for t in planned if all(t in got for _, got, _ in results))
    moved: dict[str, list[str]] = {}
    for case, got, _ in results:
        for t in sorted(got ^ planned):
            moved.setdefault(t, []).append(case.label)
    swing = [SwingTactic.model_construct(id=t, moved_by=labels) for t, labels in sorted(moved.items())]

    changes: dict[str, str] = {}
    for t in sorted(planned):
        out = next(((c, got) for c, got, _ in results if t not in got), None)
        if out is not None:
            case, got = out
            joins = [names[x] for x in sorted(got - planned)]
            tail = f", and {fmt.listing(joins)} {'join' if len(joins) > 1 else 'joins'}" if joins else ""
            changes[t] = f"{case.phrase}, {names[t]} drops out of the plan{tail}."
            continue
        grows = next(((c, got) for c, got, _ in results if got - planned), None)
        if grows is not None:
            case, got = grows
            joins = [names[x] for x in sorted(got - planned)]
            changes[t] = f"{case.phrase}, {fmt.listing(joins)} {'join' if len(joins) > 1 else 'joins'} {names[t]} in the plan."

    hours = sum(base.quarters.values())
    held = sum(base.quarters[t] for t in core)
    stable = hours == 0 or held / hours >= kb.advice.stable_core_share.value - 1e-12
    summary = _summary(stable, core, swing, planned, names, held / 4, hours / 4, len(results))
    sensitivity = Sensitivity.model_construct(
        verdict="stable" if stable else "fragile",
        summary=summary,
        core=core,
        swing=swing,
        cases=[c for _, _, c in results],
    )
    return Analysis(sensitivity, changes)


def _summary(
    stable: bool, core: list[str], swing: list[SwingTactic], planned: set[str],
    names: dict[str, str], held: float, hours: float, tested: int,
) -> str:
    """Stable or fragile as a plain sentence about the core, and what moves the rest."""
    if not planned:
        return "Stable: there is no plan to move."
    kept = fmt.listing([names[t] for t in core])
    if core:
        head = f"{kept} ({fmt.hours(held)} of {fmt.hours(hours)} h) {'stay' if len(core) > 1 else 'stays'} in the plan under all {tested} small changes tested"
    else:
        head = f"no tactic stays in the plan under all {tested} small changes tested"
    out_of_plan = [s for s in swing if s.id in planned]
    detail = "; ".join(f"{names[s.id]} drops out with {' or '.join(s.moved_by)}" for s in out_of_plan[:3])
    if stable:
        return f"Stable: {head}." + (f" At the margin, {detail}." if detail else "")
    return f"Fragile: {head}." + (f" {detail}." if detail else "") + " Check those answers before you commit the hours."
