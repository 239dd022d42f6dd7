"""The shape of a knowledge base: what each table in ``strategies/*.toml`` may hold.

Every number that drives the model is a :class:`Sourced` value: a value plus the
guidance it rests on. Every number also has sane bounds (hours fit in a week,
shares in 0 to 1, weights in 0 to 100…), so a typo or a hostile file such as
``1e308`` or ``5e-324`` is reported by file and key instead of overflowing the
engine or silently zeroing every weight. The source is checked for form here; ``tests/test_sources.py``
checks that each cited seed section really exists.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator

from planner.fmt import short
from planner.models.base import StrictModel
from planner.models.scenario import ID_PATTERN, Scenario

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
Text = Annotated[str, Field(min_length=1, max_length=2_000)]

SEED_SOURCE = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt#\S.*$")
URL_SOURCE = re.compile(r"^https?://\S+ \(.+\)$")
ASSUMPTION_SOURCE = re.compile(r"^assumption: \S.{4,}$")

SOURCE_HINT = (
    'expected "<seed file>#<section>" (e.g. "001_2b34fe8df5fac4ca.txt#Time and effort"), '
    '"<URL> (<year>)", or "assumption: <one-line reason>"'
)


def check_source(value: str) -> str:
    if not (
        SEED_SOURCE.match(value) or URL_SOURCE.match(value) or ASSUMPTION_SOURCE.match(value)
    ):
        raise ValueError(f"source {short(value)} has no recognised form; {SOURCE_HINT}")
    return value


Source = Annotated[str, Field(min_length=1, max_length=1_000)]


class Sourced(StrictModel):
    """A number with the guidance it comes from."""

    value: float
    source: Source

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
    source: Source

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
    source: Source

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
    """Every tactic, once well fed, is worth its fit × reference_hours: what it achieves,
    not how long it takes. Its saturation hours set how fast it gets there, so a
    format that takes longer earns less per hour."""

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
    """Thresholds for the guidance warnings (see planner/engine/warnings.py)."""

    short_horizon_months: Months
    relationship_heavy_share: Share
    broadcast_heavy_share: Share
    scheduler_broadcast_share: Share
    video_content_demand: Score
    """On the score scale of ``scores.content_demand``, 0 to 5."""
    fragile_share_change: Share
    monthly_below_units: Sourced
    """Below this many units a week, a tactic's output is shown per month (events, guest spots)."""


class Goal(StrictModel):
    id: Id
    label: Text
    description: Text
    leaning: Literal["broadcast", "relationships", "both"]
    source: Source

    _check = field_validator("source")(classmethod(lambda cls, v: check_source(v)))


class Platform(StrictModel):
    id: Id
    name: Text
    kind: Literal["social-media", "social-network", "hybrid", "owned", "offline"]
    description: Text
    source: Source

    _check = field_validator("source")(classmethod(lambda cls, v: check_source(v)))


class Unit(StrictModel):
    """One unit of activity: a post, a video, a conversation."""

    singular: Text
    plural: Text
    hours: Annotated[float, Field(ge=0.01, le=80)]
    """At least 0.01 h (36 seconds): a smaller unit would count billions a week."""
    source: Source

    _check = field_validator("source")(classmethod(lambda cls, v: check_source(v)))


class KpiDef(StrictModel):
    name: Text
    how: Text


class Tactic(StrictModel):
    id: Id
    name: Text
    platform: Id
    strategy: Literal["broadcast", "relationships"]
    strategy_source: Source
    description: Text
    goals: list[Id] = Field(min_length=1)
    goals_source: Source
    paid: bool = False
    """Needs the ad budget: its hours are managing the spend; the money buys the reach."""
    months_to_results: Sourced
    """Typical months until its first attributable result (a lead, a sale, its KPI)."""
    min_existing_audience: Literal[AUDIENCE_LEVELS] = "none"  # type: ignore[valid-type]
    """The existing audience it needs to work at all (a community needs members to invite)."""
    audience_source: Source | None = None
    unit: Unit
    min_hours: WeekHours
    saturation_hours: WeekHours
    max_hours: WeekHours | None = None
    scores: dict[str, Score]
    activities: list[Text] = Field(min_length=1)
    activities_source: Source
    kpis: list[KpiDef] = Field(min_length=1)
    kpis_source: Source

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
    source: Source
    scenario: Scenario

    _check = field_validator("source")(classmethod(lambda cls, v: check_source(v)))


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
    files: list[str]
    """The files it was read from, for messages and the version fingerprint."""
    fingerprint: str
    """A short hash of the files' contents: same files, same plans."""

    _idx: tuple[dict[str, Tactic], dict[str, Platform], dict[str, Preset]] | None = PrivateAttr(None)

    def tactic(self, tactic_id: str) -> Tactic:
        return self._index()[0][tactic_id]

    def platform(self, platform_id: str) -> Platform:
        return self._index()[1][platform_id]

    def preset(self, preset_id: str) -> Preset:
        return self._index()[2][preset_id]

    def _index(self) -> tuple[dict[str, Tactic], dict[str, Platform], dict[str, Preset]]:
        # Built once per knowledge base; lookups happen on every keystroke in the TUI.
        if self._idx is None:
            self._idx = (
                {t.id: t for t in self.tactics},
                {p.id: p for p in self.platforms},
                {p.id: p for p in self.presets},
            )
        return self._idx

    @property
    def version(self) -> str:
        return f"{self.meta.version}+{self.fingerprint}"

    def default_scenario(self) -> Scenario:
        if self.meta.default_preset:
            return self.preset(self.meta.default_preset).scenario
        return Scenario()
