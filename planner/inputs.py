"""Assembling a scenario from what a user gives: a file, a preset, and overrides.

Shared by the CLI and the TUI so that ``planner --preset X`` and ``planner plan
--preset X`` mean exactly the same thing. Precedence: built-in default < preset or
file < overrides (flags).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.errors import InputError, first_problem
from planner.fmt import short
from planner.fsio import JSONProblem, UnreadableFile, parse_json, read_regular, surrogate_path
from planner.knowledge.references import channel_names, check_references
from planner.knowledge.schema import KnowledgeBase, Preset
from planner.models.scenario import Scenario

MAX_SCENARIO_BYTES = 1_000_000


def read_scenario_file(path: Path) -> dict[str, Any]:
    """Read a scenario file into a dict of scenario fields; errors name the file.

    Two kinds of file are read: bare scenario JSON (what ``planner plan --format
    json`` prints under ``scenario``) and a file from the scenario store (an envelope
    with ``format`` and ``schema_version``, migrated like the store migrates it).
    Either may start with a UTF-8 byte order mark, as some editors write. Only a
    regular file is read (a FIFO, a device or a loop of links is reported, never
    waited on), at most :data:`MAX_SCENARIO_BYTES` of it."""
    try:
        raw, _ = read_regular(path, MAX_SCENARIO_BYTES)
    except UnreadableFile as exc:
        if exc.kind == "missing":
            raise InputError(f"{path}: no such file; check the path given to --scenario", "scenario") from None
        if exc.kind == "too-large":
            raise InputError(f"{path}: {exc.reason}; is it a scenario file?", "scenario") from None
        if exc.kind == "not-regular":
            raise InputError(f"{path}: {exc.reason}; pass a scenario .json file", "scenario") from None
        raise InputError(f"{path}: {exc.reason}", "scenario") from None
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        data = parse_json(raw, constants=True)  # NaN and Infinity: reported by field below
    except JSONProblem as exc:
        raise InputError(f"{path}: {exc.reason}", "scenario") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: must hold a JSON object of scenario fields, not a {type(data).__name__}", "scenario")
    if "schema_version" in data or "format" in data:
        return _unwrap_store_file(path, data)
    return data


def _unwrap_store_file(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """The scenario fields of a file saved by the scenario store (any version)."""
    from planner.store.migrations import FORMAT, FormatProblem, TooNew, migrate

    try:
        data, _version = migrate(data)
    except TooNew as exc:
        raise InputError(
            f"{path}: was saved by a newer planner (file format version {exc.version}); upgrade planner to read it",
            "scenario",
        ) from None
    except FormatProblem as exc:
        raise InputError(f"{path}: {exc}", "scenario") from None
    scenario = data.get("scenario")
    if data.get("format") != FORMAT or not isinstance(scenario, dict):
        raise InputError(f"{path}: is not a planner scenario file (expected \"format\": \"{FORMAT}\" and a \"scenario\" object)", "scenario")
    return scenario


def build_scenario(
    kb: KnowledgeBase,
    *,
    scenario_file: Path | None = None,
    preset: str | None = None,
    overrides: dict[str, Any] | None = None,
    bounds: dict[str, dict[str, float]] | None = None,
) -> Scenario:
    """Default or preset or file, then overrides; validated against the model and the
    knowledge base. ``bounds`` are per-id min/max overrides merged into the scenario's
    own bounds (``--min linkedin=2`` keeps the file's max for linkedin). Raises
    :class:`InputError` naming the field."""
    if scenario_file is not None and preset is not None:
        raise InputError("give either --scenario or --preset, not both", "scenario")
    if scenario_file is None and not overrides and not bounds:
        # A preset as it is: already validated with the knowledge base.
        scenario = _preset(kb, preset).scenario if preset is not None else kb.default_scenario()
        check_references(scenario, kb)
        return scenario
    if preset is not None:
        data = _preset(kb, preset).scenario.model_dump(mode="json")
        origin = f"preset {preset}"
    elif scenario_file is not None:
        data = read_scenario_file(scenario_file)
        origin = str(scenario_file)
    else:
        # Flags alone start from a neutral base, not the default preset: a plan for
        # "--hours 2 --market b2b" must not inherit the café's goals and notes.
        data = neutral_scenario().model_dump(mode="json")
        origin = "neutral base"
    overrides = dict(overrides or {})
    if bounds:
        merged = data.get("bounds")
        merged = {k: dict(v) for k, v in merged.items() if isinstance(v, dict)} if isinstance(merged, dict) else {}
        for ident, limits in bounds.items():
            merged.setdefault(ident, {}).update(limits)
        overrides["bounds"] = merged
    if overrides:
        data = {**data, **overrides}
    bad_text = surrogate_path(data)  # e.g. a flag with bytes that are not UTF-8
    if bad_text is not None:
        field = bad_text.split(".")[0].split("[")[0] or None
        prefix = f"{origin}: " if scenario_file is not None and field not in overrides else ""
        raise InputError(
            f"{prefix}{bad_text}: holds something that is not text (bytes that are not UTF-8, or half of a "
            "character); type it again as plain text",
            field,
        )
    try:
        scenario = Scenario.model_validate_json(json.dumps(data, allow_nan=True))
    except ValidationError as exc:
        loc = exc.errors()[0]["loc"]
        field = str(loc[0]) if loc else None
        # Name the file when the bad value came from it rather than from a flag.
        from_file = scenario_file is not None and field not in overrides
        prefix = f"{origin}: " if from_file else ""
        path, detail = first_problem(exc, channel_names(kb))
        raise InputError(f"{prefix}{path}: {detail}", field, detail=detail) from None
    check_references(scenario, kb)
    return scenario


NEUTRAL_NAME = "Custom plan"


def neutral_scenario() -> Scenario:
    """No name of its own, no notes, no goals, middle values: what flags given without
    --preset or --scenario are applied to."""
    return Scenario(name=NEUTRAL_NAME)


def _preset(kb: KnowledgeBase, preset: str) -> Preset:
    known = {p.id: p for p in kb.presets}
    if preset not in known:
        raise InputError(f"--preset: {short(preset)} is not a preset; choose one of {', '.join(sorted(known))}", "preset")
    return known[preset]

