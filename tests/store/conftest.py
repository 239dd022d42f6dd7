from __future__ import annotations

from pathlib import Path

import pytest

from planner.models.scenario import Scenario
from planner.store import ScenarioStore


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the real user data directory."""
    monkeypatch.setenv("PLANNER_HOME", str(tmp_path / "home"))


@pytest.fixture
def store(tmp_path: Path) -> ScenarioStore:
    return ScenarioStore.open(tmp_path / "data", lock_timeout=5)


def make(name: str = "Spring sale", **changes: object) -> Scenario:
    return Scenario(name=name).with_changes(**changes) if changes else Scenario(name=name)
