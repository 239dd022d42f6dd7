"""Palette commands for saved scenarios, compare and export (see :mod:`.commands`).

App-wide commands mirror :data:`planner.tui.app.STORE_BINDINGS`; on the
Scenarios and Compare screens, every screen binding with a tooltip becomes a command
too, so whatever a key does there can also be found by typing its name.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen

from planner.tui.command import Command

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp

SCREEN_PREFIX = {"scenarios": "Scenarios", "compare": "Compare"}


def store_commands(app: PlannerApp, screen: Screen[object]) -> Iterable[Command]:
    yield Command("Save the scenario", "Ctrl+S: save it (asks for a name the first time)", app.action_save)
    yield Command("Save the scenario as…", "F2: save under a new name", app.action_save_as)
    yield Command("Open saved scenarios", "F3: list, search, open, rename, duplicate, delete", lambda: app.run_action("show('scenarios')"))
    yield Command("Compare saved scenarios", "F4: 2–4 scenarios side by side", lambda: app.run_action("show('compare')"))
    yield Command("Back to the plan", "F5: the wizard and the plan", lambda: app.run_action("show('plan')"))
    if app.current_mode != "scenarios":
        what = "comparison" if app.current_mode == "compare" else "plan"
        yield Command(f"Export the {what} as Markdown…", "F6: choose a path, preview, write", app.action_export)
    prefix = SCREEN_PREFIX.get(app.current_mode)
    if prefix is None:
        return
    for binding in getattr(screen, "BINDINGS", []):
        if isinstance(binding, Binding) and binding.tooltip and binding.action != "export" and not binding.action.startswith("app."):
            yield Command(f"{prefix}: {binding.tooltip}", f"key: {binding.key}", partial(screen.run_action, binding.action))
