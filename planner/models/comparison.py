"""A side-by-side comparison of 2–4 plans: what every compare view renders.

Built by :func:`planner.compare.compare_plans` from the plans alone. Like
:class:`~planner.models.plan.Plan`, it carries every figure a view shows (hours,
shares, deltas against the baseline), so the terminal table, the Markdown export and
the TUI cannot disagree. Lists that run "per scenario" are in the order of ``names``;
index 0 is the baseline.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.models.base import StrictModel
from planner.models.plan import PlanWarning, Strategy


class InputDiff(StrictModel):
    """One scenario input across the scenarios."""

    field: str
    """The ``Scenario`` field name, e.g. ``hours_per_week``."""
    label: str
    """For people, e.g. "Hours per week"."""
    values: list[str]
    """Each scenario's value, written for people (e.g. "8 h", "awareness, leads")."""
    differs: bool
    """True if any scenario's value differs from the baseline's (compared as data, not text)."""


class SplitColumn(StrictModel):
    """One scenario's broadcast/relationships split, copied from its plan."""

    name: str
    broadcast: float = Field(ge=0, le=1)
    relationships: float = Field(ge=0, le=1)
    broadcast_hours: float = Field(ge=0)
    relationships_hours: float = Field(ge=0)
    allocated_hours: float = Field(ge=0)
    available_hours: float = Field(ge=0)


class TacticRow(StrictModel):
    """One tactic across the scenarios; 0 hours where a plan does not use it."""

    id: str
    name: str
    platform_name: str
    strategy: Strategy
    hours: list[float]
    delta: list[float]
    """``hours[i] - hours[0]``: the change against the baseline (0 for the baseline)."""
    present: list[bool]
    """Whether each plan gives the tactic any hours."""


class ScenarioOutcome(StrictModel):
    """One row of the summary: role, what changed, and how the plan came out."""

    name: str
    role: Literal["baseline", "variant"]
    changed_inputs: list[str]
    """Labels of the inputs that differ from the baseline, e.g. "Hours per week"
    (empty for the baseline): short enough for a summary table."""
    changed: list[str]
    """The same changes with values, e.g. "Hours per week: 8 h → 12 h"."""
    broadcast: float
    relationships: float
    allocated_hours: float
    verdict: Literal["stable", "fragile"]
    sensitivity_summary: str
    explained: list[str] = []
    """Which changed input moves which tactics: each differing input applied alone to
    the baseline and planned again, e.g. "Reach priority alone adds Instagram feed
    posts and drops Facebook group discussions" (empty for the baseline, or when the
    comparison was made without the knowledge base)."""
    warnings: list[PlanWarning]
    model_version: str
    knowledge_version: str


class Comparison(StrictModel):
    names: list[str] = Field(min_length=2, max_length=4)
    baseline: str
    """The first scenario; every delta is against it."""
    inputs: list[InputDiff]
    splits: list[SplitColumn]
    tactics: list[TacticRow]
    """Tactics that get hours in at least one plan: by baseline hours, then most hours."""
    scenarios: list[ScenarioOutcome]
