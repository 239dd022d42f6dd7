"""Inputs → weights: the scenario's features, the criterion weights (from the
knowledge base's rules) and the two strategy weights.

Every weight keeps the list of rules that moved it, so the plan can say *why* a
criterion mattered and cite the guidance behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.knowledge.schema import KnowledgeBase
from planner.models.scenario import Scenario

LEVEL = {"low": 0.0, "medium": 0.5, "high": 1.0}


def features(scenario: Scenario) -> dict[str, float]:
    """The scenario as numbers from 0 to 1 that weight rules can read.

    ``short_horizon`` is 1 for a one-month ROI horizon and falls linearly to 0 at a
    year: past a year every tactic has had time to show results (reference figures §4).
    """
    short = min(1.0, max(0.0, (12 - scenario.roi_horizon_months) / 11))
    return {
        "measurability_need": LEVEL[scenario.roi_measurability],
        "short_horizon": short,
        "long_horizon": 1.0 - short,
        "scheduler": float(scenario.scheduler),
        "no_scheduler": float(not scenario.scheduler),
        "content_gap": 1.0 - LEVEL[scenario.content_capacity],
        "content_strength": LEVEL[scenario.content_capacity],
        "sales_tracking": float(scenario.sales_tracking),
        "goals_given": float(bool(scenario.goals)),
        "b2b": float(scenario.market == "b2b"),
        "b2c": float(scenario.market == "b2c"),
        "broad": float(scenario.audience == "broad"),
        "niche": float(scenario.audience == "niche"),
    }


@dataclass(frozen=True)
class Weight:
    criterion: str
    label: str
    raw: float
    weight: float
    reasons: tuple[tuple[str, str], ...]
    """(what, citation) for each part of the weight: the base weight, and each rule that
    moved it. A base weight of 0 is left out once a rule has moved the weight: it did
    not shape it, so neither does the reason it is 0."""

    @property
    def refs(self) -> list[str]:
        return [ref for _, ref in self.reasons]


def criterion_weights(scenario: Scenario, kb: KnowledgeBase) -> list[Weight]:
    """Raw weight = base + Σ coef × feature, floored at 0, then normalised to sum 1."""
    feats = features(scenario)
    raws: dict[str, float] = {}
    moved: dict[str, list[tuple[str, str]]] = {}
    for c in kb.criteria:
        raws[c.id] = c.base_weight.value
        moved[c.id] = []
    for rule in kb.weight_rules:
        amount = rule.coef * feats[rule.feature]
        if amount == 0:
            continue
        raws[rule.criterion] += amount
        moved[rule.criterion].append((f"{amount:+.2f}: {rule.explain}", rule.source))
    total = sum(max(0.0, r) for r in raws.values())
    out = []
    for c in kb.criteria:
        raw = max(0.0, raws[c.id])
        base = c.base_weight
        reasons = moved[c.id] if base.value == 0 and moved[c.id] else [(f"base weight {base.value:.2f}", base.source), *moved[c.id]]
        out.append(Weight(c.id, c.label, raw, raw / total if total > 0 else 0.0, tuple(reasons)))
    return out


@dataclass(frozen=True)
class StrategyPair:
    """The two strategy weights: what an hour of each strategy is worth (see
    :func:`strategy_weights`)."""

    broadcast: float
    relationships: float

    def of(self, strategy: str) -> float:
        return self.broadcast if strategy == "broadcast" else self.relationships


def strategy_weights(reach_priority: int, kb: KnowledgeBase) -> StrategyPair:
    """Reach priority acts here and only here.

    W_broadcast rises and W_relationships falls with reach priority, and neither
    reaches 0 (the guidance says the two work best combined). Because every tactic's
    value is its strategy weight times a score that does not depend on reach priority,
    raising reach priority can only move hours towards broadcast (docs/model.md).
    """
    floor = kb.strategy_weights.floor.value
    p = reach_priority / 100
    return StrategyPair(
        broadcast=floor + (1 - floor) * p,
        relationships=floor + (1 - floor) * (1 - p),
    )
