"""Bytes on disk ⇄ :class:`Scenario`: the current file format, size limit and checks.

The file is one human-readable JSON object, pretty-printed with sorted keys, UTF-8
without escaping non-ASCII, and a trailing newline. It holds no timestamps or other
volatile data, so encoding is a pure function of the scenario: save → load → save gives
identical bytes, and a file's SHA-256 is a reliable version token.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from planner.errors import first_validation_message
from planner.fmt import short
from planner.fsio import JSONProblem, parse_json
from planner.models.base import StrictModel
from planner.models.scenario import Scenario
from planner.store.migrations import CURRENT_VERSION, FORMAT, FormatProblem, TooNew, migrate

MAX_FILE_BYTES = 1_000_000
"""A scenario is a few kilobytes; anything this big is not one (and reading it must
not make listing slow or eat memory)."""

ENVELOPE_KEYS = {"format", "schema_version", "scenario"}


@dataclass(frozen=True)
class Decoded:
    scenario: Scenario
    schema_version: int
    """The version the file had on disk, before migration."""


class _Current(StrictModel):
    """A current-version file, validated in one pass by pydantic's JSON parser: the
    fast path that keeps a cold listing of 10,000 files well under a second."""

    format: Literal["planner.scenario"]
    schema_version: Literal[3]
    scenario: Scenario


assert CURRENT_VERSION == 3 and FORMAT == "planner.scenario", "update _Current with the format"


def encode(scenario: Scenario) -> bytes:
    data = {"format": FORMAT, "schema_version": CURRENT_VERSION, "scenario": scenario.model_dump(mode="json")}
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"
    return text.encode("utf-8")


def token(raw: bytes) -> str:
    """The version token of a file's bytes: if it changed, the file changed."""
    return hashlib.sha256(raw).hexdigest()


def decode(raw: bytes) -> Decoded:
    """Parse, migrate and validate a file's bytes.

    Raises :class:`FormatProblem` (the file is unusable; the message completes
    "the file …") or :class:`TooNew` (written by a newer planner).
    """
    if len(raw) <= MAX_FILE_BYTES:
        try:
            return Decoded(_Current.model_validate_json(raw).scenario, CURRENT_VERSION)
        except ValidationError:
            pass  # an older version, or a problem: the slow path below says which
    data = parse_object(raw)
    data, version = migrate(data)
    if data.get("format") != FORMAT:
        raise FormatProblem(f"has format {short(data.get('format'))}, expected {FORMAT!r}")
    extra = sorted(set(data) - ENVELOPE_KEYS)
    if extra:
        raise FormatProblem(f"has unknown top-level keys {', '.join(map(repr, extra))}")
    if not isinstance(data.get("scenario"), dict):
        raise FormatProblem("has no scenario object")
    try:
        scenario = Scenario.model_validate_json(json.dumps(data["scenario"]))
    except ValidationError as exc:
        raise FormatProblem(f"holds an invalid scenario ({first_validation_message(exc)})") from None
    return Decoded(scenario, version)


def parse_object(raw: bytes) -> dict[str, Any]:
    """The JSON object in ``raw``, or :class:`FormatProblem` saying why not."""
    if len(raw) > MAX_FILE_BYTES:
        raise FormatProblem(f"is larger than {MAX_FILE_BYTES:,} bytes, far more than any scenario")
    if not raw.strip():
        raise FormatProblem("is empty")
    try:
        data = parse_json(raw, encoding="utf-8-sig")
    except JSONProblem as exc:
        truncated = "; it may be truncated" if exc.reason.startswith("is not valid JSON") else ""
        raise FormatProblem(exc.reason + truncated) from None
    if not isinstance(data, dict):
        raise FormatProblem(f"holds a JSON {type(data).__name__}, not an object")
    return data


def name_hint(raw: bytes) -> str | None:
    """The scenario name in a file we cannot fully read (e.g. a newer version), if any."""
    try:
        data = parse_object(raw)
    except FormatProblem:
        return None
    for holder in (data.get("scenario"), data):
        name = holder.get("name") if isinstance(holder, dict) else None
        if isinstance(name, str):
            return name
    return None


__all__ = ["Decoded", "FormatProblem", "MAX_FILE_BYTES", "TooNew", "decode", "encode", "name_hint", "parse_object", "token"]
