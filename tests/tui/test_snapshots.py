"""Snapshots (pytest-textual-snapshot, textual pinned to 8.2.8).

Harlequin-style: a flow is snapshotted at the points a person would look at. Update
with ``pytest tests/tui --snapshot-update`` after looking at the new SVGs.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from .conftest import LARGE, SMALL


def test_default_screen_80x24(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL)


def test_default_screen_120x40(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=LARGE)


def test_time_step_with_a_validation_error(snap_compare, make_app) -> None:
    async def invalid_hours(pilot: Pilot) -> None:
        await pilot.press("pagedown")
        field = pilot.app.screen.query_one("#input-hours-per-week", Input)
        field.cursor_blink = False
        field.focus()
        await pilot.press("end", "ctrl+u", *"lots")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=invalid_hours)


def test_help_screen(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, press=["f1"])
