"""Snapshot of the help screen (pytest-textual-snapshot). Update with
``pytest tests/tui --snapshot-update`` after looking at the new SVG."""

from __future__ import annotations

from ..helpers import SMALL


def test_help_screen(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, press=["f1"])
