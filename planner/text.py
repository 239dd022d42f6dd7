"""User text made safe to show: the one home of the characters that must never reach
a terminal, a JSON reader or a Markdown document as they are.

Scenario names and notes, file names and anything read from a user's strategies
directory may hold characters that act instead of showing:

* **C0 and C1 controls and DEL** (``ESC [2J``, ``BEL``, ``CSI``): they move the
  cursor, clear, recolour or retitle a terminal;
* **bidirectional marks, embeddings, overrides and isolates** (U+061C, U+200E/F,
  U+202A-E, U+2066-9): they reorder what a terminal or an editor shows of the rest
  of a line ("Trojan source");
* **lone surrogates**: half of a character, as Python decodes a file name that is not
  UTF-8; they cannot even be encoded for output.

Every output path shows text through one of the variants below, all built from these
sets: the CLI with :func:`visible` (escapes a person can read and copy), JSON output
with :func:`json_visible`, the app with :func:`pictured` / :func:`pictured_line`
(one-cell control pictures), Markdown with :data:`NOT_IN_MARKDOWN_CLASS` and :data:`BIDI`
(``planner.export.escape``), and the models refuse :data:`CONTROL` in a name. Stdlib
only, so every layer may import it.
"""

from __future__ import annotations

import re
from functools import cache

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""The bidirectional formatting characters, each one (Markdown writes them as numeric
character references, so a renderer still honours them but the raw file shows them)."""

_C0 = r"\x00-\x1f"
_DEL_C1 = r"\x7f-\x9f"
_SURROGATES = r"\ud800-\udfff"

UNSAFE_CLASS = f"{_C0}{_DEL_C1}{BIDI}{_SURROGATES}"
"""Every character above, as the inside of a regular expression's ``[...]``, for a
pattern that must stop at them (a web address in Markdown)."""

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Controls that are not text layout (tab and newline are): what a scenario name may
not hold. Bidi marks are allowed there, since right-to-left names need them. Compiled
at import (it is small and every scenario checks it); the others below on first use."""

_IN_JSON_CLASS = f"{_DEL_C1}{BIDI}{_SURROGATES}"
"""All of them less C0: JSON escapes C0 controls itself (``\\n``, ``\\u001b``)."""
NOT_IN_MARKDOWN_CLASS = f"\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f{_DEL_C1}{_SURROGATES}"
"""What Markdown cannot carry at all, not even as a character reference (CommonMark
refuses references to controls and surrogates): controls other than tab, newline and
carriage return, which Markdown writes as references, and lone surrogates."""
_PICTURED_CLASS = f"\\x00-\\x08\\x0b-\\x1f{_DEL_C1}{BIDI}{_SURROGATES}"
"""All of them but tab and newline, which the app lays out itself."""


@cache
def pattern(char_class: str) -> re.Pattern[str]:
    """``[char_class]`` compiled, once per process, on first use.

    Why not at import: a class spanning the surrogates and the bidi marks takes about
    half a millisecond to compile, and every layer imports this module, so compiling
    all of them up front cost every command (``planner plan --format json`` included)
    about 2 ms for patterns it mostly never uses (docs/performance.md)."""
    return re.compile(f"[{char_class}]")


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """``text`` with every unsafe character shown as an escape (``\\x1b``, ``\\n``,
    ``\\u202e``), so printing it can never move the cursor, recolour or retitle a
    terminal, or reverse the rest of a line; and it stays on one line. The CLI prints
    all user and strategy text through it."""
    return pattern(UNSAFE_CLASS).sub(_escape, text)


def json_visible(text: str) -> str:
    """JSON text with the characters :func:`visible` escapes written as ``\\uXXXX``
    escapes: still the same JSON values, but safe to print. (JSON already escapes C0
    controls; the others can only occur inside strings, so the result stays valid.)"""
    return pattern(_IN_JSON_CLASS).sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def pictured(text: str) -> str:
    """``text`` for a widget: C0 controls and DEL as their one-cell Unicode control
    pictures (``␛``, ``␡``), C1, bidi and surrogates as ``<U+202E>``; tab and newline
    are kept for the widget to lay out."""
    return pattern(_PICTURED_CLASS).sub(_picture, text)


def pictured_line(text: str) -> str:
    """Like :func:`pictured`, and on one line: for titles, notifications and cells."""
    return pictured(one_line(text))


def one_line(text: str) -> str:
    """``text`` with line breaks and tabs as spaces, for a title, a header or a cell;
    the characters that act are left for one of the functions above to show."""
    return text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛, ␀ …: the Unicode "control pictures"
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"
