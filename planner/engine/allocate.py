"""Hours → tactics: an exact optimiser over whole quarter-hours.

The problem. Each tactic i gets q_i quarter-hours, either 0 or between its minimum
effective hours and its cap, and is worth ``W[strategy] × score_i × f_i(q_i)`` where
``f(h) = s·(1 − e^(−(h − o)/s))`` is a diminishing-returns curve that saturates
around ``s`` hours after an upkeep of ``o`` hours that every running tactic pays. Maximise the total subject to Σq ≤ Q, per-tactic and per-platform
bounds, and an optional floor/ceiling on the broadcast share.

The method, in two exact levels:

1. For each strategy, a dynamic program over tactics computes V(x), the best value of
   spending exactly x quarters on that strategy (a max-plus convolution per tactic,
   vectorised with numpy). Platforms with bounds are first folded into one item.
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
from typing import Callable

import numpy as np
from numpy.lib.stride_tricks import as_strided

NEG = -np.inf
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

    def curve(self, limit: int) -> np.ndarray:
        hi = min(self.hi, limit)
        v = np.full(hi + 1, NEG) if hi >= 0 else np.full(1, NEG)
        if not self.forced:
            v[0] = 0.0
        if self.lo <= hi:
            h = np.maximum(0.0, np.arange(self.lo, hi + 1) / 4 - self.overhead)
            v[self.lo :] = self.score * self.saturation * -np.expm1(-h / self.saturation)
        return v


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


@dataclass(frozen=True)
class Allocation:
    quarters: dict[str, int]
    objective: float
    broadcast: int
    relationships: int


@dataclass
class _Component:
    values: np.ndarray
    expand: Callable[[int], dict[str, int]]


def _maxplus(g: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """out[x] = max_k g[x-k] + v[k], and the k achieving it (ties: the largest k)."""
    kmax = len(v) - 1
    padded = np.concatenate([np.full(kmax, NEG), g])
    step = padded.strides[0]
    # A read-only view, window[x, j] = g[x + j - kmax]; as_strided skips
    # sliding_window_view's argument checks, which cost more than the work here.
    window = as_strided(padded, shape=(len(g), kmax + 1), strides=(step, step), writeable=False)
    total = window + v[::-1]  # column j ↔ k = kmax - j
    j = total.argmax(axis=1)
    best = total[np.arange(len(g)), j]
    return best, kmax - j


def _chain(components: list[_Component], limit: int) -> _Component:
    """Fold components into one: the best value of exactly x quarters, for x ≤ limit."""
    g = np.full(limit + 1, NEG)
    g[0] = 0.0
    choices = []
    for comp in components:
        g, k = _maxplus(g, comp.values[: limit + 1])
        choices.append(k)

    def expand(x: int) -> dict[str, int]:
        out: dict[str, int] = {}
        for comp, k in zip(reversed(components), reversed(choices)):
            q = int(k[x])
            out.update(comp.expand(q))
            x -= q
        return out

    return _Component(g, expand)


def _item_component(item: Item, limit: int) -> _Component:
    return _Component(item.curve(limit), lambda q, i=item.id: {i: q})


def _restrict(comp: _Component, lo: int, hi: int | None) -> _Component:
    """Only totals in [lo, hi] (and 0 when lo is 0) stay feasible."""
    v = comp.values.copy()
    v[:lo] = NEG
    if lo == 0:
        v[0] = comp.values[0]
    if hi is not None and hi + 1 < len(v):
        v[hi + 1 :] = NEG
    return _Component(v, comp.expand)


def _exactly(comp: _Component, q: int) -> _Component:
    v = np.full(q + 1, NEG)
    v[q] = comp.values[q]
    return _Component(v, comp.expand)


def _weighted(v: np.ndarray, weight: float, exponent: float) -> np.ndarray:
    """weight × v^γ, keeping infeasible cells at -inf (0 × -inf would be nan)."""
    finite = np.isfinite(v)
    safe = np.where(finite, np.maximum(v, 0.0), 0.0)
    if exponent != 1.0:
        safe = np.power(safe, exponent)
    return np.where(finite, weight * safe, NEG)


def combine(value: float, weight: float, exponent: float) -> float:
    """The objective's term for one strategy: weight × value^γ."""
    return weight * max(value, 0.0) ** exponent


def _running_max(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """V⁺[x] = max(V[0..x]) and the largest index achieving it."""
    best = np.maximum.accumulate(v)
    idx = np.arange(len(v))
    hit = np.where(v == best, idx, -1)
    return best, np.maximum.accumulate(hit)


@dataclass
class _Config:
    broadcast: _Component
    relationships: _Component
    b_plus: np.ndarray = field(init=False)
    b_used: np.ndarray = field(init=False)
    r_plus: np.ndarray = field(init=False)
    r_used: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.b_plus, self.b_used = _running_max(self.broadcast.values)
        self.r_plus, self.r_used = _running_max(self.relationships.values)


class Allocator:
    """Computes the strategy curves once (up to ``limit`` quarters), then answers
    ``best(w_broadcast, w_relationships, quarters)`` with a cheap scan, so the base
    plan and every sensitivity case share one dynamic program."""

    def __init__(self, problem: Problem, limit: int) -> None:
        self.problem = problem
        self.limit = max(0, limit)
        self.configs = self._build()

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
                groups[item.strategy].append(_item_component(item, limit))
        if any(b.lo > 0 and p not in {q for q, _ in by_platform} for p, b in bounds.items()):
            return []  # a platform minimum with no tactic left to meet it: infeasible
        for platform in sorted({p for p, _ in by_platform}):
            b = bounds[platform]
            parts = {
                s: _chain([_item_component(i, limit) for i in by_platform[(platform, s)]], limit)
                for s in ("broadcast", "relationships")
                if (platform, s) in by_platform
            }
            if len(parts) == 1:
                (s, comp), = parts.items()
                groups[s].append(_restrict(comp, b.lo, b.hi))
            else:
                hybrid[platform] = parts
        base_b = _chain(groups["broadcast"], limit)
        base_r = _chain(groups["relationships"], limit)
        if not hybrid:
            return [_Config(base_b, base_r)]

        # Enumerate how each hybrid platform's hours divide between the strategies.
        options: list[list[int]] = []
        names = sorted(hybrid)
        for name in names:
            b = bounds[name]
            top = limit if b.hi is None else min(b.hi, limit)
            finite = np.flatnonzero(np.isfinite(hybrid[name]["broadcast"].values[: top + 1]))
            options.append([int(q) for q in finite])
        total = math.prod(len(o) for o in options)
        if total > MAX_CONFIGS:
            step = math.ceil(total ** (1 / len(options)) / MAX_CONFIGS ** (1 / len(options)))
            options = [o[::step] for o in options]
        configs = []
        for combo in itertools.product(*options):
            b_parts = [base_b] + [_exactly(hybrid[n]["broadcast"], q) for n, q in zip(names, combo)]
            r_parts = [base_r]
            for n, q in zip(names, combo):
                b = bounds[n]
                lo = max(0, b.lo - q)
                hi = None if b.hi is None else b.hi - q
                r_parts.append(_restrict(hybrid[n]["relationships"], lo, hi))
            configs.append(_Config(_chain(b_parts, limit), _chain(r_parts, limit)))
        return configs

    def best(self, w_broadcast: float, w_relationships: float, quarters: int) -> Allocation | None:
        """The optimal allocation for these strategy weights and this many quarters,
        or None if the constraints cannot all hold."""
        q = min(quarters, self.limit)
        chosen: tuple[float, int, int, _Config, int, int] | None = None
        for cfg in self.configs:
            pick = self._scan(cfg, w_broadcast, w_relationships, q)
            if pick is None:
                continue
            value, x, y = pick
            ub, ur = int(cfg.b_used[x]), int(cfg.r_used[y])
            key = (value, ub, -ur)
            if chosen is None or key > (chosen[0], chosen[1], -chosen[2]):
                chosen = (value, ub, ur, cfg, x, y)
        if chosen is None:
            return None
        value, ub, ur, cfg, _, _ = chosen
        quarters_by_id = {**cfg.broadcast.expand(ub), **cfg.relationships.expand(ur)}
        return Allocation(
            {k: v for k, v in sorted(quarters_by_id.items()) if v > 0}, value, ub, ur
        )

    def _scan(self, cfg: _Config, wb: float, wr: float, q: int) -> tuple[float, int, int] | None:
        nb = min(q, len(cfg.b_plus) - 1)
        nr = min(q, len(cfg.r_plus) - 1)
        bv = _weighted(cfg.b_plus[: nb + 1], wb, self.problem.exponent)
        rv = _weighted(cfg.r_plus[: nr + 1], wr, self.problem.exponent)
        total = bv[:, None] + rv[None, :]
        xs = np.arange(nb + 1)[:, None]
        ys = np.arange(nr + 1)[None, :]
        feasible = (xs + ys) <= q
        lo, hi = self.problem.share_min, self.problem.share_max
        if lo is not None or hi is not None:
            ub = cfg.b_used[: nb + 1][:, None].astype(float)
            ur = cfg.r_used[: nr + 1][None, :].astype(float)
            used = ub + ur
            share = np.divide(ub, used, out=np.zeros_like(used), where=used > 0)
            if lo is not None:
                feasible &= (share >= lo - 1e-12) | ((used == 0) & (lo <= 0))
            if hi is not None:
                feasible &= share <= hi + 1e-12
        total = np.where(feasible, total, NEG)
        top = total.max()
        if not np.isfinite(top):
            return None
        rows, cols = np.nonzero(total == top)
        x = int(rows.max())  # greatest maximiser: most broadcast budget…
        y = int(cols[rows == x].min())  # …and, in that row, least relationships budget
        return float(top), x, y
