"""A pre-validated copy of the knowledge base, so start-up skips parsing and validating.

Reading ``strategies/*.toml`` and validating it with pydantic is the largest piece of
the app's start-up after importing Textual: it builds a validator for every schema
class (tens of milliseconds, megabytes that are never given back). The result only
depends on the bytes of the strategy files and on the code that validates them, so it
is cached like Python caches byte code: keyed by a SHA-256 of exactly those inputs.

* **Key.** The planner and pydantic versions, the Python version, the source of the
  modules that define the pickled classes, and every strategies directory with the
  name and bytes of each ``*.toml`` in it. Any edit, to a strategy file or to a model,
  is a different key; a stale entry is never served, only left to be pruned.
* **Where.** ``$PLANNER_CACHE_DIR``, else the platform's user cache directory
  (platformdirs). The directory is created private (0700) and an entry is used only if
  it is a regular file owned by this user that nobody else can write, because loading
  it runs pickle (the same trust Python gives its own ``__pycache__``).
* **Failure is a miss.** An unreadable, truncated or foreign entry is ignored and the
  knowledge base is loaded and validated as if there were no cache. Writing is best
  effort (a read-only home must not stop the app) and goes through a temporary file
  and ``os.replace``, so a reader never sees half an entry. It is not fsynced: a lost
  entry is simply rebuilt. (Not ``planner.store.atomic.write_atomic``: the knowledge
  layer may not import the store, and an entry must be created private, 0600, rather
  than take the umask or an old file's mode.)
* Only a knowledge base that validated is cached; problems are re-reported every run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import secrets
import stat
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from planner.knowledge.schema import KnowledgeBase

ENV_VAR = "PLANNER_CACHE_DIR"
APP_NAME = "planner"
PREFIX = "knowledge-"
SUFFIX = ".pickle"
KEEP = 8
"""Entries kept per cache directory (the newest), so edits do not pile up files."""

FORMAT = b"planner knowledge cache 1"
_PACKAGE = Path(__file__).resolve().parent.parent
_CODE = (
    "knowledge/schema.py",
    "knowledge/citations.py",
    "knowledge/loader.py",
    "models/base.py",
    "models/scenario.py",
    "models/plan.py",
)
"""Modules whose classes are pickled or that decide what is valid: a change to any of
them is a new key."""


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``$PLANNER_CACHE_DIR`` if set (and not empty), else the user cache directory."""
    env = os.environ if environ is None else environ
    chosen = env.get(ENV_VAR, "").strip()
    if chosen:
        return Path(chosen).absolute()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False)).absolute()


def cache_key(dirs: Iterable[Path]) -> str:
    """The SHA-256 of everything the validated knowledge base depends on."""
    from pydantic.version import VERSION as pydantic_version

    from planner import __version__
    from planner.knowledge.loader import toml_files

    digest = hashlib.sha256(FORMAT)
    for part in (__version__, pydantic_version, sys.version):
        digest.update(b"\0" + part.encode())
    for name in _CODE:
        digest.update(b"\0" + name.encode() + b"\0" + (_PACKAGE / name).read_bytes())
    for directory in dirs:
        digest.update(b"\0dir\0" + os.fsencode(directory))
        for path in toml_files(directory):
            digest.update(b"\0" + os.fsencode(path.name) + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cached_load(dirs: tuple[Path, ...], load: Callable[[], KnowledgeBase]) -> KnowledgeBase:
    """``load()``'s result, from the cache when an entry for exactly these inputs exists.

    Never raises because of the cache: any problem with it falls back to ``load()``,
    whose own errors (a :class:`~planner.knowledge.errors.KnowledgeError`) pass through.
    """
    try:
        entry = cache_dir() / f"{PREFIX}{cache_key(dirs)[:40]}{SUFFIX}"
    except OSError:
        return load()
    kb = _read(entry)
    if kb is not None:
        return kb
    kb = load()
    _write(entry, kb)
    return kb


def _read(entry: Path) -> KnowledgeBase | None:
    try:
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not _trusted(st):
            return None
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            kb = pickle.load(handle)
    except Exception:  # noqa: BLE001 - truncated, foreign or from another version: a miss
        return None
    finally:
        if fd != -1:
            os.close(fd)
    return kb if isinstance(kb, KnowledgeBase) else None


def _trusted(st: os.stat_result) -> bool:
    """A regular file of ours that only we can write."""
    owner_ok = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return stat.S_ISREG(st.st_mode) and owner_ok and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _write(entry: Path, kb: KnowledgeBase) -> None:
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, entry)
    except Exception:  # noqa: BLE001 - the cache is an optimisation; never fail a load for it
        with contextlib.suppress(OSError):
            tmp.unlink()
        return
    _prune(entry.parent, keep=entry)


def _prune(directory: Path, keep: Path) -> None:
    """Delete all but the :data:`KEEP` newest entries (never ``keep``)."""
    try:
        entries = sorted(
            (p for p in directory.glob(f"{PREFIX}*{SUFFIX}") if p != keep),
            key=lambda p: p.stat().st_mtime_ns,
            reverse=True,
        )
        for old in entries[KEEP - 1 :]:
            old.unlink()
    except OSError:
        return
