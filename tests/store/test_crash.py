"""Failures at every step of a write leave the old file byte-for-byte intact and no
temporary file behind. Tests run as root here, where a read-only chmod stops nothing,
so read-only and full-disk conditions are injected at the system-call level."""

from __future__ import annotations

import errno
import os

import pytest

from planner import fsio
from planner.store import ScenarioStore, StoreWriteError

from .conftest import make


def _files(store: ScenarioStore) -> list[str]:
    return sorted(p.name for p in store.directory.iterdir())


@pytest.fixture
def saved(store: ScenarioStore):  # noqa: ANN201
    first = store.save(make("Precious", notes="version 1"))
    return first, first.path.read_bytes(), _files(store)


def _fail(exc: OSError):  # noqa: ANN202
    def raiser(*args: object, **kwargs: object) -> None:
        raise exc

    return raiser


CASES = {
    "replace": ("replace", OSError(errno.EIO, "I/O error"), "I/O error"),
    "write-enospc": ("write", OSError(errno.ENOSPC, "No space left on device"), "no space is left"),
    "fsync-enospc": ("fsync", OSError(errno.ENOSPC, "No space left on device"), "no space is left"),
    "open-erofs": ("open", OSError(errno.EROFS, "Read-only file system"), "read-only"),
    "open-eacces": ("open", PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
    "replace-erofs": ("replace", OSError(errno.EROFS, "Read-only file system"), "read-only"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_failed_save_changes_nothing(store: ScenarioStore, saved, monkeypatch: pytest.MonkeyPatch, case: str) -> None:  # noqa: ANN001
    first, raw, files = saved
    func, exc, words = CASES[case]
    real_open = os.open
    if func == "open":
        # Only the temporary file's open fails; the lock file was created by the first save.
        def opener(path, flags, *a, **k):  # noqa: ANN001, ANN202
            if str(path).endswith(fsio.TEMP_SUFFIX):
                raise exc
            return real_open(path, flags, *a, **k)

        monkeypatch.setattr(fsio.os, "open", opener)
    elif func == "write":
        # Fail after part of the data went out: a truly half-written temporary file.
        real_write = os.write
        calls = {"n": 0}

        def writer(fd, data):  # noqa: ANN001, ANN202
            calls["n"] += 1
            if calls["n"] == 1:
                return real_write(fd, bytes(data[:10]))
            raise exc

        monkeypatch.setattr(fsio.os, "write", writer)
    else:
        monkeypatch.setattr(fsio.os, func, _fail(exc))
    loaded = store.load("Precious")
    with pytest.raises(StoreWriteError) as info:
        store.save(loaded.scenario.with_changes(notes="version 2"), expected=loaded.token)
    monkeypatch.undo()
    message = info.value.message
    assert words in message and "Nothing was changed" in message and first.path.name in message
    assert first.path.read_bytes() == raw
    assert _files(store) == files  # no temporary file left behind
    assert store.load("Precious").scenario.notes == "version 1"


def test_interrupt_during_write_leaves_no_temp(store: ScenarioStore, saved, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    first, raw, files = saved
    monkeypatch.setattr(fsio.os, "fsync", _fail(KeyboardInterrupt()))  # type: ignore[arg-type]
    with pytest.raises(KeyboardInterrupt):
        store.save(make("Precious", notes="v2"), overwrite=True)
    monkeypatch.undo()
    assert first.path.read_bytes() == raw and _files(store) == files


def test_read_only_store_gives_clear_error_for_a_new_store(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    store = ScenarioStore.open(tmp_path / "ro")
    store.directory.mkdir(parents=True)
    real_open = os.open

    def opener(path, flags, *a, **k):  # noqa: ANN001, ANN202
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *a, **k)

    monkeypatch.setattr(os, "open", opener)
    with pytest.raises(StoreWriteError, match="read-only"):
        store.save(make("Anything"))
    monkeypatch.undo()
    assert list(store.directory.iterdir()) == []

