"""Every schema version has fixtures; each loads through the real store."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from planner.store import NewerVersionError, ScenarioStore
from planner.store.migrations import CURRENT_VERSION, STEPS, migrate
from planner.store.names import file_name

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "store"
ALL = sorted(FIXTURES.glob("v*_*.json"))


def _version(path: Path) -> int:
    return int(re.match(r"v(\d+)_", path.name).group(1))  # type: ignore[union-attr]


def test_there_is_a_fixture_and_a_step_for_every_version() -> None:
    assert {_version(p) for p in ALL} == set(range(1, CURRENT_VERSION + 1))
    assert set(STEPS) == set(range(1, CURRENT_VERSION))


@pytest.mark.parametrize("fixture", ALL, ids=lambda p: p.name)
def test_fixture_loads_and_resaves_in_current_format(store: ScenarioStore, fixture: Path) -> None:
    data = json.loads(fixture.read_text(encoding="utf-8"))
    name = data.get("name") or data["scenario"]["name"]
    store.directory.mkdir(parents=True)
    shutil.copy(fixture, store.path_for(name))
    loaded = store.load(name)
    assert loaded.schema_version == _version(fixture)
    assert loaded.scenario.name == name
    assert [s.name for s in store.list().scenarios] == [name]
    saved = store.save(loaded.scenario, expected=loaded.token)
    assert json.loads(saved.path.read_text())["schema_version"] == CURRENT_VERSION
    assert store.load(name).scenario == loaded.scenario


def test_v1_fields_survive_migration() -> None:
    data = json.loads((FIXTURES / "v1_cafe.json").read_text())
    migrated, version = migrate(dict(data))
    assert version == 1
    assert migrated["scenario"]["reach_priority"] == 40 and migrated["scenario"]["goals"] == ["community", "loyalty"]


def test_newer_file_is_refused_and_never_overwritten(store: ScenarioStore) -> None:
    store.directory.mkdir(parents=True)
    path = store.path_for("From the future")
    raw = json.dumps({"format": "planner.scenario", "schema_version": CURRENT_VERSION + 1, "scenario": {"name": "From the future", "new_field": 1}}).encode()
    path.write_bytes(raw)
    with pytest.raises(NewerVersionError, match="newer planner.*upgrade"):
        store.load("From the future")
    from tests.store.conftest import make

    for overwrite in (False, True):
        with pytest.raises(NewerVersionError):
            store.save(make("From the future"), overwrite=overwrite)
    listing = store.list()
    assert [(s.name, s.status) for s in listing.scenarios] == [("From the future", "newer")]
    assert not listing.problems
    assert path.read_bytes() == raw
    assert path.name == file_name("From the future")


def test_v2_gains_the_neutral_values_of_the_v3_fields() -> None:
    data = json.loads((FIXTURES / "v2_launch.json").read_text())
    migrated, version = migrate(dict(data))
    assert version == 2
    s = migrated["scenario"]
    assert (s["local"], s["ad_budget_per_month"], s["existing_audience"]) == (False, 0.0, "small")
    assert s["bounds"] == data["scenario"]["bounds"]
