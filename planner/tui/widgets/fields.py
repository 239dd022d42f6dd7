"""Wizard fields: a label, one control, a help line and an inline error line.

A field turns its control's value into scenario changes and posts an
:class:`~planner.tui.messages.Edit`; it never validates the scenario itself (the wizard
does, with the model's own validators) and never plans. ``load`` fills the control
from a scenario without posting edits, so loading a preset cannot echo back.

The fields of the first step (the reach slider, the goals checklist) live here; the
form fields of the later steps are in :mod:`planner.tui.widgets.form_fields`, imported
only when those steps are built (after the first frame), so startup does not import
Input, Select, RadioSet, Checkbox or TextArea.
"""

from __future__ import annotations

from typing import Any, Iterable

from rich.segment import Segment
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Label, SelectionList, Static
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.selection_list import Selection

from planner.errors import SUBJECTS, word
from planner.models import Scenario
from planner.tui.help_data import FIELD_HELP
from planner.tui.live import hold_frame
from planner.tui.messages import Edit
from planner.tui.text import literal
from planner.tui.widgets.reach_scale import ReachScale

TICKED = "✓"
CHOSEN = "●"
UNTICKED = " "
"""What a checkbox, a checklist row and a radio button show inside their box. Textual
draws the same mark whatever the state and tells them apart by colour alone, which
some themes make near-invisible; a tick (or dot) against an empty box reads in any
theme, and without colour at all."""


class TickList(SelectionList[str]):
    """A SelectionList whose rows show a tick when selected and an empty box when not."""

    DEFAULT_CSS = """
    TickList > .selection-list--button,
    TickList > .selection-list--button-highlighted,
    TickList > .selection-list--button-selected,
    TickList > .selection-list--button-selected-highlighted {
        background: $foreground 18%;
    }
    """

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        # SelectionList draws [left, inner, right, " ", *prompt] (see its render_line).
        if len(segments) < 3 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        index = int(self.scroll_offset.y) + y
        if index >= self.option_count:
            return strip
        inner = segments[1]
        ticked = self.get_option_at_index(index).value in self.selected
        segments[1] = Segment(TICKED if ticked else UNTICKED, inner.style, inner.control)
        return Strip(segments, strip.cell_length)


class Field(Vertical):
    """Base: subclasses yield their control from :meth:`compose_control`."""

    DEFAULT_CSS = """
    Field { height: auto; margin-bottom: 1; }
    Field > .field-label { text-style: bold; }
    Field > .field-help { color: $text-muted; }
    Field > .field-error { color: $text-error; display: none; }
    Field.-invalid > .field-error { display: block; }
    Field.-invalid Input { border-left: outer $error; }
    """

    def __init__(self, field_id: str, label: str, *, help: str | None = None) -> None:
        super().__init__(id=f"field-{field_id.replace('_', '-')}")
        self.field_id = field_id
        self.label = label
        self.help = FIELD_HELP.get(field_id) if help is None else help

    def compose(self) -> ComposeResult:
        yield Label(literal(self.label), classes="field-label")
        yield from self.compose_control()
        if self.help:
            yield Static(literal(self.help), classes="field-help")
        yield Static("", classes="field-error")

    def compose_control(self) -> ComposeResult:
        yield from ()

    def load(self, scenario: Scenario) -> None:
        """Show ``scenario``'s value in the control, posting nothing."""

    def set_error(self, message: str | None) -> None:
        if not message and not self.has_class("-invalid"):
            return
        self.set_class(bool(message), "-invalid")
        self.query_one(".field-error", Static).update(literal("✗ " + message) if message else "")

    @property
    def error(self) -> str | None:
        return None if not self.has_class("-invalid") else str(self.query_one(".field-error", Static).content)

    def accepted(self, scenario: Scenario) -> None:
        """The wizard took this field's edit into ``scenario`` (a hook; see BoundsField)."""

    def edit(self, changes: dict[str, Any] | None, error: str | None = None) -> None:
        # Hold the next frame until the plan for this edit is shown (planner.tui.live).
        hold_frame(self.app)
        self.post_message(Edit(self, self.field_id, changes, error))


def format_number(value: float | int | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def parse_number(
    text: str, *, integer: bool = False, allow_empty: bool = False, field_id: str = ""
) -> tuple[float | int | None, str | None]:
    """``(value, None)`` or ``(None, message)``; a message says what to type instead,
    in the words of :data:`planner.errors.WORDING` (the CLI's too)."""
    subject, example = SUBJECTS.get(field_id, ("this", "6" if integer else "8"))
    text = text.strip().replace(",", ".")
    if not text:
        if allow_empty:
            return None, None
        return None, word("empty", subject=subject.capitalize() if subject != "this" else "The box", example=example)
    try:
        number = float(text)
    except ValueError:
        return None, word("not_whole" if integer else "not_a_number", value=text, example=example)
    if number != number or number in (float("inf"), float("-inf")):
        return None, word("finite_number", value=text, example=example)
    if integer:
        if not number.is_integer():
            return None, word("not_whole", value=text, example=example)
        return int(number), None
    return number, None


class ReachField(Field):
    def compose_control(self) -> ComposeResult:
        yield ReachScale(id="reach-scale")

    def load(self, scenario: Scenario) -> None:
        with self.prevent(ReachScale.Changed):
            self.query_one(ReachScale).value = scenario.reach_priority

    @on(ReachScale.Changed)
    def _changed(self, event: ReachScale.Changed) -> None:
        event.stop()
        self.edit({"reach_priority": event.value})


class ChecklistField(Field):
    """Tick several ids (goals, exclusions). The scenario keeps them in list order."""

    DEFAULT_CSS = """
    ChecklistField SelectionList { height: auto; max-height: 12; }
    ChecklistField .detail { color: $text-muted; height: auto; min-height: 2; }
    """

    def __init__(self, field_id: str, label: str, items: Iterable[tuple[str, Content | str, str]]) -> None:
        """``items``: (id, label, detail shown when highlighted). A ``str`` label is
        shown literally; pass Content to style it."""
        super().__init__(field_id, label)
        self.items = list(items)
        self.order = [item[0] for item in self.items]
        self.shown: set[str] = set()
        """The ids ticked on screen."""

    def compose_control(self) -> ComposeResult:
        yield TickList(
            *(Selection(label if isinstance(label, Content) else literal(label, one_line=True), value) for value, label, _ in self.items),
            compact=True,
            id=f"list-{self.field_id.replace('_', '-')}",
        )
        yield Static("", classes="detail")

    def ticked(self, scenario: Scenario) -> set[str]:
        """The ids shown ticked for ``scenario``."""
        return set(getattr(scenario, self.field_id))

    def changes(self, before: set[str], after: set[str]) -> dict[str, Any]:
        """The scenario changes for ticks going from ``before`` to ``after``."""
        return {self.field_id: [v for v in self.order if v in after]}

    def load(self, scenario: Scenario) -> None:
        self.show_ticks(self.ticked(scenario))

    def accepted(self, scenario: Scenario) -> None:
        ticked = self.ticked(scenario)
        if ticked != self.shown:
            self.show_ticks(ticked)

    def show_ticks(self, ticked: set[str]) -> None:
        self.shown = ticked
        selection = self.query_one(SelectionList)
        with self.prevent(SelectionList.SelectedChanged):
            selection.deselect_all()
            for value in self.order:
                if value in ticked:
                    selection.select(value)

    @on(SelectionList.SelectedChanged)
    def _changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        before, self.shown = self.shown, set(event.selection_list.selected)
        self.edit(self.changes(before, self.shown))

    @on(SelectionList.SelectionHighlighted)
    def _highlighted(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        event.stop()
        details = {value: detail for value, _, detail in self.items}
        self.query_one(".detail", Static).update(literal(details.get(event.selection.value, "")))


