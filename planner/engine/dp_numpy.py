"""The allocator's array operations, vectorised with numpy (for large problems).

Same functions and the same tie-breaking as :mod:`planner.engine.dp_python`; the
allocator picks one by problem size. numpy is slow and large to import (docs/performance.md), so it
is only imported when a problem is big enough to need it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.lib.stride_tricks import as_strided

NEG = -np.inf


def full(n: int, value: float) -> Any:
    return np.full(n, value)


def curve(score: float, saturation: float, overhead: float, lo: int, hi: int, forced: bool) -> Any:
    """Value of each quarter count 0..hi: 0 or -inf at 0, -inf below lo, the curve after."""
    v = np.full(max(hi, 0) + 1, NEG)
    if not forced:
        v[0] = 0.0
    if lo <= hi:
        h = np.maximum(0.0, np.arange(lo, hi + 1) / 4 - overhead)
        v[lo:] = score * saturation * -np.expm1(-h / saturation)
    return v


def maxplus(g: Any, v: Any) -> tuple[Any, Any]:
    """out[x] = max_k g[x-k] + v[k], and the k achieving it (ties: the largest k)."""
    kmax = len(v) - 1
    padded = np.concatenate([np.full(kmax, NEG), g])
    step = padded.strides[0]
    # A read-only view, window[x, j] = g[x + j - kmax]; as_strided skips
    # sliding_window_view's argument checks, which cost more than the work here.
    window = as_strided(padded, shape=(len(g), kmax + 1), strides=(step, step), writeable=False)
    total = window + v[::-1]  # column j ↔ k = kmax - j
    j = total.argmax(axis=1)
    return total[np.arange(len(g)), j], kmax - j


def restrict(values: Any, lo: int, hi: int | None) -> Any:
    """Only totals in [lo, hi] (and 0 when lo is 0) stay feasible."""
    v = values.copy()
    v[:lo] = NEG
    if lo == 0:
        v[0] = values[0]
    if hi is not None and hi + 1 < len(v):
        v[hi + 1 :] = NEG
    return v


def exactly(values: Any, q: int) -> Any:
    v = np.full(q + 1, NEG)
    v[q] = values[q]
    return v


def finite_upto(values: Any, top: int) -> list[int]:
    return [int(q) for q in np.flatnonzero(np.isfinite(values[: top + 1]))]


def identity(n: int) -> Any:
    """Quarters used at each budget when every budget is spent exactly."""
    return np.arange(n)


def running_max(v: Any) -> tuple[Any, Any]:
    """V⁺[x] = max(V[0..x]) and the largest index achieving it."""
    best = np.maximum.accumulate(v)
    hit = np.where(v == best, np.arange(len(v)), -1)
    return best, np.maximum.accumulate(hit)


def _weighted(v: Any, weight: float, exponent: float) -> Any:
    """weight × v^γ, keeping infeasible cells at -inf (0 × -inf would be nan)."""
    finite = np.isfinite(v)
    safe = np.where(finite, np.maximum(v, 0.0), 0.0)
    if exponent != 1.0:
        safe = np.power(safe, exponent)
    return np.where(finite, weight * safe, NEG)


def scan(
    b_plus: Any, b_used: Any, r_plus: Any, r_used: Any,
    wb: float, wr: float, q: int, exponent: float,
    share_min: float | None, share_max: float | None,
) -> tuple[float, int, int] | None:
    """Best budgets (x, y), x + y ≤ q, for W_b·V_b⁺(x)^γ + W_r·V_r⁺(y)^γ; ties go to the
    lattice's greatest maximiser (largest x, then smallest y)."""
    nb = min(q, len(b_plus) - 1)
    nr = min(q, len(r_plus) - 1)
    total = _weighted(b_plus[: nb + 1], wb, exponent)[:, None] + _weighted(r_plus[: nr + 1], wr, exponent)[None, :]
    feasible = (np.arange(nb + 1)[:, None] + np.arange(nr + 1)[None, :]) <= q
    if share_min is not None or share_max is not None:
        ub = b_used[: nb + 1][:, None].astype(float)
        ur = r_used[: nr + 1][None, :].astype(float)
        used = ub + ur
        share = np.divide(ub, used, out=np.zeros_like(used), where=used > 0)
        if share_min is not None:
            feasible &= (share >= share_min - 1e-12) | ((used == 0) & (share_min <= 0))
        if share_max is not None:
            feasible &= share <= share_max + 1e-12
    total = np.where(feasible, total, NEG)
    top = total.max()
    if not np.isfinite(top):
        return None
    rows, cols = np.nonzero(total == top)
    x = int(rows.max())
    return float(top), x, int(cols[rows == x].min())
