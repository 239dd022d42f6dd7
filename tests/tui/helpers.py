"""Small helpers for reading what the app shows."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input, Static


def text_of(app: App[object], selector: str) -> str:
    """The plain text a Static shows (its Content, not markup)."""
    return str(app.screen.query_one(selector, Static).render())


async def type_into(pilot, selector: str, text: str) -> Input:  # type: ignore[no-untyped-def]
    """Replace an Input's text by typing, as a person would."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.cursor_blink = False
    await pilot.pause()
    await pilot.press("end", "ctrl+u", *text)
    await pilot.pause()
    return field
