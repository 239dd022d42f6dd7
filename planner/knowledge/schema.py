"""The shape of a knowledge base: what each table in ``strategies/*.toml`` may hold.

Every number that drives the model is a :class:`Sourced` value: a value plus the
guidance it rests on. Every number also has sane bounds (hours fit in a week,
shares in 0 to 1, weights in 0 to 100…), so a typo or a hostile file such as
``1e308`` or ``5e-324`` is reported by file and key instead of overflowing the
engine or silently zeroing every weight. A citation's form is checked here; the
loader then checks that each cited source and section is in the ``[[sources]]``
registry (:mod:`planner.knowledge.citations`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator

from planner.knowledge.citations import SOURCE_ID, form_error
from planner.models.base import StrictModel
from planner.models.plan import Citation, CitedSource
from planner.models.scenario import ID_PATTERN, Scenario

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
Text = Annotated[str, Field(min_length=1, max_length=2_000)]
SourceId = Annotated[str, Field(pattern=f"^{SOURCE_ID}$")]
Url = Annotated[str, Field(pattern=r"^https?://\S+$", max_length=2_000)]


def check_source(value: str) -> str:
    problem = form_error(value)
    if problem is not None:
        raise ValueError(problem)
    return value


CitationText = Annotated[str, Field(min_length=1, max_length=1_000)]
"""A citation (see :mod:`planner.knowledge.citations`)."""


class Sourced(StrictModel):
    """A number with the guidance it comes from."""

    value: float
    source: CitationText

    _check = field_validator("source")(classmethod(lambda cls, v: check_source(v)))


class Weight(Sourced):
    """A criterion's base weight, 0 to 100. Weights are normalised to sum to 1, so
    only their ratios matter; the bound keeps the sum finite."""

    value: Annotated[float, Field(ge=0, le=100)]


class WeekHours(Sourced):
    """Hours a week: above 0 and at most 168, the hours there are in a week."""

    value: Annotated[float, Field(gt=0, le=168)]


class Share(Sourced):
    """A share of the week's hours, 0 to 1."""

    value: Annotated[float, Field(ge=0, le=1)]


class Months(Sourced):
    """A number of months, 0 to 120 (the longest ROI horizon a scenario may have)."""

    value: Annotated[float, Field(ge=0, le=120)]


class Score(StrictModel):
    """A tactic's score on one criterion, 0 (worst) to 5 (best)."""

    value: Annotated[float, Field(ge=0, le=5)]
    source: CitationText

    _check = field_validator("source")(classmethod(lambda cls, v: check_source(v)))


SCORE_KEYS = (
    "reach",
    "depth",
    "feedback",
    "measurability",
    "measurability_tracked",
    "automation",
    "speed",
    "content_demand",
    "b2b",
    "b2c",
    "broad",
    "niche",
    "local",
    "global",
    "audience_reliance",
)
"""Every tactic scores all of these, 0 to 5. ``local``: how well it reaches customers
in one town or area; ``global``: how well it reaches people wherever they are;
``audience_reliance``: how much its results depend on followers or subscribers you
already have (5 = it reaches only them)."""

AUDIENCE_LEVELS = ("none", "small", "large")


class Meta(StrictModel):
    version: Annotated[str, Field(min_length=1, max_length=64)]
    default_preset: Id | None = None
    description: str = ""


CriterionKind = Literal["score", "inverse", "tracked", "audience", "goals"]


class Criterion(StrictModel):
    """A column of the decision matrix.

    ``kind`` says how a tactic's cell is read:
    - ``score``: the tactic's ``scores.<key>``;
    - ``inverse``: 5 minus ``scores.<key>`` (for costs such as content demand);
    - ``tracked``: ``scores.<key>``, or ``scores.<tracked_key>`` when sales tracking is on;
    - ``audience``: the mean of the tactic's fit for the scenario's market and breadth;
    - ``goals``: the share of the scenario's goals the tactic serves (5 = all).
    """

    id: Id
    label: Text
    description: Text
    kind: CriterionKind
    key: str | None = None
    tracked_key: str | None = None
    base_weight: Weight

    @model_validator(mode="after")
    def _keys_for_kind(self) -> Criterion:
        if self.kind in ("score", "inverse", "tracked") and not self.key:
            raise ValueError(f"kind {self.kind!r} needs `key`: the tactic score it reads")
        if self.kind == "tracked" and not self.tracked_key:
            raise ValueError("kind 'tracked' needs `tracked_key`: the score used with sales tracking")
        return self


FEATURES = (
    "measurability_need",
    "short_horizon",
    "long_horizon",
    "scheduler",
    "no_scheduler",
    "content_gap",
    "sales_tracking",
    "goals_given",
    "b2b",
    "b2c",
    "broad",
    "niche",
    "content_strength",
)
"""Scenario features a weight rule may read; each is 0 to 1. See docs/model.md.

Reach priority is not among them on purpose: it acts only through the strategy
weights, which keeps the broadcast share monotone in it (docs/model.md)."""


class WeightRule(StrictModel):
    """weight[criterion] += coef × feature(scenario)."""

    id: Id
    criterion: Id
    feature: Literal[FEATURES]  # type: ignore[valid-type]
    coef: Annotated[float, Field(ge=-100, le=100)]
    explain: Text
    source: CitationText

    _check = field_validator("source")(classmethod(lambda cls, v: check_source(v)))


class StrategyWeights(StrictModel):
    """W_broadcast = floor + (1 - floor) × reach; W_relationships = floor + (1 - floor) × (1 - reach).

    ``combine_exponent`` (γ, 0 < γ ≤ 1) gives each strategy diminishing returns as a
    whole: the objective is W_b·V_b^γ + W_r·V_r^γ. γ = 1 lets one strategy take
    everything; smaller γ favours combining both, as the guidance advises."""

    floor: Sourced
    combine_exponent: Sourced

    @field_validator("combine_exponent")
    @classmethod
    def _exponent_in_range(cls, value: Sourced) -> Sourced:
        if not 0 < value.value <= 1:
            raise ValueError("combine_exponent.value must be above 0 and at most 1")
        return value

    @field_validator("floor")
    @classmethod
    def _floor_in_range(cls, value: Sourced) -> Sourced:
        if not 0 <= value.value < 1:
            raise ValueError("floor.value must be at least 0 and below 1")
        return value


class Curve(StrictModel):
    cap_multiple: Sourced
    """A tactic's useful maximum is saturation_hours × cap_multiple unless it sets max_hours."""
    overhead_hours: Sourced
    """Hours a week any running tactic costs before it produces value (notifications,
    analytics, keeping the profile alive). This fixed cost is what makes a plan with
    few hours focus on few tactics instead of spreading thin."""
    reference_hours: Sourced
    """The scale of a well-fed tactic's worth: fit × reference_hours for a tactic that
    saturates at reference_hours. What it achieves, not how long it takes: its
    saturation hours set how fast it gets there, so a format that takes longer earns
    less per hour."""
    capacity_power: Sourced
    """How much a tactic that can usefully absorb more hours achieves in total: its
    ceiling is fit × R × (s / R)^capacity_power for saturation hours s. 0 gives every
    tactic the same ceiling; 1 would let a slow format win by its cost alone."""

    @field_validator("overhead_hours")
    @classmethod
    def _overhead_small(cls, value: Sourced) -> Sourced:
        if not 0 <= value.value <= 5:
            raise ValueError("overhead_hours.value must be between 0 and 5")
        return value

    @field_validator("reference_hours")
    @classmethod
    def _reference_positive(cls, value: Sourced) -> Sourced:
        if not 0 < value.value <= 80:
            raise ValueError("reference_hours.value must be above 0 and at most 80")
        return value

    @field_validator("capacity_power")
    @classmethod
    def _capacity_below_one(cls, value: Sourced) -> Sourced:
        if not 0 <= value.value < 1:
            raise ValueError("capacity_power.value must be at least 0 and below 1")
        return value

    @field_validator("cap_multiple")
    @classmethod
    def _at_least_one(cls, value: Sourced) -> Sourced:
        if not 1 <= value.value <= 20:
            raise ValueError("cap_multiple.value must be at least 1 and at most 20")
        return value


class Fit(StrictModel):
    """How strongly each of the scenario's facts gates a tactic's fit (planner/engine/fit.py).

    Each gate is a factor from 0 to 1 that multiplies the tactic's decision-matrix
    score; docs/model.md explains each one for a marketer."""

    market_power: Sourced
    """Market gate = (fit for your market / 5) ^ market_power."""
    breadth_power: Sourced
    """Audience gate = (fit for a broad or niche audience / 5) ^ breadth_power."""
    place_power: Sourced
    """Place gate = (local or global reach / 5) ^ place_power."""
    goal_floor: Sourced
    """Goal gate for a tactic that serves none of your goals (1 when it serves all)."""
    reliance_none: Sourced
    """Audience gate's cut per point of audience reliance with no existing audience (× reliance / 5)."""
    reliance_small: Sourced
    """The same with a small existing audience."""
    reliance_large: Sourced
    """With a large existing audience, the bonus per point of audience reliance (× reliance / 5)."""
    content_gap: Sourced
    """Content gate's cut for the heaviest production with low capacity (half of it with medium)."""
    measurability_need: Sourced
    """Measurability gate's cut for an unmeasurable tactic when ROI must be measured directly."""
    horizon_power: Sourced
    """Horizon gate = (horizon / months to results) ^ horizon_power when the tactic is slower."""
    budget_reference: Sourced
    """Monthly ad budget at which a paid tactic's potential equals an organic tactic's."""
    budget_power: Sourced
    """Paid potential = (budget / budget_reference) ^ budget_power, capped at budget_cap."""
    budget_cap: Sourced
    budget_hours_base: Sourced
    """Hours a week that managing a small ad budget takes, across every paid tactic."""
    budget_hours_per_doubling: Sourced
    """Extra management hours for each doubling of the budget against the reference."""
    reach_tilt: Sourced
    """Within a strategy, reach priority multiplies a tactic's value by
    1 + reach_tilt × (priority − ½) × (reach score − 2.5) / 2.5."""

    @model_validator(mode="after")
    def _ranges(self) -> Fit:
        for name in ("market_power", "breadth_power", "place_power", "horizon_power", "budget_power"):
            if not 0 <= getattr(self, name).value <= 5:
                raise ValueError(f"{name}.value must be between 0 and 5")
        for name in ("goal_floor", "reliance_none", "reliance_small", "reliance_large", "content_gap", "measurability_need", "reach_tilt"):
            if not 0 <= getattr(self, name).value <= 1:
                raise ValueError(f"{name}.value must be between 0 and 1")
        if not 0 < self.budget_reference.value <= 1e9:
            raise ValueError("budget_reference.value must be above 0")
        if not 1 <= self.budget_cap.value <= 100:
            raise ValueError("budget_cap.value must be between 1 and 100")
        if not 0 < self.budget_hours_base.value <= 40 or not 0 <= self.budget_hours_per_doubling.value <= 40:
            raise ValueError("budget_hours_base.value must be above 0 and budget_hours_per_doubling.value at least 0 (both at most 40)")
        return self


class Advice(StrictModel):
    """Thresholds for the guidance warnings (see :mod:`planner.engine.advice`)."""

    short_horizon_months: Months
    relationship_heavy_share: Share
    broadcast_heavy_share: Share
    scheduler_broadcast_share: Share
    video_content_demand: Score
    """On the score scale of ``scores.content_demand``, 0 to 5."""
    stable_core_share: Share
    """A plan is stable when the tactics that survive every small change hold at least
    this share of its hours."""
    monthly_below_units: Sourced
    """Below this many units a week, a tactic's output is shown per month (events, guest spots)."""


class Goal(StrictModel):
    id: Id
    label: Text
    description: Text
    leaning: Literal["broadcast", "relationships", "both"]
    source: CitationText

    _check = field_validator("source")(classmethod(lambda cls, v: check_source(v)))


class Platform(StrictModel):
    id: Id
    name: Text
    kind: Literal["social-media", "social-network", "hybrid", "owned", "offline"]
    description: Text
    source: CitationText

    _check = field_validator("source")(classmethod(lambda cls, v: check_source(v)))


class Unit(StrictModel):
    """One unit of activity: a post, a video, a conversation."""

    singular: Text
    plural: Text
    hours: Annotated[float, Field(ge=0.01, le=80)]
    """At least 0.01 h (36 seconds): a smaller unit would count billions a week."""
    source: CitationText

    _check = field_validator("source")(classmethod(lambda cls, v: check_source(v)))


class KpiDef(StrictModel):
    name: Text
    how: Text


class Tactic(StrictModel):
    id: Id
    name: Text
    platform: Id
    strategy: Literal["broadcast", "relationships"]
    strategy_source: CitationText
    description: Text
    goals: list[Id] = Field(min_length=1)
    goals_source: CitationText
    paid: bool = False
    """Needs the ad budget: its hours are managing the spend; the money buys the reach."""
    months_to_results: Sourced
    """Typical months until its first attributable result (a lead, a sale, its KPI)."""
    min_existing_audience: Literal[AUDIENCE_LEVELS] = "none"  # type: ignore[valid-type]
    """The existing audience it needs to work at all (a community needs members to invite)."""
    audience_source: CitationText | None = None
    unit: Unit
    min_hours: WeekHours
    saturation_hours: WeekHours
    max_hours: WeekHours | None = None
    scores: dict[str, Score]
    activities: list[Text] = Field(min_length=1)
    activities_source: CitationText
    kpis: list[KpiDef] = Field(min_length=1)
    kpis_source: CitationText

    @field_validator("strategy_source", "goals_source", "activities_source", "kpis_source", "audience_source")
    @classmethod
    def _sources(cls, value: str | None) -> str | None:
        return value if value is None else check_source(value)

    @field_validator("scores")
    @classmethod
    def _all_scores(cls, value: dict[str, Score]) -> dict[str, Score]:
        missing = [k for k in SCORE_KEYS if k not in value]
        if missing:
            raise ValueError(f"missing {', '.join(missing)}; every tactic scores all of {', '.join(SCORE_KEYS)}")
        return value

    @model_validator(mode="after")
    def _hours_consistent(self) -> Tactic:
        if not 0 < self.min_hours.value <= 80:
            raise ValueError("min_hours.value must be above 0 and at most 80")
        if self.saturation_hours.value < self.min_hours.value:
            raise ValueError("saturation_hours.value is below min_hours.value; returns cannot saturate before the minimum")
        if self.max_hours is not None and self.max_hours.value < self.min_hours.value:
            raise ValueError("max_hours.value is below min_hours.value")
        if not 0 < self.months_to_results.value <= 120:
            raise ValueError("months_to_results.value must be above 0 and at most 120")
        if self.min_existing_audience != "none" and self.audience_source is None:
            raise ValueError("min_existing_audience needs audience_source: why it needs that audience")
        return self


class Preset(StrictModel):
    id: Id
    title: Text
    description: Text
    source: CitationText
    scenario: Scenario

    _check = field_validator("source")(classmethod(lambda cls, v: check_source(v)))


SourceKind = Literal["guidance-article", "survey-or-benchmark", "platform-statement", "practitioner-anecdote"]
YEAR_RANGE = re.compile(r"^(\d{4})[–-](\d{4})$")


class Source(StrictModel):
    """An entry of the sources registry (``[[sources]]``): what a citation points at."""

    id: SourceId
    title: Text
    author: Text | None = None
    publisher: Text | None = None
    """Who published it. For a figure read on another page, the original publisher."""
    year: int | str | None = None
    """A year, or a span such as "2024–2025"."""
    url: Url | None = None
    via: Url | None = None
    """The page the figure was read on, when that page quotes the original."""
    kind: SourceKind
    sections: list[Text] = []
    """The headings citations may name, as ``"<id>#<heading>"``."""

    @field_validator("year")
    @classmethod
    def _year(cls, value: int | str | None) -> int | str | None:
        if isinstance(value, int) and not 1800 <= value <= 2100:
            raise ValueError("year must be a year such as 2022")
        if isinstance(value, str):
            m = YEAR_RANGE.match(value)
            if m is None or not m[1] < m[2]:
                raise ValueError('year must be a year such as 2022, or a span such as "2024–2025"')
        return value

    @field_validator("sections")
    @classmethod
    def _unique_sections(cls, value: list[str]) -> list[str]:
        twice = sorted({s for s in value if value.count(s) > 1})
        if twice:
            raise ValueError(f"lists {', '.join(repr(s) for s in twice)} twice; keep one")
        return value


class _Citations(dict[str, Citation]):
    """Resolves a citation the first time it is looked up."""

    def __init__(self, registry: dict[str, Source]) -> None:
        super().__init__()
        self.registry = registry

    def __missing__(self, ref: str) -> Citation:
        from planner.knowledge.citations import resolve

        found = self[ref] = resolve(ref, self.registry)
        return found


class KnowledgeBase(StrictModel):
    """A validated, merged knowledge base. Lists are sorted by id, so nothing
    downstream depends on the order of entries in the files."""

    meta: Meta
    criteria: list[Criterion]
    weight_rules: list[WeightRule]
    strategy_weights: StrategyWeights
    curve: Curve
    fit: Fit
    advice: Advice
    goals: list[Goal]
    platforms: list[Platform]
    tactics: list[Tactic]
    presets: list[Preset]
    sources: list[Source]
    cited: list[str]
    """The ids of the sources cited anywhere in the knowledge base, sorted."""
    files: list[str]
    """The files it was read from, for messages and the version fingerprint."""
    fingerprint: str
    """A short hash of the files' contents: same files, same plans."""

    _idx: tuple[dict[str, Tactic], dict[str, Platform], dict[str, Preset], dict[str, Source]] | None = PrivateAttr(None)
    _cites: _Citations | None = PrivateAttr(None)
    _cited: list[CitedSource] | None = PrivateAttr(None)

    def tactic(self, tactic_id: str) -> Tactic:
        return self._index()[0][tactic_id]

    def platform(self, platform_id: str) -> Platform:
        return self._index()[1][platform_id]

    def preset(self, preset_id: str) -> Preset:
        return self._index()[2][preset_id]

    def source(self, source_id: str) -> Source:
        return self._index()[3][source_id]

    def citation(self, ref: str) -> Citation:
        """A citation as people read it (:func:`planner.knowledge.citations.resolve`)."""
        return self.citations()[ref]

    def citations(self) -> Mapping[str, Citation]:
        """Citation → how people read it, each worked out once per knowledge base and
        shared by every plan. A plain mapping, so the engine looks citations up at
        dictionary speed on the keystroke path."""
        cites = self._cites
        if cites is None:
            cites = self._cites = _Citations(self._index()[3])
        return cites

    def cited_sources(self) -> list[CitedSource]:
        """The registry entries the knowledge base cites, by id: the bibliography every
        plan's citations point into (:attr:`Plan.sources`)."""
        cited = self._cited
        if cited is None:
            from planner.knowledge.citations import cited_source

            cited = self._cited = [cited_source(self.source(i)) for i in self.cited]
        return cited

    def _index(self) -> tuple[dict[str, Tactic], dict[str, Platform], dict[str, Preset], dict[str, Source]]:
        # Built once per knowledge base; lookups happen on every keystroke in the TUI.
        if self._idx is None:
            self._idx = (
                {t.id: t for t in self.tactics},
                {p.id: p for p in self.platforms},
                {p.id: p for p in self.presets},
                {s.id: s for s in self.sources},
            )
        return self._idx

    @property
    def version(self) -> str:
        return f"{self.meta.version}+{self.fingerprint}"

    def default_scenario(self) -> Scenario:
        if self.meta.default_preset:
            return self.preset(self.meta.default_preset).scenario
        return Scenario()
