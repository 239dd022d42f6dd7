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
so a document can also never carry a terminal escape sequence. Bidirectional marks,
overrides and isolates, which would reorder what a terminal or an editor shows of
the raw document, are written as numeric character references like ``&#8238;``:
a renderer still shows the text as typed.
"""

from __future__ import annotations

import re

_ALWAYS = frozenset("\\`*_[]<>|#&~")
"""Characters with inline meaning anywhere in a line (emphasis, code, links, HTML,
tables, entities, strikethrough, heading closers): always backslash-escaped."""

_ENTITY = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_ENTITY.update({c: f"&#{ord(c)};" for c in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"})
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
    text = _CONTROL.sub("\ufffd", text)
    out = [_ENTITY.get(c) or ("\\" + c if c in _ALWAYS else c) for c in text]
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


def _line_start(text: str) -> str:
    """Escape what only means something at the start of a line: list markers
    (``-``, ``+``, ``1.``, ``1)``) and setext underlines (``=``)."""
    if text[:1] in ("-", "+", "="):
        return "\\" + text
    m = _LIST_NUMBER.match(text)
    if m:
        return f"{m.group(1)}\\{m.group(2)}{text[m.end():]}"
    return text


_URL = re.compile(
    r"https?://[^\s<>\"`|\\\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+"
    r"[^\s<>\"`|\\.,;:!?)\]}'*_~\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
"""A web address: no space, no character Markdown or a terminal would act on."""


def with_links(text: str) -> str:
    """Knowledge-base text (sources, reasons): escaped like :func:`inline`, except that
    web addresses become autolinks (``<https://…>``), so they are clickable everywhere
    instead of only where a renderer guesses bare URLs."""
    out, pos = [], 0
    for m in _URL.finditer(text):
        out.append(inline(text[pos : m.start()]) if pos < m.start() else "")
        out.append(f"<{m.group()}>")
        pos = m.end()
    out.append(inline(text[pos:]) if pos < len(text) else "")
    return "".join(out)


def cell(text: str) -> str:
    """A table cell's content; an empty cell stays visibly empty."""
    return inline(text) if text else ""
