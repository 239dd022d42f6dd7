"""Why, warnings and sensitivity: the part of the plan view below the table.

One widget shows all three sections, each built from a piece of the Plan by a pure
function and rebuilt only when that piece changed. Text from the plan or the
knowledge base goes through :func:`~planner.tui.text.literal`; only our own fixed
labels are styled.

Why one widget, and why its height only grows: a change of height anywhere in the
plan view costs a layout of the whole screen, and after a layout Textual repaints
every widget, which is most of a keystroke's cost. The three sections change height
often as hours move (a warning comes or goes, the selected tactic's text rewraps),
so the widget keeps the tallest height it has needed at this width: the extra lines
are blank space at the very bottom of the plan view, and a keystroke repaints the
lines of this one region that are on screen instead of the whole screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget
from typing_extensions import Self

from planner import fmt
from planner.models import Plan
from planner.models.plan import PlanWarning, Sensitivity, TacticPlan
from planner.tui.style import MUTED, STRATEGY_LABEL, STRATEGY_TEXT, VERDICT, WARNING
from planner.tui.text import literal

BINDING = {
    "saturation-cap": "more hours would add little (returns flatten)",
    "user-max": "your maximum for it",
    "user-min": "your minimum for it",
    "min-effective": "it needs more hours than are left to work at all",
    "budget": "the week's hours ran out",
    "excluded": "you left it out",
    "goals": "it serves none of your goals",
    "outranked": "the hours in the plan earn more",
    "minimum-exceeds-hours": "its minimum effective hours do not fit in the week",
    "kb-max": "its useful maximum",
    "max-below-minimum": "your maximum is below its minimum effective hours",
    "no-ad-budget": "it needs an ad budget, and yours is 0",
    "needs-audience": "it needs an existing audience to invite",
    "no-fit": "it cannot reach your customers",
}
"""What ``why.binding`` means, for people. Unknown codes are shown as they are."""

BAR_WIDTH = 12


def _bar(value: float, scale: float, style: str) -> Content:
    eighths = round(value / scale * BAR_WIDTH * 8) if scale > 0 else 0
    full, part = divmod(max(0, min(eighths, BAR_WIDTH * 8)), 8)
    text = "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")
    return Content.styled(text.ljust(BAR_WIDTH), style)


DETAILS_CLOSED = "▸ Details: the numbers behind this (n or click to open)"
DETAILS_OPEN = "▾ Details (n or click to close)"


def why_content(tactic: TacticPlan | None, numbers: bool = False) -> Content:
    """Why the selected tactic got its hours, in words first: the reasons, what it
    won over and what would change it; then the numbers behind them, collapsed unless
    ``numbers``; then what to do each week, how to measure it, and the sources."""
    if tactic is None:
        return Content.styled("Select a tactic in the table to see why.", MUTED)
    why = tactic.why
    style = STRATEGY_TEXT[tactic.strategy]
    lines: list[Content] = [
        Content.assemble(
            literal(tactic.name, "bold", one_line=True),
            " · ",
            (f"{fmt.hours(tactic.hours)} h", "bold"),
            " · ",
            (STRATEGY_LABEL[tactic.strategy].lower(), style),
        ),
        *(literal(r) for r in why.reasons),
    ]
    if why.runner_up is not None:
        lines.append(Content.assemble(
            ("Chosen over ", "bold"), literal(why.runner_up.name, "bold", one_line=True), ". ", literal(why.runner_up.reason)
        ))
    if why.would_change:
        lines.append(Content.assemble(("What would change it: ", "bold"), literal(why.would_change)))
    lines.append(Content.styled(DETAILS_OPEN if numbers else DETAILS_CLOSED, "bold $text-accent"))
    if numbers:
        lines.extend(_numbers(tactic, style))
    if tactic.hours > 0:
        lines.append(Content.assemble(("This week: ", "bold"), literal(tactic.output, one_line=True)))
        lines.extend(Content.assemble("  • ", literal(a.text, one_line=True)) for a in tactic.activities)
    lines.append(Content.styled("KPIs", "bold"))
    lines.extend(
        Content.assemble("  • ", literal(k.name, "bold", one_line=True), " — ", literal(k.how, one_line=True))
        for k in tactic.kpis
    )
    if why.sources:
        lines.append(Content.styled("Sources", "bold"))
        lines.extend(Content.assemble("  ", literal(s.text, MUTED, one_line=True)) for s in why.sources)
    return Content("\n").join(lines)


def _numbers(tactic: TacticPlan, style: str) -> list[Content]:
    d = tactic.why.details
    lines = [
        literal(d.summary, MUTED),
        Content.styled(
            f"score {d.score:.2f} · fit {d.fit:.2f} · strategy weight {d.strategy_weight:.2f} · "
            f"next hour {d.marginal_value_per_hour:.3f} · limited by: {BINDING.get(tactic.why.binding, tactic.why.binding)}",
            MUTED,
        ),
    ]
    top = d.contributions[:5]
    scale = max((c.contribution for c in top), default=0.0)
    label_width = min(max((len(c.label) for c in top), default=0), 20)
    for c in top:
        lines.append(
            Content.assemble(
                "  ",
                literal(c.label[:label_width].ljust(label_width), one_line=True),
                " ",
                _bar(c.contribution, scale, style.replace("bold ", "")),
                (f" {c.contribution:.2f}", MUTED),
            )
        )
    if d.factors:
        lines.append(Content.styled(
            "fit gates: " + ", ".join(f"{k} {v:.2f}" for k, v in d.factors.items()), MUTED
        ))
    return lines


def warnings_content(warnings: Sequence[PlanWarning]) -> Content:
    if not warnings:
        return Content.styled("No warnings.", MUTED)
    lines = []
    for w in warnings:
        line = Content.assemble(("⚠ ", WARNING), literal(w.message))
        if w.source:
            line = Content.assemble(line, "\n  ", literal(w.source.text, MUTED, one_line=True))
        lines.append(line)
    return Content("\n").join(lines)


def sensitivity_content(s: Sensitivity, names: dict[str, str] | None = None) -> Content:
    """Stable or fragile, in colour, then each what-if as a signed bar of how far the
    broadcast share would move, and which tactics (by name) would come in or drop out."""
    names = names or {}
    lines = [
        Content.assemble((f" {s.verdict.upper()} ", f"reverse {VERDICT.get(s.verdict, 'bold')}"), " ", literal(s.summary)),
    ]
    scale = max((abs(c.delta) for c in s.cases), default=0.0) or 1.0
    width = max((len(c.label) for c in s.cases), default=0)
    for c in s.cases:
        arrow, style = ("▲", STRATEGY_TEXT["broadcast"]) if c.delta > 0 else (("▼", STRATEGY_TEXT["relationships"]) if c.delta < 0 else ("=", MUTED))
        changes = [f"+{names.get(a, a)}" for a in c.added] + [f"−{names.get(r, r)}" for r in c.removed]
        lines.append(
            Content.assemble(
                "  ",
                literal(c.label.ljust(width), one_line=True),
                " ",
                (arrow, style),
                (f" {c.delta * 100:+5.1f} pts ", "bold" if abs(c.delta) * 100 >= 5 else ""),
                _bar(abs(c.delta), scale, style.replace("bold ", "")),
                literal(("  " + ", ".join(changes)) if changes else "", MUTED, one_line=True),
            )
        )
    return Content("\n").join(lines)


def _tactic_names(plan: Plan) -> dict[str, str]:
    return {t.id: t.name for t in (*plan.tactics, *plan.alternatives)}


def _sensitivity(data: tuple[Sensitivity | None, dict[str, str]]) -> Content:
    sensitivity, names = data
    if sensitivity is None:  # a first-paint plan: the what-ifs follow in a moment
        return Content.styled("Working out what would change the plan…", MUTED)
    return sensitivity_content(sensitivity, names)


SECTION = "bold $text-accent"


class PlanDetails(Widget):
    """Why (for the selected tactic), warnings and sensitivity, in that order.

    Drawn line by line (Textual's line API): each section is wrapped once when it
    changes, and only the lines on screen are rendered, so a new plan costs the few
    visible lines rather than the whole text below the fold.
    """

    DEFAULT_CSS = """
    PlanDetails { height: auto; margin-top: 1; }
    """

    def __init__(self, plan: Plan | None = None, tactic: TacticPlan | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: dict[str, tuple[object, Content]] = {}
        self._wrapped: dict[str, tuple[int, Content, list[Content]]] = {}
        self._lines: tuple[int, list[Content]] = (-1, [])
        self._strips: dict[int, Strip] = {}
        self._floor = (0, 0)
        self._tactic: TacticPlan | None = tactic
        """(width, lines): the tallest this widget has been at that width."""
        if plan is not None:
            self.show(plan, tactic)

    # Data ------------------------------------------------------------------------
    numbers = False
    """Whether the why section shows the numbers behind it (collapsed by default)."""

    def show(self, plan: Plan, tactic: TacticPlan | None) -> None:
        self._tactic = tactic
        changed = self._part("why", (tactic, self.numbers), lambda d: why_content(*d))
        changed |= self._part("warnings", plan.warnings, warnings_content)
        changed |= self._part("sensitivity", (plan.sensitivity, _tactic_names(plan)), _sensitivity)
        if changed:
            self._changed()

    def show_why(self, tactic: TacticPlan | None) -> None:
        self._tactic = tactic
        if self._part("why", (tactic, self.numbers), lambda d: why_content(*d)):
            self._changed()

    def toggle_numbers(self) -> None:
        """Open or close the numbers behind the selected tactic's reasons."""
        self.numbers = not self.numbers
        self.show_why(self._tactic)

    def on_click(self, event: events.Click) -> None:
        lines = self._lines_for(self.size.width)
        if 0 <= event.y < len(lines) and lines[event.y].plain in (DETAILS_CLOSED, DETAILS_OPEN):
            self.toggle_numbers()

    def _part(self, name: str, data: object, build: Callable[[Any], Content]) -> bool:
        old = self._parts.get(name)
        if old is not None and old[0] == data:
            return False
        self._parts[name] = (data, build(data))
        return True

    @property
    def text(self) -> str:
        """Everything shown, as plain text (for tests and screen readers' sake)."""
        return "\n".join(line.plain for line in self._sections())

    def _sections(self) -> list[Content]:
        count = len(self._parts["warnings"][0]) if "warnings" in self._parts else 0  # type: ignore[arg-type]
        out: list[Content] = []
        for name, title in (("why", "Why"), ("warnings", f"Warnings ({count})"), ("sensitivity", "Sensitivity")):
            if name in self._parts:
                out += [Content.styled(title, SECTION), self._parts[name][1], Content("")]
        return out[:-1]

    def _changed(self) -> None:
        self._lines = (-1, [])
        width = self.size.width
        if not self.is_mounted or width <= 0:
            self.refresh(layout=True)  # the first layout sizes it
            return
        count = len(self._lines_for(width))
        floor_width, floor = self._floor
        grew = floor_width != width or count > floor
        if grew:
            self._floor = (width, max(count, floor if floor_width == width else 0))
        # A layout (of the whole screen) only when this grows past its tallest.
        self.refresh(layout=grew and count > self.size.height)

    # Layout and rendering --------------------------------------------------------
    def _lines_for(self, width: int) -> list[Content]:
        if self._lines[0] == width:
            return self._lines[1]
        lines: list[Content] = []
        for index, part in enumerate(self._sections()):
            if index % 3 == 0 or not part.plain:  # section titles, blank separators
                lines.append(part)
                continue
            name = ("why", "warnings", "sensitivity")[index // 3]
            cached = self._wrapped.get(name)
            if cached is None or cached[0] != width or cached[1] is not part:
                cached = (width, part, part.wrap(max(width, 1)))
                self._wrapped[name] = cached
            lines.extend(cached[2])
        self._lines = (width, lines)
        self._strips.clear()
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        floor_width, floor = self._floor
        return max(len(self._lines_for(width)), floor if floor_width == width else 0)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self._lines_for(width)
        strip = self._strips.get(y)
        if strip is None:
            style = self.visual_style
            if y < len(lines):
                strip = Visual.to_strips(self, lines[y], width, 1, style, pad=True)[0]
            else:
                strip = Strip.blank(width, style.rich_style)
            self._strips[y] = strip
        return strip

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if repaint:
            self._strips.clear()  # new text, a new theme, a new size
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def on_resize(self) -> None:
        if self._floor[0] not in (0, self.size.width):
            self._floor = (0, 0)
            self.refresh(layout=True)
