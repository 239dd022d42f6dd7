"""User text is data, never markup.

Scenario names, notes and anything read from a user's strategies directory may hold
``[...]`` sequences that Textual would run as markup (``[@click=app.quit]``), or
terminal control characters that would move the cursor. Every such string reaches a
widget through :func:`literal`, which returns :class:`~textual.content.Content`:
Content built from a ``str`` is never parsed, and the characters
:mod:`planner.text` names unsafe are shown as control pictures instead of being sent
to the terminal (:func:`planner.text.pictured`).
"""

from __future__ import annotations

from textual.content import Content

from planner.text import pictured, pictured_line


def literal(text: str, style: str = "", *, one_line: bool = False) -> Content:
    """Content that shows ``text`` exactly as typed, optionally styled."""
    content = Content(pictured_line(text) if one_line else pictured(text))
    return content.stylize(style) if style else content
