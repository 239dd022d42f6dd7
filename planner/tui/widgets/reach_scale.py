"""A slider for reach priority: relationships on the left, reach on the right.

Textual has no slider; this one is keyboard first (←/→, shift for fine steps,
home/end) and takes a click anywhere on the track.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from planner.tui.style import STRATEGY_BAR, STRATEGY_TEXT


class ReachScale(Widget, can_focus=True):
    DEFAULT_CSS = """
    ReachScale {
        height: 2;
        width: 1fr;
    }
    """

    BINDINGS = [
        Binding("right", "step(5)", "More reach", show=False),
        Binding("left", "step(-5)", "More relationships", show=False),
        Binding("shift+right", "step(1)", "Reach +1", show=False),
        Binding("shift+left", "step(-1)", "Reach -1", show=False),
        Binding("home", "set(0)", "All relationships", show=False),
        Binding("end", "set(100)", "All reach", show=False),
    ]

    value: reactive[int] = reactive(50)

    class Changed(Message):
        def __init__(self, scale: ReachScale, value: int) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

        @property
        def control(self) -> ReachScale:
            return self.scale

    def __init__(self, value: int = 50, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(ReachScale.value, value)

    def validate_value(self, value: int) -> int:
        return max(0, min(100, int(value)))

    def watch_value(self, value: int) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        self.value += delta

    def action_set(self, value: int) -> None:
        self.value = value

    def _track_width(self) -> int:
        return max(self.size.width - 2, 10)

    def on_click(self, event: events.Click) -> None:
        if event.y == 1:
            self.value = round((event.x - 1) / max(self._track_width() - 1, 1) * 100)

    def render(self) -> Content:
        width = self._track_width()
        knob = round(self.value / 100 * (width - 1))
        number = f" {self.value} "
        left_label = "◀ relationships"
        right_label = "reach ▶"
        gap = max(1, width + 2 - len(left_label) - len(right_label) - len(number))
        half = gap // 2
        top = Content.assemble(
            (left_label, STRATEGY_TEXT["relationships"]),
            " " * half,
            (number, "bold reverse" if self.has_focus else "bold"),
            " " * (gap - half),
            (right_label, STRATEGY_TEXT["broadcast"]),
        )
        track = Content.assemble(
            " ",
            ("━" * knob, STRATEGY_BAR["relationships"]),
            ("●", "bold $foreground" if self.has_focus else "$foreground"),
            ("━" * (width - 1 - knob), STRATEGY_BAR["broadcast"]),
            " ",
        )
        return Content("\n").join([top, track])
