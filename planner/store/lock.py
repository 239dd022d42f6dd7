"""One writer at a time: an advisory lock on a separate lock file.

Why a separate file: the scenario files themselves are replaced on every save (see
:mod:`planner.fsio`), and a lock held on a file that has just been replaced
locks nothing. The lock file is created once and never deleted or replaced.

Why ``flock``: it is released by the kernel when the process dies, so a crashed planner
can never leave the store locked. Readers take no lock; atomic replacement already
guarantees they see whole files.
"""

from __future__ import annotations

import contextlib
import errno as errnos
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from planner.fsio import kind_of
from planner.store.atomic import write_error
from planner.store.errors import LockTimeoutError, StoreWriteError

DEFAULT_TIMEOUT = 10.0
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)

try:  # pragma: no cover - the import itself is what differs between platforms
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; the atomic writes still hold
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def exclusive_lock(lock_path: Path, *, timeout: float = DEFAULT_TIMEOUT, poll: float = 0.02) -> Iterator[None]:
    """Hold the store's lock for the duration of the ``with`` block.

    Polls instead of blocking so a stuck process gives a clear
    :class:`LockTimeoutError` after ``timeout`` seconds instead of a silent hang. Not
    re-entrant: a nested lock in the same process waits for itself and times out.
    """
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        # O_NOFOLLOW: a symbolic link there (dangling or not) is refused rather than
        # followed, so the store never creates or locks a file somewhere else;
        # O_NONBLOCK: a FIFO there cannot make opening wait.
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _NONBLOCK | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        if exc.errno == errnos.ELOOP and os.path.islink(lock_path):
            raise _not_a_lock(lock_path, "a symbolic link") from None
        if exc.errno == errnos.EISDIR:
            raise _not_a_lock(lock_path, "a directory") from None
        raise write_error(lock_path, exc) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_a_lock(lock_path, kind_of(mode))
        if fcntl is not None:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeoutError(
                            f"the scenario store {lock_path.parent} is busy: another planner has held "
                            f"its lock ({lock_path}) for over {timeout:g} s. Nothing was changed; "
                            "close other planner windows or try again."
                        ) from None
                    time.sleep(poll)
        yield
    finally:
        # Closing the descriptor releases the flock.
        os.close(fd)


def _not_a_lock(lock_path: Path, kind: str) -> StoreWriteError:
    return StoreWriteError(
        f"the scenario store's lock file {lock_path} is {kind}, not a regular file. Nothing was changed; "
        "remove it (planner creates a new one) and try again.",
        lock_path,
    )
