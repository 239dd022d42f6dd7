"""Form fields of the later wizard steps: numbers, choices, toggles, hours limits,
text and notes. Imported when those steps are built, not at startup (see
:mod:`planner.tui.widgets.fields`)."""

from __future__ import annotations

from typing import Any, Iterable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet, Select, Static, TextArea

from planner.models import Scenario
from planner.tui.text import literal
from planner.tui.widgets.fields import CHOSEN, TICKED, UNTICKED, ChecklistField, Field, format_number, parse_number


class ChannelsField(ChecklistField):
    """Every platform and its tactics, ticked when the plan may use them (all are, at
    first); untick what you will not use.

    The scenario keeps what is left out (``exclude``): a platform's id for a whole
    platform, a tactic's id for a single tactic. The screen follows: a tactic shows
    ticked only while its platform is; unticking a platform unticks its tactics, and
    ticking one tactic of a platform that is left out brings back that tactic alone.
    """

    def __init__(self, items: Iterable[tuple[str, Content | str, str]], parents: dict[str, str]) -> None:
        """``parents``: each tactic's platform id."""
        # Platforms in bold, so their tactics read as grouped under them.
        rows = [
            (value, literal(label, "bold", one_line=True) if value not in parents and isinstance(label, str) else label, detail)
            for value, label, detail in items
        ]
        super().__init__("exclude", "Channels to use", rows)
        self.parents = parents
        self.tactics_of: dict[str, set[str]] = {}
        for tactic, platform in parents.items():
            self.tactics_of.setdefault(platform, set()).add(tactic)
        self.excluded: list[str] = []

    def load(self, scenario: Scenario) -> None:
        self.excluded = list(scenario.exclude)
        super().load(scenario)

    def accepted(self, scenario: Scenario) -> None:
        self.excluded = list(scenario.exclude)
        super().accepted(scenario)

    def ticked(self, scenario: Scenario) -> set[str]:
        out = set(self.order) - set(scenario.exclude)
        return {v for v in out if self.parents.get(v) not in scenario.exclude}

    def changes(self, before: set[str], after: set[str]) -> dict[str, Any]:
        out = set(self.excluded)
        for value in sorted(before ^ after):
            ticked = value in after
            if value in self.tactics_of:  # a platform: all its tactics with it
                out -= self.tactics_of[value]
                out = out - {value} if ticked else out | {value}
                continue
            platform = self.parents.get(value, "")
            siblings = self.tactics_of.get(platform, set())
            if ticked:
                if platform in out:  # back from a platform left out: this tactic only
                    out = (out - {platform}) | (siblings - {value})
                out.discard(value)
            else:
                out.add(value)
                if siblings and siblings <= out:  # every tactic left out: the platform is
                    out = (out - siblings) | {platform}
        unknown = [v for v in self.excluded if v not in self.order]
        return {"exclude": [v for v in self.order if v in out] + unknown}


class NumberField(Field):
    """Free text, read as a number here so "abc" gets a message rather than a beep."""

    def __init__(self, field_id: str, label: str, *, integer: bool = False, unit: str = "") -> None:
        super().__init__(field_id, label)
        self.integer = integer
        self.unit = unit

    def compose_control(self) -> ComposeResult:
        with Horizontal(classes="number-row"):
            yield Input(compact=True, id=f"input-{self.field_id.replace('_', '-')}", select_on_focus=False)
            if self.unit:
                yield Label(literal(self.unit), classes="unit")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def load(self, scenario: Scenario) -> None:
        value = getattr(scenario, self.field_id)
        with self.prevent(Input.Changed):
            self.input.value = format_number(value)
        self.input.cursor_position = len(self.input.value)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        value, error = parse_number(event.value, integer=self.integer, field_id=self.field_id)
        if error:
            self.edit(None, error)
        else:
            self.edit({self.field_id: value})

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()


class ChoiceButton(RadioButton):
    """A radio button whose state reads without colour: ``●`` when chosen, an empty
    box when not (Textual draws ``●`` for both and tells them apart by colour only)."""

    DEFAULT_CSS = """
    ChoiceSet > ChoiceButton > .toggle--button, ChoiceSet > ChoiceButton.-on > .toggle--button { background: $foreground 18%; }
    """

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - Textual's name
        return CHOSEN if self.value else UNTICKED


class ChoiceSet(RadioSet):
    """A RadioSet that can be told which option is chosen.

    A RadioSet only learns which button is pressed from that button's Changed
    message; setting ``RadioButton.value`` with the messages prevented (as loading a
    scenario must, so it does not echo back as an edit) leaves the set believing
    nothing is pressed: the next press lights a second option, and the highlight
    stays on the first. :meth:`choose` keeps the buttons, the pressed button and the
    highlight in step, and focusing the set puts the highlight on the chosen option.
    """

    def choose(self, value: str) -> None:
        buttons = list(self.query_children(RadioButton))
        with self.prevent(RadioButton.Changed, RadioSet.Changed):
            for button in buttons:
                button.value = button.name == value
        # RadioSet's own record of the pressed button (see the class docstring).
        self._pressed_button = next((b for b in buttons if b.value), None)
        self.highlight_chosen()

    def highlight_chosen(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index

    def on_mount(self) -> None:
        # RadioSet's mount handler highlights the first option; the chosen one it is.
        self.highlight_chosen()

    def on_focus(self) -> None:
        self.highlight_chosen()


class ChoiceField(Field):
    """One of a few values, as radio buttons in a row: all options visible at once."""

    def __init__(self, field_id: str, label: str, choices: Iterable[tuple[str, str]]) -> None:
        super().__init__(field_id, label)
        self.choices = list(choices)

    def compose_control(self) -> ComposeResult:
        with ChoiceSet(compact=True, id=f"radio-{self.field_id.replace('_', '-')}"):
            for value, text in self.choices:
                yield ChoiceButton(literal(text), name=value, compact=True)

    def load(self, scenario: Scenario) -> None:
        self.query_one(ChoiceSet).choose(getattr(scenario, self.field_id))

    @on(RadioSet.Changed)
    def _changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.edit({self.field_id: event.pressed.name})


class TickBox(Checkbox):
    """A checkbox whose state reads without colour: a tick, or an empty box."""

    DEFAULT_CSS = """
    TickBox > .toggle--button, TickBox.-on > .toggle--button { background: $foreground 18%; }
    """

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - Textual's name
        return TICKED if self.value else UNTICKED


class ToggleField(Field):
    """Yes or no, as a checkbox whose label is the question."""

    def compose(self) -> ComposeResult:
        yield TickBox(literal(self.label), compact=True, id=f"check-{self.field_id.replace('_', '-')}")
        if self.help:
            yield Static(literal(self.help), classes="field-help")
        yield Static("", classes="field-error")

    def load(self, scenario: Scenario) -> None:
        with self.prevent(Checkbox.Changed):
            self.query_one(Checkbox).value = bool(getattr(scenario, self.field_id))

    @on(Checkbox.Changed)
    def _changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.edit({self.field_id: event.value})


class BoundsField(Field):
    """Min/max hours for one platform or tactic at a time, chosen from a list.

    Text that does not parse is kept per id, so switching to another platform and
    back never loses what was typed.
    """

    DEFAULT_CSS = """
    BoundsField .bounds-row { height: 1; margin-top: 1; }
    BoundsField .bounds-row Label { width: auto; padding: 0 1 0 0; }
    BoundsField .bounds-row Input { width: 1fr; margin-right: 1; }
    BoundsField .bounds-list { height: auto; color: $text-muted; margin-top: 1; }
    """

    def __init__(self, targets: Iterable[tuple[str, str]]) -> None:
        """``targets``: (id, label) for every platform and tactic."""
        super().__init__("bounds", "Hours limits")
        self.targets = list(targets)
        self.labels = dict(self.targets)
        self.bounds: dict[str, dict[str, float | None]] = {}
        self.drafts: dict[str, tuple[str, str]] = {}

    def compose_control(self) -> ComposeResult:
        yield Select[str](
            ((literal(label, one_line=True), value) for value, label in self.targets),
            prompt="Platform or tactic…",
            compact=True,
            id="bounds-target",
        )
        with Horizontal(classes="bounds-row"):
            yield Label("min")
            yield Input(compact=True, id="bounds-min", placeholder="none")
            yield Label("max")
            yield Input(compact=True, id="bounds-max", placeholder="none")
        yield Static("", classes="bounds-list")

    @property
    def target(self) -> str | None:
        value = self.query_one("#bounds-target", Select).value
        return value if isinstance(value, str) else None

    def load(self, scenario: Scenario) -> None:
        self.bounds = {k: {"min": b.min, "max": b.max} for k, b in scenario.bounds.items()}
        self.drafts.clear()
        self._show_target()
        self._show_list()

    def _show_target(self) -> None:
        target = self.target
        bound = self.bounds.get(target or "", {})
        low, high = self.drafts.get(target or "", (format_number(bound.get("min")), format_number(bound.get("max"))))
        with self.prevent(Input.Changed):
            self.query_one("#bounds-min", Input).value = low
            self.query_one("#bounds-max", Input).value = high
        disabled = target is None
        self.query_one("#bounds-min", Input).disabled = disabled
        self.query_one("#bounds-max", Input).disabled = disabled

    def _show_list(self) -> None:
        parts: list[Content] = []
        for key, bound in sorted(self.bounds.items()):
            low, high = bound.get("min"), bound.get("max")
            span = f"{format_number(low) or '0'}–{format_number(high) or '∞'} h"
            parts.append(Content.assemble(literal(self.labels.get(key, key), one_line=True), ": ", span))
        self.query_one(".bounds-list", Static).update(
            Content("\n").join(parts) if parts else Content("No limits set.")
        )

    @on(Select.Changed, "#bounds-target")
    def _target_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._show_target()

    @on(Input.Changed, "#bounds-min, #bounds-max")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        target = self.target
        if target is None:
            return
        low_text = self.query_one("#bounds-min", Input).value
        high_text = self.query_one("#bounds-max", Input).value
        low, low_error = parse_number(low_text, allow_empty=True)
        high, high_error = parse_number(high_text, allow_empty=True)
        if low_error or high_error:
            self.drafts[target] = (low_text, high_text)
            self.edit(None, f"{'min' if low_error else 'max'}: {low_error or high_error}")
            return
        self.drafts.pop(target, None)
        bounds = {k: dict(v) for k, v in self.bounds.items()}
        if low is None and high is None:
            bounds.pop(target, None)
        else:
            bounds[target] = {"min": low, "max": high}
        self.edit({"bounds": bounds})

    def accepted(self, scenario: Scenario) -> None:
        """The wizard took the edit: remember it and list it."""
        self.bounds = {k: {"min": b.min, "max": b.max} for k, b in scenario.bounds.items()}
        self._show_list()


class TextField(Field):
    def compose_control(self) -> ComposeResult:
        yield Input(compact=True, id=f"input-{self.field_id}")

    def load(self, scenario: Scenario) -> None:
        with self.prevent(Input.Changed):
            self.query_one(Input).value = getattr(scenario, self.field_id)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.edit({self.field_id: event.value})


class NotesField(Field):
    DEFAULT_CSS = """
    NotesField TextArea { height: 5; }
    """

    def compose_control(self) -> ComposeResult:
        yield TextArea(compact=True, id="notes", soft_wrap=True, show_line_numbers=False)

    def load(self, scenario: Scenario) -> None:
        with self.prevent(TextArea.Changed):
            self.query_one(TextArea).load_text(scenario.notes)

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.edit({"notes": event.text_area.text})
