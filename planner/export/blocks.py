"""Small Markdown building blocks: tables, lists, headings. Callers pass text that is
already escaped (see :mod:`planner.export.escape`) or fixed text they wrote."""

from __future__ import annotations

from collections.abc import Sequence

LEFT, RIGHT = ":--", "--:"
"""Alignment cells, three characters wide like the rest of the delimiter row."""


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], aligns: Sequence[str] | None = None) -> str:
    """A pipe table. Every row must have exactly one cell per header: a short row
    would shift the columns, so it is a programming error, not something to pad."""
    aligns = list(aligns or [LEFT] * len(headers))
    assert len(aligns) == len(headers)
    lines = [_row(headers), _row(aligns)]
    for row in rows:
        assert len(row) == len(headers), f"row has {len(row)} cells for {len(headers)} columns"
        lines.append(_row(row))
    return "\n".join(lines)


EMPTY = "—"
"""Shown for an empty cell: a blank cell reads as missing data (and lints as a style error)."""


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c or EMPTY for c in cells) + " |"


def bullets(items: Sequence[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def heading(level: int, text: str) -> str:
    return f"{'#' * level} {text}"


def document(sections: Sequence[str]) -> str:
    """Blocks separated by one blank line, ending with exactly one newline."""
    return "\n\n".join(s.strip("\n") for s in sections if s) + "\n"
