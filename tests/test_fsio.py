"""planner.fsio: the one atomic write and the one safe read, with neutral errors that
each caller words or wraps its own way (the store, the knowledge cache, the exports)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from planner import fsio


def test_no_clobber_write_refuses_an_existing_file_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    fsio.write_atomic(target, b"one", overwrite=False)
    with pytest.raises(fsio.AlreadyExists) as info:
        fsio.write_atomic(target, b"two", overwrite=False)
    assert target.read_bytes() == b"one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]
    # Neutral words: how to go ahead (a --force flag, a question) is the caller's.
    assert str(target) in info.value.message and "--force" not in info.value.message
    assert isinstance(info.value, fsio.UnwritableFile)


def test_an_existing_file_keeps_its_permissions_unless_a_mode_is_asked(tmp_path: Path) -> None:
    target = tmp_path / "kept"
    target.write_bytes(b"old")
    target.chmod(0o640)
    fsio.write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and stat.S_IMODE(target.stat().st_mode) == 0o640
    target.chmod(0o644)
    fsio.write_atomic(target, b"private", mode=0o600)  # the knowledge cache's entries
    assert target.read_bytes() == b"private" and stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_write_that_is_not_durable_never_fsyncs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fsync(fd: int) -> None:
        raise AssertionError("fsync called")

    monkeypatch.setattr(fsio.os, "fsync", no_fsync)
    fsio.write_atomic(tmp_path / "cache", b"x", durable=False)
    assert (tmp_path / "cache").read_bytes() == b"x"
    with pytest.raises(AssertionError, match="fsync"):
        fsio.write_atomic(tmp_path / "durable", b"x")


def test_a_failed_write_names_the_file_and_the_reason_in_plain_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "full"
    target.write_bytes(b"before")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsio.os, "fsync", full)
    with pytest.raises(fsio.UnwritableFile) as info:
        fsio.write_atomic(target, b"after")
    monkeypatch.undo()
    assert info.value.errno == errno.ENOSPC and info.value.path == target
    assert info.value.message == f"cannot write {target}: no space is left on the device; free some space and try again. Nothing was changed."
    assert target.read_bytes() == b"before" and [p.name for p in tmp_path.iterdir()] == ["full"]


def test_the_store_wraps_fsio_errors_in_its_own(tmp_path: Path) -> None:
    from planner.store.atomic import write_atomic
    from planner.store.errors import StoreWriteError

    (tmp_path / "dir").mkdir()
    with pytest.raises(StoreWriteError) as info:
        write_atomic(tmp_path / "dir", b"x")
    assert "is a directory" in info.value.message and info.value.path == tmp_path / "dir"


def test_reading_a_fifo_reports_it_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # nobody writes it: opening it for reading would wait forever
    with pytest.raises(fsio.UnreadableFile) as info:
        fsio.read_regular(fifo, 100)
    assert info.value.kind == "not-regular" and "named pipe (FIFO)" in info.value.reason


def test_reading_stops_at_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.write_bytes(b"x" * 101)
    with pytest.raises(fsio.UnreadableFile) as info:
        fsio.read_regular(big, 100)
    assert info.value.kind == "too-large"
    assert fsio.read_regular(big, 101)[0] == b"x" * 101


def test_json_problems_say_what_is_wrong_with_the_file() -> None:
    for raw, words in [(b"\xff", "not UTF-8"), (b"{", "line 1"), (b"NaN", "not a number JSON allows"), (b'"\\ud800"', "half of a character")]:
        with pytest.raises(fsio.JSONProblem, match=words):
            fsio.parse_json(raw)
