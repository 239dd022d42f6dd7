"""What the CLI and the TUI both do with saved scenarios, written once.

A shell parses arguments or reads widgets, calls one of these, and shows the result
or the :class:`~planner.errors.PlannerError`'s message its own way (stderr and an
exit code, or a notification). So ``planner compare A B`` and the Compare screen
refuse the same things with the same words, and a scenario saved with a strategies
directory that is not loaded now is reported alike everywhere instead of failing
deep in the engine.

Pure: no rich, no textual. Heavy modules (the engine, the store, compare, export)
are imported inside the functions, so a shell that imports this pays only when it
uses it.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from planner.errors import PlannerError
from planner.knowledge.references import reference_problems

if TYPE_CHECKING:
    from planner.knowledge.schema import KnowledgeBase
    from planner.models.comparison import Comparison
    from planner.models.plan import Plan
    from planner.models.scenario import Scenario
    from planner.store import ScenarioStore, StoredScenario

COMPARISON_FILE = "comparison.md"
"""Where a comparison is exported unless the user names a file."""


def check_saved(scenario: Scenario, kb: KnowledgeBase) -> None:
    """Refuse a saved scenario that names what this knowledge base lacks (typically
    tactics from a strategies directory that was given when it was saved but not now)."""
    from planner.store.names import shown

    problems = reference_problems(scenario, kb)
    if problems:
        field, message = problems[0]
        raise PlannerError(
            f"scenario {shown(scenario.name)}: {field}: {message}. If it was saved with extra strategies, "
            "use the same --strategies directory."
        )


def open_saved(store: ScenarioStore, name: str, kb: KnowledgeBase) -> StoredScenario:
    """Load ``name`` from the store and check it against ``kb``; raises
    :class:`PlannerError` (the store's own errors are ones) with the message to show."""
    stored = store.load(name)
    check_saved(stored.scenario, kb)
    return stored


def plan_saved(store: ScenarioStore, name: str, kb: KnowledgeBase) -> tuple[StoredScenario, Plan]:
    """Open ``name`` (see :func:`open_saved`) and plan it."""
    from planner.engine import build_plan

    stored = open_saved(store, name, kb)
    return stored, build_plan(stored.scenario, kb)


def compare_saved(store: ScenarioStore, names: list[str], kb: KnowledgeBase) -> Comparison:
    """Open, plan and compare 2–4 saved scenarios, the first as the baseline.

    Each variant's differences are explained by planning the baseline again with one
    input changed (without the sensitivity analysis, which the explanation does not
    read)."""
    from planner.compare import MAX_PLANS, MIN_PLANS, Names, compare_plans
    from planner.engine import build_plan
    from planner.store.names import identity, shown

    if not MIN_PLANS <= len(names) <= MAX_PLANS:
        raise PlannerError(f"compare takes {MIN_PLANS} to {MAX_PLANS} scenario names, got {len(names)}")
    seen: set[str] = set()
    for n in names:
        if identity(n) in seen:
            raise PlannerError(f"{shown(n)} is named twice; compare different scenarios")
        seen.add(identity(n))
    stored = [open_saved(store, n, kb) for n in names]
    return compare_plans(
        [build_plan(s.scenario, kb) for s in stored], [s.name for s in stored], words=Names.of(kb),
        replan=lambda scenario: build_plan(scenario, kb, sensitivity=False),
    )


def plan_markdown(plan: Plan, kb: KnowledgeBase, today: datetime.date) -> str:
    """The Markdown document of a plan, with goals and channels in ``kb``'s words: what
    ``planner export``, ``--format markdown`` and the app's export all write."""
    from planner.compare.inputs import Names
    from planner.export import plan_to_markdown

    return plan_to_markdown(plan, today=today, names=Names.of(kb))


def plan_file_name(scenario_name: str) -> str:
    """Where a plan is exported unless the user names a file: a safe file name."""
    from planner.store.names import slug

    return f"{slug(scenario_name)}.md"
