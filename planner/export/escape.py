"""Markdown escaping of user text: nothing a person types can change the document.

Names and notes may hold any text: ``|`` (would split a table cell), newlines (would
end a row or a paragraph), backticks, ``*_[]~#&``, ``<b>`` (raw HTML), a leading ``-``
or ``1.`` (a list), leading spaces (a code block). Every such character is made
literal where it would change the structure, and only there (a ``_`` inside a word,
``1.75`` or a ``#`` mid-line stay as they are, so the raw file reads well), and whitespace Markdown would otherwise trim or reinterpret is written as a
numeric character reference, so a CommonMark parser gives back exactly the text that
was typed — including newlines, written ``&#10;``. (The exports therefore put text
that may hold newlines, such as names and notes, in table cells or headings, never in
running paragraphs where a newline would read as a line break.)

Control characters other than tab, newline and carriage return, and lone surrogates,
cannot be written in Markdown at all (CommonMark refuses their character references;
a surrogate cannot even be encoded); they become U+FFFD, so a document can also never
carry a terminal escape sequence. Bidirectional marks, overrides and isolates, which
would reorder what a terminal or an editor shows of the raw document, are written as
numeric character references like ``&#8238;``: a renderer still shows the text as
typed. (The character sets are :mod:`planner.text`'s, shared with every other view.)
"""

from __future__ import annotations

import re

from planner.text import BIDI, NOT_IN_MARKDOWN_CLASS, UNSAFE_CLASS, pattern

_ALWAYS = frozenset("`*<|~")
"""Characters that start structure wherever they are (code spans, emphasis, HTML and
autolinks, table cells, strikethrough): always backslash-escaped. The others are
escaped only where they would change the document (see :func:`_needs_escape`), so
ordinary text such as ``001_2b34.txt#Time``, ``1.75 h`` or ``[assumption]`` reads
as written in the raw Markdown too."""

_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ENTITY = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_ENTITY.update({c: f"&#{ord(c)};" for c in BIDI})
_EDGE_SPACE = {" ": "&#32;", "\u00a0": "&#160;"}
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
_ENTITY_LIKE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_RULE = re.compile(r"^(?:[-=]+|(?:-[ \t]*){3,})[ \t]*$")


def _needs_escape(text: str, i: int) -> bool:
    """Whether ``text[i]`` would be read as Markdown structure rather than as itself."""
    c = text[i]
    if c in _ALWAYS:
        return True
    after = text[i + 1 : i + 2]
    before = text[i - 1 : i]
    if c == "\\":  # an escape only before punctuation (or whatever follows the text)
        return not after or after in _PUNCTUATION
    if c == "_":  # emphasis, unless inside a word (snake_case, 001_2b34)
        return not (before.isalnum() and after.isalnum())
    if c == "&":  # only where it would start an entity: "&amp;", "&#65;"
        return _ENTITY_LIKE.match(text, i) is not None
    if c == "]":  # a link or image "](", a reference "][", a definition "]:"
        return after in ("(", "[", ":")
    if c == "[":  # a reversed link "(text)[link]"
        return before == ")"
    if c == "#":  # a heading's closing sequence: "#" runs at the very end
        return text[i:].strip("#") == ""
    return False


def inline(text: str, *, mid_line: bool = False, edges: tuple[bool, bool] = (True, True)) -> str:
    """``text`` as Markdown for a table cell, heading, list item or a single line.

    The result holds no newline and, with ``edges``, starts and ends with a non-space
    character. ``mid_line=True`` is for a fragment placed after other text on its
    line, where list markers such as ``1.`` mean nothing and need no escape.
    ``edges`` says whether the start and the end of ``text`` are the start and end of
    the cell, so their spaces must be kept from Markdown's trimming.
    """
    out = _escaped(text)
    # Leading and trailing spaces are trimmed by Markdown; keep them as typed.
    if edges[0]:
        for i in range(len(out)):
            if out[i] not in _EDGE_SPACE:
                break
            out[i] = _EDGE_SPACE[out[i]]
    if edges[1]:
        for i in range(len(out) - 1, -1, -1):
            if out[i] not in _EDGE_SPACE:
                break
            out[i] = _EDGE_SPACE[out[i]]
    result = "".join(out)
    return result if mid_line else _line_start(result)


def _escaped(text: str) -> list[str]:
    """``text`` character by character, with every character that means something in
    Markdown made literal (edges and line starts aside)."""
    text = pattern(NOT_IN_MARKDOWN_CLASS).sub("\ufffd", text)
    return [_ENTITY.get(c) or ("\\" + c if _needs_escape(text, i) else c) for i, c in enumerate(text)]


def _line_start(text: str) -> str:
    """Escape what only means something at the start of a line: list markers
    (``- x``, ``+ x``, ``1. x``, ``1) x``), a block quote (``>``), a heading (``#``),
    and a line that would be a rule or a setext underline (``---``, ``===``)."""
    if text[:1] in (">", "#") or _RULE.match(text):
        return "\\" + text
    if text[:1] in ("-", "+") and text[1:2] in ("", " ", "\t", "&"):
        return "\\" + text
    m = _LIST_NUMBER.match(text)
    if m:
        return f"{m.group(1)}\\{m.group(2)}{text[m.end():]}"
    return text


_URL = re.compile(
    rf"https?://[^\s<>\"`|\\{UNSAFE_CLASS}]+"
    rf"[^\s<>\"`|\\.,;:!?)\]}}'*_~{UNSAFE_CLASS}]"
)
"""A web address: no space, no character Markdown or a terminal would act on."""


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
