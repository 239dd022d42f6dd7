"""The plan view: always on screen beside (or below) the wizard.

Top to bottom: a title line with the verdict and warning count (so they are visible
even when the rest scrolls at 80×24), the split bar, the tactics table, then why,
warnings and sensitivity. It shows exactly one Plan; it never computes one.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from planner.models import Plan
from planner.tui.style import MUTED, VERDICT, WARNING
from planner.tui.text import literal
from planner.tui.widgets.plan_details import SensitivityPanel, WarningsPanel, WhyPanel, refit
from planner.tui.widgets.split_bar import SplitBar
from planner.tui.widgets.tactic_table import TacticTable


class PlanView(VerticalScroll):
    DEFAULT_CSS = """
    PlanView > .section { text-style: bold; margin-top: 1; color: $text-accent; }
    PlanView > #plan-stale { display: none; color: $text-warning; }
    PlanView.-stale > #plan-stale { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.plan: Plan | None = None
        self.stale_reason = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="plan-title")
        yield Static("", id="plan-stale")
        yield SplitBar(id="split")
        yield TacticTable(id="tactics")
        yield Static("Why", classes="section")
        yield WhyPanel(id="why")
        yield Static("Warnings", classes="section", id="warnings-title")
        yield WarningsPanel(id="warnings")
        yield Static("Sensitivity", classes="section")
        yield SensitivityPanel(id="sensitivity")

    def show_plan(self, plan: Plan | None) -> None:
        self.plan = plan
        if plan is None:
            return
        self.query_one(SplitBar).plan = plan
        self.query_one(TacticTable).show_plan(plan)
        self.query_one(WarningsPanel).show(plan)
        self.query_one(SensitivityPanel).show(plan)
        self._show_title()

    def _show_title(self) -> None:
        plan = self.plan
        if plan is None:
            return
        key = (plan.scenario.name, plan.hours.available, plan.sensitivity.verdict, len(plan.warnings))
        if key == getattr(self, "_title_key", None):
            return
        self._title_key = key
        verdict = plan.sensitivity.verdict
        count = len(plan.warnings)
        refit(
            self.query_one("#plan-title", Static),
            Content.assemble(
                literal(plan.scenario.name, "bold", one_line=True),
                (f" · {plan.hours.available:g} h/week · ", MUTED),
                (verdict, VERDICT.get(verdict, "bold")),
                (f" · ⚠ {count} warning{'s' if count != 1 else ''}", WARNING) if count else ("", ""),
            ),
        )
        refit(self.query_one("#warnings-title", Static), Content(f"Warnings ({count})"))

    def set_stale(self, reason: str) -> None:
        """Say that the plan shown is the last valid one, and why (empty: it is current)."""
        if reason == self.stale_reason:
            return
        self.stale_reason = reason
        self.set_class(bool(reason), "-stale")
        self.query_one("#plan-stale", Static).update(literal(f"⏸ {reason}") if reason else "")

    @on(TacticTable.Selected)
    def _selected(self, event: TacticTable.Selected) -> None:
        event.stop()
        self.query_one(WhyPanel).show(event.tactic)
