"""Saved scenarios: files, atomic writes, a lock, migrations and quarantine.

The public surface is :class:`ScenarioStore` and :func:`save_scenario`; see
:mod:`planner.store.store` for how the guarantees are kept. This package imports only
the standard library, pydantic, platformdirs and :mod:`planner.models` (never the
engine or any view), so the CLI and the TUI share exactly the same store.
"""

from __future__ import annotations

from pathlib import Path

from planner.models.scenario import Scenario
from planner.store.errors import (
    ConflictError,
    InvalidNameError,
    InvalidScenarioFileError,
    LockTimeoutError,
    NewerVersionError,
    ScenarioExistsError,
    ScenarioNotFoundError,
    StoreError,
    StoreReadError,
    StoreWriteError,
)
from planner.store.paths import StorePaths, resolve_paths
from planner.store.store import ListedScenario, Listing, ScenarioStore, StoredScenario, StoreProblem


def save_scenario(data_dir: Path | None, name: str, scenario: Scenario, *, overwrite: bool = False) -> Path:
    """Save ``scenario`` as ``name`` in the store chosen by ``data_dir`` (else
    ``$PLANNER_HOME``, else the user data dir); returns the file written.

    Saving the same scenario twice is fine; replacing a *different* scenario of that
    name needs ``overwrite=True`` (else :class:`ScenarioExistsError`).
    """
    return ScenarioStore.open(data_dir).save(scenario, name=name, overwrite=overwrite).path


__all__ = [
    "ConflictError",
    "InvalidNameError",
    "InvalidScenarioFileError",
    "ListedScenario",
    "Listing",
    "LockTimeoutError",
    "NewerVersionError",
    "ScenarioExistsError",
    "ScenarioNotFoundError",
    "ScenarioStore",
    "StoreError",
    "StorePaths",
    "StoreProblem",
    "StoreReadError",
    "StoreWriteError",
    "StoredScenario",
    "resolve_paths",
    "save_scenario",
]
