"""Hypothesis strategies for scenarios over the default knowledge base."""

from __future__ import annotations

from hypothesis import strategies as st

from planner.knowledge import load_knowledge
from planner.models import Scenario

KB = load_knowledge()
GOALS = sorted(g.id for g in KB.goals)
TACTICS = sorted(t.id for t in KB.tactics)
PLATFORMS = sorted(p.id for p in KB.platforms)
IDS = TACTICS + PLATFORMS

hours = st.integers(min_value=1, max_value=4 * 40).map(lambda q: q / 4)


@st.composite
def bounds(draw: st.DrawFn) -> dict:
    out = {}
    for ident in draw(st.lists(st.sampled_from(IDS), max_size=3, unique=True)):
        lo = draw(st.none() | st.integers(0, 16).map(lambda q: q / 4))
        hi = draw(st.none() | st.integers(0, 40).map(lambda q: q / 4))
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        out[ident] = {"min": lo, "max": hi}
    return out


@st.composite
def scenarios(draw: st.DrawFn, *, with_bounds: bool = True, with_share: bool = True) -> Scenario:
    data = {
        "name": "hypothesis",
        "reach_priority": draw(st.integers(0, 100)),
        "hours_per_week": draw(hours),
        "roi_horizon_months": draw(st.integers(1, 36)),
        "roi_measurability": draw(st.sampled_from(["low", "medium", "high"])),
        "sales_tracking": draw(st.booleans()),
        "audience": draw(st.sampled_from(["broad", "niche"])),
        "market": draw(st.sampled_from(["b2c", "b2b"])),
        "scheduler": draw(st.booleans()),
        "content_capacity": draw(st.sampled_from(["low", "medium", "high"])),
        "local": draw(st.booleans()),
        "ad_budget_per_month": draw(st.sampled_from([0.0, 0.0, 300.0, 1500.0, 5000.0])),
        "existing_audience": draw(st.sampled_from(["none", "small", "large"])),
        "goals": draw(st.lists(st.sampled_from(GOALS), max_size=4, unique=True)),
        "exclude": draw(st.lists(st.sampled_from(IDS), max_size=4, unique=True)),
    }
    if with_bounds:
        data["bounds"] = draw(bounds())
    if with_share and draw(st.booleans()):
        lo = draw(st.none() | st.integers(0, 10).map(lambda x: x / 10))
        hi = draw(st.none() | st.integers(0, 10).map(lambda x: x / 10))
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        data["broadcast_share"] = {"min": lo, "max": hi}
    return Scenario.model_validate(data)
