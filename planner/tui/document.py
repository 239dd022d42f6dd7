"""Which saved scenario is open, and whether the screen holds changes it does not.

The app's session (:mod:`planner.tui.session`) keeps one :class:`Document`: the
stored name and version token of the scenario being edited (both ``None`` for one
that was never saved: the default, a preset, a ``--scenario`` file) and the
*baseline*, the scenario as it was last loaded or saved. "Unsaved changes" is
simply ``scenario != baseline``, so undoing an edit by hand clears the mark again,
and no screen has to report edits.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.models import Scenario

UNSAVED_MARK = "● unsaved"


@dataclass(frozen=True)
class Document:
    name: str | None
    """The name it is saved under, or ``None`` if it is not in the store."""
    token: str | None
    """The store's version token from the last load or save (for conflict checks)."""
    baseline: Scenario | None
    """The scenario as last loaded or saved; ``None`` after its file was deleted."""

    @classmethod
    def unsaved(cls, scenario: Scenario) -> Document:
        """A scenario that is not in the store yet but has no edits either."""
        return cls(None, None, scenario)

    def is_dirty(self, scenario: Scenario) -> bool:
        return self.baseline is None or scenario != self.baseline
