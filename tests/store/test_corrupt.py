"""A bad file never breaks listing: it is reported by name, moved aside, and every
other scenario keeps working."""

from __future__ import annotations

import json

import pytest

from planner.store import InvalidScenarioFileError, ScenarioNotFoundError, ScenarioStore
from planner.store.fileformat import MAX_FILE_BYTES, encode
from planner.store.migrations import CURRENT_VERSION

from .conftest import make

GOOD = encode(make("Bad one")).decode()

CORRUPT = {
    "truncated": GOOD[: len(GOOD) // 2].encode(),
    "empty": b"",
    "binary": bytes(range(256)),
    "not-utf8": b'{"name": "\xff\xfe"}',
    "json-list": b"[1, 2, 3]",
    "json-string": b'"a scenario"',
    "wrong-type": GOOD.replace('"hours_per_week": 8.0', '"hours_per_week": "eight"').encode(),
    "invalid-value": GOOD.replace('"reach_priority": 50', '"reach_priority": 500').encode(),
    "no-version": json.dumps({"scenario": {"name": "Bad one"}}).encode(),
    "version-not-int": GOOD.replace(f'"schema_version": {CURRENT_VERSION}', f'"schema_version": "{CURRENT_VERSION}"').encode(),
    "unknown-key": GOOD.replace('"format"', '"extra": 1,\n  "format"').encode(),
    "nan": GOOD.replace('"hours_per_week": 8.0', '"hours_per_week": NaN').encode(),
    "oversized": b'{"pad": "' + b"x" * MAX_FILE_BYTES + b'"}',
    "deeply-nested": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.fixture
def populated(store: ScenarioStore) -> ScenarioStore:
    for n in ("Fine A", "Fine B"):
        store.save(make(n))
    return store


@pytest.mark.parametrize("kind", CORRUPT, ids=list(CORRUPT))
def test_listing_survives_and_quarantines(populated: ScenarioStore, kind: str) -> None:
    path = populated.path_for("Bad one")
    path.write_bytes(CORRUPT[kind])
    listing = populated.list()
    assert listing.names() == ["Fine A", "Fine B"]
    [problem] = listing.problems
    assert problem.file == path.name and path.name in problem.message
    assert problem.moved_to == path.with_name(path.name + ".invalid")
    assert problem.moved_to.read_bytes() == CORRUPT[kind]  # moved, never destroyed
    assert not path.exists()
    assert not populated.list().problems  # reported once
    populated.load("Fine A")


@pytest.mark.parametrize("kind", ["truncated", "wrong-type", "oversized"])
def test_loading_a_corrupt_file_is_a_clear_error(populated: ScenarioStore, kind: str) -> None:
    path = populated.path_for("Bad one")
    path.write_bytes(CORRUPT[kind])
    with pytest.raises(InvalidScenarioFileError) as info:
        populated.load("Bad one")
    assert "“Bad one”" in info.value.message and "moved aside" in info.value.message
    assert info.value.moved_to is not None and info.value.moved_to.exists()
    populated.save(make("Bad one"))  # the name is usable again
    assert populated.list().names() == ["Bad one", "Fine A", "Fine B"]


def test_second_quarantine_does_not_overwrite_first(populated: ScenarioStore) -> None:
    path = populated.path_for("Bad one")
    for content in (b"first", b"second"):
        path.write_bytes(content)
        populated.list()
    assert path.with_name(path.name + ".invalid").read_bytes() == b"first"
    assert path.with_name(path.name + ".2.invalid").read_bytes() == b"second"


def test_directory_named_like_a_scenario(populated: ScenarioStore) -> None:
    (populated.directory / "odd.json").mkdir()
    listing = populated.list()
    assert listing.names() == ["Fine A", "Fine B"]
    assert listing.problems[0].file == "odd.json"


def test_hand_copied_file_cannot_impersonate_another_name(populated: ScenarioStore) -> None:
    src = populated.path_for("Fine A")
    impostor = populated.path_for("Impostor")
    impostor.write_bytes(src.read_bytes())  # holds "Fine A" under Impostor's file name
    with pytest.raises(ScenarioNotFoundError, match="copied or renamed by hand"):
        populated.load("Impostor")
    assert populated.list().names() == ["Fine A", "Fine B"]
    assert populated.load("Fine A").scenario.name == "Fine A"


def test_foreign_files_are_ignored(populated: ScenarioStore) -> None:
    (populated.directory / "notes.txt").write_text("hello")
    (populated.directory / ".index.json").write_text("garbage")  # a broken cache is rebuilt
    listing = populated.list()
    assert listing.names() == ["Fine A", "Fine B"] and not listing.problems
    assert (populated.directory / "notes.txt").exists()


def test_unreadable_store_is_a_clear_error(tmp_path) -> None:  # noqa: ANN001
    from planner.store import StoreReadError

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "scenarios").write_text("not a directory")
    with pytest.raises(StoreReadError, match="cannot read the scenario store"):
        ScenarioStore.open(tmp_path / "data").list()
