"""Guidance conformance: scenarios whose direction the guidance implies.

Each row changes one input and states which way the plan must move, citing the seed
section that says so. The base scenarios are the presets, so the rows test the model
and the knowledge base together, as a marketer would meet them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pytest

from planner.engine import build_plan
from planner.models import Plan, Scenario
from tests.engine.strategies import KB

S0 = "000_0e9b7650b6e63694.txt"
S1 = "001_2b34fe8df5fac4ca.txt"
S3 = "003_dbaff6fc21c96895.txt"


def broadcast(plan: Plan) -> float:
    return plan.split.broadcast


def hours_where(pred: Callable[[str], bool]) -> Callable[[Plan], float]:
    return lambda plan: sum(t.hours for t in plan.tactics if pred(t.id))


def score(key: str) -> Callable[[str], float]:
    return lambda tid: KB.tactic(tid).scores[key].value


video_heavy = hours_where(lambda tid: score("content_demand")(tid) >= 4)
slow = hours_where(lambda tid: KB.tactic(tid).months_to_results.value >= 3)
linkedin = hours_where(lambda tid: KB.tactic(tid).platform == "linkedin")
automatable = hours_where(lambda tid: score("automation")(tid) >= 4)


def measurable(plan: Plan) -> float:
    """The plan's hour-weighted measurability, reading the column the model uses for
    this scenario (with sales tracking, broadcast becomes measurable)."""
    key = "measurability_tracked" if plan.scenario.sales_tracking else "measurability"
    total = sum(t.hours for t in plan.tactics)
    return sum(t.hours * score(key)(t.id) for t in plan.tactics) / total if total else 0.0


def tactic_count(plan: Plan) -> float:
    return len(plan.tactics)


@dataclass(frozen=True)
class Row:
    name: str
    preset: str
    low: dict
    high: dict
    metric: Callable[[Plan], float]
    source: str
    strict: bool = True


ROWS = [
    Row("more reach priority means more broadcasting", "local-cafe",
        {"reach_priority": 10, "hours_per_week": 8.0}, {"reach_priority": 90, "hours_per_week": 8.0},
        broadcast, f"{S0}#Social Media vs Social Networking: Core Differences"),
    Row("awareness goals for a broad consumer audience favour broadcasting", "consumer-brand",
        {"goals": ["partnerships", "trust"], "reach_priority": 50}, {"goals": ["awareness", "content-marketing"], "reach_priority": 50},
        broadcast, f"{S0}#FAQs"),
    Row("partnership goals favour relationships (less broadcast)", "b2b-consultant",
        {"goals": ["partnerships", "business-opportunities"]}, {"goals": ["awareness", "advertising"]},
        broadcast, f"{S0}#Social Networking for Businesses"),
    Row("a niche audience favours networking (broad audience: more broadcast)", "local-cafe",
        {"audience": "niche", "hours_per_week": 8.0}, {"audience": "broad", "hours_per_week": 8.0},
        broadcast, f"{S0}#Social Media vs Social Networking: Core Differences"),
    Row("B2B puts more hours on LinkedIn than B2C", "local-cafe",
        {"market": "b2c", "hours_per_week": 8.0, "goals": []}, {"market": "b2b", "hours_per_week": 8.0, "goals": []},
        linkedin, f"{S0}#What is Social Networking?"),
    Row("more content capacity allows more video-heavy hours", "consumer-brand",
        {"content_capacity": "low"}, {"content_capacity": "high"},
        video_heavy, f"{S1}#The Content"),
    Row("a longer ROI horizon allows more slow-to-pay-off hours", "no-video-creator",
        {"roi_horizon_months": 1, "hours_per_week": 20.0}, {"roi_horizon_months": 24, "hours_per_week": 20.0},
        slow, f"{S1}#Time and effort"),
    Row("a scheduling tool moves hours towards automatable tactics", "no-video-creator",
        {"scheduler": False}, {"scheduler": True},
        automatable, f"{S1}#Time and effort", strict=False),
    Row("needing measurable ROI moves hours to attributable tactics", "b2b-consultant",
        {"roi_measurability": "low"}, {"roi_measurability": "high"},
        measurable, f"{S1}#ROI measurement"),
    Row("sales tracking makes broadcasting measurable, so it gains under a measurable-ROI need", "startup-launch",
        {"sales_tracking": False, "roi_measurability": "high", "broadcast_share": {}}, {"sales_tracking": True, "roi_measurability": "high", "broadcast_share": {}},
        broadcast, f"{S1}#ROI measurement", strict=False),
    Row("more hours spread over more tactics; few hours focus on few", "consumer-brand",
        {"hours_per_week": 2.0}, {"hours_per_week": 30.0},
        tactic_count, "assumption: minimum effective hours and per-channel upkeep make thin spreading wasteful"),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_direction_follows_the_guidance(row: Row) -> None:
    base = KB.preset(row.preset).scenario
    low = build_plan(base.with_changes(**row.low), KB)
    high = build_plan(base.with_changes(**row.high), KB)
    a, b = row.metric(low), row.metric(high)
    if row.strict:
        assert b > a, f"{row.name} [{row.source}]: expected an increase, got {a} -> {b}"
    else:
        assert b >= a, f"{row.name} [{row.source}]: expected no decrease, got {a} -> {b}"


def test_every_row_cites_a_seed_or_an_explicit_assumption() -> None:
    for row in ROWS:
        assert row.source.startswith(("000_", "001_", "002_", "003_", "assumption: ")), row


@pytest.mark.parametrize("hours", [1.0, 2.0, 3.0])
def test_little_time_focuses_on_few_tactics(hours: float) -> None:
    """With a few hours a week the plan runs at most two tactics, never spreading thin."""
    for preset in KB.presets:
        plan = build_plan(preset.scenario.with_changes(hours_per_week=hours, bounds={}), KB)
        assert len(plan.tactics) <= 2, (preset.id, [(t.id, t.hours) for t in plan.tactics])


def test_a_balanced_scenario_combines_both_strategies() -> None:
    """The guidance's overlap advice: with reach and relationships equally important and
    enough time, both strategies get hours."""
    base: Scenario = KB.preset("consumer-brand").scenario.with_changes(reach_priority=50, hours_per_week=10.0, goals=[])
    plan = build_plan(base, KB)
    assert 0 < plan.split.broadcast < 1, plan.split
