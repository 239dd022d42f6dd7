"""The tactics table: platform, strategy, hours, this week's activities, KPIs.

Tactics with hours come first (as the plan orders them), then the alternatives the
plan left at zero, dimmed, so selecting one shows why it got nothing. The highlighted
row drives the why panel.

A small line-rendered widget rather than a DataTable: the whole table is one
``Content`` built from the plan (a handful of rows), so a keystroke that changes a
few hours repaints this one region and never asks for a layout unless the number of
rows changes. The rows are padded to a steady count (see :data:`ROWS`) so that
happens rarely. It looks like a DataTable (same theme variables) and keeps the keys
that matter here: ↑/↓, Home/End, and a click on a row.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from planner import fmt
from planner.models import Plan
from planner.models.plan import TacticPlan
from planner.tui.style import STRATEGY_SHORT, STRATEGY_TEXT
from planner.tui.text import literal

NARROW = 60
"""Below this many cells the table drops the platform and KPI columns and uses short words."""
NARROW_COLUMNS = (("tactic", "Tactic", 0.55), ("strategy", "Kind", 5), ("hours", "Hours", 5), ("week", "This week", 0.45))
WIDE_COLUMNS = (
    ("platform", "Platform", 0.18),
    ("tactic", "Tactic", 0.28),
    ("strategy", "Kind", 5),
    ("hours", "Hours", 5),
    ("week", "This week", 0.27),
    ("kpis", "KPIs", 0.27),
)
"""(key, label, width): an int is cells, a float a share of what the fixed ones leave."""
ROWS = 7
"""Rows shown: the plan's tactics, then zero-hour alternatives (best first) up to this
many rows in all, so the table keeps its height while hours move between tactics.
A plan with more tactics than this shows them all."""


class TacticTable(Widget, can_focus=True):
    COMPONENT_CLASSES = {"tactic-table--header", "tactic-table--even-row", "tactic-table--cursor"}
    DEFAULT_CSS = """
    TacticTable {
        height: auto;
        background: $surface;
        color: $foreground;
        &:focus { background-tint: $foreground 5%; }
        & > .tactic-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .tactic-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .tactic-table--even-row { background: $surface-lighten-1 50%; }
        &:dark > .tactic-table--even-row { background: $surface-darken-1 40%; }
        & > .tactic-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .tactic-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    BINDINGS = [
        Binding("up", "cursor(-1)", "Previous tactic", show=False),
        Binding("down", "cursor(1)", "Next tactic", show=False),
        Binding("home", "cursor_to(0)", "First tactic", show=False),
        Binding("end", "cursor_to(-1)", "Last tactic", show=False),
    ]

    class Selected(Message):
        def __init__(self, tactic: TacticPlan | None) -> None:
            super().__init__()
            self.tactic = tactic

    def __init__(self, plan: Plan | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan: Plan | None = None
        self._rows: list[tuple[TacticPlan, bool]] = []
        self.cursor_row = 0
        self._lines: dict[int, tuple[object, Strip]] = {}
        if plan is not None:
            self.show_plan(plan, notify=False)

    # Data ------------------------------------------------------------------------
    def show_plan(self, plan: Plan | None, *, notify: bool = True) -> None:
        """Show ``plan``, keeping the selected tactic selected when it is still listed.
        Asks for a layout only when the number of rows changes."""
        if plan is None:
            return
        selected = self.selected_id
        count = len(self._rows)
        self.plan = plan
        spare = max(0, ROWS - len(plan.tactics))
        self._rows = [(t, True) for t in plan.tactics] + [(t, False) for t in plan.alternatives[:spare]]
        ids = [t.id for t, _ in self._rows]
        if selected in ids:
            self.cursor_row = ids.index(selected)
        self.cursor_row = max(0, min(self.cursor_row, len(self._rows) - 1))
        self.refresh(layout=len(self._rows) != count)
        if notify:
            self.post_message(self.Selected(self.selected))

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def selected_id(self) -> str | None:
        tactic = self.selected
        return tactic.id if tactic else None

    @property
    def selected(self) -> TacticPlan | None:
        if 0 <= self.cursor_row < len(self._rows):
            return self._rows[self.cursor_row][0]
        return None

    # Moving the cursor -----------------------------------------------------------
    def move_cursor(self, row: int) -> None:
        row = max(0, min(row, len(self._rows) - 1))
        if row != self.cursor_row:
            self.cursor_row = row
            self.refresh()
            self.post_message(self.Selected(self.selected))

    def action_cursor(self, delta: int) -> None:
        self.move_cursor(self.cursor_row + delta)

    def action_cursor_to(self, row: int) -> None:
        self.move_cursor(row if row >= 0 else len(self._rows) - 1)

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_cursor(event.y - 1)

    # Rendering (line by line, each row cached until what it shows changes) --------
    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 1 + len(self._rows)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()  # a new theme or focus: new colours

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        columns = _fit(NARROW_COLUMNS if width < NARROW else WIDE_COLUMNS, width)
        base = self.visual_style
        if y == 0:
            data: tuple[object, ...] = ("header",)
            row_style = self.get_visual_style("tactic-table--header")
        elif y <= len(self._rows):
            tactic, chosen = self._rows[y - 1]
            data = _row_key(tactic, chosen)
            if y - 1 == self.cursor_row:
                row_style = self.get_visual_style("tactic-table--cursor")
            elif (y - 1) % 2:
                row_style = self.get_visual_style("tactic-table--even-row")
            else:
                row_style = None
        else:
            return Strip.blank(width, base.rich_style)
        key = (width, data, row_style, base)
        cached = self._lines.get(y)
        if cached is not None and cached[0] == key:
            return cached[1]
        if y == 0:
            line = _line([Content(label) for _, label, _ in columns], columns, width)
        else:
            cells = _cells(tactic, chosen)
            line = _line([cells[key] for key, _, _ in columns], columns, width)
        if row_style is not None:
            line = line.stylize(row_style) if y - 1 == self.cursor_row else line.stylize_before(row_style)
        strip = Visual.to_strips(self, line, width, 1, base, pad=True)[0]
        self._lines[y] = (key, strip)
        return strip


def _row_key(tactic: TacticPlan, chosen: bool) -> tuple[object, ...]:
    """What a row shows: equal keys draw equal rows."""
    return (tactic.id, chosen, tactic.platform_name, tactic.name, tactic.strategy, tactic.hours, tactic.output, tuple(k.name for k in tactic.kpis))


def _cells(tactic: TacticPlan, chosen: bool) -> dict[str, Content]:
    dim = "" if chosen else "dim"

    def text(value: str) -> Content:
        return literal(value, dim, one_line=True)

    return {
        "platform": text(tactic.platform_name),
        "tactic": text(tactic.name),
        "strategy": Content.styled(STRATEGY_SHORT[tactic.strategy], STRATEGY_TEXT[tactic.strategy] if chosen else dim),
        "hours": Content.styled(fmt.hours(tactic.hours), "bold") if chosen else Content.styled("–", dim),
        "week": text(tactic.output) if chosen else Content.styled("not in plan", dim),
        "kpis": text(", ".join(k.name for k in tactic.kpis)),
    }


def _line(cells: list[Content], columns: list[tuple[str, str, int]], width: int) -> Content:
    """One row: each cell cut to its column ("…" when cut), one space each side."""
    parts = []
    for cell, (key, _, cell_width) in zip(cells, columns):
        fitted = cell.truncate(cell_width, ellipsis=True)
        fitted = fitted.right(cell_width) if key == "hours" else fitted.truncate(cell_width, pad=True)
        parts.append(Content.assemble(" ", fitted, " "))
    line = Content("").join(parts)
    return line.truncate(width, pad=True) if width > 0 else line


def _fit(columns: tuple[tuple[str, str, float], ...], width: int) -> list[tuple[str, str, int]]:
    padding = 2 * len(columns) + 1  # one cell each side of every column, and the scrollbar
    fixed = sum(int(w) for _, _, w in columns if isinstance(w, int))
    free = max(width - padding - fixed, 4 * len(columns))
    return [(key, label, w if isinstance(w, int) else max(4, int(free * w))) for key, label, w in columns]
