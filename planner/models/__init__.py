"""Plain data: the scenario (inputs), the knowledge base and the plan (outputs).

These modules import only the standard library and pydantic, so every other layer
can depend on them without dragging in anything heavier.
"""

from planner.models.base import StrictModel
from planner.models.plan import (
    Citation,
    CitedSource,
    Contribution,
    CriterionWeight,
    Hours,
    Plan,
    PlanWarning,
    Sensitivity,
    SensitivityCase,
    Split,
    TacticPlan,
    WeightReason,
    Why,
)
from planner.models.scenario import HourBound, Scenario, ShareBound

__all__ = [
    "Citation",
    "CitedSource",
    "Contribution",
    "CriterionWeight",
    "HourBound",
    "Hours",
    "Plan",
    "PlanWarning",
    "Scenario",
    "Sensitivity",
    "SensitivityCase",
    "ShareBound",
    "Split",
    "StrictModel",
    "TacticPlan",
    "WeightReason",
    "Why",
]
