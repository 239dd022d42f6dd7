"""Saved scenarios for the Scenarios/Compare/export tests, with fixed file times."""

from __future__ import annotations

import os

from planner.knowledge import KnowledgeBase
from planner.models import Scenario
from planner.store import ScenarioStore

FIXED_NS = 1_763_683_200 * 10**9  # 2025-11-21 00:00 UTC, shown in the Modified column


def variants(kb: KnowledgeBase) -> list[Scenario]:
    base = kb.default_scenario()
    return [
        base.with_changes(name="Café baseline"),
        base.with_changes(name="More hours", hours_per_week=20),
        base.with_changes(name="Reach push", reach_priority=95, goals=["awareness"]),
        base.with_changes(name="B2B niche", market="b2b", audience="niche", reach_priority=20),
    ]


def save_all(scenarios: list[Scenario]) -> ScenarioStore:
    store = ScenarioStore.open()
    for i, s in enumerate(scenarios):
        stored = store.save(s)
        os.utime(stored.path, ns=(FIXED_NS + i * 60 * 10**9, FIXED_NS + i * 60 * 10**9))
    return store


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let workers (listing, dialogs) finish and the screen repaint."""
    await pilot.pause()
    for worker in list(pilot.app.workers):
        if worker.group == "scenarios-list":  # not dialog flows: they wait for the user
            await worker.wait()
    await pilot.pause()


def shown_text(widget) -> str:  # type: ignore[no-untyped-def]
    """What a widget shows on screen now, as plain text (works for Rich renderables)."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))
