"""A question with two or three answers: delete?, replace?, unsaved changes?

Every answer is a button and has a key (shown on the button); Escape always means
the last, safe answer (cancel). The default focus is on the safe answer too, so an
Enter pressed out of habit never deletes or overwrites anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from planner.tui.dialogs.base import AnswerOnce


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    key: str
    variant: str = "default"
    """A Button variant: ``error`` for destructive answers, ``primary`` for the usual one."""


CANCEL = Choice("cancel", "Cancel", "escape")


class ChoiceDialog(AnswerOnce, ModalScreen[str]):
    """Returns the chosen :attr:`Choice.id`; ``"cancel"`` on Escape."""

    DEFAULT_CSS = """
    ChoiceDialog {
        align: center middle;
        background: $background 60%;
    }
    ChoiceDialog #choice-box {
        width: 64;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: thick $primary 80%;
        background: $surface;
        padding: 1 2;
    }
    ChoiceDialog.-danger #choice-box {
        border: thick $error 80%;
    }
    ChoiceDialog #choice-title {
        text-style: bold;
        margin-bottom: 1;
    }
    ChoiceDialog #choice-message {
        margin-bottom: 1;
    }
    ChoiceDialog #choice-buttons {
        height: auto;
        align-horizontal: right;
    }
    ChoiceDialog Button {
        margin-left: 1;
        min-width: 10;
    }
    """

    BINDINGS = [Binding("escape", "choose('cancel')", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str | Content, message: Content, choices: list[Choice], *, danger: bool = False) -> None:
        super().__init__(classes="-danger" if danger else "")
        self.title_content = Content(title) if isinstance(title, str) else title
        self.message = message
        self.choices = choices if any(c.id == "cancel" for c in choices) else [*choices, CANCEL]

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Static(self.title_content, id="choice-title")
            yield Static(self.message, id="choice-message")
            with Horizontal(id="choice-buttons"):
                for choice in self.choices:
                    key = "Esc" if choice.key == "escape" else choice.key
                    label = Content.assemble(choice.label, (f" ({key})", "dim"))
                    yield Button(label, id=f"choice-{choice.id}", variant=choice.variant)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        # A toast from before (e.g. "Exported", "Saved") would sit over the buttons.
        self.app.clear_notifications()
        self.query_one(f"#choice-{self.choices[-1].id}", Button).focus()

    def on_key(self, event: events.Key) -> None:
        for choice in self.choices:
            if choice.key != "escape" and event.key == choice.key:
                event.stop()
                self.dismiss(choice.id)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "choice-cancel").removeprefix("choice-"))

    def action_choose(self, choice_id: str) -> None:
        self.dismiss(choice_id)


def confirm(title: str, message: Content, yes: str, key: str, *, danger: bool = False) -> ChoiceDialog:
    """A yes/cancel question; the dialog returns ``"yes"`` or ``"cancel"``."""
    return ChoiceDialog(title, message, [Choice("yes", yes, key, "error" if danger else "primary"), CANCEL], danger=danger)
