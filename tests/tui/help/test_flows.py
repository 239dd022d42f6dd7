"""The help screen (F1 or ?): it lists every binding, and closes once however fast
Escape is pressed."""

from __future__ import annotations

import pytest

from planner.tui.screens.help import HelpScreen

from ..helpers import LARGE, SMALL, burst, drain


async def test_help_screen_lists_every_binding(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.keys_text
        for expected in ("f1 / ?", "PgDn", "PgUp", "ctrl+q", "ctrl+p", "ctrl+t"):
            assert expected in keys
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")  # the reach slider has focus: ? opens help
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.timeout(60)
async def test_escape_escape_closes_help_once(make_app) -> None:
    from planner.tui.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        burst(app, "escape", "escape", "q")
        await drain(pilot)
        assert app.current_mode == "plan" and len(app.screen_stack) == 1
    assert app.return_code in (None, 0)
