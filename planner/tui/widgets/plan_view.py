"""The plan view: always on screen beside (or below) the wizard.

Top to bottom: a title line with the verdict and warning count (so they are visible
even when the rest scrolls at 80×24), the split bar, the tactics table, then why,
warnings and sensitivity. It shows exactly one Plan; it never computes one.

Built for typing speed: five widgets, each repainting only its own region; a new
plan asks for a layout only when something's height really changes (see
:class:`~planner.tui.widgets.plan_details.PlanDetails`). The first plan is passed in
at compose time, so the first frame already shows it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from planner import fmt
from planner.models import Plan
from planner.tui.style import MUTED, VERDICT, WARNING
from planner.tui.text import literal
from planner.tui.widgets.plan_details import PlanDetails
from planner.tui.widgets.split_bar import SplitBar
from planner.tui.widgets.tactic_table import TacticTable


def held(plan: Plan) -> str:
    """The verdict explained in a few words: how many of the plan's hours sit on
    tactics that survive every small change tested."""
    if plan.sensitivity is None:
        return ""
    core = set(plan.sensitivity.core)
    kept = sum(t.hours for t in plan.tactics if t.id in core)
    return f" ({fmt.hours(kept)} of {fmt.hours(plan.hours.allocated)} h hold under small changes)"


def plan_title(plan: Plan | None) -> Content:
    if plan is None:
        return Content("")
    verdict = plan.sensitivity.verdict if plan.sensitivity is not None else "…"
    count = len(plan.warnings)
    return Content.assemble(
        literal(plan.scenario.name, "bold", one_line=True),
        (f" · {plan.hours.available:g} h/week · ", MUTED),
        (verdict, VERDICT.get(verdict, "bold")),
        (held(plan), MUTED),
        (f" · ⚠ {count} warning{'s' if count != 1 else ''}", WARNING) if count else ("", ""),
    )


class PlanView(VerticalScroll):
    BINDINGS = [
        Binding("n", "toggle_numbers", "Numbers", tooltip="Show or hide the numbers behind the selected tactic's reasons"),
    ]
    DEFAULT_CSS = """
    PlanView > #plan-stale { display: none; color: $text-warning; }
    PlanView.-stale > #plan-stale { display: block; }
    """

    def __init__(self, plan: Plan | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan = plan
        self.stale_reason = ""

    def compose(self) -> ComposeResult:
        plan = self.plan
        table = TacticTable(plan, id="tactics")
        yield Static(plan_title(plan), id="plan-title")
        yield Static("", id="plan-stale")
        yield SplitBar(plan, id="split")
        yield table
        yield PlanDetails(plan, table.selected, id="details")

    def show_plan(self, plan: Plan | None) -> None:
        if plan is None:
            return
        self.plan = plan
        table = self.query_one(TacticTable)
        self.query_one(SplitBar).plan = plan
        table.show_plan(plan, notify=False)
        self.query_one(PlanDetails).show(plan, table.selected)
        # One line high whatever it says: never a layout.
        self.query_one("#plan-title", Static).update(plan_title(plan), layout=False)

    def release_frame_after_paint(self) -> None:
        """End the frame hold (see :mod:`planner.tui.live`) once this view's parts
        have queued their repaint, so the next frame shows the new plan."""
        live = getattr(self.app, "live", None)
        if live is not None:
            live.hold.end_after(self.query_children())

    def set_stale(self, reason: str) -> None:
        """Say that the plan shown is the last valid one, and why (empty: it is current)."""
        if reason == self.stale_reason:
            return
        self.stale_reason = reason
        self.set_class(bool(reason), "-stale")
        self.query_one("#plan-stale", Static).update(literal(f"⏸ {reason}") if reason else "")

    def action_toggle_numbers(self) -> None:
        self.query_one(PlanDetails).toggle_numbers()

    @on(TacticTable.Selected)
    def _selected(self, event: TacticTable.Selected) -> None:
        event.stop()
        self.query_one(PlanDetails).show_why(event.tactic)
