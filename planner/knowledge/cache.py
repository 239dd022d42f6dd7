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
  it runs pickle (the same trust Python gives its own ``__pycache__``). The directory
  itself must be owned by this user and writable by nobody else, or it is not used at
  all (neither read nor written): in a directory others can write, they could move
  one of your entries over another.
* **Bound to its key.** Each entry starts with the key it was written for, compared
  before anything is unpickled, so an entry renamed or moved over another key (a
  knowledge base from a different strategies directory) is a miss, never a plan
  made from the wrong files.
* **Failure is a miss.** An unreadable, truncated or foreign entry is ignored and the
  knowledge base is loaded and validated as if there were no cache. Writing is best
  effort (a read-only home must not stop the app) and atomic
  (:func:`planner.fsio.write_atomic`), so a reader never sees half an entry. It is not
  fsynced (``durable=False``): a lost entry is simply rebuilt. An entry is created
  private, 0600, rather than take the umask or an old file's mode.
* Only a knowledge base that validated is cached; problems are re-reported every run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from planner.fsio import UnreadableFile, read_regular, write_atomic
from planner.knowledge.files import MAX_FILE_BYTES, toml_files
from planner.knowledge.schema import KnowledgeBase

ENV_VAR = "PLANNER_CACHE_DIR"
APP_NAME = "planner"
PREFIX = "knowledge-"
SUFFIX = ".pickle"
KEEP = 8
"""Entries kept per cache directory (the newest), so edits do not pile up files."""

FORMAT = b"planner knowledge cache 2"
_PACKAGE = Path(__file__).resolve().parent.parent
_CODE = (
    "knowledge/schema.py",
    "knowledge/citations.py",
    "knowledge/loader.py",
    "knowledge/files.py",
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

    digest = hashlib.sha256(FORMAT)
    for part in (__version__, pydantic_version, sys.version):
        digest.update(b"\0" + part.encode())
    for name in _CODE:
        digest.update(b"\0" + name.encode() + b"\0" + (_PACKAGE / name).read_bytes())
    for directory in dirs:
        digest.update(b"\0dir\0" + os.fsencode(directory))
        for path in toml_files(directory):
            # Read like the loader reads: a FIFO or /dev/zero named *.toml raises
            # UnreadableFile at once instead of blocking or reading forever.
            digest.update(b"\0" + os.fsencode(path.name) + b"\0" + read_regular(path, MAX_FILE_BYTES)[0])
    return digest.hexdigest()


def cached_load(dirs: tuple[Path, ...], load: Callable[[], KnowledgeBase]) -> KnowledgeBase:
    """``load()``'s result, from the cache when an entry for exactly these inputs exists.

    Never raises because of the cache: any problem with it falls back to ``load()``,
    whose own errors (a :class:`~planner.knowledge.errors.KnowledgeError`) pass through.
    """
    try:
        key = cache_key(dirs)
        directory = cache_dir()
    except (OSError, UnreadableFile):
        return load()  # a strategy file that cannot be read: loading reports it
    if not _private_dir(directory):
        return load()
    entry = directory / f"{PREFIX}{key[:40]}{SUFFIX}"
    kb = _read(entry, key)
    if kb is not None:
        return kb
    kb = load()
    _write(entry, key, kb)
    return kb


def _header(key: str) -> bytes:
    return FORMAT + b"\0" + key.encode("ascii") + b"\n"


def _private_dir(directory: Path) -> bool:
    """A cache directory that is ours and nobody else can write (or none yet: it is
    then created private). Anyone else who can write it could rename our entries."""
    try:
        st = os.stat(directory)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _trusted_owner(st)


def _read(entry: Path, key: str) -> KnowledgeBase | None:
    try:
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not _trusted(st):
            return None
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            header = _header(key)
            if handle.read(len(header)) != header:
                return None  # another key's entry, or another format: never unpickled
            kb = pickle.load(handle)
    except Exception:  # noqa: BLE001 - truncated, foreign or from another version: a miss
        return None
    finally:
        if fd != -1:
            os.close(fd)
    return kb if isinstance(kb, KnowledgeBase) else None


def _trusted(st: os.stat_result) -> bool:
    """A regular file of ours that only we can write."""
    return stat.S_ISREG(st.st_mode) and _trusted_owner(st)


def _trusted_owner(st: os.stat_result) -> bool:
    owner_ok = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return owner_ok and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _write(entry: Path, key: str, kb: KnowledgeBase) -> None:
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private_dir(entry.parent):
            return
        data = _header(key) + pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(entry, data, durable=False, mode=0o600)
    except Exception:  # noqa: BLE001 - the cache is an optimisation; never fail a load for it
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
