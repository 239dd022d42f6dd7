"""Shared fixtures. Tests never touch the real user data directory."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("TZ", "UTC")
os.environ.setdefault("SOURCE_DATE_EPOCH", "1763683200")  # 2025-11-21, a fixed export date


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_HOME", str(tmp_path_factory.mktemp("planner-home")))


@pytest.fixture(scope="session")
def kb():
    from planner.knowledge import load_knowledge

    return load_knowledge()
