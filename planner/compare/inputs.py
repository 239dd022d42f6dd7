"""Scenario inputs written for people, one row per field, shared by every view.

The labels and value wording live here (not in each view) so the comparison table,
the Markdown export and the TUI describe an input the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from planner.models.scenario import HourBound, Scenario, ShareBound

if TYPE_CHECKING:
    from planner.knowledge.schema import KnowledgeBase
    from planner.models.plan import Plan


@dataclass(frozen=True)
class Names:
    """What ids read as for people: goal labels, platform and tactic names. Views show
    these; JSON keeps the ids. An id it does not know reads as itself."""

    goals: Mapping[str, str] = field(default_factory=dict)
    channels: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, kb: KnowledgeBase) -> Names:
        return cls(
            {g.id: g.label for g in kb.goals},
            {p.id: p.name for p in kb.platforms} | {t.id: t.name for t in kb.tactics},
        )

    @classmethod
    def of_plans(cls, plans: Iterable[Plan]) -> Names:
        """The platform and tactic names the plans themselves carry (no goal labels)."""
        channels: dict[str, str] = {}
        for plan in plans:
            for t in (*plan.tactics, *plan.alternatives):
                channels.setdefault(t.id, t.name)
                channels.setdefault(t.platform, t.platform_name)
        return cls({}, channels)

    def goal(self, ident: str) -> str:
        return self.goals.get(ident, ident)

    def channel(self, ident: str) -> str:
        return self.channels.get(ident, ident)

LABELS: dict[str, str] = {
    "notes": "Notes",
    "reach_priority": "Reach priority",
    "hours_per_week": "Hours per week",
    "roi_horizon_months": "ROI horizon",
    "roi_measurability": "Measurable ROI matters",
    "sales_tracking": "Sales tracking in place",
    "audience": "Audience",
    "market": "Market",
    "scheduler": "Scheduling tool",
    "content_capacity": "Video and visuals capacity",
    "goals": "Goals",
    "exclude": "Excluded",
    "bounds": "Hour limits",
    "broadcast_share": "Broadcast share limits",
}
"""Every scenario input except the name (which heads each column)."""


def input_fields() -> list[str]:
    """The scenario's fields in model order, minus the name."""
    return [f for f in Scenario.model_fields if f != "name"]


def label(field: str) -> str:
    return LABELS.get(field, field.replace("_", " ").capitalize())


def raw_value(scenario: Scenario, field: str) -> Any:
    """The value as data, for deciding whether two scenarios differ."""
    return json.loads(json.dumps(scenario.model_dump(mode="json")[field], sort_keys=True))


def describe(scenario: Scenario, field: str, names: Names | None = None) -> str:
    """The value of ``field`` for people: "8 h", "6 months", "yes", "Brand awareness,
    Trust and credibility" (names, when ``names`` knows the ids)."""
    names = names or Names()
    value = getattr(scenario, field)
    if field == "hours_per_week":
        return f"{_num(value)} h"
    if field == "roi_horizon_months":
        return f"{value} month{'s' if value != 1 else ''}"
    if field in ("market",):
        return str(value).upper()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field == "goals":
        return ", ".join(names.goal(v) for v in value) if value else "none"
    if field == "exclude":
        return ", ".join(names.channel(v) for v in value) if value else "none"
    if field == "bounds":
        return "; ".join(f"{names.channel(ident)}: {_bound(b)}" for ident, b in sorted(value.items())) if value else "none"
    if field == "broadcast_share":
        return _share(value)
    return str(value)


def rows(scenario: Scenario, names: Names | None = None) -> list[tuple[str, str, str]]:
    """``(field, label, value)`` for each input of one scenario."""
    return [(f, label(f), describe(scenario, f, names)) for f in input_fields()]


def _num(x: float) -> str:
    return f"{round(x, 2):g}"


def _bound(b: HourBound) -> str:
    if b.min is not None and b.max is not None:
        return f"{_num(b.min)}–{_num(b.max)} h"
    if b.min is not None:
        return f"at least {_num(b.min)} h"
    if b.max is not None:
        return f"at most {_num(b.max)} h"
    return "no limit"


def _share(s: ShareBound) -> str:
    if s.min is None and s.max is None:
        return "none"
    parts = []
    if s.min is not None:
        parts.append(f"at least {s.min:.0%}")
    if s.max is not None:
        parts.append(f"at most {s.max:.0%}")
    return " and ".join(parts)
