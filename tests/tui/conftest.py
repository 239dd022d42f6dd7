"""Deterministic TUI tests: fixed time zone, fixed theme, fixed terminal sizes.

Snapshots depend on the knowledge base in strategies/ and on the engine; when either
changes on purpose, review the new screens and run
``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pytest

os.environ["TZ"] = "UTC"
time.tzset()

from planner.knowledge import KnowledgeBase, load_knowledge  # noqa: E402
from planner.models import Scenario  # noqa: E402
from planner.tui.app import PlannerApp  # noqa: E402
from planner.tui.live import BuildPlan  # noqa: E402

THEME = "textual-dark"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture
def make_app(kb: KnowledgeBase) -> Callable[..., PlannerApp]:
    def make(scenario: Scenario | None = None, *, build: BuildPlan | None = None, knowledge: KnowledgeBase | None = None) -> PlannerApp:
        base = knowledge or kb
        app = PlannerApp(base, scenario or base.default_scenario(), build=build)
        app.theme = THEME
        return app

    return make
