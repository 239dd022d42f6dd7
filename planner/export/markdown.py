"""One plan → one self-contained Markdown document.

Sections, in the order a reader needs them: title and a one-paragraph summary, the
split, the tactics (hours, this week's activities, KPIs), why each tactic got its
hours (in words), warnings, sensitivity, the inputs with the model and knowledge-base
versions (so the document alone says how to reproduce it), then two appendices: the
numbers behind the reasons, and the sources.

Citations in the text are short ("Marc Gordon 2022, 'Definitions' [3]"); the number
points into the numbered Sources list at the end, which gives each source's title,
publisher, year and address. Sources are numbered in the order the document first
cites them.

Every number is read from the :class:`Plan`; nothing is recomputed here.
"""

from __future__ import annotations

import datetime

from planner import fmt
from planner.compare.inputs import Names
from planner.compare.inputs import rows as input_rows
from planner.export.blocks import LEFT, RIGHT, bullets, document, heading, table
from planner.export.escape import cell, inline, with_links
from planner.models.plan import Citation, CitedSource, Plan, PlanWarning, Sensitivity, TacticPlan

STRATEGY = {"broadcast": "Broadcast", "relationships": "Relationships"}


class Sources:
    """Numbers the plan's sources in the order the document cites them."""

    def __init__(self, plan: Plan) -> None:
        self.known = {s.id: s for s in plan.sources}
        self.order: dict[str, int] = {}

    def cite(self, c: Citation) -> str:
        """The short citation, escaped, with the numbers of its sources."""
        numbers = [self.order.setdefault(i, len(self.order) + 1) for i in c.sources if i in self.known]
        text = f"{c.short} [{', '.join(map(str, numbers))}]" if numbers else c.short
        return with_links(text)

    def cited(self) -> list[CitedSource]:
        return [self.known[i] for i in self.order]


def plan_to_markdown(plan: Plan, *, today: datetime.date, names: Names | None = None) -> str:
    """The plan as Markdown. Deterministic: the same plan and date give the same bytes.
    ``names``: how goal, platform and tactic ids read (default: the names the plan
    carries; views pass the knowledge base's, so goals read as labels too)."""
    names = names or Names.of_plans([plan])
    sources = Sources(plan)
    # Built in reading order: the Sources list numbers what came before it.
    sections = [
        heading(1, f"{inline(plan.scenario.name)}: weekly marketing plan"),
        summary(plan, today),
        split_section(plan),
        tactics_section(plan),
        why_section(plan, sources),
        warnings_section(plan.warnings, sources),
        sensitivity_section(plan, names),
        inputs_section(plan, names),
        details_section(plan, sources),
    ]
    sections.append(sources_section(sources))
    return document(sections)


def summary(plan: Plan, today: datetime.date) -> str:
    s, h = plan.split, plan.hours
    n = len(plan.tactics)
    parts = [f"For {fmt.hours(h.available)} hours a week"]
    if n:
        top = plan.tactics[0]
        parts.append(
            f", this plan puts {fmt.percent(s.broadcast)} of the time ({fmt.hours(s.broadcast_hours)} h) into "
            f"broadcast and {fmt.percent(s.relationships)} ({fmt.hours(s.relationships_hours)} h) into "
            f"relationships, across {n} tactic{'s' if n != 1 else ''}; the largest is "
            f"{inline(top.name, mid_line=True)} ({fmt.hours(top.hours)} h)."
        )
    else:
        parts.append(", this plan gives no tactic any hours.")
    if h.unallocated > 0:
        parts.append(f" {fmt.hours(h.unallocated)} h are left unallocated.")
    w = len(plan.warnings)
    parts.append(f" There {'is' if w == 1 else 'are'} {w or 'no'} warning{'' if w == 1 else 's'}.")
    parts.append(f" {with_links(_sensitivity(plan).summary)}")
    parts.append(
        f" Made on {today.isoformat()} with model {inline(plan.model_version, mid_line=True)} and knowledge base "
        f"{inline(plan.knowledge_version, mid_line=True)}."
    )
    return "".join(parts)


def split_section(plan: Plan) -> str:
    s, h = plan.split, plan.hours
    rows = [
        ["Broadcast", fmt.percent(s.broadcast), fmt.hours(s.broadcast_hours)],
        ["Relationships", fmt.percent(s.relationships), fmt.hours(s.relationships_hours)],
        ["Allocated", "", fmt.hours(h.allocated)],
    ]
    out = [heading(2, "Split"), table(["Strategy", "Share", "Hours per week"], rows, [LEFT, RIGHT, RIGHT])]
    if h.unallocated > 0:
        out.append(f"{fmt.hours(h.unallocated)} of {fmt.hours(h.available)} h are left unallocated.")
    return "\n\n".join(out)


def tactics_section(plan: Plan) -> str:
    out = [heading(2, "Tactics")]
    if not plan.tactics:
        out.append("No tactic gets hours in this plan.")
        return "\n\n".join(out)
    rows = [
        [
            cell(t.name),
            cell(t.platform_name),
            STRATEGY[t.strategy],
            fmt.hours(t.hours),
            "; ".join(inline(a.text) for a in t.activities) or inline(t.output),
            "; ".join(f"{inline(k.name)}: {inline(k.how)}" for k in t.kpis),
        ]
        for t in plan.tactics
    ]
    out.append(
        table(
            ["Tactic", "Platform", "Strategy", "Hours per week", "This week", "KPIs"],
            rows,
            [LEFT, LEFT, LEFT, RIGHT, LEFT, LEFT],
        )
    )
    return "\n\n".join(out)


def why_section(plan: Plan, sources: Sources) -> str:
    """Why each tactic, in words: its reasons, what it won over, and what would change
    it. The numbers behind them are in the details appendix."""
    out = [heading(2, "Why")]
    for t in plan.tactics:
        out.extend(_why_tactic(t, sources))
    return "\n\n".join(out)


def _why_tactic(t: TacticPlan, sources: Sources) -> list[str]:
    w = t.why
    out = [heading(3, inline(fmt.with_platform(t.name, t.platform_name))), with_links(" ".join(w.reasons))]
    more = []
    if w.runner_up is not None:
        more.append(f"Chosen over {inline(w.runner_up.name, mid_line=True)}. {with_links(w.runner_up.reason)}")
    if w.would_change:
        more.append(f"What would change it: {with_links(w.would_change)}")
    if more:
        out.append(bullets(more))
    if w.sources:
        out.append("Sources: " + "; ".join(sources.cite(c) for c in w.sources) + ".")
    return out


def details_section(plan: Plan, sources: Sources) -> str:
    """Appendix: the numbers behind the reasons (criterion weights and each tactic's
    score, strategy weight, fit and criterion contributions)."""
    out = [heading(2, "Appendix: the numbers behind the plan")]
    if plan.weights:
        out.append(heading(3, "How the criteria were weighted"))
        out.append(
            table(
                ["Criterion", "Weight", "Why"],
                [
                    [
                        cell(w.label),
                        f"{w.weight:.2f}",
                        "; ".join(f"{with_links(r.text)} ({sources.cite(r.source)})" for r in w.reasons),
                    ]
                    for w in plan.weights
                ],
                [LEFT, RIGHT, LEFT],
            )
        )
    for t in plan.tactics:
        d = t.why.details
        out.append(heading(3, inline(fmt.with_platform(t.name, t.platform_name))))
        out.append(with_links(d.summary))
        if d.contributions:
            out.append(
                table(
                    ["Criterion", "Weight", "Score", "Contribution"],
                    [[cell(c.label), f"{c.weight:.2f}", f"{c.score:.2f}", f"{c.contribution:.3f}"] for c in d.contributions],
                    [LEFT, RIGHT, RIGHT, RIGHT],
                )
            )
    return "\n\n".join(out)


def warnings_section(warnings: list[PlanWarning], sources: Sources) -> str:
    out = [heading(2, "Warnings")]
    out.append(bullets([warning_line(w, sources) for w in warnings]) if warnings else "No warnings.")
    return "\n\n".join(out)


def _sensitivity(plan: Plan) -> Sensitivity:
    """The plan's sensitivity, which an export always shows: only the app's first paint
    builds a plan without it, and that plan is never exported."""
    if plan.sensitivity is None:
        raise ValueError("a plan built with sensitivity=False cannot be exported; build it in full")
    return plan.sensitivity


def warning_line(w: PlanWarning, sources: Sources) -> str:
    text = with_links(w.message)
    if w.source:
        text += f" (source: {sources.cite(w.source)})"
    return text


def sensitivity_section(plan: Plan, names: Names | None = None) -> str:
    names = names or Names.of_plans([plan])
    sens = _sensitivity(plan)
    out = [heading(2, "Sensitivity"), with_links(sens.summary)]
    lines = []
    if sens.core:
        lines.append("Holds under every change tested: " + ", ".join(inline(names.channel(t)) for t in sens.core) + ".")
    for sw in sens.swing:
        lines.append(f"Comes or goes: {inline(names.channel(sw.id))} (with {', '.join(cell(m) for m in sw.moved_by)}).")
    if lines:
        out.append(bullets(lines))
    if sens.cases:
        out.append(
            table(
                ["Change", "Broadcast share", "Change in share", "Tactics added", "Tactics removed"],
                [
                    [
                        cell(c.label),
                        fmt.percent(c.broadcast_share),
                        fmt.points(c.delta),
                        ", ".join(inline(names.channel(a)) for a in c.added) or "none",
                        ", ".join(inline(names.channel(r)) for r in c.removed) or "none",
                    ]
                    for c in sens.cases
                ],
                [LEFT, RIGHT, RIGHT, LEFT, LEFT],
            )
        )
    return "\n\n".join(out)


def inputs_section(plan: Plan, names: Names | None = None) -> str:
    # Notes go in the table too: a cell carries newlines exactly (as &#10;).
    rows = [["Name", cell(plan.scenario.name)]]
    rows += [[label, cell(value) or "none"] for _field, label, value in input_rows(plan.scenario, names)]
    out = [heading(2, "Inputs"), table(["Input", "Value"], rows)]
    out.append(
        f"Model version {inline(plan.model_version, mid_line=True)}; knowledge base version "
        f"{inline(plan.knowledge_version, mid_line=True)}."
    )
    return "\n\n".join(out)


def sources_section(sources: Sources) -> str:
    """The numbered list the short citations point into, with the addresses."""
    cited = sources.cited()
    out = [heading(2, "Sources")]
    if cited:
        out.append("\n".join(f"{n}. {with_links(s.reference)}" for n, s in enumerate(cited, 1)))
    else:
        out.append("This plan cites no sources.")
    return "\n\n".join(out)
