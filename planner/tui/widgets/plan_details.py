"""Why, warnings and sensitivity: the parts of the plan view below the table.

Each is a Static fed a piece of the Plan. Text from the plan or the knowledge base
goes through :func:`~planner.tui.text.literal`; only our own fixed labels are styled.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from planner.models import Plan
from planner.models.plan import TacticPlan
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
}
"""What ``why.binding`` means, for people. Unknown codes are shown as they are."""

BAR_WIDTH = 12


def _bar(value: float, scale: float, style: str) -> Content:
    eighths = round(value / scale * BAR_WIDTH * 8) if scale > 0 else 0
    full, part = divmod(max(0, min(eighths, BAR_WIDTH * 8)), 8)
    text = "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")
    return Content.styled(text.ljust(BAR_WIDTH), style)


class ChangeOnly(Static):
    """A Static that skips the update (and the layout it costs) when the data it
    was last shown is equal to the new data: most keystrokes change little."""

    _shown: object = object()

    def changed(self, data: object) -> bool:
        if data == self._shown:
            return False
        self._shown = data
        return True

    def put(self, content: Content) -> None:
        refit(self, content)


def refit(static: Static, content: Content) -> None:
    """Update ``static``, asking for a layout (which reflows the whole screen, the
    dearest part of a keystroke) only when its height would change."""
    width = static.size.width
    same_height = width > 0 and content.get_height(static.styles, width) == static.size.height
    static.update(content, layout=not same_height)


class WhyPanel(ChangeOnly):
    """Why the selected tactic got its hours: the criteria that scored it, what
    stops it getting more, what to do each week, how to measure it, and sources."""

    def show(self, tactic: TacticPlan | None) -> None:
        if not self.changed(tactic):
            return
        if tactic is None:
            self.put(Content.styled("Select a tactic in the table to see why.", MUTED))
            return
        why = tactic.why
        style = STRATEGY_TEXT[tactic.strategy]
        lines: list[Content] = [
            Content.assemble(
                literal(tactic.name, "bold", one_line=True),
                " · ",
                (f"{tactic.hours:.1f} h", "bold"),
                " · ",
                (STRATEGY_LABEL[tactic.strategy].lower(), style),
            ),
            literal(why.summary),
            Content.styled(
                f"score {why.score:.2f} · strategy weight {why.strategy_weight:.2f} · "
                f"limited by: {BINDING.get(why.binding, why.binding)}",
                MUTED,
            ),
        ]
        top = why.contributions[:5]
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
            lines.extend(Content.assemble("  ", literal(s, MUTED, one_line=True)) for s in why.sources)
        self.put(Content("\n").join(lines))


class WarningsPanel(ChangeOnly):
    def show(self, plan: Plan) -> None:
        if not self.changed(plan.warnings):
            return
        if not plan.warnings:
            self.put(Content.styled("No warnings.", MUTED))
            return
        lines = []
        for w in plan.warnings:
            line = Content.assemble(("⚠ ", WARNING), literal(w.message))
            if w.source:
                line = Content.assemble(line, "\n  ", literal(w.source, MUTED, one_line=True))
            lines.append(line)
        self.put(Content("\n").join(lines))


class SensitivityPanel(ChangeOnly):
    """Stable or fragile, in colour, then each what-if as a signed bar of how far the
    broadcast share would move."""

    def show(self, plan: Plan) -> None:
        if not self.changed(plan.sensitivity):
            return
        s = plan.sensitivity
        lines = [
            Content.assemble((f" {s.verdict.upper()} ", f"reverse {VERDICT.get(s.verdict, 'bold')}"), " ", literal(s.summary)),
        ]
        scale = max((abs(c.delta) for c in s.cases), default=0.0) or 1.0
        width = max((len(c.label) for c in s.cases), default=0)
        for c in s.cases:
            arrow, style = ("▲", STRATEGY_TEXT["broadcast"]) if c.delta > 0 else (("▼", STRATEGY_TEXT["relationships"]) if c.delta < 0 else ("=", MUTED))
            changes = [f"+{a}" for a in c.added] + [f"−{r}" for r in c.removed]
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
        self.put(Content("\n").join(lines))
