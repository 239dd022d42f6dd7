"""The key bar: the bindings that matter where the user is, on the last line.

It shows what Textual's ``Footer`` shows (the focused widget's and the screen's
bindings with ``show=True``, dimmed when ``check_action`` disables them, the command
palette key on the right; click a key to press it, hover it for its tooltip) but as
*one* widget that repaints one line.

Why not ``Footer`` (reconsidered for issue 13, which prefers library parts): Footer is
a container of one widget per key that recomposes (unmounts and mounts every key, then
lays out the whole screen) whenever the bindings change, which is after the first
frame and on every focus change. Measured in a real terminal at 80×24 against a bare
Textual app (``benchmarks/bench_tui_tmux.py``), Footer costs about a fifth of the bare
app's start-up on top of this bar, enough to take the app past issue 13's 2.5× target;
the numbers are in docs/performance.md ("Library parts"). A binding change here only
repaints. Only public Textual API is used, so the textual pin can be a range.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.style import Style
from textual.widget import Widget


class Key(NamedTuple):
    """One key shown in the bar."""

    key: str
    """What pressing it simulates (the binding's first key)."""
    display: str
    description: str
    enabled: bool
    tooltip: str


class Span(NamedTuple):
    start: int
    end: int
    key: Key


PALETTE_SEPARATOR = "▏"


def _width(key: Key) -> int:
    """Cells ``key`` takes: `` key description ``."""
    return 2 + cell_len(key.display) + (cell_len(key.description) + 1 if key.description else 0)


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description", "key-bar--hover", "key-bar--disabled"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        .key-bar--description { color: $footer-description-foreground; background: $footer-description-background; }
        .key-bar--hover { background: $block-hover-background; }
        .key-bar--disabled { text-style: dim; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hovered = -1
        """Index of the key under the mouse pointer, or -1."""
        self._keys: list[Key] | None = None
        self._palette: Key | None = None
        self._spans: list[Span] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, _screen: object) -> None:
        self._keys = None  # recomputed on the next render
        self.hovered = -1  # the key under the pointer may be another one now
        self.tooltip = None
        self.refresh()

    # What to show --------------------------------------------------------------
    @property
    def keys(self) -> list[Key]:
        """The keys shown, left to right (without the palette key)."""
        if self._keys is None:
            self._keys, self._palette = self._collect()
        return self._keys

    def _collect(self) -> tuple[list[Key], Key | None]:
        app = self.app
        active = self.screen.active_bindings
        by_action: dict[str, Key] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = self._key(binding, enabled, tooltip)
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = self._key(binding, enabled, tooltip)
            by_action.pop(binding.action, None)
        return list(by_action.values()), palette

    def _key(self, binding: Binding, enabled: bool, tooltip: str) -> Key:
        return Key(
            binding.key.split(",")[0].strip(),
            self.app.get_key_display(binding),
            binding.description,
            enabled,
            tooltip or binding.tooltip or binding.description,
        )

    # Drawing -------------------------------------------------------------------
    def render(self) -> Content:
        keys = self.keys
        key_style = self.get_visual_style("key-bar--key", partial=True)
        description_style = self.get_visual_style("key-bar--description", partial=True)
        hover_style = self.get_visual_style("key-bar--hover", partial=True)
        disabled_style = self.get_visual_style("key-bar--disabled", partial=True)
        parts: list[tuple[str, Style]] = []
        spans: list[Span] = []
        used = 0

        def add(key: Key, lead: str = " ") -> None:
            nonlocal used
            extra = (hover_style if len(spans) == self.hovered else Style()) + (Style() if key.enabled else disabled_style)
            start = used
            for text, style in ((f"{lead}{key.display} ", key_style), (f"{key.description} " if key.description else "", description_style)):
                if text:
                    parts.append((text, style + extra))
                    used += cell_len(text)
            spans.append(Span(start, used, key))

        width = self.size.width
        palette = self._palette
        # The palette key keeps its place on the right; keys that do not fit whole
        # before it are left out rather than cut in half.
        tail = _width(palette) if palette is not None else 0  # its lead space is the separator
        for key in keys:
            # A key's trailing pad may go under the separator.
            if used + _width(key) - 1 > width - tail:
                break
            add(key)
        if palette is not None and spans and used > width - tail:
            text, style = parts[-1]
            parts[-1] = (text[: len(text) - (used - (width - tail))], style)
            used = width - tail
            spans[-1] = spans[-1]._replace(end=used)
        if palette is not None and width - used >= tail:
            parts.append((" " * (width - used - tail), Style()))
            parts.append((PALETTE_SEPARATOR, description_style + Style(dim=True)))
            used += width - used - tail + 1
            add(palette, lead="")
        self._spans = spans
        return Content.assemble(*parts)

    # Mouse ---------------------------------------------------------------------
    def _at(self, x: int) -> int:
        for index, span in enumerate(self._spans):
            if span.start <= x < span.end:
                return index
        return -1

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._at(event.x)
        if index != self.hovered:
            self.hovered = index
            self.tooltip = self._spans[index].key.tooltip if index >= 0 else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self.hovered != -1:
            self.hovered = -1
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._at(event.x)
        if index < 0:
            return
        key = self._spans[index].key
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
