"""The scenario: everything a marketer tells the planner about their business.

A scenario is the only input of the decision engine besides the knowledge base. It is
also exactly what ``--scenario FILE.json`` reads and what ``planner plan --format json``
prints under ``scenario``, so a plan can always be reproduced from its own output.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from planner.models.base import StrictModel
from planner.text import CONTROL

Level = Literal["low", "medium", "high"]
Breadth = Literal["broad", "niche"]
Market = Literal["b2c", "b2b"]
AudienceSize = Literal["none", "small", "large"]

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
"""Ids of platforms, tactics, goals and presets: lowercase slugs."""

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
Hours = Annotated[float, Field(ge=0, le=168)]


class HourBound(StrictModel):
    """Hours per week a tactic or a platform must get at least / may get at most."""

    min: Hours | None = None
    max: Hours | None = None

    @model_validator(mode="after")
    def _min_not_above_max(self) -> HourBound:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min:g} h) is above max ({self.max:g} h); swap them")
        return self


class ShareBound(StrictModel):
    """A floor and/or ceiling on the broadcast share of the allocated hours (0 to 1)."""

    min: Annotated[float, Field(ge=0, le=1)] | None = None
    max: Annotated[float, Field(ge=0, le=1)] | None = None

    @model_validator(mode="after")
    def _min_not_above_max(self) -> ShareBound:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is above max ({self.max:g}); swap them")
        return self


class Scenario(StrictModel):
    """A marketer's goals and constraints for one week of marketing."""

    name: Annotated[str, Field(min_length=1, max_length=200)] = "My business"
    notes: Annotated[str, Field(max_length=10_000)] = ""
    reach_priority: Annotated[int, Field(ge=0, le=100)] = 50
    """0 = all about relationships, 100 = all about reach."""
    hours_per_week: Annotated[float, Field(gt=0, le=168)] = 8.0
    roi_horizon_months: Annotated[int, Field(ge=1, le=120)] = 6
    roi_measurability: Level = "medium"
    """How much directly measurable ROI matters."""
    sales_tracking: bool = False
    """Whether sales tracking / analytics is in place to attribute revenue."""
    audience: Breadth = "broad"
    market: Market = "b2c"
    scheduler: bool = False
    """Whether a scheduling tool (Buffer, Hootsuite, Sprout Social…) is used."""
    content_capacity: Level = "medium"
    """Ability to make video and visuals."""
    local: bool = False
    """Customers come from one area (a town, a neighbourhood, a region)."""
    ad_budget_per_month: Annotated[float, Field(ge=0, le=100_000_000)] = 0.0
    """Money for paid placement each month, in the user's currency. 0 plans no paid tactics."""
    existing_audience: AudienceSize = "small"
    """The followers and subscribers the business already has."""
    goals: list[Id] = Field(default_factory=list, max_length=32)
    exclude: list[Id] = Field(default_factory=list, max_length=256)
    bounds: dict[Id, HourBound] = Field(default_factory=dict, max_length=256)
    """Per-tactic or per-platform min/max hours, keyed by id."""
    broadcast_share: ShareBound = Field(default_factory=ShareBound)

    @field_validator("name")
    @classmethod
    def _name_has_text(cls, value: str) -> str:
        if CONTROL.search(value):
            raise ValueError("contains control characters; use plain text")
        if not value.strip():
            raise ValueError("is blank; give the scenario a name")
        return value

    @field_validator("goals", "exclude")
    @classmethod
    def _no_duplicates(cls, value: list[str]) -> list[str]:
        seen: set[str] = set()
        dupes = sorted({v for v in value if v in seen or seen.add(v)})  # type: ignore[func-returns-value]
        if dupes:
            raise ValueError(f"lists {', '.join(dupes)} more than once; list each id once")
        return value

    def with_changes(self, **changes: Any) -> Scenario:
        """Return a validated copy with ``changes`` applied.

        ``model_copy(update=...)`` skips validation; every edit in the TUI and CLI
        goes through here instead so an invalid value can never reach the engine.
        """
        data = self.model_dump(mode="json")
        data.update(changes)
        return Scenario.model_validate_json(_dumps(data))

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, two-space indent, trailing newline."""
        return _dumps(self.model_dump(mode="json")) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> Scenario:
        return cls.model_validate_json(text)


def _dumps(data: Any) -> str:
    import json

    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)
