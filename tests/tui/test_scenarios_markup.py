"""Hostile scenario names on the Scenarios and Compare screens and in dialogs: shown
literally, and clicking them does nothing."""

from __future__ import annotations

import pytest

from planner.tui.dialogs.choice import ChoiceDialog
from planner.tui.screens.compare import CompareScreen
from planner.tui.screens.scenario_list import ScenarioList

from .conftest import LARGE
from .helpers import text_of
from .store_helpers import save_all, settle, shown_text

HOSTILE = "[@click=app.quit]x[/]"
NAMES = [HOSTILE, "[bold]Acme | ok", "עברית 🌸 \u202eevil"]


def lines_of(widget: ScenarioList, count: int) -> list[str]:
    return [widget.render_line(y).text for y in range(count)]


@pytest.mark.parametrize("size", [LARGE])
async def test_hostile_names_in_list_compare_and_dialogs(make_app, kb, size) -> None:
    save_all([kb.default_scenario().with_changes(name=n, notes="[@click=app.bell]ring[/]\nline") for n in NAMES])
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        table = app.screen.query_one(ScenarioList)
        shown = "\n".join(lines_of(table, 3))
        assert HOSTILE in shown and "[bold]Acme | ok" in shown
        assert "\u202e" not in shown and "<U+202E>evil" in shown  # bidi override made visible
        for y in range(3):
            await pilot.click(ScenarioList, offset=(5, y))
            await pilot.pause()
            assert app.is_running and app.return_code is None

        # Marked names in the status line; the delete question names it literally.
        await pilot.press("home", "space", "space")
        assert HOSTILE in text_of(app, "#scenarios-status") or "[bold]Acme" in text_of(app, "#scenarios-status")
        await pilot.press("up", "up", "delete")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        message = text_of(app, "#choice-message")
        assert any(n in message for n in NAMES[:2])
        await pilot.click("#choice-message", offset=(30, 0))
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running

        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.comparison is not None
        inputs = shown_text(screen.query_one("#compare-inputs"))
        summary = shown_text(screen.query_one("#compare-summary"))
        assert "[@click=app.bell]ring[/]" in inputs
        assert any(n[:12] in summary for n in NAMES[:2])
        for selector in ("#compare-title", "#compare-summary", "#compare-inputs"):
            await pilot.click(selector, offset=(3, 0))
            await pilot.click(selector, offset=(3, 4))
            await pilot.pause()
            assert app.is_running and app.return_code is None
