"""Save → load → save gives identical bytes, and the file is what the docs say it is."""

from __future__ import annotations

import json
import os
import stat

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.store import ScenarioStore, save_scenario
from planner.store.fileformat import encode
from planner.store.migrations import CURRENT_VERSION, FORMAT

from .conftest import make


def test_save_load_save_gives_identical_bytes(store: ScenarioStore) -> None:
    scenario = make("Round trip", notes="multi\nline ✨", reach_priority=70, goals=["awareness"])
    first = store.save(scenario)
    raw1 = first.path.read_bytes()
    loaded = store.load("Round trip")
    assert loaded.scenario == scenario
    assert loaded.token == first.token
    second = store.save(loaded.scenario, expected=loaded.token)
    assert second.path.read_bytes() == raw1
    assert encode(loaded.scenario) == raw1


def test_file_is_readable_sorted_json_with_version(store: ScenarioStore) -> None:
    saved = store.save(make("Readable"))
    text = saved.path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["schema_version"] == CURRENT_VERSION and data["format"] == FORMAT
    assert data["scenario"]["name"] == "Readable"
    assert text.endswith("}\n") and "\n  " in text
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_save_scenario_sets_the_name_and_is_idempotent(tmp_path) -> None:  # noqa: ANN001
    path = save_scenario(tmp_path, "Given name", make("Other name"))
    assert json.loads(path.read_text())["scenario"]["name"] == "Given name"
    assert save_scenario(tmp_path, "Given name", make("Other name")) == path  # same scenario: fine


def test_save_keeps_permissions(store: ScenarioStore) -> None:
    saved = store.save(make("Private"))
    os.chmod(saved.path, 0o600)
    loaded = store.load("Private")
    store.save(loaded.scenario.with_changes(notes="changed"), expected=loaded.token)
    assert stat.S_IMODE(os.stat(saved.path).st_mode) == 0o600


def test_store_path_precedence(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("PLANNER_HOME", str(tmp_path / "env"))
    assert ScenarioStore.open().directory == tmp_path / "env" / "scenarios"
    assert ScenarioStore.open(tmp_path / "flag").directory == tmp_path / "flag" / "scenarios"
    monkeypatch.delenv("PLANNER_HOME")
    assert ScenarioStore.open().paths.source == "user data directory"


names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x7f"), min_size=1, max_size=200).filter(
    lambda s: s.strip() and not any(ord(c) < 32 and c not in "\t\n" or 0x7F <= ord(c) <= 0x9F for c in s)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=names)
def test_any_name_round_trips_and_stays_inside_the_store(store: ScenarioStore, name: str) -> None:
    saved = store.save(make(name), overwrite=True)
    assert saved.path.parent == store.directory
    assert len(saved.path.name.encode()) < 100
    assert store.load(name).scenario.name == name
    again = store.save(store.load(name).scenario, expected=saved.token)
    assert again.path.read_bytes() == saved.path.read_bytes()
