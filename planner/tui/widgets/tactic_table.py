"""The tactics table: platform, strategy, hours, this week's activities, KPIs.

Tactics with hours come first (as the plan orders them), then the alternatives the
plan left at zero, dimmed, so selecting one shows why it got nothing. The highlighted
row drives the why panel.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from planner.models import Plan
from planner.models.plan import TacticPlan
from planner.tui.style import STRATEGY_SHORT
from planner.tui.text import clean_line

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
MAX_ALTERNATIVES = 5
"""Zero-hour tactics listed after the plan's own, best first."""


class TacticTable(DataTable[Text]):
    DEFAULT_CSS = """
    TacticTable { height: auto; max-height: 12; overflow-x: hidden; }
    """

    class Selected(Message):
        def __init__(self, tactic: TacticPlan | None) -> None:
            super().__init__()
            self.tactic = tactic

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.plan: Plan | None = None
        self._rows: dict[str, TacticPlan] = {}
        self._cells: dict[str, list[Text]] = {}
        self._width = -1

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._rebuild, init=False)

    def _rebuild(self, _: object = None) -> None:
        self._width = -1
        self.show_plan(self.plan)

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._rebuild()

    def _colour(self, strategy: str) -> str:
        variables = self.app.get_css_variables()
        return variables["text-primary" if strategy == "broadcast" else "text-success"]

    def show_plan(self, plan: Plan | None) -> None:
        """Show ``plan``. Cheap when little changed (the common case while typing):
        columns are rebuilt only when the width changes, rows only when the set of
        tactics changes; otherwise only the cells that differ are updated."""
        selected = self.selected_id
        self.plan = plan
        if self.size.width != self._width or not self.columns:
            self._width = self.size.width
            self.clear(columns=True)
            self._cells = {}
            # Every column gets a fixed width that fits the pane, so hours are never
            # pushed off screen; long text ends in "…" and the why panel below
            # repeats the full name, this week's activities and the KPIs.
            columns = NARROW_COLUMNS if self._width < NARROW else WIDE_COLUMNS
            for key, label, width in _fit(columns, self._width):
                self.add_column(label, key=key, width=width)
        if plan is None:
            return
        rows = {t.id: self._cells_for(t, True) for t in plan.tactics}
        rows |= {t.id: self._cells_for(t, False) for t in plan.alternatives[:MAX_ALTERNATIVES]}
        self._rows = {t.id: t for t in [*plan.tactics, *plan.alternatives[:MAX_ALTERNATIVES]]}
        if list(rows) != list(self._cells):
            self.clear()
            for key, cells in rows.items():
                self.add_row(*cells, key=key)
        else:
            for key, cells in rows.items():
                for column, (old, new) in enumerate(zip(self._cells[key], cells)):
                    if old != new:
                        self.update_cell(key, self.ordered_columns[column].key, new)
        self._cells = rows
        if selected in self._rows and self.get_row_index(selected) != self.cursor_row:
            self.move_cursor(row=self.get_row_index(selected), animate=False)
        self.post_message(self.Selected(self.selected))

    def _cells_for(self, tactic: TacticPlan, chosen: bool) -> list[Text]:
        dim = "" if chosen else "dim"
        cells = {
            "platform": Text(clean_line(tactic.platform_name), style=dim, overflow="ellipsis", no_wrap=True),
            "tactic": Text(clean_line(tactic.name), style=dim, overflow="ellipsis", no_wrap=True),
            "strategy": Text(STRATEGY_SHORT[tactic.strategy], style=f"bold {self._colour(tactic.strategy)}" if chosen else dim),
            "hours": Text(f"{tactic.hours:.1f}" if chosen else "–", style="bold" if chosen else dim, justify="right"),
            "week": Text(clean_line(tactic.output) if chosen else "not in plan", style=dim, overflow="ellipsis", no_wrap=True),
            "kpis": Text(clean_line(", ".join(k.name for k in tactic.kpis)), style=dim, overflow="ellipsis", no_wrap=True),
        }
        return [cells[str(column.key.value)] for column in self.ordered_columns]

    @property
    def selected_id(self) -> str | None:
        if not self._rows or self.cursor_row < 0 or self.cursor_row >= self.row_count:
            return None
        return str(self.coordinate_to_cell_key((self.cursor_row, 0)).row_key.value)

    @property
    def selected(self) -> TacticPlan | None:
        key = self.selected_id
        return self._rows.get(key) if key else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Selected(self._rows.get(str(event.row_key.value))))


def _fit(columns: tuple[tuple[str, str, float], ...], width: int) -> list[tuple[str, str, int]]:
    padding = 2 * len(columns) + 1  # one cell each side of every column, and the scrollbar
    fixed = sum(int(w) for _, _, w in columns if isinstance(w, int))
    free = max(width - padding - fixed, 4 * len(columns))
    return [(key, label, w if isinstance(w, int) else max(4, int(free * w))) for key, label, w in columns]
