"""Ask for a scenario name (save as, rename, duplicate).

The session's one name loop (:meth:`planner.tui.session.Session.ask_name`) does the
store operation and, if the store refuses the name (blank, too long, taken), opens
the prompt again with the store's own message under the field: the store is the
single judge of what a valid name is.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from planner.tui.dialogs.base import AnswerOnce
from planner.tui.text import literal


class NamePrompt(AnswerOnce, ModalScreen[str | None]):
    """Returns the name typed, or ``None`` if cancelled."""

    DEFAULT_CSS = """
    NamePrompt {
        align: center middle;
        background: $background 60%;
    }
    NamePrompt #name-box {
        width: 64;
        max-width: 95%;
        height: auto;
        border: thick $primary 80%;
        background: $surface;
        padding: 1 2;
    }
    NamePrompt #name-title {
        text-style: bold;
    }
    NamePrompt #name-note {
        color: $text-muted;
    }
    NamePrompt #name-input {
        margin: 1 0 0 0;
    }
    NamePrompt #name-error {
        color: $text-error;
        height: auto;
    }
    NamePrompt #name-buttons {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    NamePrompt Button {
        margin-left: 1;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, note: Content, initial: str, *, action: str = "Save", error: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.note = note
        self.initial = initial
        self.action = action
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="name-box"):
            yield Static(Content(self.title_text), id="name-title")
            yield Static(self.note, id="name-note")
            yield Input(self.initial, placeholder="Scenario name", id="name-input", select_on_focus=True)
            yield Static(literal(self.error), id="name-error")
            with Horizontal(id="name-buttons"):
                yield Button(Content(self.action), id="name-ok", variant="primary")
                yield Button(Content.assemble("Cancel", (" (Esc)", "dim")), id="name-cancel")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#name-ok")
    def _ok(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        self.dismiss(self.query_one(Input).value)

    @on(Button.Pressed, "#name-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
