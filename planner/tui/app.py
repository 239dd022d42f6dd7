"""The planner app: modes, app-wide bindings, and the current scenario and plan.

Deliberately small. The app holds the state every screen shares (knowledge base,
scenario, plan) as reactives and re-plans when the scenario changes (see
:mod:`planner.tui.live`); screens watch those reactives and know nothing of each
other. New top-level screens (saved scenarios, compare) join :data:`PlannerApp.MODES`
and new palette commands join :data:`planner.tui.commands.SOURCES`.
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.reactive import var

from planner.knowledge import KnowledgeBase
from planner.models import Plan, Scenario
from planner.tui.commands import PlannerCommands
from planner.tui.live import BuildPlan, LivePlanner
from planner.tui.screens.help import HelpScreen, binding_rows
from planner.tui.screens.plan import PlanScreen


class PlannerApp(App[int]):
    TITLE = "planner"
    CSS_PATH = "planner.tcss"
    MODES = {"plan": PlanScreen}
    DEFAULT_MODE = "plan"
    COMMANDS = App.COMMANDS | {PlannerCommands}
    COMMAND_PALETTE_DISPLAY = "Commands"

    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", tooltip="Show every key and what each step asks", id="app.help"),
        Binding("ctrl+t", "change_theme", "Theme", show=False, tooltip="Pick a colour theme", id="app.theme"),
        Binding("ctrl+q", "quit", "Quit", tooltip="Quit planner", priority=True, id="app.quit"),
    ]

    scenario: var[Scenario] = var(Scenario, init=False)
    """The current valid scenario. Setting it re-plans."""
    plan: var[Plan | None] = var(None, init=False)
    """The plan for the current scenario (the last one that could be planned)."""
    plan_error: var[str] = var("", init=False)
    """Why the last re-plan failed, or empty."""
    loaded: var[int] = var(0, init=False)
    """Bumped when a scenario is loaded from outside the wizard, so forms refill."""

    def __init__(self, kb: KnowledgeBase, scenario: Scenario, *, build: BuildPlan | None = None) -> None:
        super().__init__()
        if build is None:
            from planner.engine import build_plan as build
        self.kb = kb
        self.live = LivePlanner(self, kb, build, self._planned, self._failed)
        self.set_reactive(PlannerApp.scenario, scenario)
        self.live.request(scenario)

    def watch_scenario(self, scenario: Scenario) -> None:
        self.sub_title = scenario.name
        self.live.request(scenario)

    def on_mount(self) -> None:
        self.sub_title = self.scenario.name

    def _planned(self, plan: Plan) -> None:
        self.plan_error = ""
        self.plan = plan

    def _failed(self, message: str) -> None:
        self.plan_error = message

    def load_scenario(self, scenario: Scenario, origin: str) -> None:
        """Replace the scenario from outside the wizard (a preset, a saved file)."""
        self.scenario = scenario
        self.loaded += 1
        self.notify(f"Loaded {origin}.", title="Scenario", markup=False)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        rows = binding_rows(self.BINDINGS, self.screen)  # type: ignore[arg-type]
        rows.insert(1, ("ctrl+p", "Command palette: presets, steps, theme, quit…"))
        self.push_screen(HelpScreen(rows))
