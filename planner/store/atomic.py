"""Replace a file so that a reader, a crash or a full disk never sees half of it.

The recipe: write a temporary file in the same directory (so the final rename cannot
cross file systems), fsync it, ``os.replace`` it over the target (atomic on POSIX),
then fsync the directory so the rename itself survives a power cut. The target's
permission bits are copied onto the temporary file first, so a user who made a file
private keeps it private. If anything fails, the temporary file is removed and the
old file is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno as errnos
import os
import secrets
import stat
from pathlib import Path

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
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errnos.EISDIR, "Is a directory", str(path))
        mode: int | None = stat.S_IMODE(st.st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise write_error(path, exc) from None
    if mode is not None and not overwrite:
        raise _exists(path)
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
            raise _exists(path) from None
        raise write_error(path, exc) from None
    finally:
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)
        if not published or not overwrite:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    if durable:
        fsync_directory(path.parent)


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
