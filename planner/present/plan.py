"""Rich rendering of a plan for people (``planner plan --format table`` and
``planner scenarios show``).

User text (scenario name, notes) and text from strategy files (tactic and platform
names, activities, KPIs, reasons, warnings) is wrapped in ``Text`` objects and never
interpolated into markup, and control characters are made visible first: every
string here goes through :func:`safe`.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from planner import fmt
from planner.models.plan import Plan, TacticPlan
from planner.text import visible

COLOURS = {"broadcast": "magenta", "relationships": "cyan"}


def safe(text: str, style: str = "") -> Text:
    """User or strategy text as plain ``Text``: no markup; control and bidi characters
    shown as escapes (:func:`planner.text.visible`, shared by every CLI message)."""
    return Text(visible(text), style=style)


def split_bar(plan: Plan, width: int = 40) -> Text:
    b = round(plan.split.broadcast * width) if plan.hours.allocated else 0
    r = width - b if plan.hours.allocated else 0
    bar = Text()
    bar.append("█" * b, style=COLOURS["broadcast"])
    bar.append("█" * r, style=COLOURS["relationships"])
    bar.append("░" * (width - b - r), style="dim")
    return bar


def tactic_cell(t: TacticPlan) -> Text:
    """The tactic's name, then its platform when the name does not say it, and a paid mark."""
    extra = [t.platform_name] if fmt.with_platform(t.name, t.platform_name) != t.name else []
    if t.paid:
        extra.append("paid")
    return Text.assemble(safe(t.name, "bold"), *(("\n", safe(" · ".join(extra), "dim")) if extra else ()))


def plan_renderable(plan: Plan, base: str | None = None) -> Group:
    s = plan.split
    head = Text.assemble(("Plan: ", "bold"), safe(plan.scenario.name))
    head.append(f"  ·  {plan.hours.allocated:g} of {plan.hours.available:g} h a week", style="dim")
    if base is not None:
        head.append(f"  ·  from the {base}", style="dim")
    split = Text.assemble(
        split_bar(plan),
        "  ",
        (f"broadcast {s.broadcast:.0%} ({s.broadcast_hours:g} h)", COLOURS["broadcast"]),
        "  ",
        (f"relationships {s.relationships:.0%} ({s.relationships_hours:g} h)", COLOURS["relationships"]),
    )
    table = Table(expand=True, show_lines=False)
    table.add_column("Tactic", ratio=3)
    table.add_column("Strategy", min_width=13)
    table.add_column("Hours", justify="right")
    table.add_column("This week", ratio=3)
    table.add_column("KPIs", ratio=3)
    for t in plan.tactics:
        table.add_row(
            tactic_cell(t),
            Text(t.strategy, style=COLOURS[t.strategy]),
            Text(f"{t.hours:g}"),
            safe(t.output),
            Text("\n").join(safe(k.name) for k in t.kpis),
        )
    parts: list[RenderableType] = [head, split, table]
    why = Table.grid(padding=(0, 1))
    why.add_column(style="bold")
    why.add_column()
    for t in plan.tactics:
        reason = safe(" ".join(t.why.reasons))
        if t.why.runner_up is not None:
            reason.append("\nChosen over ", style="dim bold")
            reason.append(safe(t.why.runner_up.name).plain, style="dim bold")
            reason.append(". " + safe(t.why.runner_up.reason).plain, style="dim")
        if t.why.would_change:
            reason.append("\nWhat would change it: ", style="dim bold")
            reason.append(safe(t.why.would_change).plain, style="dim")
        if t.why.sources:
            reason.append("\nSources:", style="dim bold")
            for c in t.why.sources:
                reason.append("\n· ", style="dim")
                reason.append(safe(c.text).plain, style="dim")
        why.add_row(safe(t.name), reason)
    parts.append(Panel(why, title="Why", title_align="left"))
    if plan.warnings:
        w = Text()
        for i, warning in enumerate(plan.warnings):
            if i:
                w.append("\n")
            w.append("⚠ ", style="bold yellow")  # the code is for scripts: it stays in the JSON
            w.append(visible(warning.message))
            if warning.source is not None:
                w.append(f"\n  Source: {visible(warning.source.text)}", style="dim")
        parts.append(Panel(w, title="Warnings", title_align="left", border_style="yellow"))
    if plan.sensitivity is not None:  # a first-paint plan: nothing to say yet
        verdict_style = "green" if plan.sensitivity.verdict == "stable" else "red"
        parts.append(Text.assemble(("Sensitivity: ", "bold"), safe(plan.sensitivity.summary, verdict_style)))
    if plan.scenario.notes:
        parts.append(Text.assemble(("Notes: ", "bold"), safe(plan.scenario.notes)))
    return Group(*parts)


def print_plan(plan: Plan, console: Console | None = None, base: str | None = None) -> None:
    """``base`` says what the flags were applied to (a preset, a file, the neutral base)."""
    (console or Console()).print(plan_renderable(plan, base))
