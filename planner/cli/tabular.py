"""A plain, fast text table for long listings.

Rich's ``Table`` measures and wraps every cell, which takes seconds for 10,000 rows;
a listing only needs aligned columns. Widths are measured in terminal cells (wide
characters and emoji count as two) and long text is cut with an ellipsis, so columns
stay aligned whatever the names hold. Callers pass text already made safe to print.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len, get_character_cell_size, set_cell_size

_MAYBE_NOT_ONE_CELL = re.compile(r"[^\x20-\x7e\xa0-\u02ff]")
"""Below U+0300 every printable character takes exactly one cell; only the others
(combining marks, wide CJK, emoji…) need a per-character look-up."""


def width_of(text: str) -> int:
    """Terminal cells ``text`` takes. Fast for 10,000 rows: one regex scan, and a
    look-up only for the few characters that may not be one cell wide."""
    special = _MAYBE_NOT_ONE_CELL.findall(text)
    if not special:
        return len(text)
    if "\u200d" in special or "\ufe0f" in special:
        return cell_len(text)  # emoji sequences: let rich count grapheme clusters
    return len(text) - len(special) + sum(get_character_cell_size(c) for c in special)


def fit(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` cells, ending in ``…`` when cut."""
    if width_of(text) <= width:
        return text
    return set_cell_size(text, width - 1) + "…"


def render(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> str:
    measured = [[(v, width_of(v)) for v in row] for row in [headers, *rows]]
    widths = [max(row[i][1] for row in measured) for i in range(len(headers))]
    rule = [("─" * w, w) for w in widths]
    lines = [_line(measured[0], widths, right), _line(rule, widths, right)]
    lines.extend(_line(row, widths, right) for row in measured[1:])
    return "\n".join(lines) + "\n"


def _line(cells: Sequence[tuple[str, int]], widths: Sequence[int], right: Sequence[bool]) -> str:
    out = []
    for (value, n), width, r in zip(cells, widths, right, strict=True):
        pad = " " * (width - n)
        out.append(pad + value if r else value + pad)
    return "  ".join(out).rstrip()
