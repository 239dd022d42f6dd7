"""Markdown escaping of user text: nothing a person types can change the document.

Names and notes may hold any text: ``|`` (would split a table cell), newlines (would
end a row or a paragraph), backticks, ``*_[]~#&``, ``<b>`` (raw HTML), a leading ``-``
or ``1.`` (a list), leading spaces (a code block). Every such character is made
literal, and whitespace Markdown would otherwise trim or reinterpret is written as a
numeric character reference, so a CommonMark parser gives back exactly the text that
was typed — including newlines, written ``&#10;``. (The exports therefore put text
that may hold newlines, such as names and notes, in table cells or headings, never in
running paragraphs where a newline would read as a line break.)

Control characters other than tab, newline and carriage return cannot be written in
Markdown at all (CommonMark refuses their character references); they become U+FFFD,
so a document can also never carry a terminal escape sequence.
"""

from __future__ import annotations

import re

_ALWAYS = frozenset("\\`*_[]<>|#&~")
"""Characters with inline meaning anywhere in a line (emphasis, code, links, HTML,
tables, entities, strikethrough, heading closers): always backslash-escaped."""

_ENTITY = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_EDGE_SPACE = {" ": "&#32;", "\u00a0": "&#160;"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])")


def inline(text: str, *, mid_line: bool = False) -> str:
    """``text`` as Markdown for a table cell, heading, list item or a single line.

    The result holds no newline and starts and ends with a non-space character.
    ``mid_line=True`` is for a fragment placed after other text on its line, where
    list markers such as ``1.`` mean nothing and need no escape (so a version reads
    ``2026.11.1`` rather than with a backslash before the first dot).
    """
    out = _escaped(text)
    # Leading and trailing spaces are trimmed by Markdown; keep them as typed.
    for i in range(len(out)):
        if out[i] not in _EDGE_SPACE:
            break
        out[i] = _EDGE_SPACE[out[i]]
    for i in range(len(out) - 1, -1, -1):
        if out[i] not in _EDGE_SPACE:
            break
        out[i] = _EDGE_SPACE[out[i]]
    result = "".join(out)
    return result if mid_line else _line_start(result)


def _escaped(text: str) -> list[str]:
    """``text`` character by character, with every character that means something in
    Markdown made literal (edges and line starts aside)."""
    text = _CONTROL.sub("\ufffd", text)
    return [_ENTITY.get(c) or ("\\" + c if c in _ALWAYS else c) for c in text]


def _line_start(text: str) -> str:
    """Escape what only means something at the start of a line: list markers
    (``-``, ``+``, ``1.``, ``1)``) and setext underlines (``=``)."""
    if text[:1] in ("-", "+", "="):
        return "\\" + text
    m = _LIST_NUMBER.match(text)
    if m:
        return f"{m.group(1)}\\{m.group(2)}{text[m.end():]}"
    return text


_URL = re.compile(r"https?://[^\s<>\"`|\\]+[^\s<>\"`|\\.,;:!?)\]}'*_~]")


def with_links(text: str) -> str:
    """Knowledge-base text (sources, reasons): escaped like :func:`inline`, except that
    web addresses become autolinks (``<https://…>``), so they are clickable everywhere
    instead of only where a renderer guesses bare URLs."""
    parts, pos = [], 0
    for m in _URL.finditer(text):
        parts.append(("text", text[pos : m.start()]))
        parts.append(("url", m.group()))
        pos = m.end()
    parts.append(("text", text[pos:]))
    # The spaces between a word and a link are kept as they are; only the line's own
    # edges and start need inline()'s protection.
    out = [f"<{piece}>" if kind == "url" else "".join(_escaped(piece)) for kind, piece in parts]
    if parts[0][0] == "text" and parts[0][1]:
        out[0] = inline(parts[0][1]) if len(parts) == 1 else _lead(parts[0][1])
    if len(parts) > 1 and parts[-1][1]:
        out[-1] = _trail(parts[-1][1])
    return "".join(out)


def _lead(text: str) -> str:
    """The start of a line: leading spaces and line-start markers protected."""
    stripped = text.lstrip(" \u00a0")
    head = "".join(_EDGE_SPACE[c] for c in text[: len(text) - len(stripped)])
    body = "".join(_escaped(stripped))
    return _line_start(head + body) if head else _line_start(body)


def _trail(text: str) -> str:
    """The end of a line: trailing spaces protected."""
    stripped = text.rstrip(" \u00a0")
    return "".join(_escaped(stripped)) + "".join(_EDGE_SPACE[c] for c in text[len(stripped) :])


def cell(text: str) -> str:
    """A table cell's content; an empty cell stays visibly empty."""
    return inline(text) if text else ""
