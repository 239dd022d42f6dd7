"""Listing reads only what changed, and stays correct when other processes change files."""

from __future__ import annotations

import os

import pytest

from planner.store import ScenarioStore, fileformat
from planner.store import store as store_module

from .conftest import make


@pytest.fixture
def decode_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = fileformat.decode

    def counting(raw: bytes):  # noqa: ANN202
        calls.append(1)
        return real(raw)

    monkeypatch.setattr(store_module.fileformat, "decode", counting)
    return calls


def test_unchanged_store_is_listed_without_parsing(store: ScenarioStore, decode_calls: list[int]) -> None:
    for i in range(20):
        store.save(make(f"S{i:02}"))
    store.list()
    decode_calls.clear()
    assert len(store.list().scenarios) == 20
    assert decode_calls == []


def test_external_change_is_seen(store: ScenarioStore, decode_calls: list[int]) -> None:
    store.save(make("Edited", hours_per_week=8.0))
    store.save(make("Untouched"))
    assert store.list().scenarios[0].hours_per_week == 8.0
    # Another process saves a change of the same size (a new file replaces the old).
    other = ScenarioStore(store.paths)
    loaded = other.load("Edited")
    other.save(loaded.scenario.with_changes(hours_per_week=9.0), expected=loaded.token)
    decode_calls.clear()
    [edited, _] = store.list().scenarios
    assert edited.hours_per_week == 9.0
    assert len(decode_calls) == 1


def test_in_place_edit_with_same_size_is_seen(store: ScenarioStore) -> None:
    saved = store.save(make("Hand edited", hours_per_week=8.0))
    store.list()
    raw = saved.path.read_bytes().replace(b'"hours_per_week": 8.0', b'"hours_per_week": 7.0')
    st = os.stat(saved.path)
    with open(saved.path, "r+b") as f:  # an editor writing in place: same inode, same size
        f.write(raw)
    os.utime(saved.path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert store.list().scenarios[0].hours_per_week == 7.0


def test_deleted_and_added_files_are_seen(store: ScenarioStore) -> None:
    store.save(make("One"))
    store.save(make("Two"))
    store.list()
    os.unlink(store.path_for("One"))
    ScenarioStore(store.paths).save(make("Three"))
    assert store.list().names() == ["Three", "Two"]


def test_read_only_index_does_not_break_listing(store: ScenarioStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.store import index

    store.save(make("One"))

    def boom(*a: object, **k: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("planner.fsio.os.replace", boom)
    os.unlink(store.paths.index) if store.paths.index.exists() else None
    assert store.list().names() == ["One"]
    assert index.read_index(store.paths.index) == {}
