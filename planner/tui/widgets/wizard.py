"""The step-through wizard: a step bar, the current step, and inline validation.

The wizard owns the last *valid* scenario. An edit is applied with
``Scenario.with_changes`` (the model's own validators); if that fails the message goes
under the field and the typed text stays. The plan then shows the field's value from
when the user entered the field, not a value passed on the way: typing "1000" into
hours goes through "100", which is valid but never meant. No planning happens here.
"""

from __future__ import annotations

from pydantic import ValidationError
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from planner.errors import validation_messages
from planner.knowledge import KnowledgeBase
from planner.knowledge.references import channel_names
from planner.models import Scenario
from planner.tui.help_data import STEP_IDS, STEPS
from planner.tui.live import release_frame
from planner.tui.messages import Edit, InputValidity, ScenarioEdited
from planner.tui.widgets.fields import Field
from planner.tui.widgets.steps import STEP_CLASSES, ReviewStep, WizardStep


class StepBar(Widget):
    """``1 Goals  2 Time  3 ROI …``: every step by number and name, where you are, and
    a click target for each step. When the names do not fit one line (the wizard is
    32 cells wide at 80 columns) they flow onto a second line, never to bare numbers."""

    DEFAULT_CSS = """
    StepBar { height: auto; width: 1fr; }
    """

    GAP = 2

    current: reactive[int] = reactive(0)
    invalid_steps: reactive[frozenset[int]] = reactive(frozenset())

    class Jump(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def _spans(self, width: int) -> list[tuple[int, int, int]]:
        """(line, start, end) of each step's ``"<n> <name>"``, flowed into ``width``."""
        out, line, x = [], 0, 0
        for i, s in enumerate(STEPS):
            size = len(f"{i + 1} {s.title}")
            if x and x + self.GAP + size > width:
                line, x = line + 1, 0
            start = x + (self.GAP if x else 0)
            out.append((line, start, start + size))
            x = start + size
        return out

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return self._spans(width)[-1][0] + 1

    def render(self) -> Content:
        lines: list[list[Content]] = []
        for i, (line, start, _end) in enumerate(self._spans(self.size.width)):
            if line == len(lines):
                lines.append([])
            elif lines[line]:
                lines[line].append(Content(" " * self.GAP))
            style = "bold reverse $accent" if i == self.current else ("bold $text-error" if i in self.invalid_steps else "$text-muted")
            lines[line].append(Content.styled(f"{i + 1} {STEPS[i].title}", style))
        return Content("\n").join(Content("").join(parts) for parts in lines)

    def on_click(self, event: events.Click) -> None:
        for i, (line, start, end) in enumerate(self._spans(self.size.width)):
            if line == event.y and start <= event.x < end:
                self.post_message(self.Jump(i))


class Wizard(Vertical):
    DEFAULT_CSS = """
    Wizard { height: 1fr; }
    """

    index: reactive[int] = reactive(0, init=False)

    def __init__(self, kb: KnowledgeBase, scenario: Scenario, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kb = kb
        self.scenario = scenario
        self.invalid: dict[str, str] = {}
        self.names = channel_names(kb)
        """Platform and tactic names, for messages: "Instagram", not "instagram"."""
        self._posted = False
        self._meant = scenario
        """The scenario when focus last moved: what a field held before this edit."""

    def compose(self) -> ComposeResult:
        # Only the first step is built now; the others are built on first visit
        # (see watch_index). Half the widgets, so the first plan paints sooner.
        yield StepBar()
        with ContentSwitcher(initial=f"step-{STEP_IDS[0]}"):
            yield self._new_step(0)

    def on_mount(self) -> None:
        # Each step fills itself from self.scenario when it mounts. Build the other steps soon after the first paint, so keys typed right
        # after PgDn never land while a step is still being built.
        self.set_timer(0.5, self._build_rest)

    def _new_step(self, index: int) -> WizardStep:
        return STEP_CLASSES[index](self.kb, lambda: self.scenario)

    async def _build_rest(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        for index, step_class in enumerate(STEP_CLASSES):
            if self.is_attached and not switcher.query_children(f"#step-{step_class.STEP_ID}"):
                step = self._new_step(index)
                step.display = False
                await switcher.mount(step)

    # Navigation ----------------------------------------------------------------
    @property
    def step_id(self) -> str:
        return STEP_IDS[self.index]

    def go(self, step_id: str) -> None:
        self.index = STEP_IDS.index(step_id)

    def next(self) -> None:
        self.index = min(self.index + 1, len(STEP_IDS) - 1)

    def back(self) -> None:
        self.index = max(self.index - 1, 0)

    async def watch_index(self, index: int) -> None:
        self.query_one(StepBar).current = index
        switcher = self.query_one(ContentSwitcher)
        step_id = f"step-{STEP_IDS[index]}"
        if not switcher.query_children(f"#{step_id}"):
            await switcher.mount(self._new_step(index))
        if self.index != index:
            return  # moved on while the step was being built
        switcher.current = step_id
        step = self.query_one(f"#{step_id}", WizardStep)
        step.scroll_home(animate=False)
        if isinstance(step, ReviewStep):
            step.show_summary(self.scenario)
        # Focus the first control of the new step, so arrows and typing go there.
        focusable = [w for w in step.query("*") if w.focusable]
        if focusable:
            focusable[0].focus(scroll_visible=False)

    @on(StepBar.Jump)
    def _jump(self, event: StepBar.Jump) -> None:
        event.stop()
        self.index = event.index

    # Editing -------------------------------------------------------------------
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # An edit starts when the user enters a field (see _roll_back).
        self._meant = self.scenario

    def load(self, scenario: Scenario) -> None:
        """Replace every answer (a preset, a file): fields show it, errors clear."""
        self.scenario = scenario
        self._meant = scenario
        self.invalid.clear()
        for step in self.query(WizardStep):
            step.load(scenario)
        for field in self.query(Field):
            if field.has_class("-invalid"):
                field.set_error(None)
        self._post_validity()

    @on(Edit)
    def _edit(self, event: Edit) -> None:
        event.stop()
        try:
            self._apply(event)
        finally:
            if not self._posted:
                release_frame(self.app)  # no plan is coming for this edit: paint now

    def _apply(self, event: Edit) -> None:
        self._posted = False
        field = event.control if isinstance(event.control, Field) else self._field(event.field)
        if event.error is not None:
            self._reject(field, event.field, event.error)
            return
        try:
            scenario = self.scenario.with_changes(**(event.changes or {}))
        except ValidationError as exc:
            self._reject(field, event.field, "; ".join(m for _, m in validation_messages(exc, self.names)))
            return
        self.invalid.pop(event.field, None)
        if field is not None:
            field.set_error(None)
            field.accepted(scenario)
        self._post_validity()
        if scenario != self.scenario:
            self.scenario = scenario
            self.post_message(ScenarioEdited(scenario))
            self._posted = True
            if self.step_id == "review":
                self.query_one(ReviewStep).show_summary(scenario)

    def _reject(self, field: Field | None, field_id: str, message: str) -> None:
        self.invalid[field_id] = message
        if field is not None:
            field.set_error(message)
        self._post_validity()
        self._roll_back(field_id)

    def _roll_back(self, field_id: str) -> None:
        """While a field's text is invalid, the plan uses what the field held when the
        user entered it: never a value typed on the way to the one that failed."""
        if field_id not in Scenario.model_fields:
            return
        meant = getattr(self._meant, field_id)
        if meant == getattr(self.scenario, field_id):
            return
        self.scenario = self.scenario.with_changes(**{field_id: self._meant.model_dump(mode="json")[field_id]})
        self.post_message(ScenarioEdited(self.scenario))
        self._posted = True

    def _field(self, field_id: str) -> Field | None:
        for field in self.query(Field):
            if field.field_id == field_id:
                return field
        return None

    def _post_validity(self) -> None:
        steps = set()
        for field_id in self.invalid:
            field = self._field(field_id)
            for ancestor in field.ancestors if field else ():
                if isinstance(ancestor, WizardStep):
                    steps.add(STEP_IDS.index(ancestor.STEP_ID))
        self.query_one(StepBar).invalid_steps = frozenset(steps)
        self.post_message(InputValidity(dict(self.invalid)))

