"""Snapshots of the plan screen (pytest-textual-snapshot; the test extra pins textual to the version they were drawn with).

Harlequin-style: a flow is snapshotted at the points a person would look at. Update
with ``pytest tests/tui --snapshot-update`` after looking at the new SVGs.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from ..helpers import LARGE, SMALL


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


async def _channels_with_one_left_out(pilot: Pilot) -> None:
    await pilot.press("pagedown", "pagedown", "pagedown", "pagedown")
    await pilot.pause()
    await pilot.press("space")  # untick the first platform: ticked and unticked rows side by side
    await pilot.pause()


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
@pytest.mark.parametrize("step", ["goals", "channels"])
def test_ticks_read_in_both_themes(snap_compare, make_app, theme, size, step) -> None:
    """Ticked and unticked boxes differ by a tick, not only by colour, in either theme."""
    app = make_app()
    app.theme = theme
    run_before = _channels_with_one_left_out if step == "channels" else None
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
@pytest.mark.parametrize("numbers", [False, True], ids=["reasons", "details"])
def test_why_panel_reasons_first_and_details_on_demand(snap_compare, make_app, size, numbers) -> None:
    """The why panel leads with reasons in words, what the tactic won over and what
    would change it; the numbers stay collapsed until asked for (n)."""
    from planner.tui.widgets.plan_details import PlanDetails
    from planner.tui.widgets.tactic_table import TacticTable

    async def show_why(pilot: Pilot) -> None:
        screen = pilot.app.screen
        screen.query_one(TacticTable).focus()
        await pilot.pause()
        if numbers:
            await pilot.press("n")
        await pilot.pause()
        screen.query_one(PlanDetails).scroll_visible(top=True, animate=False)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=show_why)
