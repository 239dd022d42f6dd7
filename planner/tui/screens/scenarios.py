"""The Scenarios screen (F3): every saved scenario, searchable and sortable.

Open, rename, duplicate and delete work on the highlighted row; Space marks up to
four rows for Compare (the first marked is the baseline). Each of these asks the
app's session (:mod:`planner.tui.session`), which holds the store and the open
scenario; the screen only reads the list again afterwards. Save and Save as are the
app's keys (Ctrl+S, F2) and work here too. The listing is read in a thread worker
from the store's index (:meth:`planner.store.ScenarioStore.list`), so the screen
paints at once and a store of 10,000 scenarios is ready well within a second; it is
read again every time the screen is shown, so changes by other planners appear.
"""

from __future__ import annotations

import os
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from planner.store import ListedScenario, Listing, StoredScenario
from planner.store.errors import StoreError
from planner.text import pictured_line
from planner.tui.screens.scenario_list import ScenarioList, header_text
from planner.tui.text import literal
from planner.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp
    from planner.tui.session import Session

SORTS = ("name", "modified", "hours")
SORT_LABEL = {"name": "name A→Z", "modified": "newest first", "hours": "most hours first"}
MAX_MARKS = 4


def sorted_rows(rows: list[ListedScenario], key: str) -> list[ListedScenario]:
    """The store lists by name; the other orders keep name order among equals."""
    if key == "modified":
        return sorted(rows, key=lambda r: -r.modified_ns)
    if key == "hours":
        return sorted(rows, key=lambda r: -(r.hours_per_week or 0))
    return rows


class ScenariosScreen(Screen[None]):
    AUTO_FOCUS = "#scenario-list"

    DEFAULT_CSS = """
    ScenariosScreen #scenarios-bar {
        height: 1;
        margin: 1 1 0 1;
    }
    ScenariosScreen #scenario-search {
        width: 1fr;
        border: none;
        height: 1;
        padding: 0 1;
    }
    ScenariosScreen #scenarios-sort {
        width: auto;
        padding: 0 1;
        color: $text-muted;
    }
    ScenariosScreen #scenarios-columns {
        height: 1;
        margin: 1 1 0 1;
        text-style: bold;
        color: $text-muted;
    }
    ScenariosScreen #scenario-list {
        margin: 0 1;
    }
    ScenariosScreen #scenarios-status {
        height: auto;
        max-height: 3;
        margin: 0 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("enter", "open", "Open", tooltip="Open the highlighted scenario in the plan screen", id="scenarios.open"),
        Binding("space", "mark", "Mark", tooltip="Mark or unmark it for Compare (first marked = baseline)", id="scenarios.mark"),
        Binding("c", "compare_marked", "Compare marked", tooltip="Compare the marked scenarios (2–4)", id="scenarios.compare"),
        Binding("r", "rename", "Rename", tooltip="Rename the highlighted scenario", id="scenarios.rename"),
        Binding("d", "duplicate", "Duplicate", tooltip="Duplicate the highlighted scenario under a new name", id="scenarios.duplicate"),
        Binding("delete,x", "delete", "Delete", tooltip="Delete the highlighted scenario (asks first)", id="scenarios.delete"),
        Binding("s", "sort", "Sort", show=False, tooltip="Sort by name, newest, or most hours", id="scenarios.sort"),
        Binding("slash", "search", "Search", show=False, tooltip="Search saved scenarios by name", id="scenarios.search"),
        Binding("f2", "app.save_as", "Save as", tooltip="Save the scenario on the plan screen under a new name", id="scenarios.save_as"),
        Binding("escape", "back", "Back", show=False, tooltip="Clear the search, or go back to the plan", id="scenarios.back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="scenarios")
        self.sub_title = "Saved scenarios"
        self.listing = Listing([], [])
        self.sort = "name"
        self.query_text = ""
        self.marks: list[ListedScenario] = []
        self.loaded = False
        """True once a listing is shown (for tests and the benchmark)."""
        self.listed_stamp: int | None = None

    @property
    def planner(self) -> PlannerApp:
        return cast("PlannerApp", self.app)

    @property
    def session(self) -> Session:
        return self.planner.session

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="scenarios-bar"):
            yield Input(placeholder="Search by name  ( / )", id="scenario-search")
            yield Static(self._sort_text(), id="scenarios-sort")
        yield Static("", id="scenarios-columns")
        yield ScenarioList(goal_names={g.id: g.label for g in self.planner.kb.goals}, id="scenario-list")
        yield Static("Reading the saved scenarios…", id="scenarios-status")
        yield KeyBar()

    @property
    def table(self) -> ScenarioList:
        return self.query_one(ScenarioList)

    def on_screen_resume(self) -> None:
        # Every save, rename and delete (by any planner) replaces or removes a file
        # in the directory, which changes its mtime: unchanged means nothing to
        # re-read, and coming back to the list stays instant with 10,000 scenarios.
        if not self.loaded or self._stamp() != self.listed_stamp:
            self.reload()

    def _stamp(self) -> int | None:
        try:
            return os.stat(self.session.store.directory).st_mtime_ns
        except OSError:
            return None

    def on_resize(self) -> None:
        self.query_one("#scenarios-columns", Static).update(header_text(self.table.scrollable_content_region.width or self.size.width - 2))

    # Loading -------------------------------------------------------------------
    def reload(self, keep: str | None = None) -> None:
        current = self.table.current
        self.listed_stamp = self._stamp()
        self._load(keep or (current.file if current else None))

    @work(thread=True, exclusive=True, group="scenarios-list", exit_on_error=False)
    def _load(self, keep: str | None) -> None:
        try:
            listing = self.session.store.list()
        except StoreError as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._show, listing, keep)

    def _failed(self, exc: StoreError) -> None:
        self.loaded = True
        self.query_one("#scenarios-status", Static).update(literal(exc.message))
        self.session.report(exc, "Cannot list scenarios")

    def _show(self, listing: Listing, keep: str | None) -> None:
        self.listing = listing
        self._folded = [r.name.casefold() for r in listing.scenarios]
        present = {r.file: r for r in listing.scenarios}
        self.marks = [present[m.file] for m in self.marks if m.file in present]
        for problem in listing.problems:
            self.app.notify(pictured_line(problem.message), title="Unusable file", severity="warning", markup=False)
        self.loaded = True
        self._refilter(keep)
        self.on_resize()

    def _refilter(self, keep: str | None = None) -> None:
        needle = self.query_text.casefold()
        rows = self.listing.scenarios
        if needle:
            rows = [r for r, folded in zip(rows, self._folded, strict=True) if needle in folded]
        self.table.set_rows(sorted_rows(rows, self.sort), keep)
        self.table.set_marks({m.file: i for i, m in enumerate(self.marks, start=1)})
        self._status()

    def _status(self) -> None:
        total, shown = len(self.listing.scenarios), len(self.table.rows)
        store_dir = str(self.session.store.directory)
        if not total:
            text = Content.assemble("No saved scenarios yet in ", literal(store_dir), ". Press Ctrl+S to save the one on the plan screen.")
        else:
            parts = [f"{total:,} saved" + (f", {shown:,} match" if self.query_text else "")]
            text = Content(" · ".join(parts))
            if self.marks:
                names = [Content.assemble(literal(m.name, one_line=True), " (baseline)" if i == 0 else "") for i, m in enumerate(self.marks)]
                text = Content.assemble(text, f" · marked {len(self.marks)}: ", Content(", ").join(names))
            else:
                text = Content.assemble(text, " · Space marks scenarios to compare")
        self.query_one("#scenarios-status", Static).update(text)

    def _sort_text(self) -> str:
        return f"Sort: {SORT_LABEL[self.sort]} (s)"

    # Search and sort -----------------------------------------------------------
    @on(Input.Changed, "#scenario-search")
    def _search(self, event: Input.Changed) -> None:
        self.query_text = event.value
        if self.loaded:
            self._refilter()

    @on(Input.Submitted, "#scenario-search")
    def _search_done(self) -> None:
        self.table.focus()

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key == "down" and self.focused is self.query_one("#scenario-search"):
            event.stop()
            self.table.focus()

    def action_search(self) -> None:
        self.query_one("#scenario-search", Input).focus()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.query_one("#scenarios-sort", Static).update(self._sort_text())
        current = self.table.current
        self._refilter(current.file if current else None)

    async def action_back(self) -> None:
        search = self.query_one("#scenario-search", Input)
        if search.value:
            search.value = ""
            self.table.focus()
        else:
            await self.app.run_action("show('plan')")

    # Row actions ---------------------------------------------------------------
    def _current(self) -> ListedScenario | None:
        row = self.table.current
        if row is None:
            self.app.notify("No scenario is highlighted.", severity="warning", markup=False)
        elif row.status != "ok":
            self.app.notify("That scenario was saved by a newer planner; upgrade planner to use it.", severity="warning", markup=False)
            return None
        return row

    @on(ScenarioList.Selected)
    def _selected(self, event: ScenarioList.Selected) -> None:
        self.action_open()

    def action_open(self) -> None:
        if (row := self._current()) is not None:
            self.session.run(self.session.open(row.name))

    def action_mark(self) -> None:
        row = self._current()
        if row is None:
            return
        files = [m.file for m in self.marks]
        if row.file in files:
            self.marks.pop(files.index(row.file))
        elif len(self.marks) >= MAX_MARKS:
            self.app.notify(f"Compare takes at most {MAX_MARKS} scenarios; unmark one first.", severity="warning", markup=False)
            return
        else:
            self.marks.append(row)
        self.table.set_marks({m.file: i for i, m in enumerate(self.marks, start=1)})
        self._status()
        self.table.cursor += 1

    def action_compare_marked(self) -> None:
        if len(self.marks) < 2:
            self.app.notify("Mark 2 to 4 scenarios with Space first (the first marked is the baseline).", title="Compare", severity="warning", markup=False)
            return
        self.session.compare([m.name for m in self.marks])

    def action_rename(self) -> None:
        if (row := self._current()) is not None:
            self.session.run(self._reload_after(self.session.rename(row.name)))

    def action_duplicate(self) -> None:
        if (row := self._current()) is not None:
            self.session.run(self._reload_after(self.session.duplicate(row.name)))

    def action_delete(self) -> None:
        if (row := self._current()) is not None:
            self.session.run(self._reload_after(self.session.delete(row.name)))

    async def _reload_after(self, flow: Coroutine[Any, Any, StoredScenario | bool | None]) -> None:
        """Read the list again once ``flow`` changed the store, on the file it wrote."""
        done = await flow
        if done:
            self.reload(keep=done.path.name if isinstance(done, StoredScenario) else None)
