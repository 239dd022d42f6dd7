"""compare_plans: the numbers every compare view shows, taken from the plans."""

from __future__ import annotations

import pytest

from planner.compare import compare_plans
from planner.engine import build_plan
from planner.errors import PlannerError
from planner.knowledge import load_knowledge
from planner.models.plan import Plan


@pytest.fixture(scope="module")
def plans() -> list[Plan]:
    kb = load_knowledge()
    return [build_plan(kb.preset(i).scenario, kb) for i in ("local-cafe", "startup-launch", "b2b-consultant", "consumer-brand")]


def test_baseline_inputs_and_split(plans: list[Plan]) -> None:
    c = compare_plans(plans[:2])
    assert c.baseline == c.names[0] == plans[0].scenario.name
    hours = next(d for d in c.inputs if d.field == "hours_per_week")
    assert hours.differs and hours.values == ["3 h", "15 h"]
    market = next(d for d in c.inputs if d.field == "market")
    assert not market.differs
    assert [s.broadcast for s in c.splits] == [p.split.broadcast for p in plans[:2]]
    assert c.scenarios[0].role == "baseline" and c.scenarios[0].changed == []
    assert "Hours per week" in c.scenarios[1].changed_inputs
    assert "Hours per week: 3 h → 15 h" in c.scenarios[1].changed


def test_tactics_in_only_some_plans_show_zero_not_dropped(plans: list[Plan]) -> None:
    c = compare_plans(plans)
    used = {t.id for p in plans for t in p.tactics if t.hours > 0}
    assert {t.id for t in c.tactics} == used
    for row in c.tactics:
        for i, p in enumerate(plans):
            expected = next((t.hours for t in p.tactics if t.id == row.id), 0.0)
            assert row.hours[i] == expected
            assert row.present[i] == (expected > 0)
            assert row.delta[i] == pytest.approx(expected - row.hours[0])
    assert any(0.0 in row.hours for row in c.tactics)


def test_warnings_and_sensitivity_are_carried(plans: list[Plan]) -> None:
    c = compare_plans(plans)
    for outcome, plan in zip(c.scenarios, plans, strict=True):
        assert outcome.verdict == plan.sensitivity.verdict
        assert outcome.warnings == plan.warnings
        assert outcome.knowledge_version == plan.knowledge_version


@pytest.mark.parametrize("n", [0, 1, 5])
def test_two_to_four_plans(plans: list[Plan], n: int) -> None:
    with pytest.raises(PlannerError, match="2 to 4"):
        compare_plans((plans * 2)[:n])


def test_identical_scenarios_have_no_differences(plans: list[Plan]) -> None:
    c = compare_plans([plans[0], plans[0]], ["A", "B"])
    assert not any(d.differs for d in c.inputs)
    assert all(d == 0 for row in c.tactics for d in row.delta)


def test_each_changed_input_is_explained_by_what_it_does_alone() -> None:
    """With the engine at hand, a variant's changes are put down to its inputs: each
    input applied alone to the baseline, and every tactic it is said to add or drop
    really comes or goes when you plan that."""
    from planner.compare import Names

    kb = load_knowledge()
    base = kb.preset("local-cafe").scenario
    variant = base.with_changes(name="Push", reach_priority=80, hours_per_week=6.0, local=False)
    plans = [build_plan(base, kb), build_plan(variant, kb)]
    words = Names.of(kb)
    c = compare_plans(plans, words=words, replan=lambda s: build_plan(s, kb, sensitivity=False))
    assert c.scenarios[0].explained == []
    explained = c.scenarios[1].explained
    assert len(explained) == len(c.scenarios[1].changed_inputs) == 3
    before = {t.id for t in plans[0].tactics}
    by_name = {words.channel(t.id): t.id for t in kb.tactics}
    fields = {"Reach priority": "reach_priority", "Hours per week": "hours_per_week", "Local": "local"}
    for line in explained:
        label = next(lab for lab in fields if line.startswith(lab + " alone"))
        after = {t.id for t in build_plan(base.with_changes(**{fields[label]: getattr(variant, fields[label])}), kb).tactics}
        for name, ident in by_name.items():
            if f"adds {name}" in line or (f" {name}" in line and "adds" in line.split(name)[0] and "drops" not in line.split(name)[0]):
                assert ident in after and ident not in before, line
            if "drops" in line and name in line.split("drops", 1)[1]:
                assert ident in before and ident not in after, line
    assert compare_plans(plans).scenarios[1].explained == []  # without the engine: nothing claimed


def test_a_plan_without_its_sensitivity_is_refused_in_words() -> None:
    """Only the app's first paint builds a plan without sensitivity; comparing one would
    have no verdict to show, so it is refused by scenario name instead of crashing."""
    kb = load_knowledge()
    full = build_plan(kb.preset("local-cafe").scenario, kb)
    quick = build_plan(kb.preset("startup-launch").scenario, kb, sensitivity=False)
    with pytest.raises(PlannerError, match=repr(quick.scenario.name)):
        compare_plans([full, quick])
