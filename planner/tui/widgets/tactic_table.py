"""The tactics table: each tactic, its hours, its kind, what the hours buy this week.

Tactics with hours come first (as the plan orders them), each on two lines: the name
(with its platform when the name does not say it) and the hours, then the kind in a
word and this week's output (and the KPIs, when there is room), so the text a person
needs is not cut to a column's width. The alternatives the plan left at zero follow,
one dimmed line each, so selecting one shows why it got nothing. The highlighted row
drives the why panel.

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
from planner.tui.style import MUTED, STRATEGY_TEXT
from planner.tui.text import literal

WIDE = 90
"""From this many cells, the second line of a tactic also lists its KPIs."""
KIND = {"broadcast": "broadcast", "relationships": "relationships"}
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
        self._layout: list[tuple[int, str]] = [(-1, "header")]
        """Screen line → (row, part): the header is row -1; a planned tactic has a
        ``name`` line and a ``both`` line (kind and output), or, when those two do not
        fit one line, a ``kind`` line and an ``output`` line; an alternative has its
        ``name`` line only."""
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
        height = len(self._layout)
        self.plan = plan
        spare = max(0, ROWS - len(plan.tactics))
        self._rows = [(t, True) for t in plan.tactics] + [(t, False) for t in plan.alternatives[:spare]]
        self._lay_out(self.size.width)
        ids = [t.id for t, _ in self._rows]
        if selected in ids:
            self.cursor_row = ids.index(selected)
        self.cursor_row = max(0, min(self.cursor_row, len(self._rows) - 1))
        self.refresh(layout=len(self._layout) != height)
        if notify:
            self.post_message(self.Selected(self.selected))

    def _lay_out(self, width: int) -> None:
        """Which lines each row takes at this width: the kind and the output share a
        line when they fit, so the output is never cut to make room for the kind."""
        self._layout = [(-1, "header")]
        for index, (tactic, chosen) in enumerate(self._rows):
            if not chosen:
                self._layout.append((index, "name"))
            elif width <= 0 or _second_line(tactic).cell_length < width:
                self._layout += [(index, "name"), (index, "both")]
            else:
                self._layout += [(index, "name"), (index, "kind"), (index, "output")]

    def on_resize(self) -> None:
        height = len(self._layout)
        self._lay_out(self.size.width)
        self._lines.clear()
        self.refresh(layout=len(self._layout) != height)

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
        if 1 <= event.y < len(self._layout):
            self.move_cursor(self._layout[event.y][0])

    # Rendering (line by line, each row cached until what it shows changes) --------
    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self._layout)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()  # a new theme or focus: new colours

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.visual_style
        if y >= len(self._layout):
            return Strip.blank(width, base.rich_style)
        index, part = self._layout[y]
        if index < 0:
            data: tuple[object, ...] = ("header",)
            row_style = self.get_visual_style("tactic-table--header")
        else:
            tactic, chosen = self._rows[index]
            data = (*_row_key(tactic, chosen), part)
            if index == self.cursor_row:
                row_style = self.get_visual_style("tactic-table--cursor")
            elif index % 2:
                row_style = self.get_visual_style("tactic-table--even-row")
            else:
                row_style = None
        key = (width, data, row_style, base)
        cached = self._lines.get(y)
        if cached is not None and cached[0] == key:
            return cached[1]
        if index < 0:
            line = _split(Content(" Tactic"), Content("Hours "), width)
        else:
            line = _line(tactic, chosen, part, width)
        if row_style is not None:
            line = line.stylize(row_style) if index == self.cursor_row else line.stylize_before(row_style)
        strip = Visual.to_strips(self, line, width, 1, base, pad=True)[0]
        self._lines[y] = (key, strip)
        return strip


def _row_key(tactic: TacticPlan, chosen: bool) -> tuple[object, ...]:
    """What a row shows: equal keys draw equal rows."""
    return (tactic.id, chosen, tactic.platform_name, tactic.name, tactic.strategy, tactic.hours, tactic.output, tuple(k.name for k in tactic.kpis))


def _second_line(tactic: TacticPlan) -> Content:
    """The kind in a word and this week's output."""
    return Content.assemble(
        "   ",
        (KIND[tactic.strategy], STRATEGY_TEXT[tactic.strategy]),
        (" · ", MUTED),
        literal(tactic.output, MUTED, one_line=True),
    )


def _line(tactic: TacticPlan, chosen: bool, part: str, width: int) -> Content:
    """One screen line of a row: the name and the hours, or (planned tactics only) the
    kind and this week's output, and the KPIs from :data:`WIDE` cells."""
    name = fmt.with_platform(tactic.name, tactic.platform_name)
    if not chosen:
        return _split(literal(" " + name, "dim", one_line=True), Content.styled("– ", "dim"), width)
    if part == "name":
        return _split(literal(" " + name, one_line=True), Content.styled(f"{fmt.hours(tactic.hours)} ", "bold"), width)
    if part == "kind":
        second = Content.assemble("   ", (KIND[tactic.strategy], STRATEGY_TEXT[tactic.strategy]), (" ·", MUTED))
    elif part == "output":
        second = Content.assemble("   ", literal(tactic.output, MUTED, one_line=True))
    else:
        second = _second_line(tactic)
    if part != "kind" and width >= WIDE and tactic.kpis:
        second = Content.assemble(second, (" · KPIs: ", MUTED), literal(", ".join(k.name for k in tactic.kpis), MUTED, one_line=True))
    return second.truncate(max(width - 1, 1), ellipsis=True).truncate(width, pad=True)


def _split(left: Content, right: Content, width: int) -> Content:
    """``left`` cut to fit ("…" when cut), then ``right`` against the right edge; the
    last cell is left for the scrollbar."""
    room = max(width - right.cell_length - 2, 1)
    left = left.truncate(room, ellipsis=True).truncate(room, pad=True)
    line = Content.assemble(left, " ", right)
    return line.truncate(width, pad=True) if width > 0 else line
