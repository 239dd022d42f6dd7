"""A :class:`~planner.models.comparison.Comparison` as Rich tables, for the terminal
(``planner compare``) and the app's Compare screen alike.

One builder serves both views, so they cannot drift apart; only the :class:`Look`
differs (fixed colours for a terminal, the running theme's colours in the app, and
each view's way of showing control characters). Every figure comes from the
comparison and is written by :mod:`planner.fmt`, like the Markdown export. User text
only ever becomes :class:`rich.text.Text` built from a cleaned plain string: Rich never
parses it as markup. Differences from the baseline are marked with ``≠`` *and* a
colour, so they stand out without colour too.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Callable

from rich import box
from rich.box import Box
from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from planner import fmt
from planner.models.comparison import Comparison
from planner.text import one_line, visible


@dataclass(frozen=True)
class Look:
    diff: Style
    stable: Style
    fragile: Style
    broadcast: Style
    relationships: Style
    muted: Style
    title: Style
    clean: Callable[[str], str] = visible
    """How user text is made safe to show (control and bidi characters made visible)."""
    box: Box = field(default=box.HEAVY_HEAD)
    expand: bool = False
    pad_edge: bool = True

    @classmethod
    def terminal(cls) -> Look:
        return cls(
            diff=Style(color="yellow", bold=True),
            stable=Style(color="green", bold=True),
            fragile=Style(color="red", bold=True),
            broadcast=Style(color="magenta", bold=True),
            relationships=Style(color="cyan", bold=True),
            muted=Style(dim=True),
            title=Style(bold=True),
        )

    @classmethod
    def from_theme(cls, variables: dict[str, str], clean: Callable[[str], str]) -> Look:
        """Colours from a Textual theme's variables (plain strings: no textual import)."""

        def colour(name: str, *, bold: bool | None = None) -> Style:
            try:
                return Style(color=variables[name], bold=bold)
            except Exception:  # noqa: BLE001 - a theme value Rich cannot read: no colour
                return Style(bold=bold)

        return cls(
            diff=colour("text-warning", bold=True),
            stable=colour("text-success", bold=True),
            fragile=colour("text-warning", bold=True),
            broadcast=colour("text-primary", bold=True),
            relationships=colour("text-success", bold=True),
            muted=colour("text-muted") if "text-muted" in variables else Style(dim=True),
            title=colour("text-accent", bold=True),
            clean=clean,
            box=box.SIMPLE_HEAD,
            expand=True,
            pad_edge=False,
        )

    def line(self, text: str) -> str:
        """User text cleaned and on one line: for names in headers and cells."""
        return self.clean(one_line(text))


def _table(title: str, look: Look) -> Table:
    return Table(
        title=title, title_justify="left", title_style=look.title, box=look.box, expand=look.expand, pad_edge=look.pad_edge
    )


def summary_table(c: Comparison, look: Look) -> Table:
    # No "Role" column: the changed column already says which row is the baseline, and
    # at 80 columns every cell it saves goes to the list of changes.
    t = _table("Summary: the first scenario is the baseline", look)
    t.add_column("Scenario", ratio=2, overflow="fold", min_width=10)
    t.add_column("Changed against the baseline", ratio=4, min_width=24)
    t.add_column("Bcast / relat", justify="right")
    t.add_column("Hours", justify="right")
    t.add_column("Sensitivity")
    for s in c.scenarios:
        if s.role == "baseline":
            changed = Text("(baseline)", look.muted)
        else:
            changed = Text(", ".join(s.changed_inputs) or "nothing", look.diff if s.changed_inputs else "")
        t.add_row(
            Text(look.line(s.name)),
            changed,
            Text.assemble((fmt.percent(s.broadcast), look.broadcast), " / ", (fmt.percent(s.relationships), look.relationships)),
            fmt.hours(s.allocated_hours),
            Text(s.verdict, look.stable if s.verdict == "stable" else look.fragile),
        )
    return t


def inputs_table(c: Comparison, look: Look) -> Table:
    t = _table("Inputs  (≠ differs from the baseline)", look)
    t.add_column("Input", overflow="fold")
    for n in c.names:
        t.add_column(Text(look.line(n)), overflow="fold", ratio=1)
    for d in c.inputs:
        cells: list[RenderableType] = []
        for i, v in enumerate(d.values):
            differs = i > 0 and v != d.values[0]
            cells.append(Text(("≠ " if differs else "") + (look.clean(v) or "—"), look.diff if differs else ""))
        t.add_row(Text(("≠ " if d.differs else "") + d.label, look.diff if d.differs else ""), *cells)
    return t


def split_table(c: Comparison, look: Look) -> Table:
    t = _table("Split: share of the hours allocated", look)
    t.add_column("Scenario", ratio=2, overflow="fold")
    t.add_column("Broadcast", justify="right")
    t.add_column("Relationships", justify="right")
    t.add_column("Hours allocated", justify="right")
    for s in c.splits:
        t.add_row(
            Text(look.line(s.name)),
            Text.assemble((fmt.percent(s.broadcast), look.broadcast), f" ({fmt.hours(s.broadcast_hours)} h)"),
            Text.assemble((fmt.percent(s.relationships), look.relationships), f" ({fmt.hours(s.relationships_hours)} h)"),
            f"{fmt.hours(s.allocated_hours)} of {fmt.hours(s.available_hours)}",
        )
    return t


def tactics_table(c: Comparison, look: Look) -> Table:
    t = _table("Hours per tactic  (change against the baseline; 0 = not used)", look)
    t.add_column("Tactic", ratio=3, overflow="fold")
    t.add_column("Kind")
    for n in c.names:
        t.add_column(Text(look.line(n)), justify="right", ratio=1, overflow="fold")
    for row in c.tactics:
        cells: list[RenderableType] = [Text(fmt.hours(row.hours[0]), "" if row.present[0] else look.muted)]
        for h, d in zip(row.hours[1:], row.delta[1:], strict=True):
            delta = fmt.signed_hours(d)
            cells.append(Text(f"{fmt.hours(h)} ({delta})", "" if delta == "0" else look.diff))
        kind = Text("bcast", look.broadcast) if row.strategy == "broadcast" else Text("relat", look.relationships)
        name = Text(look.line(row.name))
        if fmt.with_platform(row.name, row.platform_name) != row.name:  # no "Email newsletter (Email newsletter)"
            name.append(f" ({look.line(row.platform_name)})", look.muted)
        t.add_row(name, kind, *cells)
    return t


def notes_table(c: Comparison, look: Look) -> Table:
    t = _table("Warnings and sensitivity", look)
    t.add_column("Scenario", ratio=1, overflow="fold")
    t.add_column("Sensitivity", ratio=2)
    t.add_column("Warnings", ratio=3)
    for s in c.scenarios:
        warnings = "\n".join(f"• {look.clean(w.message)}" for w in s.warnings) or "none"
        t.add_row(
            Text(look.line(s.name)),
            Text(look.clean(s.sensitivity_summary), style=look.stable if s.verdict == "stable" else look.fragile),
            Text(warnings),
        )
    return t


def causes_table(c: Comparison, look: Look) -> Table:
    """What each changed input does to the plan on its own."""
    t = _table("What each change does alone", look)
    t.add_column("Scenario", ratio=1, overflow="fold")
    t.add_column("Effect", ratio=4)
    for s in c.scenarios:
        if s.explained:
            t.add_row(Text(look.line(s.name)), Text("\n".join(look.clean(e) for e in s.explained)))
    return t


SECTIONS = {
    "summary": summary_table,
    "inputs": inputs_table,
    "split": split_table,
    "tactics": tactics_table,
    "causes": causes_table,
    "notes": notes_table,
}


def comparison_renderable(c: Comparison, look: Look | None = None) -> Group:
    look = look or Look.terminal()
    return Group(*(make(c, look) for make in SECTIONS.values()))


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
