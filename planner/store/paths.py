"""Where saved scenarios live, and why there.

Precedence, most specific first: the ``--data-dir`` option, then the ``PLANNER_HOME``
environment variable, then the platform's user data directory (platformdirs), so tests,
scripts and people with several stores can each point the planner somewhere else
without touching the others. Nothing is created here: reading an empty or missing store
is not an error, and only saving creates directories.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "PLANNER_HOME"
APP_NAME = "planner"
SCENARIOS_DIR = "scenarios"
LOCK_NAME = ".lock"
INDEX_NAME = ".index.json"


@dataclass(frozen=True)
class StorePaths:
    """The store's files. ``source`` says which rule chose ``root`` (for ``planner where``)."""

    root: Path
    source: str

    @property
    def scenarios(self) -> Path:
        return self.root / SCENARIOS_DIR

    @property
    def lock(self) -> Path:
        """A separate file that is only ever locked, never replaced or deleted:
        replacing a locked file would silently give the next locker a different inode."""
        return self.scenarios / LOCK_NAME

    @property
    def index(self) -> Path:
        return self.scenarios / INDEX_NAME


def resolve_paths(data_dir: Path | str | None = None, environ: Mapping[str, str] | None = None) -> StorePaths:
    """The store to use: ``data_dir`` if given, else ``$PLANNER_HOME``, else the user data dir."""
    env = os.environ if environ is None else environ
    if data_dir is not None and str(data_dir) != "":
        return StorePaths(_absolute(data_dir), "--data-dir")
    home = env.get(ENV_VAR, "")
    if home.strip():
        return StorePaths(_absolute(home), f"${ENV_VAR}")
    from platformdirs import user_data_dir

    return StorePaths(_absolute(user_data_dir(APP_NAME, appauthor=False)), "user data directory")


def _absolute(path: Path | str) -> Path:
    # absolute(), not resolve(): keep the user's symlinks as they wrote them.
    return Path(path).expanduser().absolute()
