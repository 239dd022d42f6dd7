"""A comparison of 2–4 plans → one self-contained Markdown document.

Same conventions as the plan export (escaped user text, deterministic, injected
date); every figure is read from the :class:`Comparison`.
"""

from __future__ import annotations

import datetime

from planner import fmt
from planner.export.blocks import LEFT, RIGHT, document, heading, table
from planner.export.escape import cell, inline, with_links
from planner.export.markdown import STRATEGY
from planner.models.comparison import Comparison


def comparison_to_markdown(comparison: Comparison, *, today: datetime.date) -> str:
    c = comparison
    return document(
        [
            heading(1, f"Scenario comparison: {len(c.names)} scenarios"),
            _intro(c, today),
            _summary(c),
            _inputs(c),
            _split(c),
            _tactics(c),
            *filter(None, [_causes(c)]),
            _warnings(c),
            _sensitivity(c),
        ]
    )


def _intro(c: Comparison, today: datetime.date) -> str:
    # Names stay in tables: a name may hold a newline, which a table cell can carry
    # as &#10; but running text cannot without turning into a line break.
    versions = sorted({(s.model_version, s.knowledge_version) for s in c.scenarios})
    made = "; ".join(f"model {inline(m)}, knowledge base {inline(k)}" for m, k in versions)
    differing = [d.label for d in c.inputs if d.differs]
    changed = (
        f"They differ in: {', '.join(inline(x) for x in differing)}."
        if differing
        else "Their inputs are identical."
    )
    return (
        f"Compares {len(c.names)} scenarios. The first row of the summary is the baseline; every change "
        f"is measured against it. {changed} Made on {today.isoformat()} with {made}."
    )


def _summary(c: Comparison) -> str:
    rows = [
        [
            cell(s.name),
            s.role,
            ", ".join(inline(x) for x in s.changed_inputs) if s.role != "baseline" else "(baseline)",
            fmt.percent(s.broadcast),
            fmt.percent(s.relationships),
            fmt.hours(s.allocated_hours),
            s.verdict,
            str(len(s.warnings)),
        ]
        for s in c.scenarios
    ]
    for row, s in zip(rows, c.scenarios, strict=True):
        if s.role != "baseline" and not s.changed_inputs:
            row[2] = "nothing"
    return "\n\n".join(
        [
            heading(2, "Summary"),
            table(
                ["Scenario", "Role", "Changed against the baseline", "Broadcast", "Relationships", "Hours allocated", "Sensitivity", "Warnings"],
                rows,
                [LEFT, LEFT, LEFT, RIGHT, RIGHT, RIGHT, LEFT, RIGHT],
            ),
        ]
    )


def _inputs(c: Comparison) -> str:
    rows = []
    for d in c.inputs:
        values = [
            _strong(cell(v)) if (i > 0 and d.differs and v != d.values[0]) else (cell(v) or "none")
            for i, v in enumerate(d.values)
        ]
        rows.append([_strong(inline(d.label)) if d.differs else inline(d.label), *values, "yes" if d.differs else "no"])
    return "\n\n".join(
        [
            heading(2, "Inputs"),
            "Inputs that differ from the baseline are in bold.",
            table(["Input", *(cell(n) for n in c.names), "Differs"], rows, [LEFT] * (len(c.names) + 2)),
        ]
    )


def _strong(text: str) -> str:
    return f"**{text}**" if text else "none"


def _split(c: Comparison) -> str:
    rows = [
        [
            cell(s.name),
            fmt.percent(s.broadcast),
            fmt.hours(s.broadcast_hours),
            fmt.percent(s.relationships),
            fmt.hours(s.relationships_hours),
            f"{fmt.hours(s.allocated_hours)} of {fmt.hours(s.available_hours)}",
        ]
        for s in c.splits
    ]
    return "\n\n".join(
        [
            heading(2, "Split"),
            table(
                ["Scenario", "Broadcast", "Broadcast hours", "Relationships", "Relationships hours", "Hours allocated"],
                rows,
                [LEFT, RIGHT, RIGHT, RIGHT, RIGHT, RIGHT],
            ),
        ]
    )


def _tactics(c: Comparison) -> str:
    out = [heading(2, "Hours per tactic")]
    if not c.tactics:
        out.append("No plan gives any tactic hours.")
        return "\n\n".join(out)
    out.append("Hours per week; in brackets, the change against the baseline. 0 means the plan does not use the tactic.")
    rows = []
    for t in c.tactics:
        cells = [fmt.hours(t.hours[0])]
        cells += [f"{fmt.hours(h)} ({fmt.signed_hours(d)})" for h, d in zip(t.hours[1:], t.delta[1:], strict=True)]
        rows.append([cell(t.name), cell(t.platform_name), STRATEGY[t.strategy], *cells])
    out.append(
        table(
            ["Tactic", "Platform", "Strategy", *(cell(n) for n in c.names)],
            rows,
            [LEFT, LEFT, LEFT, *([RIGHT] * len(c.names))],
        )
    )
    return "\n\n".join(out)


def _warnings(c: Comparison) -> str:
    rows = []
    for s in c.scenarios:
        if not s.warnings:
            rows.append([cell(s.name), "none", ""])
        for w in s.warnings:
            rows.append([cell(s.name), with_links(w.message), with_links(w.source.text) if w.source else ""])
    return "\n\n".join([heading(2, "Warnings"), table(["Scenario", "Warning", "Source"], rows)])


def _sensitivity(c: Comparison) -> str:
    rows = [[cell(s.name), s.verdict, with_links(s.sensitivity_summary)] for s in c.scenarios]
    return "\n\n".join([heading(2, "Sensitivity"), table(["Scenario", "Verdict", "Summary"], rows)])


def _causes(c: Comparison) -> str:
    """What each changed input does alone (empty when the comparison has no causes)."""
    rows = [[cell(s.name), with_links(e)] for s in c.scenarios for e in s.explained]
    if not rows:
        return ""
    return "\n\n".join([heading(2, "What each change does alone"), table(["Scenario", "Effect"], rows)])
