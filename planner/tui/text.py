"""User text is data, never markup.

Scenario names, notes and anything read from a user's strategies directory may hold
``[...]`` sequences that Textual would run as markup (``[@click=app.quit]``), or
terminal control characters that would move the cursor. Every such string reaches a
widget through :func:`literal`, which returns :class:`~textual.content.Content`:
Content built from a ``str`` is never parsed, and control characters are made
visible instead of being sent to the terminal.
"""

from __future__ import annotations

import re

from textual.content import Content

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛, ␀ …: the Unicode "control pictures"
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def clean(text: str) -> str:
    """``text`` with control characters (C0, C1, bidi overrides) made visible."""
    return _CONTROL.sub(_visible, text)


def clean_line(text: str) -> str:
    """Like :func:`clean`, and on one line: for titles and table cells."""
    return clean(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def literal(text: str, style: str = "", *, one_line: bool = False) -> Content:
    """Content that shows ``text`` exactly as typed, optionally styled."""
    content = Content(clean_line(text) if one_line else clean(text))
    return content.stylize(style) if style else content
