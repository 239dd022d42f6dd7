"""The decision matrix: each tactic's score on each criterion (0 to 1), and the
weighted sum that ranks tactics within a strategy.

This is the explicit matrix a decision analyst would draw: rows are tactics,
columns are criteria, and the weights come from :mod:`planner.engine.weights`.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.engine.weights import Weight
from planner.knowledge.schema import Criterion, KnowledgeBase, Tactic
from planner.models.scenario import Scenario


def cell(criterion: Criterion, tactic: Tactic, scenario: Scenario) -> float:
    """One cell of the matrix, 0 to 1. ``criterion.kind`` says how to read it."""
    s = tactic.scores
    if criterion.kind == "score":
        return s[_score_key(criterion, scenario)].value / 5
    if criterion.kind == "inverse":
        return 1 - s[_score_key(criterion, scenario)].value / 5
    if criterion.kind == "tracked":
        return s[_score_key(criterion, scenario)].value / 5
    if criterion.kind == "audience":
        return (s[scenario.market].value + s[scenario.audience].value) / 10
    if criterion.kind == "goals":
        if not scenario.goals:
            return 0.0
        return len(set(scenario.goals) & set(tactic.goals)) / len(scenario.goals)
    raise AssertionError(f"unknown criterion kind {criterion.kind!r}")  # schema forbids it


def cell_keys(criterion: Criterion, scenario: Scenario) -> tuple[str | None, ...]:
    """What :func:`cell` reads for this criterion in this scenario: score keys, or
    ``None`` for the tactic's goals. A cell's citations are the sources of these (a
    tactic's goals are cited by its ``goals_source``)."""
    if criterion.kind in ("score", "inverse", "tracked"):
        return (_score_key(criterion, scenario),)
    if criterion.kind == "audience":
        return (scenario.market, scenario.audience)
    if criterion.kind == "goals":
        return (None,) if scenario.goals else ()
    raise AssertionError(f"unknown criterion kind {criterion.kind!r}")  # schema forbids it


def _score_key(criterion: Criterion, scenario: Scenario) -> str:
    """The tactic score a ``score``, ``inverse`` or ``tracked`` criterion reads."""
    key = criterion.tracked_key if criterion.kind == "tracked" and scenario.sales_tracking else criterion.key
    if key is None:
        raise AssertionError(f"criterion {criterion.id!r} names no score")  # schema forbids it
    return key


@dataclass(frozen=True)
class Row:
    """A tactic's row: its cells, and their weighted sum."""

    tactic: Tactic
    cells: dict[str, float]
    score: float


def score_tactics(
    tactics: list[Tactic], scenario: Scenario, kb: KnowledgeBase, weights: list[Weight]
) -> dict[str, Row]:
    by_id = {c.id: c for c in kb.criteria}
    rows = {}
    for t in tactics:
        cells = {w.criterion: cell(by_id[w.criterion], t, scenario) for w in weights}
        score = sum(w.weight * cells[w.criterion] for w in weights)
        rows[t.id] = Row(t, cells, score)
    return rows
