"""A cache of what listing shows, so listing 10,000 scenarios does not parse 10,000 files.

``.index.json`` maps each file name to the file's *stamp* — ``(inode, size, mtime in
ns)`` — and the summary listing needs. Listing still reads the directory (cheap), and
trusts an entry only if the file's current stamp matches. Every save replaces the file
with a new one (a new inode), so any change by any process — another planner, an editor,
a sync tool — shows up as a stamp mismatch and that one file is parsed again.

The index is only a cache: a missing, corrupt or foreign index is silently rebuilt, and
writing it is best effort (a read-only store still lists fine). Two processes writing it
at once is harmless: each writes a complete, valid snapshot atomically. Every entry is
checked before it is trusted: one with a wrong type or shape (a name that is a number,
say) is a cache miss, and that one file is read again.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.fsio import UnreadableFile, read_regular

INDEX_VERSION = 1
MAX_INDEX_BYTES = 64 << 20
"""About 300,000 scenarios' worth; anything larger is not an index we wrote."""

Stamp = tuple[int, int, int]


def stamp_of(st: os.stat_result) -> Stamp:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Summary:
    """What a listing shows for one file."""

    name: str | None
    status: str
    """``ok``, or ``newer`` for a file from a newer planner (listed, never written)."""
    schema_version: int
    hours_per_week: float | None = None
    reach_priority: int | None = None
    goals: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "schema_version": self.schema_version,
            "hours_per_week": self.hours_per_week,
            "reach_priority": self.reach_priority,
            "goals": list(self.goals),
        }

    @classmethod
    def from_json(cls, data: Any) -> Summary | None:
        """The summary in an index entry, or ``None`` if it is not one we wrote."""
        if not isinstance(data, dict) or set(data) != _SUMMARY_KEYS:
            return None
        name, status, version = data["name"], data["status"], data["schema_version"]
        hours, reach, goals = data["hours_per_week"], data["reach_priority"], data["goals"]
        if not (
            (name is None or isinstance(name, str))
            and status in ("ok", "newer")
            and _is_int(version)
            and (hours is None or (isinstance(hours, (int, float)) and not isinstance(hours, bool) and math.isfinite(hours)))
            and (reach is None or _is_int(reach))
            and isinstance(goals, list)
            and all(isinstance(g, str) for g in goals)
        ):
            return None
        return cls(name, status, version, hours, reach, tuple(goals))


_SUMMARY_KEYS = {"name", "status", "schema_version", "hours_per_week", "reach_priority", "goals"}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _stamp(value: Any) -> Stamp | None:
    if isinstance(value, list) and len(value) == 3 and all(_is_int(v) for v in value):
        return (value[0], value[1], value[2])
    return None


def read_index(path: Path) -> dict[str, tuple[Stamp, Summary]]:
    """The cached entries that are well formed, or nothing if the index is missing or
    unusable. (Read like any user file: a FIFO or a device there is not waited on.)"""
    try:
        raw, _ = read_regular(path, MAX_INDEX_BYTES)
        data = json.loads(raw)
    except (UnreadableFile, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("index_version") != INDEX_VERSION or not isinstance(data.get("entries"), dict):
        return {}
    entries: dict[str, tuple[Stamp, Summary]] = {}
    for file, entry in data["entries"].items():
        if not isinstance(entry, dict):
            continue
        stamp, summary = _stamp(entry.get("stamp")), Summary.from_json(entry.get("summary"))
        if stamp is not None and summary is not None:
            entries[file] = (stamp, summary)
    return entries


def write_index(path: Path, entries: dict[str, tuple[Stamp, Summary]]) -> None:
    """Best effort: a cache that cannot be written is just not used next time."""
    from planner.store.atomic import write_atomic
    from planner.store.errors import StoreWriteError

    data = {
        "index_version": INDEX_VERSION,
        "entries": {
            file: {"stamp": list(stamp), "summary": summary.to_json()}
            for file, (stamp, summary) in sorted(entries.items())
        },
    }
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        write_atomic(path, raw, durable=False)
    except StoreWriteError:
        pass
