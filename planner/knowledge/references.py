"""Does a scenario name only what the knowledge base knows? Its goals, exclusions and
bounds are ids; a scenario saved with a strategies directory that is not loaded now
can name tactics this knowledge base lacks. Part of the knowledge layer, so the
engine can check a scenario without importing the shells' use cases."""

from __future__ import annotations

from planner.errors import InputError
from planner.knowledge.schema import KnowledgeBase
from planner.models.scenario import Scenario


def check_references(scenario: Scenario, kb: KnowledgeBase) -> None:
    """Goals, exclusions and bounds must name things the knowledge base knows."""
    for problem in reference_problems(scenario, kb):
        raise InputError(f"{problem[0]}: {problem[1]}", problem[0].split("[")[0].split(".")[0], detail=problem[1])


def channel_names(kb: KnowledgeBase) -> dict[str, str]:
    """Platform and tactic ids → their names, for messages people read."""
    return {p.id: p.name for p in kb.platforms} | {t.id: t.name for t in kb.tactics}


def reference_problems(scenario: Scenario, kb: KnowledgeBase) -> list[tuple[str, str]]:
    goals = {g.id for g in kb.goals}
    ids = {t.id for t in kb.tactics} | {p.id for p in kb.platforms}
    out: list[tuple[str, str]] = []
    for i, g in enumerate(scenario.goals):
        if g not in goals:
            out.append((f"goals[{i}]", f"{g!r} is not a known goal; choose from {', '.join(sorted(goals))}"))
    for i, ref in enumerate(scenario.exclude):
        if ref not in ids:
            out.append((f"exclude[{i}]", f"{ref!r} is neither a platform nor a tactic id; see `planner plan --format json` alternatives for ids"))
    for ref in scenario.bounds:
        if ref not in ids:
            out.append((f"bounds.{ref}", f"{ref!r} is neither a platform nor a tactic id"))
    return out
