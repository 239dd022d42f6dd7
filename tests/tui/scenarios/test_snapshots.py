"""Snapshots of the Scenarios and Compare screens at 80×24 and 120×40.

The store is filled with four scenarios whose file times are fixed, so the Modified
column is stable. Update with ``pytest tests/tui --snapshot-update`` after looking
at the new SVGs.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from ..conftest import LARGE, SMALL
from ..store_helpers import save_all, settle, variants


async def _scenarios(pilot: Pilot) -> None:
    await pilot.press("f3")
    await settle(pilot)
    await pilot.press("down", "space", "down", "down", "space")  # mark two: baseline first
    await settle(pilot)


async def _compare(pilot: Pilot) -> None:
    await _scenarios(pilot)
    await pilot.press("c")
    await settle(pilot)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_scenarios_screen(snap_compare, make_app, kb, size) -> None:
    save_all(variants(kb))
    assert snap_compare(make_app(), terminal_size=size, run_before=_scenarios)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_compare_screen(snap_compare, make_app, kb, size) -> None:
    save_all(variants(kb))
    assert snap_compare(make_app(), terminal_size=size, run_before=_compare)
