"""The shape of a knowledge base: what each table in ``strategies/*.toml`` may hold.

Every number that drives the model is a :class:`Sourced` value: a value plus the
guidance it rests on. A citation's form is checked here; the loader then checks that
each cited source and section is in the ``[[sources]]`` registry
(:mod:`planner.knowledge.citations`).
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
    base_weight: Sourced

    @model_validator(mode="after")
    def _keys_for_kind(self) -> Criterion:
        if self.kind in ("score", "inverse", "tracked") and not self.key:
            raise ValueError(f"kind {self.kind!r} needs `key`: the tactic score it reads")
        if self.kind == "tracked" and not self.tracked_key:
            raise ValueError("kind 'tracked' needs `tracked_key`: the score used with sales tracking")
        if self.base_weight.value < 0:
            raise ValueError("base_weight.value is negative; weights are 0 or more")
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
    coef: float
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

    @field_validator("overhead_hours")
    @classmethod
    def _overhead_small(cls, value: Sourced) -> Sourced:
        if not 0 <= value.value <= 5:
            raise ValueError("overhead_hours.value must be between 0 and 5")
        return value

    @field_validator("cap_multiple")
    @classmethod
    def _at_least_one(cls, value: Sourced) -> Sourced:
        if value.value < 1:
            raise ValueError("cap_multiple.value must be at least 1")
        return value


class Advice(StrictModel):
    """Thresholds for the guidance warnings (see planner/engine/warnings.py)."""

    short_horizon_months: Sourced
    relationship_heavy_share: Sourced
    broadcast_heavy_share: Sourced
    scheduler_broadcast_share: Sourced
    video_content_demand: Sourced
    fragile_share_change: Sourced


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
    hours: Annotated[float, Field(gt=0, le=80)]
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
    unit: Unit
    min_hours: Sourced
    saturation_hours: Sourced
    max_hours: Sourced | None = None
    scores: dict[str, Score]
    activities: list[Text] = Field(min_length=1)
    activities_source: CitationText
    kpis: list[KpiDef] = Field(min_length=1)
    kpis_source: CitationText

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
