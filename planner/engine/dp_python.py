"""The allocator's array operations in plain Python lists (for small problems).

A plan for a few hours a week is a few thousand additions: faster in plain Python
than numpy's per-call overhead, and it spares the app numpy's import at start-up.
Same functions and tie-breaking as :mod:`planner.engine.dp_numpy`; the optimality
tests run both.
"""

from __future__ import annotations

import math
from typing import Any

NEG = -math.inf


def full(n: int, value: float) -> list[float]:
    return [value] * n


def curve(score: float, saturation: float, overhead: float, lo: int, hi: int, forced: bool) -> list[float]:
    v = [NEG] * (max(hi, 0) + 1)
    if not forced:
        v[0] = 0.0
    for k in range(lo, hi + 1):
        v[k] = score * saturation * -math.expm1(-max(0.0, k / 4 - overhead) / saturation)
    return v


def maxplus(g: list[float], v: list[float]) -> tuple[list[float], list[int]]:
    """out[x] = max_k g[x-k] + v[k], and the k achieving it (ties: the largest k).

    Looping over k (largest first) and only the finite entries of g skips the
    infeasible pairs, which early in a chain are most of them; a strict ``>`` keeps
    the first, largest, k among equals."""
    n = len(g)
    kmax = len(v) - 1
    finite = [(i, gi) for i, gi in enumerate(g) if gi != NEG]
    best = [NEG] * n
    ks = [kmax] * n
    for k in range(min(kmax, n - 1), -1, -1):
        val = v[k]
        if val == NEG:
            continue
        for i, gi in finite:
            x = i + k
            if x >= n:
                break
            c = gi + val
            if c > best[x]:
                best[x] = c
                ks[x] = k
    return best, ks


def restrict(values: list[float], lo: int, hi: int | None) -> list[float]:
    v = list(values)
    for i in range(min(lo, len(v))):
        v[i] = NEG
    if lo == 0:
        v[0] = values[0]
    if hi is not None:
        for i in range(hi + 1, len(v)):
            v[i] = NEG
    return v


def exactly(values: list[float], q: int) -> list[float]:
    v = [NEG] * (q + 1)
    v[q] = values[q]
    return v


def finite_upto(values: list[float], top: int) -> list[int]:
    return [q for q, val in enumerate(values[: top + 1]) if val != NEG]


def identity(n: int) -> list[int]:
    """Quarters used at each budget when every budget is spent exactly."""
    return list(range(n))


def running_max(v: list[float]) -> tuple[list[float], list[int]]:
    best: list[float] = []
    idx: list[int] = []
    b, i = NEG, -1
    for x, val in enumerate(v):
        if val >= b:  # ties: the largest index
            b, i = val, x
        best.append(b)
        idx.append(i)
    return best, idx


def _weighted(v: list[float], weight: float, exponent: float) -> list[float]:
    return [NEG if val == NEG else weight * max(val, 0.0) ** exponent for val in v]


def scan(
    b_plus: Any, b_used: Any, r_plus: Any, r_used: Any,
    wb: float, wr: float, q: int, exponent: float,
    share_min: float | None, share_max: float | None,
) -> tuple[float, int, int] | None:
    nb = min(q, len(b_plus) - 1)
    nr = min(q, len(r_plus) - 1)
    bv = _weighted(b_plus[: nb + 1], wb, exponent)
    rv = _weighted(r_plus[: nr + 1], wr, exponent)
    top, bx, by = NEG, -1, -1
    bounded = share_min is not None or share_max is not None
    for x in range(nb + 1):
        if bv[x] == NEG:
            continue
        for y in range(min(nr, q - x) + 1):
            if rv[y] == NEG:
                continue
            if bounded:
                ub, ur = b_used[x], r_used[y]
                used = ub + ur
                share = ub / used if used > 0 else 0.0
                if share_min is not None and not (share >= share_min - 1e-12 or (used == 0 and share_min <= 0)):
                    continue
                if share_max is not None and share > share_max + 1e-12:
                    continue
            val = bv[x] + rv[y]
            # Greatest maximiser: a larger x wins ties; within a row the first y does.
            if val > top or (val == top and x > bx):
                top, bx, by = val, x, y
    if top == NEG:
        return None
    return top, bx, by
