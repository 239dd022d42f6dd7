"""Replace a file so that a reader, a crash or a full disk never sees half of it.

The recipe: write a temporary file in the same directory (so the final rename cannot
cross file systems), fsync it, ``os.replace`` it over the target (atomic on POSIX),
then fsync the directory so the rename itself survives a power cut. The target's
permission bits are copied onto the temporary file first, so a user who made a file
private keeps it private. If anything fails, the temporary file is removed and the
old file is left exactly as it was.

Only a regular file is ever replaced (or a new one created). A path that names a
directory, a named pipe (FIFO), a device or a socket is refused with a message
saying what it is, and a dangling symbolic link too: renaming over any of them
would swap in a file where something else was (``/dev/full`` as root, say). A
symbolic link to a regular file is kept: the file it points to is replaced.
:func:`write_document`, for the documents a user asks for (``export -o``,
``compare -o``), also writes straight into a character device or a FIFO the user
named, such as ``/dev/stdout``, since that replaces nothing.
"""

from __future__ import annotations

import contextlib
import errno as errnos
import os
import secrets
import stat
from pathlib import Path

from planner.files import kind_of
from planner.store.errors import OutputExistsError, StoreWriteError

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


def write_error(path: Path, exc: OSError) -> StoreWriteError:
    return StoreWriteError(
        f"cannot write {path}: {describe_os_error(exc)}. Nothing was changed.", path, exc.errno
    )


def temp_path_for(path: Path) -> Path:
    """A unique hidden sibling of ``path``; listing ignores dot files, and the name stays
    short enough for any file system whatever the target's name."""
    return path.with_name(f".{path.name[:64]}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def write_atomic(path: Path, data: bytes, *, overwrite: bool = True, durable: bool = True) -> None:
    """Write ``data`` to ``path`` atomically.

    ``overwrite=False`` refuses (with :class:`OutputExistsError`) if ``path`` exists,
    without a window between checking and writing: the file is published with
    ``os.link``, which fails rather than replaces. ``durable=False`` skips the fsyncs,
    for caches that are rebuilt anyway.

    Raises :class:`StoreWriteError` with a message naming the file and the reason
    (disk full, read-only…); the previous contents are then untouched.
    """
    path = Path(path).absolute()
    named, (path, mode) = path, _replaceable(path)
    if mode is not None and not overwrite:
        raise _exists(named)
    tmp = temp_path_for(path)
    fd: int | None = None
    published = False
    try:
        # 0o666 minus the umask, like any file an editor creates; an existing
        # file's mode is then copied exactly with fchmod.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        if mode is not None:
            os.fchmod(fd, mode)
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
            raise _exists(named) from None
        raise write_error(named, exc) from None
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
    ``(path, None)`` if there is none; :class:`StoreWriteError` if what is there is
    not a regular file."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise StoreWriteError(
                f"cannot write {path}: it is a symbolic link to {_link_target(path)}, which does not exist; "
                "remove the link or choose another path. Nothing was changed.",
                path,
                errnos.ENOENT,
            ) from None
        return path, None
    except OSError as exc:
        raise write_error(path, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise write_error(path, IsADirectoryError(errnos.EISDIR, "Is a directory", str(path)))
    if not stat.S_ISREG(st.st_mode):
        raise StoreWriteError(
            f"cannot write {path}: it is {kind_of(st.st_mode)}, not a regular file, and only a regular file is "
            "ever replaced; choose a file name. Nothing was changed.",
            path,
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
    else is refused. Raises :class:`StoreWriteError` naming the path and the reason.
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
        raise write_error(path, exc) from None
    try:
        st = os.fstat(fd)
        if not (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
            raise StoreWriteError(f"cannot write {path}: it changed while it was being opened; try again. Nothing was changed.", path)
        os.set_blocking(fd, True)  # a reader is there: a slow one is waited for, like any pipe
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise write_error(path, exc) from None
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


def _exists(path: Path) -> OutputExistsError:
    return OutputExistsError(
        f"{path} already exists; pass --force to overwrite it, or choose another file.", path, errnos.EEXIST
    )
