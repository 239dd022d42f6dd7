"""Hours → tactics: an exact optimiser over whole quarter-hours.

The problem. Each tactic i gets q_i quarter-hours, either 0 or between its minimum
effective hours and its cap, and is worth ``W[strategy] × score_i × f_i(q_i)`` where
``f(h) = s·(1 − e^(−(h − o)/s))`` is a diminishing-returns curve that saturates
around ``s`` hours after an upkeep of ``o`` hours that every running tactic pays. Maximise the total subject to Σq ≤ Q, per-tactic and per-platform
bounds, and an optional floor/ceiling on the broadcast share.

The method, in two exact levels:

1. For each strategy, a dynamic program over tactics computes V(x), the best value of
   spending exactly x quarters on that strategy (a max-plus convolution per tactic;
   in plain Python for small problems, vectorised with numpy for large ones, see
   ``backend_for``). Platforms with bounds are first folded into one item.
2. A scan over budgets (x for broadcast, y for relationships, x + y ≤ Q) picks
   ``W_b · V_b⁺(x)^γ + W_r · V_r⁺(y)^γ``, where V⁺ is V's running maximum (unused
   quarters are allowed, so more hours can never lower the objective) and γ ≤ 1 gives
   each strategy diminishing returns as a whole. Because x ↦ x^γ is increasing, the
   best way to spend x quarters within a strategy does not depend on γ, so step 1
   stays exact.

Why two levels: the strategy weights enter only in step 2, so the sensitivity
analysis re-runs only the cheap scan; and because V⁺ is non-decreasing and the
budgets form a lattice, Topkis' theorem makes the chosen broadcast budget monotone in
W_b / W_r (V⁺^γ is non-decreasing too), i.e. raising reach priority never lowers
the broadcast share. Ties are
broken towards the lattice's greatest maximiser (most broadcast budget, least
relationships budget) to keep that guarantee exact.

A platform whose bound spans both strategies (Facebook has page posts and groups) is
handled by enumerating how its hours divide between the strategies.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Callable

NEG = -math.inf
MAX_CONFIGS = 4096
"""Most hybrid-platform splits enumerated; beyond it the split is searched coarsely."""


@dataclass(frozen=True)
class Item:
    """A tactic as the optimiser sees it."""

    id: str
    strategy: str
    platform: str
    score: float
    saturation: float
    lo: int
    """Fewest quarters when active."""
    hi: int
    """Most quarters."""
    forced: bool = False
    """A user minimum: the tactic must be active."""
    overhead: float = 0.0
    """Upkeep hours before the tactic produces value."""

    def value(self, quarters: int) -> float:
        h = max(0.0, quarters / 4 - self.overhead)
        return self.score * self.saturation * -math.expm1(-h / self.saturation)


@dataclass(frozen=True)
class PlatformBound:
    lo: int
    hi: int | None


@dataclass(frozen=True)
class Problem:
    items: tuple[Item, ...]
    platform_bounds: dict[str, PlatformBound] = field(default_factory=dict)
    share_min: float | None = None
    share_max: float | None = None
    exponent: float = 1.0
    """γ in W_b·V_b^γ + W_r·V_r^γ (see StrategyWeights.combine_exponent)."""

    def rescored(self, scores: dict[str, float]) -> Problem:
        """The same problem with other per-hour scales (bounds and minimums unchanged)."""
        items = tuple(
            Item(i.id, i.strategy, i.platform, scores[i.id], i.saturation, i.lo, i.hi, i.forced, i.overhead)
            for i in self.items
        )
        return Problem(items, self.platform_bounds, self.share_min, self.share_max, self.exponent)


@dataclass(frozen=True)
class Allocation:
    quarters: dict[str, int]
    objective: float
    broadcast: int
    relationships: int
    config: int = 0
    """Which hybrid-platform division it came from (see :meth:`Allocator.spend`)."""


@dataclass
class _Component:
    values: Any
    """Value of each quarter count (a list or a numpy array, per backend)."""
    expand: Callable[[int], dict[str, int]]


def combine(value: float, weight: float, exponent: float) -> float:
    """The objective's term for one strategy: weight × value^γ."""
    term: float = weight * max(value, 0.0) ** exponent
    return term


SMALL_WORK = 14_000
"""Problems with fewer DP cell updates than this run on plain Python lists (no numpy
import); bigger ones use numpy. Both give the same allocation. The threshold is the
measured crossover on the default knowledge base, about 5 hours a week: below it Python
wins, above it numpy does (the timings: docs/performance.md)."""


def backend_for(items: tuple[Item, ...], limit: int, name: str | None = None) -> ModuleType:
    """``dp_python`` for small problems, ``dp_numpy`` for large ones (or by ``name``)."""
    if name is None:
        work = sum((limit + 1) * (max(0, min(i.hi, limit) - i.lo) + 2) for i in items)
        name = "python" if work <= SMALL_WORK else "numpy"
    if name == "python":
        from planner.engine import dp_python

        return dp_python
    from planner.engine import dp_numpy

    return dp_numpy


@dataclass
class _Config:
    broadcast: _Component
    relationships: _Component
    dp: ModuleType
    b_plus: Any = field(init=False)
    b_used: Any = field(init=False)
    r_plus: Any = field(init=False)
    r_used: Any = field(init=False)

    def __post_init__(self) -> None:
        self.b_plus, self.b_used = self.dp.running_max(self.broadcast.values)
        self.r_plus, self.r_used = self.dp.running_max(self.relationships.values)


class Allocator:
    """Computes the strategy curves once (up to ``limit`` quarters), then answers
    ``best(w_broadcast, w_relationships, quarters)`` with a cheap scan, so the base
    plan and every sensitivity case share one dynamic program."""

    def __init__(self, problem: Problem, limit: int, backend: str | None = None) -> None:
        self.problem = problem
        self.limit = max(0, limit)
        self.dp = backend_for(problem.items, self.limit, backend)
        self.configs = self._build()

    def _chain(self, components: list[_Component]) -> _Component:
        """Fold components into one: the best value of exactly x quarters, x ≤ limit."""
        g = self.dp.full(self.limit + 1, NEG)
        g[0] = 0.0
        choices = []
        for comp in components:
            g, k = self.dp.maxplus(g, comp.values[: self.limit + 1])
            choices.append(k)

        def expand(x: int) -> dict[str, int]:
            out: dict[str, int] = {}
            for comp, k in zip(reversed(components), reversed(choices)):
                q = int(k[x])
                out.update(comp.expand(q))
                x -= q
            return out

        return _Component(g, expand)

    def _item(self, item: Item) -> _Component:
        hi = min(item.hi, self.limit)
        values = self.dp.curve(item.score, item.saturation, item.overhead, item.lo, hi, item.forced)
        tactic_id = item.id

        def expand(q: int) -> dict[str, int]:
            return {tactic_id: q}

        return _Component(values, expand)

    def _restrict(self, comp: _Component, lo: int, hi: int | None) -> _Component:
        return _Component(self.dp.restrict(comp.values, lo, hi), comp.expand)

    def _exactly(self, comp: _Component, q: int) -> _Component:
        return _Component(self.dp.exactly(comp.values, q), comp.expand)

    def _build(self) -> list[_Config]:
        limit = self.limit
        bounds = self.problem.platform_bounds
        groups: dict[str, list[_Component]] = {"broadcast": [], "relationships": []}
        hybrid: dict[str, dict[str, _Component]] = {}
        by_platform: dict[tuple[str, str], list[Item]] = {}
        for item in self.problem.items:
            if item.platform in bounds:
                by_platform.setdefault((item.platform, item.strategy), []).append(item)
            else:
                groups[item.strategy].append(self._item(item))
        if any(b.lo > 0 and p not in {q for q, _ in by_platform} for p, b in bounds.items()):
            return []  # a platform minimum with no tactic left to meet it: infeasible
        for platform in sorted({p for p, _ in by_platform}):
            b = bounds[platform]
            parts = {
                s: self._chain([self._item(i) for i in by_platform[(platform, s)]])
                for s in ("broadcast", "relationships")
                if (platform, s) in by_platform
            }
            if len(parts) == 1:
                (s, comp), = parts.items()
                groups[s].append(self._restrict(comp, b.lo, b.hi))
            else:
                hybrid[platform] = parts
        base_b = self._chain(groups["broadcast"])
        base_r = self._chain(groups["relationships"])
        if not hybrid:
            return [_Config(base_b, base_r, self.dp)]

        # Enumerate how each hybrid platform's hours divide between the strategies.
        options: list[list[int]] = []
        names = sorted(hybrid)
        for name in names:
            b = bounds[name]
            top = limit if b.hi is None else min(b.hi, limit)
            options.append(self.dp.finite_upto(hybrid[name]["broadcast"].values, top))
        total = math.prod(len(o) for o in options)
        if total > MAX_CONFIGS:
            step = math.ceil(total ** (1 / len(options)) / MAX_CONFIGS ** (1 / len(options)))
            options = [o[::step] for o in options]
        configs = []
        for combo in itertools.product(*options):
            b_parts = [base_b] + [self._exactly(hybrid[n]["broadcast"], q) for n, q in zip(names, combo)]
            r_parts = [base_r]
            for n, q in zip(names, combo):
                b = bounds[n]
                lo = max(0, b.lo - q)
                hi = None if b.hi is None else b.hi - q
                r_parts.append(self._restrict(hybrid[n]["relationships"], lo, hi))
            configs.append(_Config(self._chain(b_parts), self._chain(r_parts), self.dp))
        return configs

    def best(self, w_broadcast: float, w_relationships: float, quarters: int) -> Allocation | None:
        """The optimal allocation for these strategy weights and this many quarters,
        or None if the constraints cannot all hold."""
        q = min(quarters, self.limit)
        chosen: tuple[float, int, int, int] | None = None
        for index, cfg in enumerate(self.configs):
            pick = self._scan(cfg, w_broadcast, w_relationships, q)
            if pick is None:
                continue
            value, ub, ur = pick
            key = (value, ub, -ur)
            if chosen is None or key > (chosen[0], chosen[1], -chosen[2]):
                chosen = (value, ub, ur, index)
        if chosen is None:
            return None
        value, ub, ur, index = chosen
        return self._allocation(index, ub, ur, value)

    @classmethod
    def to_spend(cls, problem: Problem, likes: list[Allocation], limit: int) -> Allocator:
        """An allocator for spending the budgets of ``likes`` (:meth:`spend`) on
        ``problem``, built no larger than they need: only the strategies that get
        quarters, only up to the largest budget. With hybrid platform bounds (whose
        divisions must match the allocations' configurations) it is the full allocator."""
        spans = {(i.platform, i.strategy) for i in problem.items if i.platform in problem.platform_bounds}
        if len({p for p, _ in spans}) < len(spans):  # a bounded platform in both strategies
            return cls(problem, limit)
        used = {s for a in likes for s, q in (("broadcast", a.broadcast), ("relationships", a.relationships)) if q > 0}
        items = tuple(i for i in problem.items if i.strategy in used)
        bounds = {p: b for p, b in problem.platform_bounds.items() if any(i.platform == p for i in items)}
        top = max((max(a.broadcast, a.relationships) for a in likes), default=0)
        return cls(Problem(items, bounds, problem.share_min, problem.share_max, problem.exponent), top)

    def spend(self, like: Allocation, w_broadcast: float, w_relationships: float) -> Allocation:
        """Spend exactly ``like``'s quarters per strategy, in its hybrid division, on
        this allocator's values: the best tactics for a split decided elsewhere.

        The build uses it to choose tactics within each strategy with the reach tilt
        after the split was chosen without it, which keeps the split monotone in reach
        priority. Feasibility does not depend on values, so the same budgets stay
        feasible when the problem differs only in its scores."""
        cfg = self.configs[like.config]
        vb, vr = cfg.broadcast.values[like.broadcast], cfg.relationships.values[like.relationships]
        value = combine(float(vb), w_broadcast, self.problem.exponent) + combine(float(vr), w_relationships, self.problem.exponent)
        return self._allocation(like.config, like.broadcast, like.relationships, value)

    def _allocation(self, index: int, ub: int, ur: int, value: float) -> Allocation:
        cfg = self.configs[index]
        quarters_by_id = {**cfg.broadcast.expand(ub), **cfg.relationships.expand(ur)}
        return Allocation(
            {k: v for k, v in sorted(quarters_by_id.items()) if v > 0}, value, ub, ur, index
        )

    def _scan(self, cfg: _Config, wb: float, wr: float, q: int) -> tuple[float, int, int] | None:
        """The best (value, broadcast quarters used, relationships quarters used)."""
        p = self.problem
        if p.share_min is None and p.share_max is None:
            pick = self.dp.scan(
                cfg.b_plus, cfg.b_used, cfg.r_plus, cfg.r_used, wb, wr, q, p.exponent, None, None
            )
            if pick is None:
                return None
            return pick[0], int(cfg.b_used[pick[1]]), int(cfg.r_used[pick[2]])
        # With a share bound the running maximum is not enough: V⁺(x) may be reached
        # by fewer quarters than x, whose share breaks the bound while spending exactly
        # x would have kept it. So scan the exact curves, where budget = quarters used.
        b_exact, r_exact = cfg.broadcast.values, cfg.relationships.values
        exact: tuple[float, int, int] | None = self.dp.scan(
            b_exact, self.dp.identity(len(b_exact)), r_exact, self.dp.identity(len(r_exact)),
            wb, wr, q, p.exponent, p.share_min, p.share_max,
        )  # budget = quarters used here, so x and y are what each strategy uses
        return exact
