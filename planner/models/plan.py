"""The plan: what the decision engine produces and every view renders.

Views (table, JSON, Markdown, TUI, compare) only read these fields; none of them
recomputes a model number. That is what keeps an export and the screen in agreement.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from planner.models.base import StrictModel
from planner.models.scenario import Scenario

Strategy = Literal["broadcast", "relationships"]


class Split(StrictModel):
    """Shares of the allocated hours; they sum to 1 (both 0 when nothing is allocated)."""

    broadcast: float = Field(ge=0, le=1)
    relationships: float = Field(ge=0, le=1)
    broadcast_hours: float = Field(ge=0)
    relationships_hours: float = Field(ge=0)


class Hours(StrictModel):
    available: float = Field(ge=0)
    allocated: float = Field(ge=0)
    unallocated: float = Field(ge=0)


class Citation(StrictModel):
    """The source of a number or a rule, as the knowledge base cites it and as people read
    it (see :mod:`planner.knowledge.citations`)."""

    ref: str
    """As written in the knowledge base: ``"<source id>#<section>"``, ``"<source id>"`` or
    ``"assumption: <reason>"``."""
    text: str
    """For people: the source's title, author or publisher and year, and the section, e.g.
    "Difference Between Networking and Socializing (Marc Gordon, 2022), 'Definitions'";
    or the assumption and what informed it."""
    short: str
    """The same for running text, with the author and year instead of the title, e.g.
    "Marc Gordon 2022, 'Definitions'" (the Markdown export adds a number into its
    Sources list)."""
    sources: list[str]
    """The ids of the sources it rests on, each in :attr:`Plan.sources`; none for a bare
    assumption."""


class CitedSource(StrictModel):
    """An entry of the knowledge base's sources registry that the plan cites."""

    id: str
    kind: Literal["guidance-article", "survey-or-benchmark", "platform-statement", "practitioner-anecdote"]
    title: str
    author: str | None
    publisher: str | None
    """For a figure read on another page, the original publisher (the page is ``via``)."""
    year: int | str | None
    url: str | None
    via: str | None
    """The page the figure was read on, when that is not the original."""
    label: str
    """"Title (Author or publisher, Year)"."""
    reference: str
    """The whole entry as one line of a bibliography, with the addresses."""


class PlanWarning(StrictModel):
    code: str
    message: str
    source: Citation | None = None
    """The guidance the warning rests on, when it has one."""
    tactic: str | None = None


class Contribution(StrictModel):
    """One cell of the decision matrix, weighted: how much a criterion adds to a score."""

    criterion: str
    label: str
    weight: float
    """Normalised criterion weight (all weights sum to 1)."""
    score: float
    """The tactic's score on this criterion, 0 to 1."""
    contribution: float
    """weight × score: this criterion's part of the tactic's total score."""


class Details(StrictModel):
    """The numbers behind a tactic's place in the plan. The reasons say the same in
    words; these are for whoever wants to check them."""

    summary: str
    """The model's own account: score, strategy weight, and what stops more hours."""
    strategy_weight: float
    """Weight of the tactic's strategy, from reach priority."""
    score: float
    """Weighted-sum score over the criteria, 0 to 1."""
    fit: float
    """score × every fit gate: what the tactic is worth to this business once well fed."""
    factors: dict[str, float]
    """Each fit gate that applies (market, breadth, place, goals, audience, content,
    measurability, horizon, budget) and its factor, 0 to 1 (a large audience can lift
    the audience gate above 1). Their sources are among ``Why.sources``."""
    contributions: list[Contribution]
    """Largest first."""
    marginal_value_per_hour: float
    """Objective gained by one more hour on this tactic (0 at a cap)."""


class RunnerUp(StrictModel):
    """The best tactic that missed out to this one, and in plain words why."""

    id: str
    name: str
    reason: str


class Why(StrictModel):
    """Why a tactic got the hours it got, in the user's terms; the numbers are in
    ``details``."""

    reasons: list[str]
    """One to three sentences tied to the user's answers and the guidance: no scores,
    weights or marginal values (hours and counts only). For a tactic left out, why."""
    runner_up: RunnerUp | None = None
    """For a planned tactic: the best alternative that missed out, and why it lost."""
    would_change: str | None = None
    """A realistic change that would change this tactic's place, found by planning
    again with it (``None`` in a first-paint plan, or when no tested change does)."""
    binding: str
    """What stops it getting more (or any) hours: e.g. ``saturation-cap``, ``user-max``,
    ``min-effective``, ``budget``, ``excluded``."""
    details: Details
    sources: list[Citation]
    """The guidance behind its place in the plan, most relevant first: its strategy, the
    cells and weights of its strongest criteria, and its hours."""


class Activity(StrictModel):
    text: str
    count: int | None = None
    """How many units the hours buy each week (None for a descriptive line)."""


class Kpi(StrictModel):
    name: str
    how: str


class TacticPlan(StrictModel):
    id: str
    name: str
    platform: str
    platform_name: str
    strategy: Strategy
    paid: bool
    """Needs the ad budget."""
    months_to_results: float
    """Typical months to its first attributable result."""
    hours: float = Field(ge=0)
    value: float = Field(ge=0)
    """This tactic's part of the objective."""
    output: str
    """What the hours buy each week, e.g. "3 short videos"."""
    activities: list[Activity]
    kpis: list[Kpi]
    why: Why


class WeightReason(StrictModel):
    text: str
    """e.g. "base weight 0.15" or "+0.35: Which is better depends on the business goal…"."""
    source: Citation


class CriterionWeight(StrictModel):
    criterion: str
    label: str
    weight: float
    """Normalised: all criterion weights sum to 1."""
    raw: float
    reasons: list[WeightReason]
    """What set this weight: the base weight (unless it is 0 and a rule moved it) and
    each rule that moved it, each with its source."""


class SensitivityCase(StrictModel):
    label: str
    """e.g. "reach +10" or "hours -25%"."""
    broadcast_share: float
    delta: float
    """Change in broadcast share against the plan, in share points (-1 to 1)."""
    added: list[str]
    removed: list[str]


class SwingTactic(StrictModel):
    id: str
    moved_by: list[str]
    """The labels of the cases that bring it in or take it out (e.g. "hours +25%")."""


class Sensitivity(StrictModel):
    """How the plan moves under small changes to what the user controls: reach ±10,
    hours ±25%, a shorter and a longer horizon, and each yes/no answer flipped."""

    verdict: Literal["stable", "fragile"]
    summary: str
    core: list[str]
    """Planned tactics that stay in the plan under every case."""
    swing: list[SwingTactic]
    """Tactics that come or go in some case, with the cases that move them."""
    cases: list[SensitivityCase]


class Plan(StrictModel):
    scenario: Scenario
    split: Split
    hours: Hours
    tactics: list[TacticPlan]
    """Tactics with hours, most hours first."""
    alternatives: list[TacticPlan]
    """Tactics that got no hours, best first, each with why."""
    strategy_weights: dict[Strategy, float]
    weights: list[CriterionWeight]
    objective: float
    warnings: list[PlanWarning]
    sensitivity: Sensitivity | None
    """How the plan moves under small changes to the inputs. ``None`` only in a plan
    built for the first paint (``build_plan(..., sensitivity=False)``): the app shows
    the plan at once and adds this after. Every plan a file or a script gets has it."""
    model_version: str
    knowledge_version: str
    sources: list[CitedSource]
    """The sources the knowledge base cites, by id: every id in a citation's ``sources``
    is here. (A plan cites a subset; the Markdown export lists only what it cites.)"""

    def to_json(self) -> str:
        """Canonical JSON: the same plan always gives the same bytes. Keys keep the
        models' field order (scenario, split, hours, tactics…), which reads better than
        alphabetical and is just as fixed."""
        import json

        return (
            json.dumps(
                self.model_dump(mode="json"),
                indent=2,
                ensure_ascii=False,
                allow_nan=False,
            )
            + "\n"
        )
