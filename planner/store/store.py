"""The scenario store: one JSON file per scenario, safe against crashes and other writers.

How the guarantees are kept, and by which module:

* **Atomic writes** (:mod:`~planner.fsio`, through :mod:`~planner.store.atomic`): a save is all or nothing.
* **One writer at a time** (:mod:`~planner.store.lock`): every read-check-write
  sequence runs under the store's lock, so two planners never interleave.
* **No lost work** (here): :meth:`ScenarioStore.load` returns a version *token* (the
  SHA-256 of the file's bytes); saving with that token is refused with
  :class:`ConflictError` if the file changed or vanished in between, and the caller
  can then overwrite on purpose or save as a new name.
* **Safe names** (:mod:`~planner.store.names`): any text is a valid name; the file name
  is derived from it, and the real name inside the file is checked on every load.
* **Versions** (:mod:`~planner.store.migrations`): old files are migrated on load,
  newer ones are refused and never overwritten.
* **Bad files** (:mod:`~planner.store.quarantine`): reported by name, moved aside,
  and never stop the other scenarios from working.
* **Fast listing** (:mod:`~planner.store.index`): a stamp-validated cache.
"""

from __future__ import annotations

import builtins
import contextlib
import difflib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from planner.errors import first_problem
from planner.fsio import TEMP_SUFFIX, UnreadableFile, describe_os_error, fsync_directory, read_regular
from planner.models.scenario import Scenario
from planner.store import fileformat, index
from planner.store.atomic import write_atomic, write_error
from planner.store.errors import (
    ConflictError,
    InvalidNameError,
    InvalidScenarioFileError,
    NewerVersionError,
    ScenarioExistsError,
    ScenarioNotFoundError,
    StoreError,
    StoreReadError,
)
from planner.store.fileformat import MAX_FILE_BYTES, Decoded, FormatProblem, TooNew
from planner.store.lock import DEFAULT_TIMEOUT, exclusive_lock
from planner.store.migrations import CURRENT_VERSION
from planner.store.names import SUFFIX, file_name, identity, shown
from planner.store.paths import StorePaths, resolve_paths
from planner.store.quarantine import move_aside

STALE_TEMP_SECONDS = 3600
"""A temporary file this old belongs to a writer that crashed; listing removes it."""


@dataclass(frozen=True)
class StoredScenario:
    """A scenario as loaded from (or just written to) the store."""

    name: str
    scenario: Scenario
    token: str
    """Pass back to :meth:`ScenarioStore.save` as ``expected`` to detect other writers."""
    path: Path
    schema_version: int
    """The file's version on disk before migration (the current one after a save)."""


@dataclass(frozen=True)
class ListedScenario:
    """One row of a listing; read from the index when the file has not changed."""

    name: str
    file: str
    directory: Path
    status: str
    """``ok``, or ``newer``: written by a newer planner, shown but not usable here."""
    schema_version: int
    hours_per_week: float | None
    reach_priority: int | None
    goals: tuple[str, ...]
    modified_ns: int
    size: int

    @property
    def path(self) -> Path:
        # Computed on demand: building 10,000 Path objects is a third of a listing.
        return self.directory / self.file


@dataclass(frozen=True)
class StoreProblem:
    """A file that could not be used. ``moved_to`` is where it was moved aside, or
    ``None`` if it could not be moved (e.g. the store is read-only)."""

    file: str
    path: Path
    message: str
    moved_to: Path | None


@dataclass(frozen=True)
class Listing:
    scenarios: list[ListedScenario]
    problems: list[StoreProblem]

    def names(self) -> list[str]:
        return [s.name for s in self.scenarios]


class _UnreadableFileError(StoreReadError):
    """One file the system will not let us read (permissions, I/O): not the store."""

    def __init__(self, path: Path, reason: str) -> None:
        self.reason = reason
        super().__init__(f"cannot read {path}: {reason}.")


@dataclass(frozen=True)
class _OnDisk:
    """A file as found: its bytes and what they turned out to be."""

    raw: bytes
    st: os.stat_result
    decoded: Decoded | None = None
    problem: str | None = None
    """Why the file is unusable (it will be moved aside); completes "the file …"."""
    newer: int | None = None
    other_name: str | None = None
    """Set when the file is valid but holds a different scenario than its name implies."""


class ScenarioStore:
    """Saved scenarios in one directory. Cheap to create; holds no open files."""

    def __init__(self, paths: StorePaths, *, lock_timeout: float = DEFAULT_TIMEOUT) -> None:
        self.paths = paths
        self.lock_timeout = lock_timeout

    @classmethod
    def open(cls, data_dir: Path | str | None = None, *, lock_timeout: float = DEFAULT_TIMEOUT) -> ScenarioStore:
        """The store chosen by ``data_dir``, else ``$PLANNER_HOME``, else the user data dir."""
        return cls(resolve_paths(data_dir), lock_timeout=lock_timeout)

    @property
    def directory(self) -> Path:
        return self.paths.scenarios

    def path_for(self, name: str) -> Path:
        return self.directory / file_name(name)

    # ------------------------------------------------------------------ reading

    def load(self, name: str) -> StoredScenario:
        """The scenario saved under ``name`` (migrated if the file is older).

        Raises :class:`ScenarioNotFoundError`, :class:`NewerVersionError`, or
        :class:`InvalidScenarioFileError` (after moving the bad file aside).
        """
        path = self.path_for(name)
        found = self._inspect(path, name)
        if found is None:
            raise self._not_found(name)
        if found.newer is not None:
            raise self._newer(path, found.newer, name)
        if found.other_name is not None:
            moved = self._quarantine_one(path, found.raw)
            raise self._not_found(name, note=self._mismatch_note(path, found.other_name, moved))
        if found.problem is not None:
            moved = self._quarantine_one(path, found.raw)
            raise self._invalid(path, name, found.problem, moved)
        assert found.decoded is not None
        return StoredScenario(name, found.decoded.scenario, fileformat.token(found.raw), path, found.decoded.schema_version)

    def exists(self, name: str) -> bool:
        found = self._inspect(self.path_for(name), name)
        return found is not None and found.other_name is None and found.problem is None

    def list(self) -> Listing:
        """Every scenario, sorted by name, plus the files that could not be used.

        Unusable files are moved aside (``.invalid``) and reported; they never stop
        the others from being listed. Only files whose stamp differs from the index
        are opened, so an unchanged store of any size lists in milliseconds.
        """
        directory = self.directory
        try:
            entries = os.scandir(directory)
        except FileNotFoundError:
            return Listing([], [])
        except OSError as exc:
            raise self._unreadable(exc) from None
        cached = index.read_index(self.paths.index)
        fresh: dict[str, tuple[index.Stamp, index.Summary]] = {}
        rows: list[ListedScenario] = []
        bad: list[tuple[str, bytes | None, str]] = []
        unreadable: list[StoreProblem] = []
        dirty = False
        with entries:
            for entry in entries:
                fname = entry.name
                if fname.startswith("."):
                    _remove_if_stale_temp(entry)
                    continue
                if not fname.endswith(SUFFIX):
                    continue
                try:
                    st = entry.stat()
                except OSError:
                    if not entry.is_symlink():
                        continue  # removed while we were listing
                    st = None  # a dangling link or a loop of links: _inspect says which
                stamp = index.stamp_of(st) if st is not None else None
                hit = cached.get(fname)
                if hit is not None and st is not None and hit[0] == stamp:
                    summary = hit[1]
                else:
                    dirty = True
                    try:
                        found = self._inspect(Path(entry.path), None, st)
                    except _UnreadableFileError as exc:
                        # Unreadable (permissions): reported by name, left where it is,
                        # and the other scenarios are listed as usual.
                        message = f"{fname} cannot be read ({exc.reason}); it was left where it is"
                        unreadable.append(StoreProblem(fname, Path(entry.path), message, None))
                        continue
                    if found is None:
                        continue
                    problem = found.problem or (
                        self._mismatch_note(Path(entry.path), found.other_name, None).lstrip() if found.other_name else None
                    )
                    if problem is not None:
                        bad.append((fname, found.raw, problem))
                        continue
                    st, summary = found.st, _summary(found)
                    stamp = index.stamp_of(st)
                fresh[fname] = (stamp, summary)
                rows.append(
                    ListedScenario(
                        name=summary.name or fname,
                        file=fname,
                        directory=directory,
                        status=summary.status,
                        schema_version=summary.schema_version,
                        hours_per_week=summary.hours_per_week,
                        reach_priority=summary.reach_priority,
                        goals=summary.goals,
                        modified_ns=st.st_mtime_ns,
                        size=st.st_size,
                    )
                )
        if dirty or set(cached) != set(fresh):
            index.write_index(self.paths.index, fresh)
        rows.sort(key=lambda r: (r.name.casefold(), r.name, r.file))
        problems = self._quarantine_many(bad) + unreadable
        problems.sort(key=lambda p: p.file)
        return Listing(rows, problems)

    # ------------------------------------------------------------------ writing

    def save(
        self,
        scenario: Scenario,
        *,
        name: str | None = None,
        expected: str | None = None,
        overwrite: bool = False,
    ) -> StoredScenario:
        """Save ``scenario`` under ``name`` (default: its own name, which is set to ``name``).

        ``expected`` is the token :meth:`load` returned, or ``None`` for a scenario
        that is new. Without ``overwrite``:

        * a new scenario (``expected=None``) may not replace a different one of the
          same name (:class:`ScenarioExistsError`);
        * an opened one may not replace a file that changed or vanished since it was
          opened (:class:`ConflictError`).

        Saving bytes identical to what is on disk always succeeds (and writes nothing).
        A file from a newer planner is never replaced, even with ``overwrite``.
        """
        name = scenario.name if name is None else name
        scenario = _renamed(scenario, name)
        raw = fileformat.encode(scenario)
        path = self.path_for(name)
        with self._locked():
            found = self._checked_for_write(path, name)
            if found is not None and found.raw == raw:
                return StoredScenario(name, scenario, fileformat.token(raw), path, CURRENT_VERSION)
            if not overwrite:
                if expected is None and found is not None:
                    raise ScenarioExistsError(
                        f"a scenario named {shown(name)} already exists ({path}). Nothing was saved; "
                        "choose another name, or overwrite it on purpose.",
                        name,
                    )
                if expected is not None and found is None:
                    raise ConflictError(
                        f"{shown(name)} was deleted from the store ({path}) since you opened it, by another "
                        "planner or program. Your changes were not saved; save again with overwrite to "
                        "recreate it, or save them under a new name.",
                        name,
                    )
                if expected is not None and found is not None and fileformat.token(found.raw) != expected:
                    raise ConflictError(
                        f"{shown(name)} was changed on disk ({path}) since you opened it, by another planner "
                        "or program. Your changes were not saved; overwrite it with your version, or save "
                        "yours under a new name.",
                        name,
                    )
            write_atomic(path, raw)
        return StoredScenario(name, scenario, fileformat.token(raw), path, CURRENT_VERSION)

    def save_as(self, scenario: Scenario, name: str) -> StoredScenario:
        """Save as a new scenario; refuses to replace an existing one."""
        return self.save(scenario, name=name, expected=None, overwrite=False)

    def duplicate(self, name: str, new_name: str) -> StoredScenario:
        return self.save_as(self.load(name).scenario, new_name)

    def rename(self, old: str, new: str, *, expected: str | None = None) -> StoredScenario:
        """Give a scenario a new name. The new file is written before the old one is
        removed, so a crash in between leaves two copies, never none."""
        if old == new:
            return self.load(old)
        stored = self.load(old)
        if expected is not None and stored.token != expected:
            raise self._changed(old, stored.path)
        scenario = _renamed(stored.scenario, new)
        raw = fileformat.encode(scenario)
        new_path = self.path_for(new)
        with self._locked():
            current = self._inspect(stored.path, old)
            if current is None or fileformat.token(current.raw) != stored.token:
                raise self._changed(old, stored.path)
            if new_path != stored.path:
                target = self._checked_for_write(new_path, new)
                if target is not None:
                    raise ScenarioExistsError(
                        f"cannot rename {shown(old)} to {shown(new)}: a scenario with that name already "
                        f"exists ({new_path}). Nothing was changed; choose another name.",
                        new,
                    )
            write_atomic(new_path, raw)
            if new_path != stored.path:
                self._unlink(stored.path)
        return StoredScenario(new, scenario, fileformat.token(raw), new_path, CURRENT_VERSION)

    def delete(self, name: str, *, expected: str | None = None) -> Path:
        """Remove the scenario saved under ``name``; returns the removed file's path."""
        path = self.path_for(name)
        problem, moved = None, None
        with self._locked():
            found = self._inspect(path, name)
            missing = found is None or found.other_name is not None
            if found is not None and not missing:
                if found.problem is not None:
                    # Not a scenario (corrupt, a FIFO, a device…): moved aside like
                    # everywhere else, never deleted: it may be somebody's file.
                    problem, moved = found.problem, self._move_aside_locked(path)
                elif expected is not None and fileformat.token(found.raw) != expected:
                    raise self._changed(name, path)
                else:
                    self._unlink(path)
        # Raised outside the lock: the "did you mean" hint lists the store, which
        # may move bad files aside under the lock itself.
        if missing:
            raise self._not_found(name)
        if problem is not None:
            raise self._invalid(path, name, problem, moved)
        return path

    # ------------------------------------------------------------------ internals

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(self.directory, exc) from None
        with exclusive_lock(self.paths.lock, timeout=self.lock_timeout):
            yield

    def _checked_for_write(self, path: Path, name: str) -> _OnDisk | None:
        """What is at ``path`` before writing there (call under the lock). A file from a
        newer planner stops the write; an unusable or foreign file is moved aside first,
        so writing can never destroy anything."""
        found = self._inspect(path, name)
        if found is None:
            return None
        if found.newer is not None:
            raise self._newer(path, found.newer, name)
        if found.problem is not None or found.other_name is not None:
            self._move_aside_locked(path)
            return None
        return found

    def _inspect(self, path: Path, name: str | None, known: os.stat_result | None = None) -> _OnDisk | None:
        """Read and classify the file at ``path``; ``None`` if there is none.
        ``name`` is the name the caller expects it to hold (``None``: derive from path);
        ``known`` its ``stat`` if the caller has it. Raises :class:`StoreReadError` if
        it cannot be read at all (permissions); anything else wrong with it is a
        ``problem``, and the file is moved aside."""
        try:
            # Checked before it is opened (a FIFO would block, a device never end),
            # and the stamp is the fstat of the open file, so it describes the bytes.
            raw, st = read_regular(path, MAX_FILE_BYTES, st=known)
        except UnreadableFile as exc:
            if exc.kind == "missing":
                return None
            if exc.kind == "os-error":
                raise _UnreadableFileError(path, exc.reason.removeprefix("cannot be read: ")) from None
            reason = exc.reason + (", far more than any scenario" if exc.kind == "too-large" else "")
            return _OnDisk(b"", _lstat(path), problem=reason)
        try:
            decoded = fileformat.decode(raw)
        except TooNew as exc:
            return _OnDisk(raw, st, newer=exc.version)
        except FormatProblem as exc:
            return _OnDisk(raw, st, problem=str(exc))
        held = decoded.scenario.name
        if (name is not None and identity(held) != identity(name)) or file_name(held) != path.name:
            return _OnDisk(raw, st, decoded=decoded, other_name=held)
        return _OnDisk(raw, st, decoded=decoded)

    def _quarantine_one(self, path: Path, raw: bytes) -> Path | None:
        return self._quarantine_many([(path.name, raw, "")])[0].moved_to

    # Inside this class `list` is the method above, so annotations say builtins.list.
    def _quarantine_many(self, bad: builtins.list[tuple[str, bytes | None, str]]) -> builtins.list[StoreProblem]:
        """Move each bad file aside, under the lock, unless it changed since we read it
        (then it is somebody's fresh save and is left for the next listing to judge)."""
        if not bad:
            return []
        problems: builtins.list[StoreProblem] = []
        try:
            with self._locked():
                for fname, raw, reason in bad:
                    path = self.directory / fname
                    moved: Path | None = None
                    note = ""
                    try:
                        found = self._inspect(path, None)
                        if found is not None and found.raw == raw:
                            moved = move_aside(path)
                        elif found is not None:
                            continue
                    except (OSError, StoreError) as exc:
                        note = f"; it could not be moved aside ({_why(exc)})"
                    problems.append(StoreProblem(fname, path, _problem_text(fname, reason, moved) + note, moved))
        except StoreError as exc:
            for fname, _raw, reason in bad:
                path = self.directory / fname
                problems.append(
                    StoreProblem(fname, path, _problem_text(fname, reason, None) + f"; it could not be moved aside ({_why(exc)})", None)
                )
        return problems

    def _move_aside_locked(self, path: Path) -> Path:
        try:
            return move_aside(path)
        except OSError as exc:
            raise write_error(path, exc) from None

    def _unlink(self, path: Path) -> None:
        try:
            os.unlink(path)
        except OSError as exc:
            raise write_error(path, exc) from None
        fsync_directory(path.parent)

    def case_variants(self, name: str) -> builtins.list[str]:
        """Other saved names that differ from ``name`` only in capitals ("CAFE 10H" for
        "Cafe 10h"). Names are case-sensitive, so these are separate scenarios."""
        with contextlib.suppress(StoreError, OSError):
            return [n for n in self.list().names() if n != name and _folded(n) == _folded(name)]
        return []

    def _not_found(self, name: str, note: str = "") -> ScenarioNotFoundError:
        hint = ""
        with contextlib.suppress(StoreError, OSError):
            close = suggestions(name, self.list().names())
            if close and _folded(close[0]) == _folded(name):
                hint = " Names are case-sensitive: did you mean " + " or ".join(shown(c) for c in close) + "?"
            elif close:
                hint = " Did you mean " + " or ".join(shown(c) for c in close) + "?"
        return ScenarioNotFoundError(
            f"no scenario named {shown(name)} in {self.directory}{note}.{hint} "
            "List saved scenarios with `planner scenarios list`.",
            name,
        )

    def _mismatch_note(self, path: Path, held: str | None, moved: Path | None) -> str:
        where = f"; it was moved aside to {moved.name}" if moved else ""
        return (
            f" ({path.name} holds the scenario {shown(held or '')}, so it was copied or renamed by hand{where})"
        )

    def _newer(self, path: Path, version: int, name: str | None) -> NewerVersionError:
        who = shown(name) if name else path.name
        return NewerVersionError(
            f"{who} ({path}) was saved by a newer planner (file format version {version}; this planner reads "
            f"up to version {CURRENT_VERSION}). It was left untouched and will not be overwritten; "
            "upgrade planner to use it, or save under another name.",
            path,
            version,
        )

    def _invalid(self, path: Path, name: str, problem: str, moved: Path | None) -> InvalidScenarioFileError:
        where = f" It was moved aside to {moved}." if moved else ""
        return InvalidScenarioFileError(
            f"the file for {shown(name)} ({path}) {problem}, so it cannot be opened.{where} "
            "Your other scenarios are not affected.",
            path,
            moved,
        )

    def _changed(self, name: str, path: Path) -> ConflictError:
        return ConflictError(
            f"{shown(name)} was changed on disk ({path}) since you opened it, by another planner or program. "
            "Nothing was changed; open it again and retry.",
            name,
        )

    def _unreadable(self, exc: OSError) -> StoreReadError:
        return StoreReadError(
            f"cannot read the scenario store {self.directory}: {describe_os_error(exc)}. "
            "Use --data-dir or PLANNER_HOME to choose another store."
        )


def _folded(name: str) -> str:
    return identity(name).casefold()


def suggestions(name: str, names: list[str], n: int = 3) -> list[str]:
    """Saved names a person may have meant: every case variant of ``name`` first, then
    close matches, compared without regard to capitals (so "cafe 10h" finds both
    "Cafe 10h" and "CAFE 10H")."""
    by_fold: dict[str, list[str]] = {}
    for candidate in names:
        if candidate != name:
            by_fold.setdefault(_folded(candidate), []).append(candidate)
    variants = by_fold.get(_folded(name), [])
    close = difflib.get_close_matches(_folded(name), [f for f in by_fold if f != _folded(name)], n=n, cutoff=0.6)
    others = [c for f in close for c in by_fold[f]]
    return variants + others[: max(0, n - len(variants))]


def _renamed(scenario: Scenario, name: str) -> Scenario:
    if scenario.name == name:
        return scenario
    try:
        return scenario.with_changes(name=name)
    except ValidationError as exc:
        _, message = first_problem(exc)
        raise InvalidNameError(f"cannot use {shown(name)} as a scenario name: {message}.") from None


def _summary(found: _OnDisk) -> index.Summary:
    if found.newer is not None:
        return index.Summary(name=fileformat.name_hint(found.raw), status="newer", schema_version=found.newer)
    assert found.decoded is not None
    s = found.decoded.scenario
    return index.Summary(
        name=s.name,
        status="ok",
        schema_version=found.decoded.schema_version,
        hours_per_week=s.hours_per_week,
        reach_priority=s.reach_priority,
        goals=tuple(s.goals),
    )


def _problem_text(fname: str, reason: str, moved: Path | None) -> str:
    text = f"{fname} {reason}" if reason else f"{fname} cannot be used"
    return text + (f"; moved aside to {moved.name}" if moved else "")


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    return str(getattr(exc, "message", exc))


def _lstat(path: Path) -> os.stat_result:
    """What is at ``path`` itself (for an unusable file: only its name is reported)."""
    try:
        return os.lstat(path)
    except OSError:
        return os.stat_result((0,) * 10)


def _remove_if_stale_temp(entry: os.DirEntry[str]) -> None:
    """A crashed writer's temporary file (a live writer's is seconds old)."""
    if not entry.name.endswith(TEMP_SUFFIX):
        return
    with contextlib.suppress(OSError):
        if time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_TEMP_SECONDS:
            os.unlink(entry.path)
