"""What can go wrong with saved scenarios, worded for the person who has to act on it.

Every error here is a :class:`~planner.errors.PlannerError`, so the CLI turns it into a
one-line message with exit code 2 and the TUI into a notification: never a traceback.
Messages name the scenario or file, say what happened and what to do next.
"""

from __future__ import annotations

from pathlib import Path

from planner.errors import PlannerError


class StoreError(PlannerError):
    """Any problem with the scenario store."""


class StoreReadError(StoreError):
    """The store (its directory) cannot be read at all."""


class StoreWriteError(StoreError):
    """A file could not be written; whatever was there before is unchanged."""

    def __init__(self, message: str, path: Path | None = None, errno: int | None = None) -> None:
        self.path = path
        self.errno = errno
        super().__init__(message)


class LockTimeoutError(StoreError):
    """Another planner holds the store's lock for longer than we are willing to wait."""


class ScenarioNotFoundError(StoreError):
    def __init__(self, message: str, name: str) -> None:
        self.name = name
        super().__init__(message)


class ScenarioExistsError(StoreError):
    """Saving a new scenario under a name that is already taken by another one."""

    def __init__(self, message: str, name: str) -> None:
        self.name = name
        super().__init__(message)


class ConflictError(StoreError):
    """The scenario changed (or vanished) on disk since it was opened.

    Nothing was written. The caller can offer the two ways out the message names:
    overwrite (save again with ``overwrite=True``) or save as a new name.
    """

    def __init__(self, message: str, name: str) -> None:
        self.name = name
        super().__init__(message)


class InvalidScenarioFileError(StoreError):
    """A scenario file that cannot be used: corrupt, truncated, oversized, wrong type."""

    def __init__(self, message: str, path: Path, moved_to: Path | None = None) -> None:
        self.path = path
        self.moved_to = moved_to
        super().__init__(message)


class NewerVersionError(StoreError):
    """A file written by a newer planner: refused, and never overwritten."""

    def __init__(self, message: str, path: Path | None, version: int) -> None:
        self.path = path
        self.version = version
        super().__init__(message)


class InvalidNameError(StoreError):
    """A scenario name that cannot be stored (blank, too long, control characters)."""
