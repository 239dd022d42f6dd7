"""Shared fixtures. Tests never touch the real user data or cache directories."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

os.environ.setdefault("TZ", "UTC")
os.environ.setdefault("SOURCE_DATE_EPOCH", "1763683200")  # 2025-11-21, a fixed export date


# Set at import, before any test module loads a knowledge base (some do at collection),
# and removed when the session ends. Subprocesses inherit it.
_CACHE = tempfile.mkdtemp(prefix="planner-test-cache-")
os.environ["PLANNER_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_HOME", str(tmp_path_factory.mktemp("planner-home")))


@pytest.fixture(scope="session")
def kb():
    from planner.knowledge import load_knowledge

    return load_knowledge()
