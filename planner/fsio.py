"""Files named by a user, read and written safely: never block, never read without
limit, never leave half a file. The one home of both, used by the store, the
knowledge base and its cache, the scenario inputs and the exports. Stdlib only, and
its errors are neutral (:class:`UnreadableFile`, :class:`UnwritableFile`, with a
``reason`` in plain words), so each caller words its own message or wraps them in its
own error (the store's ``StoreWriteError``, a CLI message).

**Reading** (:func:`read_regular`):

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

Also the JSON parsing that user files share (:func:`parse_json`), whose problems say
what is wrong with the file, never what Python's parser ran into.

**Writing** (:func:`write_atomic`): write a temporary file in the same directory (so
the final rename cannot cross file systems), fsync it, ``os.replace`` it over the
target (atomic on POSIX), then fsync the directory so the rename itself survives a
power cut. The target's permission bits are copied onto the temporary file first, so
a user who made a file private keeps it private. If anything fails, the temporary
file is removed and the old file is left exactly as it was.

Only a regular file is ever replaced (or a new one created). A path that names a
directory, a named pipe (FIFO), a device or a socket is refused with a message
saying what it is, and a dangling symbolic link too: renaming over any of them
would swap in a file where something else was (``/dev/full`` as root, say). A
symbolic link to a regular file is kept: the file it points to is replaced.
:func:`write_document`, for the documents a user asks for (``export -o``,
``compare -o``), also writes straight into a character device or a FIFO the user
named, such as ``/dev/stdout``, since that replaces nothing; opening it never waits.
"""

from __future__ import annotations

import contextlib
import errno as errnos
import os
import re
import stat
from pathlib import Path
from typing import Any, Literal

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


UnreadableKind = Literal["missing", "not-regular", "too-large", "os-error"]
"""Why a file could not be read; callers word each case their own way."""


class UnreadableFile(Exception):
    """A file that cannot be read. ``reason`` completes "FILE …" (``is a named pipe
    (FIFO), not a regular file``). ``kind`` says which case it is:

    * ``missing``: nothing is there;
    * ``not-regular``: something other than a regular file is there (including a
      dangling symbolic link or a loop of them);
    * ``too-large``: more than the limit;
    * ``os-error``: a regular file the system would not let us read (permissions, I/O).
    """

    def __init__(self, reason: str, kind: UnreadableKind, errno: int | None = None) -> None:
        self.reason = reason
        self.kind = kind
        self.errno = errno
        super().__init__(reason)


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


# --- JSON -------------------------------------------------------------------------------

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


# --- Writing ----------------------------------------------------------------------------

TEMP_SUFFIX = ".tmp"

_REASONS = {
    errnos.ENOSPC: ("no space is left on the device", "free some space and try again"),
    errnos.EDQUOT: ("the disk quota is exceeded", "free some space and try again"),
    errnos.EROFS: ("the file system is read-only", "choose a writable location"),
    errnos.EACCES: ("permission denied", "check the directory's permissions or choose another location"),
    errnos.EPERM: ("the operation is not permitted", "check the directory's permissions or choose another location"),
    errnos.ENOENT: ("its directory does not exist", "create the directory or choose another location"),
    errnos.ENOTDIR: ("a part of the path is not a directory", "check the path"),
    errnos.EISDIR: ("it is a directory", "give a file name"),
    errnos.ENAMETOOLONG: ("the file name is too long", "choose a shorter name"),
    errnos.ELOOP: ("it is a symbolic link that leads to itself (a loop of links)", "remove the link or choose another path"),
    errnos.ENXIO: ("it is a named pipe (FIFO) that no program is reading", "start the program that reads it first, or write to a file"),
    errnos.EPIPE: ("the program reading it has stopped", "check that program, or write to a file"),
    # Only from making a directory: a file that is not one is where it should be.
    errnos.EEXIST: ("something that is not a directory is in its place", "move it away or choose another location"),
}


def describe_os_error(exc: OSError) -> str:
    """``"no space is left on the device; free some space and try again"``."""
    reason, advice = _REASONS.get(exc.errno or 0, (exc.strerror or str(exc), "check the location and try again"))
    return f"{reason}; {advice}"


class UnwritableFile(Exception):
    """A file that could not be written; whatever was there before is unchanged.
    ``reason`` completes "cannot write FILE: …" (``no space is left on the device;
    free some space and try again``); :attr:`message` is that whole sentence."""

    def __init__(self, path: Path, reason: str, errno: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.errno = errno
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"cannot write {self.path}: {self.reason}. Nothing was changed."


class AlreadyExists(UnwritableFile):
    """Refused to replace an existing file (``overwrite=False``): the caller decides
    how to ask (a ``--force`` flag, a question in the app)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "it already exists", errnos.EEXIST)


def unwritable(path: Path, exc: OSError) -> UnwritableFile:
    """The :class:`UnwritableFile` for an ``OSError`` met while writing ``path``."""
    return UnwritableFile(path, describe_os_error(exc), exc.errno)


def temp_path_for(path: Path) -> Path:
    """A unique hidden sibling of ``path``; listing ignores dot files, and the name stays
    short enough for any file system whatever the target's name."""
    return path.with_name(f".{path.name[:64]}.{os.getpid()}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def write_atomic(
    path: Path, data: bytes, *, overwrite: bool = True, durable: bool = True, mode: int | None = None
) -> None:
    """Write ``data`` to ``path`` atomically.

    ``overwrite=False`` refuses (with :class:`AlreadyExists`) if ``path`` exists,
    without a window between checking and writing: the file is published with
    ``os.link``, which fails rather than replaces. ``durable=False`` skips the fsyncs,
    for caches that are rebuilt anyway. ``mode``: the new file's permission bits
    (less the umask), whatever the old file's were; by default an existing file's
    are kept and a new file gets ``0o666`` less the umask, like any editor's.

    Raises :class:`UnwritableFile` naming the file and the reason (disk full,
    read-only…); the previous contents are then untouched.
    """
    path = Path(path).absolute()
    named, (path, old_mode) = path, _replaceable(path)
    if old_mode is not None and not overwrite:
        raise AlreadyExists(named)
    tmp = temp_path_for(path)
    fd: int | None = None
    published = False
    try:
        # 0o666 (or ``mode``) minus the umask, like any file an editor creates; an
        # existing file's mode is then copied exactly with fchmod.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(tmp, flags, 0o666 if mode is None else mode)
        if mode is None and old_mode is not None:
            os.fchmod(fd, old_mode)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        if durable:
            os.fsync(fd)
        os.close(fd)
        fd = None
        if overwrite:
            os.replace(tmp, path)
        else:
            _publish_no_clobber(tmp, path)
        published = True
    except OSError as exc:
        if isinstance(exc, FileExistsError) and not overwrite:
            raise AlreadyExists(named) from None
        raise unwritable(named, exc) from None
    finally:
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)
        if not published or not overwrite:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    if durable:
        fsync_directory(path.parent)


def _replaceable(path: Path) -> tuple[Path, int | None]:
    """The file to replace for ``path`` (a link's target) and its permission bits, or
    ``(path, None)`` if there is none; :class:`UnwritableFile` if what is there is
    not a regular file."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise UnwritableFile(
                path,
                f"it is a symbolic link to {_link_target(path)}, which does not exist; remove the link or choose another path",
                errnos.ENOENT,
            ) from None
        return path, None
    except OSError as exc:
        raise unwritable(path, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise unwritable(path, IsADirectoryError(errnos.EISDIR, "Is a directory", str(path)))
    if not stat.S_ISREG(st.st_mode):
        raise UnwritableFile(
            path,
            f"it is {kind_of(st.st_mode)}, not a regular file, and only a regular file is ever replaced; choose a file name",
        )
    if os.path.islink(path):
        path = Path(os.path.realpath(path))
    return path, stat.S_IMODE(st.st_mode)


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "a file"


def write_document(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write a document the user asked for to ``path``.

    A regular file (or a new one) is written with :func:`write_atomic`, replacing an
    existing file only with ``overwrite``. A character device or a named pipe the
    user named (``/dev/stdout``, ``/dev/null``, a FIFO a program reads) is written
    into directly, whatever ``overwrite`` says, since nothing is replaced; opening
    it never waits (a FIFO that no program reads is an error at once). Anything
    else is refused. Raises :class:`UnwritableFile` naming the path and the reason.
    """
    path = Path(path).absolute()
    try:
        st = os.stat(path)
    except OSError:
        st = None  # nothing there, or a broken link: write_atomic says which
    if st is not None and (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        _write_into(path, data)
    else:
        write_atomic(path, data, overwrite=overwrite)


def _write_into(path: Path, data: bytes) -> None:
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)  # no O_CREAT: never makes a file; O_NONBLOCK: never waits for a reader
    except OSError as exc:
        raise unwritable(path, exc) from None
    try:
        st = os.fstat(fd)
        if not (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
            raise UnwritableFile(path, "it changed while it was being opened; try again")
        os.set_blocking(fd, True)  # a reader is there: a slow one is waited for, like any pipe
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise unwritable(path, exc) from None
    finally:
        os.close(fd)


def _publish_no_clobber(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        # Some file systems (FAT, some network mounts) have no hard links: fall back
        # to check-then-replace, which has a tiny race but still never half-writes.
        if exc.errno not in (errnos.EPERM, errnos.ENOTSUP, errnos.EOPNOTSUPP, errnos.EXDEV):
            raise
        if os.path.lexists(path):
            raise FileExistsError(errnos.EEXIST, "exists", str(path)) from None
        os.replace(tmp, path)


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable. Best effort: the rename has already
    happened, so failing here (some file systems cannot fsync a directory) must not
    report the write as failed."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        dfd = os.open(directory, flags)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)

