"""The broadcast/relationships split: one coloured bar with hours and percentages.

Every figure is read from ``plan.split`` and ``plan.hours``; the bar only scales them
to the width it has.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from planner import fmt
from planner.models import Plan
from planner.tui.style import MUTED, STRATEGY_BAR, STRATEGY_LABEL, STRATEGY_TEXT


def _hours(value: float) -> str:
    # Plans allocate whole quarter-hours: show 1.75, not 1.8 (same format as the CLI and export).
    return f"{fmt.hours(value)} h"


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


class SplitBar(Widget):
    DEFAULT_CSS = """
    SplitBar { height: auto; width: 1fr; }
    """

    plan: reactive[Plan | None] = reactive(None)

    def __init__(self, plan: Plan | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(SplitBar.plan, plan)

    def watch_plan(self, old: Plan | None, new: Plan | None) -> None:
        # A fourth line appears when hours are left unplanned: only then re-layout.
        def lines(plan: Plan | None) -> bool:
            return plan is not None and plan.hours.unallocated > 0.05

        if lines(old) != lines(new):
            self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        # Measured without render(): reading self.size during a layout makes Textual
        # arrange the whole screen a second time.
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.size.width))

    def _lines(self, width: int) -> list[Content]:
        plan = self.plan
        if plan is None:
            return [Content("Working out the plan…")]
        split, hours = plan.split, plan.hours
        width = max(width, 10)
        left = Content.assemble(
            (f"{STRATEGY_LABEL['broadcast']} ", STRATEGY_TEXT["broadcast"]),
            (_pct(split.broadcast), "bold"),
            f" · {_hours(split.broadcast_hours)}",
        )
        right = Content.assemble(
            f"{_hours(split.relationships_hours)} · ",
            (_pct(split.relationships), "bold"),
            (f" {STRATEGY_LABEL['relationships']}", STRATEGY_TEXT["relationships"]),
        )
        gap = width - left.cell_length - right.cell_length

        total = hours.available or 1.0
        cells = [
            (split.broadcast_hours / total, "█", STRATEGY_BAR["broadcast"]),
            (split.relationships_hours / total, "█", STRATEGY_BAR["relationships"]),
            (hours.unallocated / total, "░", MUTED),
        ]
        widths = _apportion([share for share, _, _ in cells], width)
        bar = Content.assemble(*((char * w, style) for (_, char, style), w in zip(cells, widths)))

        if gap >= 2:  # both labels on one line above the bar
            lines = [Content.assemble(left, " " * gap, right), bar]
        else:  # narrow: broadcast above the bar, relationships below it, right-aligned
            lines = [left, bar, Content.assemble(" " * max(0, width - right.cell_length), right)]
        if hours.unallocated > 0.05:
            lines.append(
                Content.styled(f"░ {_hours(hours.unallocated)} of {_hours(hours.available)} left unplanned", MUTED)
            )
        return lines


def _apportion(shares: list[float], width: int) -> list[int]:
    """Whole cells per share, summing to ``width`` when the shares sum to 1 (largest
    remainder), so a 50/50 split is drawn as two equal halves."""
    total = sum(shares)
    if total <= 0:
        return [0] * (len(shares) - 1) + [width]
    exact = [s / total * width for s in shares]
    cells = [int(e) for e in exact]
    order = sorted(range(len(shares)), key=lambda i: exact[i] - cells[i], reverse=True)
    for i in order[: width - sum(cells)]:
        cells[i] += 1
    return cells
