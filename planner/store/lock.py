"""One writer at a time: an advisory lock on a separate lock file.

Why a separate file: the scenario files themselves are replaced on every save (see
:mod:`planner.fsio`), and a lock held on a file that has just been replaced
locks nothing. The lock file is created once and never deleted or replaced.

The locking is ``filelock``'s (``flock`` on Unix, ``msvcrt`` on Windows, where the
store used to take no lock at all): it is released by the operating system when the
process dies, so a crashed planner can never leave the store locked. Readers take no
lock; atomic replacement already guarantees they see whole files.

What this module adds is the store's own rules: the lock file must be a regular file
(a symbolic link, a directory or a FIFO there is refused, and nothing is created or
changed elsewhere), a wait has a limit, and every failure is a
:class:`~planner.store.errors.StoreError` in words.
"""

from __future__ import annotations

import contextlib
import errno as errnos
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from planner.fsio import kind_of
from planner.store.atomic import write_error
from planner.store.errors import LockTimeoutError, StoreWriteError

DEFAULT_TIMEOUT = 10.0


@contextlib.contextmanager
def exclusive_lock(lock_path: Path, *, timeout: float = DEFAULT_TIMEOUT, poll: float = 0.02) -> Iterator[None]:
    """Hold the store's lock for the duration of the ``with`` block.

    Polls instead of blocking so a stuck process gives a clear
    :class:`LockTimeoutError` after ``timeout`` seconds instead of a silent hang. Not
    re-entrant: a nested lock in the same process waits for itself and times out.
    """
    # Deferred for speed: only writers lock, and importing filelock (docs/performance.md) would
    # otherwise be paid by every command that reads the store.
    from filelock import FileLock, Timeout

    lock = FileLock(
        lock_path,
        timeout=timeout,
        poll_interval=poll,
        # The descriptor filelock locked, checked before the block runs: a FIFO opens
        # and locks like a file, and only its mode tells it apart.
        on_acquired=lambda fd: _check_regular(lock_path, fd),
    )
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        # filelock opens with O_NOFOLLOW (a symbolic link there, dangling or not, is
        # refused rather than followed, so nothing is created somewhere else) and
        # O_NONBLOCK (a FIFO there cannot make opening wait).
        lock.acquire()
    except Timeout:
        raise LockTimeoutError(
            f"the scenario store {lock_path.parent} is busy: another planner has held "
            f"its lock ({lock_path}) for over {timeout:g} s. Nothing was changed; "
            "close other planner windows or try again."
        ) from None
    except OSError as exc:
        if exc.errno == errnos.ELOOP and os.path.islink(lock_path):
            raise _not_a_lock(lock_path, "a symbolic link") from None
        if exc.errno == errnos.EISDIR:
            raise _not_a_lock(lock_path, "a directory") from None
        raise write_error(lock_path, exc) from None
    try:
        yield
    finally:
        lock.release()


def _check_regular(lock_path: Path, fd: int) -> None:
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        raise _not_a_lock(lock_path, kind_of(mode))


def _not_a_lock(lock_path: Path, kind: str) -> StoreWriteError:
    return StoreWriteError(
        f"the scenario store's lock file {lock_path} is {kind}, not a regular file. Nothing was changed; "
        "remove it (planner creates a new one) and try again.",
        lock_path,
    )
