"""Reading a file someone named, safely: never block, never read without limit.

Every file the planner reads from outside (a ``--scenario`` file, ``*.toml`` in a
strategies directory, the scenario store and its index) comes through
:func:`read_regular`, which keeps one rule:

* **Only regular files are read.** The path is checked with ``stat`` before it is
  opened, so a named pipe (FIFO), a device such as ``/dev/zero``, a socket or a
  directory is reported by what it is, and never opened at all (opening a FIFO
  waits for a writer; reading ``/dev/zero`` never ends). A symbolic link is followed
  to the file it names; a dangling link or a loop of links is reported as such.
* **Open without blocking, check again.** The file is opened ``O_NONBLOCK`` and
  checked with ``fstat``, so a file swapped for a FIFO between the two checks still
  cannot make the planner wait.
* **A size cap on the bytes actually read**, not on the size ``stat`` reports (which
  is 0 for many special files and can change while reading).

Problems are :class:`UnreadableFile` with a ``reason`` that completes "FILE …", so
each caller can word its own one-line message around it. Also the JSON parsing that
user files share (:func:`parse_json`), whose problems say what is wrong with the
file, never what Python's parser ran into.
"""

from __future__ import annotations

import errno as errnos
import os
import re
import stat
from pathlib import Path
from typing import Any

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class UnreadableFile(Exception):
    """A file that cannot be read. ``reason`` completes "FILE …" (``is a named pipe
    (FIFO), not a regular file``). ``kind`` says which case it is:

    * ``missing``: nothing is there;
    * ``not-regular``: something other than a regular file is there (including a
      dangling symbolic link or a loop of them);
    * ``too-large``: more than the limit;
    * ``os-error``: a regular file the system would not let us read (permissions, I/O).
    """

    def __init__(self, reason: str, kind: str, errno: int | None = None) -> None:
        self.reason = reason
        self.kind = kind
        self.errno = errno
        super().__init__(reason)

    @property
    def missing(self) -> bool:
        return self.kind == "missing"


def kind_of(mode: int) -> str:
    """What a file is, for a message: ``"a named pipe (FIFO)"``, ``"a directory"``…"""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def not_regular(mode: int) -> str:
    kind = kind_of(mode)
    return kind if kind == "not a regular file" else f"is {kind}, not a regular file"


def stat_problem(path: Path | str, exc: OSError) -> UnreadableFile:
    """The :class:`UnreadableFile` for an ``OSError`` from ``stat`` or ``open``."""
    if isinstance(exc, FileNotFoundError):
        if os.path.lexists(path):
            return UnreadableFile(f"is a symbolic link to {_target(path)}, which does not exist", "not-regular", exc.errno)
        return UnreadableFile("does not exist", "missing", exc.errno)
    if exc.errno == errnos.ELOOP:
        return UnreadableFile("is a symbolic link that leads to itself (a loop of links)", "not-regular", exc.errno)
    if isinstance(exc, IsADirectoryError):
        return UnreadableFile("is a directory, not a regular file", "not-regular", exc.errno)
    if isinstance(exc, PermissionError):
        return UnreadableFile("cannot be read: permission denied; check its permissions", "os-error", exc.errno)
    if isinstance(exc, NotADirectoryError):
        return UnreadableFile("cannot be read: a part of its path is not a directory", "os-error", exc.errno)
    return UnreadableFile(f"cannot be read: {(exc.strerror or str(exc)).lower()}", "os-error", exc.errno)


def read_regular(path: Path | str, limit: int, *, st: os.stat_result | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at ``path`` (at most ``limit`` of them) and its
    ``fstat``. ``st``: a ``stat`` (following links) the caller already has, to save
    a system call. Raises :class:`UnreadableFile`."""
    try:
        if st is None:
            st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableFile(not_regular(st.st_mode), "not-regular")
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise stat_problem(path, exc) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped since the stat above
            raise UnreadableFile(not_regular(st.st_mode), "not-regular")
        data = _read_upto(fd, limit + 1, st.st_size)
    except OSError as exc:
        raise stat_problem(path, exc) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise UnreadableFile(f"is larger than {limit:,} bytes", "too-large")
    return data, st


def _read_upto(fd: int, cap: int, expected: int) -> bytes:
    """Read to the end or ``cap`` bytes, whichever comes first. Sized by the stat, so a
    small file costs one read of its size and one that finds the end."""
    chunks, total = [], 0
    while total < cap:
        want = expected - total + 1 if expected >= total else 1 << 16
        chunk = os.read(fd, min(want, cap - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _target(path: Path | str) -> str:
    try:
        return repr(os.readlink(path))
    except OSError:
        return "a file"


# --- JSON ---------------------------------------------------------------------------

class JSONProblem(ValueError):
    """Why bytes are not a usable JSON document; ``reason`` completes "FILE …"."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def parse_json(raw: bytes | str, *, encoding: str = "utf-8", constants: bool = False) -> Any:
    """Parse JSON from a file. Raises :class:`JSONProblem` for text that is not
    UTF-8, invalid JSON (with line and column), nesting too deep for Python's parser,
    a number with thousands of digits, a ``\\ud800``-style escape that is half of a
    character (a lone surrogate), which no text can hold, and, unless ``constants``,
    ``NaN`` and ``Infinity`` (with ``constants`` they are left for validation to
    report by field)."""
    import json  # only when a user's JSON file is read: not at start-up

    try:
        text = raw.decode(encoding) if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise JSONProblem("is not UTF-8 text; save it as UTF-8") from None
    try:
        data = json.loads(text) if constants else json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise JSONProblem(f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise JSONProblem("is nested too deeply to be read (arrays or objects inside each other thousands of levels deep)") from None
    except _Constant as exc:
        raise JSONProblem(f"holds {exc.args[0]}, which is not a number JSON allows; use a finite number") from None
    except ValueError:
        # Python refuses to convert integers of more than 4,300 digits.
        raise JSONProblem("holds a number with thousands of digits; no field takes a number that large") from None
    if "\\u" in text or _SURROGATE.search(text):
        where = surrogate_path(data)
        if where is not None:
            raise JSONProblem(
                f"holds half of a character (a lone surrogate such as \\ud800) in {where or 'the document'}; "
                "remove it or write the whole character"
            )
    return data


class _Constant(ValueError):
    pass


def _reject_constant(value: str) -> Any:
    raise _Constant(value)


def surrogate_path(data: Any) -> str | None:
    """Where the first string holding a lone surrogate is (``name``, ``goals[2]``),
    ``""`` for the document itself, or ``None`` if there is none. Iterative, so any
    depth the parser accepted is fine."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return where
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                sub = f"{where}.{key}" if where else str(key)
                if _SURROGATE.search(key):
                    return sub
                stack.append((item, sub))
        elif isinstance(value, list):
            stack.extend((item, f"{where}[{i}]") for i, item in reversed(list(enumerate(value))))
    return None
