"""Scenario file format versions, and how an older file becomes the current one.

Migrations run on the parsed JSON, before validation, one version at a time
(v1 → v2 → … → current), so each step is small, written once and tested with a
fixture of the version it reads (``tests/fixtures/store/v<N>_*.json``). A file from a
newer planner is refused, never guessed at and never overwritten.

Versions:

1. The scenario's fields at the top level, next to ``schema_version``.
2. An envelope: ``{"format": "planner.scenario", "schema_version": 2, "scenario": {...}}``.
   Keeping the scenario in its own object lets the file carry metadata later
   without any chance of colliding with a scenario field.
3. The scenario gains ``local``, ``ad_budget_per_month`` and ``existing_audience``, the
   inputs the value model of 2026.12 decides with. An older file is written with
   their neutral values (not local, no ad budget, a small audience) so what it means
   is explicit in the file; a plan that would have used paid tactics says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planner.fmt import short

FORMAT = "planner.scenario"
CURRENT_VERSION = 3

Data = dict[str, Any]


class FormatProblem(Exception):
    """The file is not a scenario file this planner understands (it will be moved aside)."""


class TooNew(Exception):
    def __init__(self, version: int) -> None:
        self.version = version
        super().__init__(version)


def _v1_to_v2(data: Data) -> Data:
    scenario = {k: v for k, v in data.items() if k != "schema_version"}
    return {"format": FORMAT, "schema_version": 2, "scenario": scenario}


NEW_IN_V3 = {"local": False, "ad_budget_per_month": 0.0, "existing_audience": "small"}


def _v2_to_v3(data: Data) -> Data:
    scenario = data.get("scenario")
    if isinstance(scenario, dict):
        scenario = {**NEW_IN_V3, **scenario}
    return {**data, "schema_version": 3, "scenario": scenario}


STEPS: dict[int, Callable[[Data], Data]] = {1: _v1_to_v2, 2: _v2_to_v3}
"""``STEPS[n]`` turns a version ``n`` file into a version ``n + 1`` file."""


def schema_version(data: Data) -> int:
    version = data.get("schema_version")
    if version is None:
        raise FormatProblem("has no schema_version, so it is not a planner scenario file")
    if isinstance(version, bool) or not isinstance(version, int):
        raise FormatProblem(f"has a schema_version of {short(version)}; it must be a whole number")
    if version < 1:
        raise FormatProblem(f"has schema_version {version}, which never existed")
    if version > CURRENT_VERSION:
        raise TooNew(version)
    return version


def migrate(data: Data) -> tuple[Data, int]:
    """Bring ``data`` to :data:`CURRENT_VERSION`; returns it and the version it had."""
    original = version = schema_version(data)
    while version < CURRENT_VERSION:
        data = STEPS[version](data)
        new_version = schema_version(data)
        assert new_version == version + 1, f"migration from v{version} produced v{new_version}"
        version = new_version
    return data, original
