"""Fit gates: how far each fact about the business lets a tactic work at all.

The decision matrix (:mod:`planner.engine.matrix`) averages a tactic's qualities, so a
channel with great reach could still score well for a market it cannot reach. The
gates multiply instead: each is a factor from 0 to 1 for one fact (market, audience
breadth, place, goals, existing audience, content capacity, ROI horizon, ad budget),
and a poor fit on any one of them sinks the tactic. Their strengths live in the
knowledge base's ``[fit]`` table, each with its source. Every gate is at most 1,
except that a large existing audience lifts the channels that speak to it.

A tactic's value to the optimiser is then ``matrix score × gates × reach tilt``: what
it achieves for this business, not how many hours its format takes (the hours are its
cost; see :func:`item_score`).
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.engine.weights import LEVEL
from planner.knowledge.schema import AUDIENCE_LEVELS, KnowledgeBase, Tactic
from planner.models.scenario import Scenario


@dataclass(frozen=True)
class Gate:
    """One factor of a tactic's fit, with what set it (for the explanation)."""

    id: str
    factor: float
    source: str


def gates(tactic: Tactic, scenario: Scenario, kb: KnowledgeBase) -> tuple[Gate, ...]:
    """Every gate for this tactic, in a fixed order. A factor of 0 rules it out."""
    f = kb.fit
    s = tactic.scores
    out = [
        Gate("market", (s[scenario.market].value / 5) ** f.market_power.value, s[scenario.market].source),
        Gate("breadth", (s[scenario.audience].value / 5) ** f.breadth_power.value, s[scenario.audience].source),
    ]
    place = s["local" if scenario.local else "global"]
    out.append(Gate("place", (place.value / 5) ** f.place_power.value, place.source))
    if scenario.goals:
        served = len(set(scenario.goals) & set(tactic.goals)) / len(scenario.goals)
        # The square root: serving one of two goals is most of the way to serving both,
        # since any tactic worth running serves one goal well.
        out.append(Gate("goals", f.goal_floor.value + (1 - f.goal_floor.value) * served**0.5, tactic.goals_source))
    have = AUDIENCE_LEVELS.index(scenario.existing_audience)
    if have < AUDIENCE_LEVELS.index(tactic.min_existing_audience):
        out.append(Gate("audience", 0.0, tactic.audience_source or f.reliance_none.source))
    else:
        rel = s["audience_reliance"]
        if scenario.existing_audience == "large":
            out.append(Gate("audience", 1 + f.reliance_large.value * rel.value / 5, rel.source))
        else:
            cut = f.reliance_none if scenario.existing_audience == "none" else f.reliance_small
            out.append(Gate("audience", 1 - cut.value * rel.value / 5, rel.source))
    gap = 1 - LEVEL[scenario.content_capacity]
    if gap:
        demand = s["content_demand"]
        out.append(Gate("content", 1 - f.content_gap.value * gap * (demand.value / 5) ** 2, demand.source))
    need = LEVEL[scenario.roi_measurability]
    if need:
        m = s["measurability_tracked" if scenario.sales_tracking else "measurability"]
        out.append(Gate("measurability", 1 - f.measurability_need.value * need * (1 - m.value / 5), m.source))
    months = tactic.months_to_results.value
    if months > scenario.roi_horizon_months:
        out.append(Gate(
            "horizon", (scenario.roi_horizon_months / months) ** f.horizon_power.value, tactic.months_to_results.source
        ))
    if tactic.paid:
        budget = scenario.ad_budget_per_month
        potential = min(f.budget_cap.value, (budget / f.budget_reference.value) ** f.budget_power.value) if budget > 0 else 0.0
        out.append(Gate("budget", potential, f.budget_reference.source))
    return tuple(out)


def fit_factor(tactic_gates: tuple[Gate, ...]) -> float:
    out = 1.0
    for g in tactic_gates:
        out *= g.factor
    return out


def reach_tilt(tactic: Tactic, reach_priority: int, kb: KnowledgeBase) -> float:
    """Within a strategy, reach priority favours the tactics that reach more people:
    1 at priority 50, above 1 for high-reach tactics as it rises, below 1 for low-reach
    ones. It never touches the broadcast/relationships split (see build.py)."""
    lam = kb.fit.reach_tilt.value
    return 1 + lam * (reach_priority / 100 - 0.5) * (tactic.scores["reach"].value - 2.5) / 2.5


def item_score(tactic: Tactic, value: float, kb: KnowledgeBase) -> float:
    """The optimiser's per-hour scale for a tactic worth ``value`` once well fed.

    The allocator's curve is ``score × s × (1 − e^(−h/s))`` for saturation hours s; it
    tends to ``score × s``. With this score it tends to ``value × R × (s/R)^c``
    (R = ``reference_hours``, c = ``capacity_power``, a quarter): hours are mostly the
    cost, not the worth, so a format that takes longer to make earns less per hour,
    while a channel that can usefully take more hours is credited a little for it."""
    c = kb.curve
    scale: float = (c.reference_hours.value / tactic.saturation_hours.value) ** (1 - c.capacity_power.value)
    return value * scale
