"""Messages the wizard and its fields post. Widgets talk upwards with these; the
screen decides what an edit means for the app."""

from __future__ import annotations

from typing import Any

from textual.message import Message
from textual.widget import Widget

from planner.models import Scenario


class Edit(Message):
    """A field changed. ``changes`` are scenario fields to apply; ``error`` is set
    instead when the text could not even be read (e.g. "abc" for hours)."""

    def __init__(self, source: Widget, field: str, changes: dict[str, Any] | None, error: str | None = None) -> None:
        super().__init__()
        self.source = source
        self.field = field
        self.changes = changes
        self.error = error

    @property
    def control(self) -> Widget:
        return self.source


class ScenarioEdited(Message):
    """The wizard holds a new valid scenario."""

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario


class InputValidity(Message):
    """Which fields currently hold text the scenario does not accept (empty: none).
    While any do, the plan shown is the last valid one."""

    def __init__(self, invalid: dict[str, str]) -> None:
        super().__init__()
        self.invalid = invalid
