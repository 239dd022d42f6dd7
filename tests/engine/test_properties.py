"""Properties every plan must have, whatever the inputs (hypothesis)."""

from __future__ import annotations

import random
import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.engine import build_plan
from planner.knowledge import default_dir, load_knowledge
from tests.engine.strategies import KB, scenarios

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXPLAINED = {"hours-unallocated", "hours-rounded", "no-tactics"}




@SETTINGS
@given(scenarios())
def test_hours_are_non_negative_and_within_bounds(scenario):
    plan = build_plan(scenario, KB)
    relaxed = {w.code for w in plan.warnings} & {"infeasible-bounds"}
    for t in plan.tactics + plan.alternatives:
        assert t.hours >= 0
        assert (t.hours * 4).is_integer(), "whole quarter-hours only"
    for t in plan.tactics:
        tactic = KB.tactic(t.id)
        assert t.hours >= tactic.min_hours.value - 1e-9, "0 or at least the minimum effective hours"
        b = scenario.bounds.get(t.id)
        if b is not None and b.max is not None:
            assert t.hours <= b.max + 1e-9
        if b is not None and b.min is not None and not relaxed:
            assert t.hours >= b.min - 1e-9
    for platform, b in scenario.bounds.items():
        if platform not in {p.id for p in KB.platforms}:
            continue
        total = sum(t.hours for t in plan.tactics if t.platform == platform)
        if b.max is not None:
            assert total <= b.max + 1e-9
        if b.min is not None and not relaxed:
            assert total >= b.min - 1e-9


@SETTINGS
@given(scenarios())
def test_allocated_never_exceeds_available_and_gaps_are_explained(scenario):
    plan = build_plan(scenario, KB)
    assert plan.hours.allocated <= plan.hours.available + 1e-9
    assert abs(sum(t.hours for t in plan.tactics) - plan.hours.allocated) < 1e-9
    if plan.hours.allocated < plan.hours.available - 1e-9:
        assert {w.code for w in plan.warnings} & EXPLAINED, plan.warnings
    if plan.hours.allocated > 0:
        assert abs(plan.split.broadcast + plan.split.relationships - 1) < 1e-9


@SETTINGS
@given(scenarios())
def test_excluded_tactics_get_zero(scenario):
    plan = build_plan(scenario, KB)
    for t in plan.tactics:
        assert t.id not in scenario.exclude and t.platform not in scenario.exclude


@SETTINGS
@given(scenarios(), st.integers(1, 100))
def test_raising_reach_priority_never_lowers_broadcast_share(scenario, step):
    higher = scenario.with_changes(reach_priority=min(100, scenario.reach_priority + step))
    low, high = build_plan(scenario, KB), build_plan(higher, KB)
    assert high.split.broadcast >= low.split.broadcast - 1e-12, (low.split, high.split)


@SETTINGS
@given(scenarios(), st.integers(1, 80))
def test_more_hours_never_lower_the_objective(scenario, extra_quarters):
    more = scenario.with_changes(hours_per_week=min(168, scenario.hours_per_week + extra_quarters / 4))
    a, b = build_plan(scenario, KB), build_plan(more, KB)
    relaxed = {"infeasible-bounds", "infeasible-share"}
    if {w.code for w in a.warnings + b.warnings} & relaxed:
        return  # a dropped constraint is a different problem; the property is about one problem
    assert b.objective >= a.objective - 1e-9


@settings(max_examples=25, deadline=None)
@given(scenarios())
def test_deterministic(scenario):
    assert build_plan(scenario, KB).to_json() == build_plan(scenario, KB).to_json()




def test_independent_of_entry_order_in_files(tmp_path):
    """Reverse and shuffle the [[tactics]] blocks in each file: same plans."""
    rng = random.Random(7)
    for src in sorted(default_dir().glob("*.toml")):
        text = src.read_text(encoding="utf-8")
        head, *blocks = text.split("\n[[tactics]]\n")
        if blocks:
            rng.shuffle(blocks)
            text = head + "".join("\n[[tactics]]\n" + b.rstrip("\n") + "\n" for b in blocks)
        tomllib.loads(text)  # still valid TOML
        (tmp_path / src.name).write_text(text, encoding="utf-8")
    shuffled = load_knowledge(base=tmp_path)
    assert [t.id for t in shuffled.tactics] == [t.id for t in KB.tactics]
    for preset in KB.presets:
        a = build_plan(preset.scenario, KB).model_dump(mode="json")
        b = build_plan(preset.scenario, shuffled).model_dump(mode="json")
        a.pop("knowledge_version"), b.pop("knowledge_version")
        assert a == b, preset.id
