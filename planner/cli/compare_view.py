"""Rich tables for a :class:`~planner.models.comparison.Comparison` (``--format table``).

Every figure comes from the comparison; names are ``Text`` objects (never markup) with
control characters made visible. Differences from the baseline are shown in bold
yellow *and* marked with ``≠``, so they stand out without colour too.
"""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from planner import fmt
from planner.models.comparison import Comparison
from planner.store.names import visible

DIFF = "bold yellow"


def _name(text: str) -> Text:
    return Text(visible(text))


def comparison_renderable(c: Comparison) -> Group:
    summary = Table(title="Summary", title_justify="left")
    summary.add_column("Scenario", ratio=2)
    summary.add_column("Role")
    summary.add_column("Changed against the baseline", ratio=3)
    summary.add_column("Broadcast / relationships", justify="right")
    summary.add_column("Hours", justify="right")
    summary.add_column("Sensitivity")
    for s in c.scenarios:
        changed = "(baseline)" if s.role == "baseline" else (", ".join(s.changed_inputs) or "nothing")
        summary.add_row(
            _name(s.name), s.role, Text(changed), f"{fmt.percent(s.broadcast)} / {fmt.percent(s.relationships)}",
            fmt.hours(s.allocated_hours), Text(s.verdict, style="green" if s.verdict == "stable" else "red"),
        )

    inputs = Table(title="Inputs (≠ differs from the baseline)", title_justify="left")
    inputs.add_column("Input")
    for n in c.names:
        inputs.add_column(_name(n), overflow="fold")
    for d in c.inputs:
        cells = []
        for i, v in enumerate(d.values):
            differs = i > 0 and v != d.values[0]
            cells.append(Text(("≠ " if differs else "") + (visible(v) or "—"), style=DIFF if differs else ""))
        inputs.add_row(Text(d.label, style=DIFF if d.differs else ""), *cells)

    split = Table(title="Split", title_justify="left")
    for col in ("Scenario", "Broadcast", "Relationships", "Hours allocated"):
        split.add_column(col, justify="left" if col == "Scenario" else "right")
    for s in c.splits:
        split.add_row(
            _name(s.name),
            f"{fmt.percent(s.broadcast)} ({fmt.hours(s.broadcast_hours)} h)",
            f"{fmt.percent(s.relationships)} ({fmt.hours(s.relationships_hours)} h)",
            f"{fmt.hours(s.allocated_hours)} of {fmt.hours(s.available_hours)}",
        )

    tactics = Table(title="Hours per tactic (change against the baseline)", title_justify="left")
    tactics.add_column("Tactic")
    tactics.add_column("Strategy")
    for n in c.names:
        tactics.add_column(_name(n), justify="right")
    for t in c.tactics:
        cells = [Text(fmt.hours(t.hours[0]))]
        for h, d in zip(t.hours[1:], t.delta[1:], strict=True):
            delta = fmt.signed_hours(d)
            cells.append(Text(f"{fmt.hours(h)} ({delta})", style="" if delta == "0" else DIFF))
        tactics.add_row(Text.assemble(t.name, " ", (f"({t.platform_name})", "dim")), t.strategy, *cells)

    notes = Table(title="Warnings and sensitivity", title_justify="left")
    notes.add_column("Scenario")
    notes.add_column("Sensitivity")
    notes.add_column("Warnings")
    for s in c.scenarios:
        warnings = "\n".join(f"• {w.message}" for w in s.warnings) or "none"
        notes.add_row(
            _name(s.name),
            Text(s.sensitivity_summary, style="green" if s.verdict == "stable" else "red"),
            Text(warnings),
        )
    return Group(summary, inputs, split, tactics, notes)


def render_comparison(c: Comparison, *, plain: bool = False, console: Console | None = None) -> str:
    """Print to the terminal, or with ``plain`` return uncoloured text for a file."""
    if plain:
        buffer = io.StringIO()
        Console(file=buffer, width=160, no_color=True, color_system=None, legacy_windows=False).print(
            comparison_renderable(c)
        )
        return buffer.getvalue()
    (console or Console()).print(comparison_renderable(c))
    return ""
