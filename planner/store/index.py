"""A cache of what listing shows, so listing 10,000 scenarios does not parse 10,000 files.

``.index.json`` maps each file name to the file's *stamp* — ``(inode, size, mtime in
ns)`` — and the summary listing needs. Listing still reads the directory (cheap), and
trusts an entry only if the file's current stamp matches. Every save replaces the file
with a new one (a new inode), so any change by any process — another planner, an editor,
a sync tool — shows up as a stamp mismatch and that one file is parsed again.

The index is only a cache: a missing, corrupt or foreign index is silently rebuilt, and
writing it is best effort (a read-only store still lists fine). Two processes writing it
at once is harmless: each writes a complete, valid snapshot atomically.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INDEX_VERSION = 1

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
    def from_json(cls, data: dict[str, Any]) -> Summary:
        return cls(
            name=data["name"],
            status=data["status"],
            schema_version=int(data["schema_version"]),
            hours_per_week=data["hours_per_week"],
            reach_priority=data["reach_priority"],
            goals=tuple(data["goals"]),
        )


def read_index(path: Path) -> dict[str, tuple[Stamp, Summary]]:
    """The cached entries, or nothing if the index is missing or unusable."""
    try:
        with open(path, "rb") as f:
            data = json.loads(f.read())
        if data.get("index_version") != INDEX_VERSION:
            return {}
        return {
            file: (tuple(entry["stamp"]), Summary.from_json(entry["summary"]))  # type: ignore[misc]
            for file, entry in data["entries"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


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
