"""A virtualised list of saved scenarios: 10,000 rows cost what 20 do.

Built on the Line API (:class:`~textual.scroll_view.ScrollView`): the widget only
knows how many rows there are, and :meth:`ScenarioList.render_line` builds the few
rows that are on screen from plain data when they are painted. Filtering and sorting
are list operations on :class:`~planner.store.ListedScenario` tuples done by the
screen; no widget per row, no table to rebuild. (A ``DataTable`` of 10,000 rows spent
its first paint measuring every cell: docs/performance.md.)

Names are user text: each cell is a plain :class:`~rich.segment.Segment` of
:func:`planner.text.pictured_line` text, never markup, and is cut to its column by
cell width (emoji and CJK take two cells), so a row never spills into the next column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from planner import fmt
from planner.store import ListedScenario
from planner.text import pictured_line


@dataclass(frozen=True)
class Column:
    title: str
    width: int
    right: bool = False


def columns(width: int) -> list[Column]:
    """The columns that fit in ``width`` cells; the name takes what is left."""
    mark, hours, reach, modified = Column("", 3), Column("Hours", 7, True), Column("Reach", 7, True), Column("Modified", 18)
    goals_w = max(0, min(34, (width - 60) // 2)) if width >= 90 else 0
    fixed = [mark, hours, reach] + ([modified] if width >= 64 else [])
    used = sum(c.width for c in fixed) + goals_w
    name = Column("Name", max(10, width - used))
    out = [mark, name, hours, reach]
    if goals_w:
        out.append(Column("Goals", goals_w))
    if width >= 64:
        out.append(modified)
    return out


def fit(text: str, width: int, right: bool = False) -> str:
    """``text`` in exactly ``width`` cells: cut with … or padded; one space gutter."""
    inner = width - 1
    if inner <= 0:
        return " " * max(width, 0)
    if cell_len(text) > inner:
        text = set_cell_size(text, inner - 1) + "…"
    if right:
        return " " * (inner - cell_len(text)) + text + " "
    return " " + set_cell_size(text, inner)


def header_text(width: int) -> str:
    return "".join(fit(c.title, c.width, c.right) for c in columns(width))


def cells(row: ListedScenario, mark: str, goal_names: Mapping[str, str] | None = None) -> dict[str, str]:
    """A row's cells; ``goal_names`` shows goals by label ("Brand awareness"), not id."""
    if row.status != "ok":
        details = {"Hours": "—", "Reach": "—", "Goals": f"newer planner (v{row.schema_version})"}
    else:
        names = goal_names or {}
        details = {
            "Hours": fmt.hours(row.hours_per_week or 0),
            "Reach": str(row.reach_priority),
            "Goals": ", ".join(names.get(g, g) for g in row.goals) or "none",
        }
    return {"": mark, "Name": pictured_line(row.name), "Modified": fmt.timestamp(row.modified_ns), **details}


class ScenarioList(ScrollView, can_focus=True):
    """Rows of saved scenarios with a cursor and compare marks (``1``–``4``)."""

    COMPONENT_CLASSES = {"scenario-list--cursor", "scenario-list--marked", "scenario-list--newer"}

    DEFAULT_CSS = """
    ScenarioList {
        height: 1fr;
        background: $surface;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        & > .scenario-list--cursor {
            background: $block-cursor-blurred-background;
        }
        &:focus > .scenario-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .scenario-list--marked {
            color: $text-accent;
            text-style: bold;
        }
        & > .scenario-list--newer {
            color: $text-muted;
        }
    }
    """

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Selected(Message):
        """Enter or a double click on a row."""

        def __init__(self, row: ListedScenario) -> None:
            super().__init__()
            self.row = row

    class Highlighted(Message):
        def __init__(self, row: ListedScenario | None) -> None:
            super().__init__()
            self.row = row

    def __init__(self, *, goal_names: Mapping[str, str] | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.goal_names = goal_names or {}
        self.rows: list[ListedScenario] = []
        self.marks: dict[str, int] = {}
        """File name → compare position (1 = baseline)."""

    # Data -------------------------------------------------------------------
    def set_rows(self, rows: list[ListedScenario], keep: str | None = None) -> None:
        """Show ``rows``; keep the cursor on the file ``keep`` if it is still there."""
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows))
        index = 0
        if keep is not None:
            index = next((i for i, r in enumerate(rows) if r.file == keep), 0)
        self.cursor = index
        self.refresh()

    @property
    def current(self) -> ListedScenario | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def set_marks(self, marks: dict[str, int]) -> None:
        self.marks = marks
        self.refresh()

    # Cursor -----------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, value: int) -> None:
        self.scroll_to_region(Region(0, value, 1, 1), animate=False, force=True, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self.current))

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 1)

    def action_jump(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self.rows) - 1

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain >= 2:
                self.post_message(self.Selected(self.rows[index]))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))

    # Painting ---------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        mark = self.marks.get(row.file)
        style: Style = base
        if mark:
            style = style + self.get_component_rich_style("scenario-list--marked")
        if row.status != "ok":
            style = style + self.get_component_rich_style("scenario-list--newer")
        if index == self.cursor:
            style = style + self.get_component_rich_style("scenario-list--cursor")
        values = cells(row, f"{mark}" if mark else "", self.goal_names)
        text = "".join(fit(values.get(c.title, ""), c.width, c.right) for c in columns(width))
        return Strip([Segment(text, style)]).adjust_cell_length(width, base)
