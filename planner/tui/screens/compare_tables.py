"""A :class:`~planner.models.comparison.Comparison` as Rich tables for the Compare screen.

Every figure comes from the comparison (and is written by :mod:`planner.fmt`,
like the CLI and the Markdown export), so the three views cannot disagree. User text
(names, notes, warnings) only ever becomes :class:`rich.text.Text` built from a plain
string with control characters made visible: Rich never parses it as markup.
Differences from the baseline are marked with ``≠`` *and* a colour, so they stand out
without colour too. Colours come from the running theme.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich import box
from rich.console import RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from planner import fmt
from planner.models.comparison import Comparison
from planner.tui.text import clean, clean_line


@dataclass(frozen=True)
class Palette:
    diff: Style
    stable: Style
    fragile: Style
    broadcast: Style
    relationships: Style
    muted: Style
    title: Style

    @classmethod
    def from_theme(cls, variables: dict[str, str]) -> Palette:
        def colour(name: str, **extra: bool) -> Style:
            try:
                return Style(color=variables[name], **extra)
            except Exception:  # noqa: BLE001 - a theme value Rich cannot read: no colour
                return Style(**extra)

        return cls(
            diff=colour("text-warning", bold=True),
            stable=colour("text-success", bold=True),
            fragile=colour("text-warning", bold=True),
            broadcast=colour("text-primary", bold=True),
            relationships=colour("text-success", bold=True),
            muted=colour("text-muted") if "text-muted" in variables else Style(dim=True),
            title=colour("text-accent", bold=True),
        )


def _name(text: str) -> Text:
    return Text(clean_line(text))


def _table(title: str, p: Palette) -> Table:
    return Table(title=title, title_justify="left", title_style=p.title, box=box.SIMPLE_HEAD, expand=True, pad_edge=False)


def summary_table(c: Comparison, p: Palette) -> Table:
    t = _table("Summary: the first scenario is the baseline", p)
    t.add_column("Scenario", ratio=2, overflow="fold")
    t.add_column("Role")
    t.add_column("Changed against the baseline", ratio=3)
    t.add_column("Bcast / relat", justify="right")
    t.add_column("Hours", justify="right")
    t.add_column("Sensitivity")
    for s in c.scenarios:
        changed = Text("(baseline)", p.muted) if s.role == "baseline" else Text(", ".join(s.changed_inputs) or "nothing", p.diff if s.changed_inputs else "")
        t.add_row(
            _name(s.name),
            s.role,
            changed,
            Text.assemble((fmt.percent(s.broadcast), p.broadcast), " / ", (fmt.percent(s.relationships), p.relationships)),
            fmt.hours(s.allocated_hours),
            Text(s.verdict, p.stable if s.verdict == "stable" else p.fragile),
        )
    return t


def inputs_table(c: Comparison, p: Palette) -> Table:
    t = _table("Inputs  (≠ differs from the baseline)", p)
    t.add_column("Input", overflow="fold")
    for n in c.names:
        t.add_column(_name(n), overflow="fold", ratio=1)
    for d in c.inputs:
        cells: list[RenderableType] = []
        for i, v in enumerate(d.values):
            differs = i > 0 and v != d.values[0]
            cells.append(Text(("≠ " if differs else "") + (clean(v) or "—"), p.diff if differs else ""))
        t.add_row(Text(("≠ " if d.differs else "") + d.label, p.diff if d.differs else ""), *cells)
    return t


def split_table(c: Comparison, p: Palette) -> Table:
    t = _table("Split: share of the hours allocated", p)
    t.add_column("Scenario", ratio=2, overflow="fold")
    t.add_column("Broadcast", justify="right")
    t.add_column("Relationships", justify="right")
    t.add_column("Hours allocated", justify="right")
    for s in c.splits:
        t.add_row(
            _name(s.name),
            Text.assemble((fmt.percent(s.broadcast), p.broadcast), f" ({fmt.hours(s.broadcast_hours)} h)"),
            Text.assemble((fmt.percent(s.relationships), p.relationships), f" ({fmt.hours(s.relationships_hours)} h)"),
            f"{fmt.hours(s.allocated_hours)} of {fmt.hours(s.available_hours)}",
        )
    return t


def tactics_table(c: Comparison, p: Palette) -> Table:
    t = _table("Hours per tactic  (change against the baseline; 0 = not used)", p)
    t.add_column("Tactic", ratio=3, overflow="fold")
    t.add_column("Kind")
    for n in c.names:
        t.add_column(_name(n), justify="right", ratio=1, overflow="fold")
    for row in c.tactics:
        cells: list[RenderableType] = [Text(fmt.hours(row.hours[0]), "" if row.present[0] else p.muted)]
        for h, d in zip(row.hours[1:], row.delta[1:], strict=True):
            delta = fmt.signed_hours(d)
            cells.append(Text(f"{fmt.hours(h)} ({delta})", "" if delta == "0" else p.diff))
        kind = Text("bcast", p.broadcast) if row.strategy == "broadcast" else Text("relat", p.relationships)
        t.add_row(Text.assemble(clean_line(row.name), " ", (f"({clean_line(row.platform_name)})", p.muted)), kind, *cells)
    return t


def notes_table(c: Comparison, p: Palette) -> Table:
    t = _table("Warnings and sensitivity", p)
    t.add_column("Scenario", ratio=1, overflow="fold")
    t.add_column("Sensitivity", ratio=2)
    t.add_column("Warnings", ratio=3)
    for s in c.scenarios:
        warnings = "\n".join(f"• {clean(w.message)}" for w in s.warnings) or "none"
        t.add_row(
            _name(s.name),
            Text.assemble((s.verdict, p.stable if s.verdict == "stable" else p.fragile), ": ", clean(s.sensitivity_summary)),
            Text(warnings),
        )
    return t


SECTIONS = {
    "summary": summary_table,
    "inputs": inputs_table,
    "split": split_table,
    "tactics": tactics_table,
    "notes": notes_table,
}
