"""Snapshots of the Compare screen at 80×24 and 120×40, comparing two of four saved
scenarios with fixed file times. Update with ``pytest tests/tui --snapshot-update``
after looking at the new SVGs."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from ..helpers import LARGE, SMALL, open_scenarios_and_mark_two, save_all, settle, variants


async def _compare(pilot: Pilot) -> None:
    await open_scenarios_and_mark_two(pilot)
    await pilot.press("c")
    await settle(pilot)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_compare_screen(snap_compare, make_app, kb, size) -> None:
    save_all(variants(kb))
    assert snap_compare(make_app(), terminal_size=size, run_before=_compare)
