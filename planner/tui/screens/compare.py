"""The Compare screen (F4): 2–4 saved scenarios side by side.

Which scenarios: the ones marked on the Scenarios screen (Space, then ``c``), kept by
the app's session as ``compare_names``; the first is the baseline. The screen loads them,
plans each (:func:`planner.usecases.compare_saved`, the same as ``planner compare``), and
shows :func:`planner.compare.compare_plans` as five tables: summary, inputs with the
differences marked, split, hours per tactic with the change against the baseline,
warnings and sensitivity. F6 (or ``e``) exports the same comparison as Markdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from planner.errors import PlannerError
from planner.models.comparison import Comparison
from planner.present.comparison import SECTIONS, Look
from planner.text import pictured
from planner.tui.session import quoted
from planner.tui.text import literal
from planner.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp

HOW_TO_PICK = (
    "Pick 2 to 4 saved scenarios to compare: press p (or F3) for the Scenarios screen, mark them with "
    "Space (the first marked is the baseline), then press c."
)


class CompareScreen(Screen[None]):
    AUTO_FOCUS = "#compare-body"

    DEFAULT_CSS = """
    CompareScreen #compare-title {
        height: auto;
        padding: 0 1;
        margin-top: 1;
    }
    CompareScreen #compare-body {
        height: 1fr;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    CompareScreen .compare-section {
        height: auto;
        margin-bottom: 1;
    }
    """

    BINDINGS = [
        Binding("e", "export", "Export", show=False, tooltip="Export the comparison as Markdown", id="compare.export"),
        Binding("p", "pick", "Pick", tooltip="Pick other scenarios on the Scenarios screen", id="compare.pick"),
        Binding("escape", "app.show('plan')", "Back", show=False, tooltip="Back to the plan", id="compare.back"),
    ]

    def __init__(self) -> None:
        super().__init__(id="compare")
        self.sub_title = "Compare"
        self.names: list[str] = []
        self.comparison: Comparison | None = None

    @property
    def planner(self) -> PlannerApp:
        return cast("PlannerApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(HOW_TO_PICK), id="compare-title")
        with VerticalScroll(id="compare-body"):
            for section in SECTIONS:
                yield Static("", id=f"compare-{section}", classes="compare-section")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        if self.planner.session.compare_names != self.names or self.comparison is None:
            self.show(self.planner.session.compare_names)

    def show(self, names: list[str]) -> None:
        """Compare ``names`` now (baseline first)."""
        self.names = list(names)
        title = self.query_one("#compare-title", Static)
        self.comparison = None
        if len(names) < 2:
            title.update(Content(HOW_TO_PICK))
            self._fill(None)
            return
        try:
            self.comparison = self.planner.session.comparison(names)
        except PlannerError as exc:
            title.update(literal(exc.message))
            self._fill(None)
            self.planner.session.report(exc, "Cannot compare")
            return
        c = self.comparison
        title.update(
            Content.assemble(
                (f"Comparing {len(c.names)} scenarios", "bold"),
                " · baseline ",
                quoted(c.baseline),
                (" · p picks others · F6 exports", "$text-muted"),
            )
        )
        self._fill(c)

    def _fill(self, c: Comparison | None) -> None:
        look = Look.from_theme(self.app.theme_variables, pictured)
        for section, make in SECTIONS.items():
            widget = self.query_one(f"#compare-{section}", Static)
            widget.display = c is not None
            widget.update(make(c, look) if c is not None else "")

    async def action_pick(self) -> None:
        await self.app.run_action("show('scenarios')")

    def action_export(self) -> None:
        if self.comparison is None:
            self.app.notify(HOW_TO_PICK, title="Nothing to export", severity="warning", markup=False)
            return
        self.planner.session.export_comparison(self.comparison)
