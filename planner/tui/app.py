"""The planner app: modes, app-wide bindings, and the current scenario and plan.

Deliberately small. The app holds the state every screen shares (knowledge base,
scenario, plan) as reactives and re-plans when the scenario changes (see
:mod:`planner.tui.live`); screens watch those reactives and know nothing of each
other. The saved scenarios (the store, which one is open, unsaved changes, and the
save, open, rename… conversations) belong to ``app.session``
(:mod:`planner.tui.session`); the app's actions for them are one-line calls to it.
New top-level screens join :data:`PlannerApp.MODES` and new palette commands join
:data:`planner.tui.commands.SOURCES`.

The Scenarios and Compare screens are *lazy* modes: their modules are imported the
first time the mode is shown, so none of that weighs on startup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.reactive import var
from textual.screen import ModalScreen, Screen

from planner.knowledge import KnowledgeBase
from planner.models import Plan, Scenario
from planner.tui.commands import PlannerCommands
from planner.tui.live import BuildPlan, LivePlanner
from planner.tui.screens.help import HelpScreen, binding_rows
from planner.tui.screens.plan import PlanScreen
from planner.tui.session import Session

if TYPE_CHECKING:
    from pathlib import Path

    from planner.store import ScenarioStore


def _scenarios_screen() -> Screen[None]:
    from planner.tui.screens.scenarios import ScenariosScreen

    return ScenariosScreen()


def _compare_screen() -> Screen[None]:
    from planner.tui.screens.compare import CompareScreen

    return CompareScreen()


STORE_BINDINGS = [
    Binding("ctrl+s", "save", "Save", tooltip="Save the scenario (asks for a name the first time)", id="app.save"),
    Binding("f2", "save_as", "Save as", show=False, tooltip="Save the scenario under a new name", id="app.save_as"),
    Binding("f6", "export", "Export", tooltip="Export the plan (or the comparison) as Markdown", id="app.export"),
    Binding("f3", "show('scenarios')", "Open", tooltip="Saved scenarios: open, rename, duplicate, delete, compare", id="app.scenarios"),
    Binding("f4", "show('compare')", "Compare", tooltip="Compare 2–4 saved scenarios side by side", id="app.compare"),
    Binding("f5", "show('plan')", "Plan", tooltip="Back to the wizard and the plan", id="app.plan"),
]
"""The keys for saved scenarios, compare and export (mirrored in the palette by
:mod:`planner.tui.commands_store`)."""

_GUARDED = {"save", "save_as", "show", "export"}


class PlannerApp(App[int]):
    TITLE = "planner"
    CSS_PATH = "planner.tcss"
    MODES = {"plan": PlanScreen, "scenarios": _scenarios_screen, "compare": _compare_screen}
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
    sub_title: var[str] = var("")
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
        """``store``, ``data_dir``: the saved scenarios (see :class:`Session`)."""
        super().__init__()
        self.session = Session(self, scenario, store=store, data_dir=data_dir)
        if build is None:
            from planner.engine import build_plan

            build = build_plan
        self.kb = kb
        self.live = LivePlanner(self, kb, build, self._planned, self._failed)
        self.set_reactive(PlannerApp.scenario, scenario)
        self.live.request(scenario)

    def watch_scenario(self, scenario: Scenario) -> None:
        self.session.track()
        self.live.request(scenario)

    def on_mount(self) -> None:
        self.session.track()

    def _planned(self, plan: Plan) -> None:
        self.plan_error = ""
        self.plan = plan

    def _failed(self, message: str) -> None:
        self.plan_error = message

    def load_scenario(self, scenario: Scenario, origin: str) -> None:
        """Replace the scenario from outside the wizard (a preset, a file): unsaved."""
        self.session.load(scenario, origin)

    def replace_scenario(self, scenario: Scenario, origin: str) -> None:
        """Like :meth:`load_scenario`, but asks first if there are unsaved changes."""
        self.session.run(self.session.replace(scenario, origin))

    # --- keys for the saved scenarios: each a call to the session ---------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide what makes no sense where the user is: the key for the screen already
        shown, export on the Scenarios list, anything while a dialog asks a question."""
        if action in _GUARDED and isinstance(self.screen, ModalScreen):
            return False
        if action == "show" and parameters and parameters[0] == self.current_mode:
            return False
        if action == "export" and self.current_mode == "scenarios":
            return False
        return True

    def action_save(self) -> None:
        self.session.run(self.session.save())

    def action_save_as(self) -> None:
        self.session.run(self.session.save(as_new=True))

    async def action_quit(self) -> None:
        if not self.session.dirty:
            self.exit()
        elif isinstance(self.screen, ModalScreen):
            self.notify("Answer or cancel (Esc) the question on screen first.", title="Quit", markup=False)
        else:
            self.session.run(self.session.quit())

    async def action_show(self, mode: str) -> None:
        await self.switch_mode(mode)

    def action_export(self) -> None:
        """Export the plan on screen (the Compare screen exports its comparison)."""
        screen_export = getattr(self.screen, "action_export", None)
        if screen_export is not None:
            screen_export()
        else:
            self.session.export_plan()

    def action_command_palette(self) -> None:
        """Ctrl+P: Textual's palette, guarded against its page-key crash
        (:mod:`planner.tui.palette`, imported on first use)."""
        from planner.tui.palette import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]  # Textual says App[object]; App is invariant
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
