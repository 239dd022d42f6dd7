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
)


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

    @field_validator("overhead_hours")
    @classmethod
    def _overhead_small(cls, value: Sourced) -> Sourced:
        if not 0 <= value.value <= 5:
            raise ValueError("overhead_hours.value must be between 0 and 5")
        return value

    @field_validator("cap_multiple")
    @classmethod
    def _at_least_one(cls, value: Sourced) -> Sourced:
        if not 1 <= value.value <= 20:
            raise ValueError("cap_multiple.value must be at least 1 and at most 20")
        return value


class Advice(StrictModel):
    """Thresholds for the guidance warnings (see planner/engine/warnings.py)."""

    short_horizon_months: Months
    relationship_heavy_share: Share
    broadcast_heavy_share: Share
    scheduler_broadcast_share: Share
    video_content_demand: Score
    """On the score scale of ``scores.content_demand``, 0 to 5."""
    fragile_share_change: Share


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
    unit: Unit
    min_hours: WeekHours
    saturation_hours: WeekHours
    max_hours: WeekHours | None = None
    scores: dict[str, Score]
    activities: list[Text] = Field(min_length=1)
    activities_source: Source
    kpis: list[KpiDef] = Field(min_length=1)
    kpis_source: Source

    @field_validator("strategy_source", "goals_source", "activities_source", "kpis_source")
    @classmethod
    def _sources(cls, value: str) -> str:
        return check_source(value)

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
