"""The use cases both shells call (planner.usecases), on a real store and the real
knowledge base: what they return matches the engine and compare called directly, and
what they refuse they refuse with one message, whichever shell asks."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from planner.compare import Names, compare_plans
from planner.engine import build_plan
from planner.errors import PlannerError
from planner.export import plan_to_markdown
from planner.knowledge import KnowledgeBase
from planner.store import ScenarioStore
from planner.store.errors import ScenarioNotFoundError
from planner.usecases import compare_saved, open_saved, plan_file_name, plan_markdown, plan_saved


@pytest.fixture
def store(tmp_path: Path, kb: KnowledgeBase) -> ScenarioStore:
    store = ScenarioStore.open(tmp_path)
    base = kb.default_scenario()
    store.save(base.with_changes(name="Café baseline"))
    store.save(base.with_changes(name="More hours", hours_per_week=base.hours_per_week * 3))
    store.save(base.with_changes(name="Reach push", reach_priority=95))
    # Saved with a strategies directory that is not loaded now: names what kb lacks.
    store.save(base.with_changes(name="Elsewhere", bounds={"carrier-pigeons": {"max": 2}}))
    return store


def test_open_saved_returns_what_the_store_holds(store: ScenarioStore, kb: KnowledgeBase) -> None:
    assert open_saved(store, "More hours", kb) == store.load("More hours")


def test_a_saved_scenario_naming_unknown_ids_is_refused_with_the_strategies_hint(store: ScenarioStore, kb: KnowledgeBase) -> None:
    for call in (
        lambda: open_saved(store, "Elsewhere", kb),
        lambda: plan_saved(store, "Elsewhere", kb),
        lambda: compare_saved(store, ["Café baseline", "Elsewhere"], kb),
    ):
        with pytest.raises(PlannerError) as caught:
            call()
        message = caught.value.message
        assert message.startswith("scenario “Elsewhere”: bounds.carrier-pigeons: ")
        assert "--strategies" in message


def test_a_missing_name_is_the_stores_own_error(store: ScenarioStore, kb: KnowledgeBase) -> None:
    with pytest.raises(ScenarioNotFoundError):
        open_saved(store, "Nowhere", kb)
    with pytest.raises(ScenarioNotFoundError):
        compare_saved(store, ["Café baseline", "Nowhere"], kb)


def test_plan_saved_is_the_engines_plan_of_the_stored_scenario(store: ScenarioStore, kb: KnowledgeBase) -> None:
    stored, plan = plan_saved(store, "Reach push", kb)
    assert stored == store.load("Reach push")
    assert plan == build_plan(stored.scenario, kb)


def test_compare_saved_is_compare_plans_of_the_saved_plans(store: ScenarioStore, kb: KnowledgeBase) -> None:
    names = ["More hours", "Café baseline", "Reach push"]
    stored = [store.load(n) for n in names]
    expected = compare_plans(
        [build_plan(s.scenario, kb) for s in stored], names, words=Names.of(kb),
        replan=lambda scenario: build_plan(scenario, kb, sensitivity=False),
    )
    comparison = compare_saved(store, names, kb)
    assert comparison == expected
    assert comparison.baseline == "More hours"


@pytest.mark.parametrize("count", [0, 1, 5])
def test_compare_takes_two_to_four_names(store: ScenarioStore, kb: KnowledgeBase, count: int) -> None:
    with pytest.raises(PlannerError, match=f"compare takes 2 to 4 scenario names, got {count}"):
        compare_saved(store, ["Café baseline"] * count if count < 2 else [f"n{i}" for i in range(count)], kb)


def test_compare_refuses_a_name_given_twice(store: ScenarioStore, kb: KnowledgeBase) -> None:
    with pytest.raises(PlannerError, match="named twice"):
        compare_saved(store, ["Reach push", "Café baseline", "Reach push"], kb)


def test_plan_markdown_names_goals_in_the_knowledge_bases_words(store: ScenarioStore, kb: KnowledgeBase) -> None:
    _stored, plan = plan_saved(store, "Café baseline", kb)
    day = datetime.date(2026, 3, 1)
    text = plan_markdown(plan, kb, day)
    assert text == plan_to_markdown(plan, today=day, names=Names.of(kb))
    assert Names.of(kb).goal(plan.scenario.goals[0]) in text


@pytest.mark.parametrize("name", ["Café baseline", "../../etc/passwd", "a/b\\c"])
def test_plan_file_name_is_one_safe_file_in_the_current_directory(name: str) -> None:
    file = plan_file_name(name)
    assert file.endswith(".md") and "/" not in file and "\\" not in file and not file.startswith(".")
