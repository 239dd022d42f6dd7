"""planner.text: every output path shows user text without letting a character act.

The unsafe characters are listed here from their definitions (not from the module),
so a set that loses one fails."""

from __future__ import annotations

import json

import pytest

from planner.export.escape import cell, inline, with_links
from planner.text import CONTROL, json_visible, pictured, pictured_line, visible

C0 = [chr(c) for c in range(0x00, 0x20)]
DEL_C1 = [chr(c) for c in range(0x7F, 0xA0)]
# Unicode's bidirectional formatting characters: ALM, LRM, RLM, LRE/RLE/PDF/LRO/RLO,
# LRI/RLI/FSI/PDI.
BIDI = ["\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]
UNSAFE = C0 + DEL_C1 + BIDI + SURROGATES


def _raw_unsafe(text: str, allowed: str = "") -> list[str]:
    return [c for c in text if c in UNSAFE and c not in allowed]


@pytest.mark.parametrize("char", UNSAFE, ids=lambda c: f"U+{ord(c):04X}")
def test_every_view_shows_every_unsafe_character_without_sending_it(char: str) -> None:
    text = f"a{char}b"
    # The CLI: an escape a person can read, and still one line.
    assert _raw_unsafe(visible(text)) == [] and visible(text) != text
    # The app: a picture; tab and newline are laid out by the widget.
    assert _raw_unsafe(pictured(text), allowed="\t\n") == []
    assert _raw_unsafe(pictured_line(text)) == []
    # Markdown: a character reference or U+FFFD, and always encodable.
    for markdown in (inline(text), cell(text), with_links(f"see https://example.com/{char}x")):
        assert _raw_unsafe(markdown) == [], markdown
        markdown.encode("utf-8")
    # JSON: still the same value once parsed, and nothing raw on the way.
    encoded = json_visible(json.dumps({"name": text}, ensure_ascii=False))
    assert _raw_unsafe(encoded) == [] and json.loads(encoded) == {"name": text}


def test_safe_text_passes_unchanged() -> None:
    text = "Café «Zürich» — 10 h, 50% reach; עברית and 日本語 🌸"
    assert visible(text) == pictured(text) == pictured_line(text) == text
    assert json_visible(json.dumps(text, ensure_ascii=False)) == json.dumps(text, ensure_ascii=False)


def test_visible_names_each_character_so_it_can_be_typed_again() -> None:
    for char in UNSAFE:
        shown = visible(char)
        assert shown.startswith("\\") and shown.encode("ascii")
        if char not in "\n\r\t":
            assert int(shown[2:], 16) == ord(char)


def test_one_line_variants_hold_no_line_break() -> None:
    text = "first\r\nsecond\nthird\tfourth\rfifth"
    assert "\n" not in visible(text) and "\r" not in visible(text)
    line = pictured_line(text)
    assert not set(line) & {"\n", "\r", "\t"}
    assert "first second third fourth" in line


def test_a_name_may_hold_layout_and_bidi_marks_but_no_other_control() -> None:
    for char in C0 + DEL_C1:
        assert bool(CONTROL.search(f"x{char}")) is (char not in "\t\n"), f"U+{ord(char):04X}"
    for char in BIDI:  # right-to-left names need them; every view shows them safely
        assert not CONTROL.search(f"x{char}")
