"""The planner app: modes, app-wide bindings, and the current scenario and plan.

Deliberately small. The app holds the state every screen shares (knowledge base,
scenario, plan) as reactives and re-plans when the scenario changes (see
:mod:`planner.tui.live`); screens watch those reactives and know nothing of each
other. New top-level screens (saved scenarios, compare) join :data:`PlannerApp.MODES`
and new palette commands join :data:`planner.tui.commands.SOURCES`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.reactive import var

from planner.knowledge import KnowledgeBase
from planner.models import Plan, Scenario
from planner.text import pictured_line
from planner.tui.commands import PlannerCommands
from planner.tui.document import UNSAVED_MARK, Document
from planner.tui.live import BuildPlan, LivePlanner
from planner.tui.screens.help import HelpScreen, binding_rows
from planner.tui.screens.plan import PlanScreen
from planner.tui.store_actions import STORE_BINDINGS, STORE_MODES, StoreActions

if TYPE_CHECKING:
    from pathlib import Path

    from planner.store import ScenarioStore


class PlannerApp(StoreActions, App[int]):
    TITLE = "planner"
    CSS_PATH = "planner.tcss"
    MODES = {"plan": PlanScreen, **STORE_MODES}
    DEFAULT_MODE = "plan"
    COMMANDS = App.COMMANDS | {PlannerCommands}

    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", tooltip="Show every key and what each step asks", id="app.help"),
        Binding("ctrl+t", "change_theme", "Theme", show=False, tooltip="Pick a colour theme", id="app.theme"),
        Binding("ctrl+q", "quit", "Quit", tooltip="Quit planner", priority=True, id="app.quit"),
        *STORE_BINDINGS,
    ]

    scenario: var[Scenario] = var(Scenario, init=False)
    """The current valid scenario. Setting it re-plans."""
    plan: var[Plan | None] = var(None, init=False)
    """The plan for the current scenario (the last one that could be planned)."""
    plan_error: var[str] = var("", init=False)
    """Why the last re-plan failed, or empty."""
    loaded: var[int] = var(0, init=False)
    """Bumped when a scenario is loaded from outside the wizard, so forms refill."""
    document: var[Document] = var(lambda: Document(None, None, None), init=False)
    """Which saved scenario is open (see :mod:`planner.tui.document`). ``__init__`` sets
    it; the placeholder default is lazy so importing the app validates no Scenario."""
    dirty: var[bool] = var(False, init=False)
    """The scenario on screen differs from the one last loaded or saved."""
    sub_title: var[str] = var("")  # type: ignore[assignment]
    """Textual's App.sub_title is a repainting reactive: every unsaved-mark toggle
    repainted the whole screen (cost: docs/performance.md). The Header watches it either way."""

    def __init__(
        self,
        kb: KnowledgeBase,
        scenario: Scenario,
        *,
        build: BuildPlan | None = None,
        store: ScenarioStore | None = None,
        data_dir: Path | None = None,
    ) -> None:
        """``store``: the saved scenarios to use; by default the one ``data_dir`` (or
        ``$PLANNER_HOME``…) names is opened on first use."""
        super().__init__()
        self._store = store
        self._data_dir = data_dir
        self.compare_names = []
        self.set_reactive(PlannerApp.document, Document.unsaved(scenario))
        if build is None:
            from planner.engine import build_plan as build
        self.kb = kb
        self.live = LivePlanner(self, kb, build, self._planned, self._failed)
        self.set_reactive(PlannerApp.scenario, scenario)
        self.live.request(scenario)

    def watch_scenario(self, scenario: Scenario) -> None:
        self._mark_unsaved()
        self.live.request(scenario)

    def watch_document(self) -> None:
        self._mark_unsaved()

    def _mark_unsaved(self) -> None:
        self.dirty = self.document.is_dirty(self.scenario)
        name = pictured_line(self.scenario.name)
        self.sub_title = f"{name}  {UNSAVED_MARK}" if self.dirty else name

    def on_mount(self) -> None:
        self._mark_unsaved()

    def _planned(self, plan: Plan) -> None:
        self.plan_error = ""
        self.plan = plan

    def _failed(self, message: str) -> None:
        self.plan_error = message

    def load_scenario(self, scenario: Scenario, origin: str, *, document: Document | None = None) -> None:
        """Replace the scenario from outside the wizard (a preset, a saved file).
        ``document`` says which saved scenario it is (default: none, unsaved)."""
        self.document = document or Document.unsaved(scenario)
        self.scenario = scenario
        self.loaded += 1
        self.notify(f"Loaded {pictured_line(origin)}.", title="Scenario", markup=False)

    def replace_scenario(self, scenario: Scenario, origin: str) -> None:
        """Like :meth:`load_scenario`, but asks first if there are unsaved changes."""
        from planner.tui import saving

        saving.start(self, saving.replace(self, scenario, origin))

    def action_command_palette(self) -> None:
        """Ctrl+P: Textual's palette, guarded against its page-key crash
        (:mod:`planner.tui.palette`, imported on first use)."""
        from planner.tui.palette import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        """The theme picker (Ctrl+T), in the same guarded palette."""
        from textual.theme import ThemeProvider

        from planner.tui.palette import CommandPalette

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        rows = binding_rows(self.BINDINGS, self.screen)  # type: ignore[arg-type]
        rows.insert(1, ("ctrl+p", "Command palette: presets, steps, theme, quit…"))
        self.push_screen(HelpScreen(rows))
