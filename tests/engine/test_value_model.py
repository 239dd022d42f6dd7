"""Properties of the value model (issue "Plans a strategist would sign"), over generated
scenarios: money gates paid tactics, the horizon gates slow ones, the inputs that
describe a business change its plan, small nudges keep most of it, and there is no
community to host without an audience."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.engine import build_plan
from planner.models import Plan, Scenario
from tests.engine.strategies import GOALS, KB, scenarios

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def planned(plan: Plan) -> dict[str, float]:
    return {t.id: t.hours for t in plan.tactics}


def changed(a: Plan, b: Plan) -> bool:
    """The benchmark's meaning of "changes the plan": different tactics, or at least
    30% of the week moved between tactics."""
    ha, hb = planned(a), planned(b)
    if set(ha) != set(hb):
        return True
    total = max(sum(ha.values()), 1e-9)
    moved = sum(abs(ha[t] - hb[t]) for t in ha) / 2
    return moved / total >= 0.3


@SETTINGS
@given(scenarios(), st.sampled_from([0.0]))
def test_paid_tactics_get_no_hours_without_an_ad_budget(scenario: Scenario, budget: float) -> None:
    plan = build_plan(scenario.with_changes(ad_budget_per_month=budget), KB)
    assert not [t.id for t in plan.tactics if t.paid]
    assert all(t.paid == KB.tactic(t.id).paid for t in plan.tactics + plan.alternatives)


@SETTINGS
@given(scenarios(with_bounds=False))
def test_no_hosted_community_without_an_existing_audience(scenario: Scenario) -> None:
    plan = build_plan(scenario.with_changes(existing_audience="none"), KB)
    assert "community-hosting" not in planned(plan)


@SETTINGS
@given(scenarios(with_bounds=False, with_share=False), st.integers(1, 24), st.integers(1, 24))
def test_a_shorter_horizon_never_raises_the_share_of_tactics_slower_than_it(
    scenario: Scenario, a: int, b: int
) -> None:
    short, long_ = sorted((a, b))
    def slow_share(plan: Plan) -> float:
        total = sum(t.hours for t in plan.tactics)
        slow = sum(t.hours for t in plan.tactics if t.months_to_results > short)
        return slow / total if total else 0.0

    at_short = build_plan(scenario.with_changes(roi_horizon_months=short), KB)
    at_long = build_plan(scenario.with_changes(roi_horizon_months=long_), KB)
    assert slow_share(at_short) <= slow_share(at_long) + 1e-9


def sample(n: int, seed: int) -> list[Scenario]:
    """Realistic-looking scenarios with goals and no bounds (the shape of a person's
    answers), drawn from a fixed seed so the share below is a fixed measurement."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        out.append(Scenario(
            name=f"sample {i}",
            reach_priority=rng.randrange(0, 101, 5),
            hours_per_week=rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 40]),
            roi_horizon_months=rng.choice([2, 3, 6, 12, 24]),
            roi_measurability=rng.choice(["low", "medium", "high"]),
            sales_tracking=rng.random() < 0.4,
            audience=rng.choice(["broad", "niche"]),
            market=rng.choice(["b2c", "b2b"]),
            scheduler=rng.random() < 0.5,
            content_capacity=rng.choice(["low", "medium", "high"]),
            local=rng.random() < 0.4,
            ad_budget_per_month=rng.choice([0.0, 0.0, 0.0, 500.0, 2000.0]),
            existing_audience=rng.choice(["none", "small", "small", "large"]),
            goals=rng.sample(GOALS, rng.randint(1, 3)),
        ))
    return out


def test_flipping_the_market_changes_most_plans() -> None:
    cases = sample(60, seed=9)
    moved = sum(
        changed(build_plan(s, KB), build_plan(s.with_changes(market="b2b" if s.market == "b2c" else "b2c"), KB))
        for s in cases
    )
    assert moved / len(cases) > 0.5, f"{moved} of {len(cases)}"


def test_partnerships_against_awareness_changes_most_plans() -> None:
    cases = sample(60, seed=10)
    moved = 0
    for s in cases:
        rest = [g for g in s.goals if g not in ("partnerships", "awareness")]
        a = build_plan(s.with_changes(goals=[*rest, "partnerships"]), KB)
        b = build_plan(s.with_changes(goals=[*rest, "awareness"]), KB)
        moved += changed(a, b)
    assert moved / len(cases) > 0.5, f"{moved} of {len(cases)}"


def test_a_first_paint_plan_is_the_full_plan_without_its_sensitivity() -> None:
    """The app paints ``build_plan(..., sensitivity=False)`` first: everything but the
    what-ifs (the sensitivity and each tactic's "what would change it") must be the
    full plan's, so the second paint changes nothing else."""
    for preset in KB.presets:
        full = build_plan(preset.scenario, KB)
        quick = build_plan(preset.scenario, KB, sensitivity=False)
        assert quick.sensitivity is None and full.sensitivity is not None
        assert all(t.why.would_change is None for t in quick.tactics)
        tactics = [t.model_copy(update={"why": t.why.model_copy(update={"would_change": None})}) for t in full.tactics]
        assert quick.model_copy(update={"sensitivity": full.sensitivity}) == full.model_copy(update={"tactics": tactics})


def kept_half(base: Plan, nudged: Plan) -> bool:
    before, after = set(planned(base)), set(planned(nudged))
    return len(before & after) >= len(before) / 2


# Stability is a rate, not a law: wherever two plans differ at reach 0 and 100, some
# nudge crosses the boundary between them, and a one-tactic plan then changes whole.
# What a person should see is that almost every small nudge keeps most of the plan.


def test_a_five_point_reach_nudge_keeps_at_least_half_the_tactics_in_almost_every_plan() -> None:
    cases = sample(100, seed=5)
    kept = [
        kept_half(build_plan(s, KB), build_plan(s.with_changes(reach_priority=min(100, max(0, s.reach_priority + d))), KB))
        for s in cases
        for d in (-5, 5)
    ]
    assert sum(kept) / len(kept) >= 0.95, f"{sum(kept)} of {len(kept)}"


def test_a_ten_percent_change_in_hours_keeps_at_least_half_the_tactics_in_almost_every_plan() -> None:
    cases = sample(100, seed=6)
    kept = [
        kept_half(build_plan(s, KB), build_plan(s.with_changes(hours_per_week=round(s.hours_per_week * f * 4) / 4), KB))
        for s in cases
        for f in (0.9, 1.1)
    ]
    assert sum(kept) / len(kept) >= 0.95, f"{sum(kept)} of {len(kept)}"


@SETTINGS
@given(st.sampled_from(sorted(t.id for t in KB.tactics)), st.floats(1.5, 4.0), st.floats(0.05, 1.0))
def test_a_format_that_takes_longer_earns_less_per_hour_and_little_more_in_all(
    tactic_id: str, slower: float, worth: float
) -> None:
    """Effort is a cost, not a worth: the same tactic with a format that takes
    ``slower`` times the hours to saturate is worth less at every budget up to the
    faster one's saturation hours, and its ceiling
    rises by at most slower^capacity_power (a quarter power: 19% for twice the hours)."""
    from planner.engine.allocate import Item
    from planner.engine.fit import item_score

    fast = KB.tactic(tactic_id)
    slow = fast.model_copy(update={"saturation_hours": fast.saturation_hours.model_copy(
        update={"value": fast.saturation_hours.value * slower})})

    def item(t) -> Item:  # type: ignore[no-untyped-def]
        s = t.saturation_hours.value
        return Item(t.id, t.strategy, t.platform, item_score(t, worth, KB), s, 0, 10_000, overhead=0.0)

    a, b = item(fast), item(slow)
    assert all(b.value(q) < a.value(q) for q in range(1, round(4 * fast.saturation_hours.value) + 1))
    ceiling = b.value(10_000) / a.value(10_000)
    assert 1 < ceiling <= slower ** KB.curve.capacity_power.value + 1e-9
