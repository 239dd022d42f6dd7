"""The help screen (F1 or ?): every key binding, then what each wizard step asks.

Bindings are collected from the app and the screen underneath at the time help
opens, so a binding added later (a new mode, an export key) is listed without
editing this file.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from planner.tui.dialogs.base import AnswerOnce
from planner.tui.help_data import KEYS_BEYOND_BINDINGS, STEPS
from planner.tui.style import MUTED
from planner.tui.text import literal


def binding_rows(app_bindings: list[Binding], screen: Screen[object] | None) -> list[tuple[str, str]]:
    """(keys, what they do) for every binding with a description, app first."""
    seen: set[str] = set()
    rows: list[tuple[str, str]] = []
    sources = [*app_bindings, *(_bindings(screen) if screen is not None else [])]
    for binding in sources:
        text = binding.tooltip or binding.description
        if not text or binding.action in seen:
            continue
        seen.add(binding.action)
        keys = " / ".join(_key_display(k) for k in binding.key.split(","))
        rows.append((keys, text))
    return rows


def _bindings(node: object) -> list[Binding]:
    return [b for b in getattr(node, "BINDINGS", []) if isinstance(b, Binding)]


def _key_display(key: str) -> str:
    key = key.strip()
    return {"question_mark": "?", "pagedown": "PgDn", "pageup": "PgUp"}.get(key, key)


class HelpScreen(AnswerOnce, ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,question_mark,q", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__(id="help")
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(Content.styled("Keys  (escape closes)", "bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                with Vertical(id="help-keys"):
                    for keys, text in [*self.rows, *KEYS_BEYOND_BINDINGS]:
                        with Horizontal(classes="help-row"):
                            yield Static(Content.styled(keys, "bold $text-accent"), classes="help-key")
                            yield Static(literal(text), classes="help-text")
                yield Static(self._steps(), id="help-steps")

    @property
    def keys_text(self) -> str:
        """Every row as plain text, for tests and the guide."""
        return "\n".join(f"{keys}  {text}" for keys, text in [*self.rows, *KEYS_BEYOND_BINDINGS])

    def _steps(self) -> Content:
        lines = [Content.styled("\nThe wizard", "bold")]
        for i, step in enumerate(STEPS, start=1):
            lines.append(Content.assemble((f"{i} {step.title}: ", "bold"), literal(step.question)))
            lines.append(Content.assemble("  ", literal(step.help, MUTED)))
        return Content("\n").join(lines)
