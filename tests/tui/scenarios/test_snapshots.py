"""Snapshots of the Scenarios screen at 80×24 and 120×40.

The store is filled with four scenarios whose file times are fixed, so the Modified
column is stable. Update with ``pytest tests/tui --snapshot-update`` after looking
at the new SVGs.
"""

from __future__ import annotations

import pytest

from ..helpers import LARGE, SMALL, open_scenarios_and_mark_two, save_all, variants


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_scenarios_screen(snap_compare, make_app, kb, size) -> None:
    save_all(variants(kb))
    assert snap_compare(make_app(), terminal_size=size, run_before=open_scenarios_and_mark_two)
