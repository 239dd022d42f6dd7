"""Which files make a strategies directory, and how large one may be: what the loader
reads and what the cache's key hashes, kept apart from both so the cache need not
import the loader to agree with it."""

from __future__ import annotations

from pathlib import Path

MAX_FILE_BYTES = 1_000_000
"""The most a strategies file may be; a larger one is a mistake, not a knowledge base."""


def toml_files(directory: Path) -> list[Path]:
    """The strategy files of one directory, in the order they are read (none if it is
    not a directory)."""
    return sorted(directory.glob("*.toml")) if directory.is_dir() else []
