"""The six wizard steps. Each is a scrolling column: the question, its help drawn from
the guidance, then its fields (form fields are imported when a step is built, see
planner.tui.widgets.fields). Choices (goals, platforms, tactics) come from the
knowledge base, so a user's strategies directory shows up here without code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import get_args

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Static

from planner.knowledge import KnowledgeBase
from planner.knowledge.schema import Goal
from planner.models import Scenario
from planner.tui.help_data import Step, step
from planner.tui.style import STRATEGY_TEXT
from planner.tui.text import literal
from planner.tui.widgets.fields import ChecklistField, Field, ReachField, format_number

LEVELS = (("low", "low"), ("medium", "medium"), ("high", "high"))
LEANING_STYLE = {"broadcast": STRATEGY_TEXT["broadcast"], "relationships": STRATEGY_TEXT["relationships"], "both": "bold $text-warning"}


# The questions of the form steps, declared: adding a question is one entry in a
# step's FIELDS (plus its help line in planner.tui.help_data.FIELD_HELP). Each spec
# builds its field when the step is built, so startup never imports the form widgets.
@dataclass(frozen=True)
class Number:
    """A number typed in a box: ``Number("hours_per_week", "Hours per week", unit="h / week")``."""

    field_id: str
    label: str
    unit: str = ""
    integer: bool = False

    def build(self, kb: KnowledgeBase) -> Field:
        from planner.tui.widgets.form_fields import NumberField

        return NumberField(self.field_id, self.label, integer=self.integer, unit=self.unit)


@dataclass(frozen=True)
class Choice:
    """One of a few values, as radio buttons. ``options`` are (value, text); by default
    the values the scenario model allows for the field (a ``Literal``), shown as is."""

    field_id: str
    label: str
    options: tuple[tuple[str, str], ...] = ()

    def build(self, kb: KnowledgeBase) -> Field:
        from planner.tui.widgets.form_fields import ChoiceField

        return ChoiceField(self.field_id, self.label, self.options or model_options(self.field_id))


@dataclass(frozen=True)
class YesNo:
    """A yes/no question, as a checkbox whose label is the question."""

    field_id: str
    label: str

    def build(self, kb: KnowledgeBase) -> Field:
        from planner.tui.widgets.form_fields import ToggleField

        return ToggleField(self.field_id, self.label)


Spec = Number | Choice | YesNo


def model_options(field_id: str) -> tuple[tuple[str, str], ...]:
    """The values ``Scenario.<field_id>`` allows, when it is a ``Literal``."""
    values = get_args(Scenario.model_fields[field_id].annotation)
    if not values or not all(isinstance(v, str) for v in values):
        raise TypeError(f"Scenario.{field_id} is not a Literal of strings: give Choice(options=...)")
    return tuple((v, v) for v in values)


class WizardStep(VerticalScroll, can_focus=False):
    """Base: a step knows its help and yields its fields."""

    STEP_ID = ""
    FIELDS: tuple[Spec, ...] = ()
    """The step's questions, top to bottom (see :class:`Number`, :class:`Choice`, :class:`YesNo`)."""

    def __init__(self, kb: KnowledgeBase, scenario: Callable[[], Scenario]) -> None:
        """``scenario`` returns the wizard's current scenario: a step built later
        (steps are built on first visit) fills itself from it when mounted."""
        super().__init__(id=f"step-{self.STEP_ID}", classes="wizard-step")
        self.kb = kb
        self.current_scenario = scenario
        self.step: Step = step(self.STEP_ID)

    def on_mount(self) -> None:
        try:
            self.load(self.current_scenario())
        except NoMatches:
            # A step built after the first frame can mount while the app is closing,
            # after its fields' controls were removed: there is nothing left to fill.
            # (Every step's fields are checked on screen by the snapshot and flow tests.)
            return

    def compose(self) -> ComposeResult:
        yield Static(literal(self.step.question), classes="step-question")
        yield Static(literal(self.step.brief), classes="step-brief")
        yield from self.compose_fields()
        yield Static(
            Content.assemble(
                ("About this step\n", "bold"),
                literal(self.step.help),
                "\n",
                literal(f"Guidance: {self.kb.citation(self.step.source).text}", "italic"),
            ),
            classes="step-help",
        )

    def compose_fields(self) -> ComposeResult:
        for spec in self.FIELDS:
            yield spec.build(self.kb)

    def load(self, scenario: Scenario) -> None:
        for field in self.query(Field):
            field.load(scenario)


class GoalsStep(WizardStep):
    STEP_ID = "goals"

    def compose_fields(self) -> ComposeResult:
        yield ReachField("reach_priority", "Reach priority")
        yield ChecklistField(
            "goals",
            "Goals",
            (
                (g.id, Content.assemble(("● ", LEANING_STYLE[g.leaning]), literal(g.label, one_line=True)), _goal_detail(g))
                for g in self.kb.goals
            ),
        )


def _goal_detail(goal: Goal) -> str:
    leaning = {"broadcast": "leans to reach", "relationships": "leans to relationships", "both": "served by both"}
    return f"{goal.description} ({leaning[goal.leaning]})"


class TimeStep(WizardStep):
    STEP_ID = "time"
    FIELDS = (
        Number("hours_per_week", "Hours per week", unit="h / week"),
        YesNo("scheduler", "I use a scheduling tool"),
        Choice("content_capacity", "Content capacity", LEVELS),
    )


class RoiStep(WizardStep):
    STEP_ID = "roi"
    FIELDS = (
        Number("roi_horizon_months", "Results needed within", integer=True, unit="months"),
        Choice("roi_measurability", "Need for measurable ROI", LEVELS),
        YesNo("sales_tracking", "I have sales tracking"),
        Number("ad_budget_per_month", "Ad budget", unit="a month"),
    )


class AudienceStep(WizardStep):
    STEP_ID = "audience"
    FIELDS = (
        Choice("audience", "Audience", (("broad", "broad"), ("niche", "niche"))),
        Choice("market", "Market", (("b2c", "B2C"), ("b2b", "B2B"))),
        YesNo("local", "My customers come from one area"),
        Choice("existing_audience", "Followers and subscribers I have"),
    )


class ChannelsStep(WizardStep):
    STEP_ID = "channels"

    def _targets(self) -> list[tuple[str, str, str]]:
        out: list[tuple[str, str, str]] = []
        for platform in self.kb.platforms:
            out.append((platform.id, f"{platform.name} (all)", platform.description))
            for tactic in self.kb.tactics:
                if tactic.platform == platform.id:
                    # No-break spaces: a plain leading space is trimmed when the row is drawn.
                    out.append((tactic.id, f"\u00a0\u00a0{tactic.name}", tactic.description))
        return out

    def compose_fields(self) -> ComposeResult:
        from planner.tui.widgets.form_fields import BoundsField, ChannelsField

        targets = self._targets()
        yield ChannelsField(targets, {t.id: t.platform for t in self.kb.tactics})
        yield BoundsField((value, label.strip()) for value, label, _ in targets)


class ReviewStep(WizardStep):
    STEP_ID = "review"

    def compose_fields(self) -> ComposeResult:
        from planner.tui.widgets.form_fields import NotesField, TextField

        yield TextField("name", "Scenario name")
        yield NotesField("notes", "Notes")
        yield Static("", id="review-summary")

    def load(self, scenario: Scenario) -> None:
        super().load(scenario)
        self.show_summary(scenario)

    def show_summary(self, scenario: Scenario) -> None:
        """Every answer on one screen, each prefixed by the step it belongs to."""
        goals = {g.id: g.label for g in self.kb.goals}
        names = {p.id: p.name for p in self.kb.platforms} | {t.id: t.name for t in self.kb.tactics}
        bounds = ", ".join(
            f"{names.get(k, k)} {format_number(b.min) or '0'}–{format_number(b.max) or '∞'} h"
            for k, b in sorted(scenario.bounds.items())
        )
        rows = [
            ("Name", scenario.name),
            ("Goals", f"reach {scenario.reach_priority}/100; " + (", ".join(goals.get(g, g) for g in scenario.goals) or "no goals ticked")),
            ("Time", f"{format_number(scenario.hours_per_week)} h/week; scheduler {'yes' if scenario.scheduler else 'no'}; content {scenario.content_capacity}"),
            ("ROI", f"{scenario.roi_horizon_months} months; measurability {scenario.roi_measurability}; sales tracking {'yes' if scenario.sales_tracking else 'no'}"),
            ("Audience", f"{scenario.audience}, {scenario.market.upper()}"),
            ("Channels", "left out: " + (", ".join(names.get(e, e) for e in scenario.exclude) or "none") + "; limits: " + (bounds or "none")),
        ]
        lines = [Content.assemble((f"{label:<9}", "bold"), literal(value, one_line=True)) for label, value in rows]
        self.query_one("#review-summary", Static).update(Content("\n").join(lines))


STEP_CLASSES: tuple[type[WizardStep], ...] = (GoalsStep, TimeStep, RoiStep, AudienceStep, ChannelsStep, ReviewStep)
