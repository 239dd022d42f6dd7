"""The store's writes: :mod:`planner.fsio`'s atomic write, with its neutral errors
turned into the store's own :class:`StoreWriteError`, so every caller of the store
catches one family of errors (:class:`~planner.store.errors.StoreError`)."""

from __future__ import annotations

from pathlib import Path

from planner import fsio
from planner.store.errors import StoreWriteError


def store_write_error(problem: fsio.UnwritableFile) -> StoreWriteError:
    return StoreWriteError(problem.message, problem.path, problem.errno)


def write_error(path: Path, exc: OSError) -> StoreWriteError:
    """The :class:`StoreWriteError` for an ``OSError`` met while writing ``path``."""
    return store_write_error(fsio.unwritable(path, exc))


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """:func:`planner.fsio.write_atomic` (replacing ``path`` if it is there). Raises
    :class:`StoreWriteError`; the previous contents are then untouched."""
    try:
        fsio.write_atomic(path, data, durable=durable)
    except fsio.UnwritableFile as exc:
        raise store_write_error(exc) from None
