"""The plan screen: the wizard beside the live plan view.

The screen connects the two and the app: a valid edit from the wizard becomes the
app's scenario; the app's plan is shown in the plan view; a scenario loaded from
outside (a preset from the palette) refills the wizard. At 80 columns the panes sit
side by side with a narrow wizard; below 70 they stack (see planner.tcss).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header

from planner.tui.help_data import STEP_IDS
from planner.tui.messages import InputValidity, ScenarioEdited
from planner.tui.widgets.key_bar import KeyBar
from planner.tui.widgets.plan_view import PlanView
from planner.tui.widgets.wizard import Wizard

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp


class PlanScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-stacked"), (70, "-narrow"), (110, "-wide")]
    AUTO_FOCUS = ""

    BINDINGS = [
        Binding("pagedown,ctrl+n", "next_step", "Next", tooltip="Go to the next wizard step", priority=True, id="wizard.next"),
        Binding("pageup,ctrl+o", "previous_step", "Back", tooltip="Go to the previous wizard step", priority=True, id="wizard.back"),
        Binding("ctrl+r", "goto_step('review')", "Review", show=False, tooltip="Jump to the Review step", id="wizard.review"),
        Binding("ctrl+l", "focus_plan", "Plan", show=False, tooltip="Move focus to the tactics table", id="plan.focus"),
        Binding(
            "ctrl+down,alt+down", "scroll_plan(1)", "Plan down", show=False, priority=True,
            tooltip="Scroll the plan down (why, warnings, sensitivity) wherever the focus is", id="plan.scroll_down",
        ),
        Binding(
            "ctrl+up,alt+up", "scroll_plan(-1)", "Plan up", show=False, priority=True,
            tooltip="Scroll the plan back up", id="plan.scroll_up",
        ),
    ]

    @property
    def planner(self) -> PlannerApp:
        return cast("PlannerApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield Wizard(self.planner.kb, self.planner.scenario, id="wizard")
            # The first plan is already known: the first frame shows it.
            yield PlanView(self.planner.plan, id="plan")
        yield KeyBar()

    def on_mount(self) -> None:
        # Focus without scrolling (auto-focus would scroll the step before layout), and
        # now rather than after the first frame, so the first frame already shows the
        # slider focused and the key bar its keys.
        self.query_one("#reach-scale").focus(scroll_visible=False)
        self.watch(self.app, "plan", self._show_plan, init=False)
        self.watch(self.app, "loaded", self._reload, init=False)
        self.watch(self.app, "plan_error", self._show_plan_error, init=False)

    @property
    def wizard(self) -> Wizard:
        return self.query_one(Wizard)

    @property
    def plan_view(self) -> PlanView:
        return self.query_one(PlanView)

    # Wiring --------------------------------------------------------------------
    def _show_plan(self, plan: object) -> None:
        self.plan_view.show_plan(self.planner.plan)

    def _reload(self, _: int) -> None:
        self.wizard.load(self.planner.scenario)
        # Another scenario: start reading its plan from the top (the split bar).
        self.plan_view.scroll_home(animate=False, immediate=True)

    def _show_plan_error(self, error: str) -> None:
        self.plan_view.set_stale(error)

    @on(ScenarioEdited)
    def _edited(self, event: ScenarioEdited) -> None:
        event.stop()
        try:
            self.planner.scenario = event.scenario  # re-plans, and shows the plan
        finally:
            # Paint once the plan view's widgets have registered their refreshes.
            self.plan_view.release_frame_after_paint()

    @on(InputValidity)
    def _validity(self, event: InputValidity) -> None:
        event.stop()
        if event.invalid:
            self.plan_view.set_stale("Showing the plan for your answers before this edit: fix the field marked ✗ and it updates.")
        else:
            self.plan_view.set_stale(self.planner.plan_error)

    # Actions -------------------------------------------------------------------
    def action_next_step(self) -> None:
        self.wizard.next()

    def action_previous_step(self) -> None:
        self.wizard.back()

    def action_goto_step(self, step_id: str) -> None:
        if step_id in STEP_IDS:
            self.wizard.go(step_id)

    def action_focus_plan(self) -> None:
        self.query_one("#tactics").focus()

    def action_scroll_plan(self, direction: int) -> None:
        """Half a pane at a time, leaving the focus where it is."""
        view = self.plan_view
        view.scroll_relative(y=direction * max(1, view.scrollable_content_region.height // 2), animate=False)
