"""The header (Textual's own) shows the scenario's name and whether it is unsaved."""

from __future__ import annotations

from textual.content import Content

from planner.tui.document import UNSAVED_MARK

from ..helpers import SMALL


def header_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the header's title shows (queried by type name: the class is not public)."""
    shown = app.screen.query_one("HeaderTitle").render()
    assert isinstance(shown, Content)
    return shown.plain


async def test_the_header_shows_the_scenario_and_the_unsaved_mark(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        name = app.scenario.name
        assert name and name in header_text(app) and UNSAVED_MARK not in header_text(app)
        app.screen.query_one("#reach-scale").focus()
        await pilot.press("right")
        await pilot.pause()
        assert app.session.dirty
        assert name in header_text(app) and UNSAVED_MARK in header_text(app)
        await pilot.press("left")  # back to the opened scenario
        await pilot.pause()
        assert not app.session.dirty and UNSAVED_MARK not in header_text(app)
