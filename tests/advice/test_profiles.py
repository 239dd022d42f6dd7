"""Realistic businesses checked against what a strategist expects of their plans.

Each profile in ``profiles.toml`` runs through the real CLI parser and the engine (in
process, so the suite stays fast), and every expectation is checked:

- ``broadcast_share = [lo, hi]``: share of hours on broadcast tactics;
- ``max_tactics`` / ``min_tactics``: tactics with hours;
- ``platform_share_min`` / ``platform_share_max`` ({platform: share}, "a+b" joins
  platforms): share of the allocated hours;
- ``platform_hours_min`` / ``platform_hours_max``: hours on a platform;
- ``zero_platforms``: no hours there; ``any_platform``: at least one gets hours;
- ``top_platform_in``: a platform with the most hours (ties count) is one of these;
- ``no_paid``: no hours on paid tactics; ``paid_hours_min``; ``paid_share_max``;
- ``slow_share_max``: share of hours on tactics slower than the ROI horizon;
- ``any_tactic_matching`` / ``no_tactic_matching``: a regular expression on tactic ids;
- ``hours_allocated``: exactly these hours.

Every profile also needs a non-empty plan that uses 90% of the hours, or a warning
saying why not.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from planner.cli.main import build_parser
from planner.cli.plan import overrides_from
from planner.engine import build_plan
from planner.inputs import build_scenario
from planner.knowledge import load_knowledge
from planner.models import Plan

PROFILES = tomllib.loads((Path(__file__).parent / "profiles.toml").read_text(encoding="utf-8"))["profile"]
KB = load_knowledge()


def plan_for(args: list[str]) -> Plan:
    parsed = build_parser().parse_args(["plan", *args])
    overrides, bounds = overrides_from(parsed)
    scenario = build_scenario(KB, scenario_file=parsed.scenario, preset=parsed.preset, overrides=overrides, bounds=bounds)
    return build_plan(scenario, KB)


def on(plan: Plan, key: str) -> float:
    wanted = set(key.split("+"))
    return sum(t.hours for t in plan.tactics if t.platform in wanted)


def problems(plan: Plan, expect: dict) -> list[str]:
    out: list[str] = []
    tactics = plan.tactics
    total = sum(t.hours for t in tactics) or 1e-12
    if not tactics:
        out.append("empty plan")
    elif plan.hours.allocated < 0.9 * plan.hours.available - 1e-9 and not plan.warnings:
        out.append("under 90% of the hours allocated, and no warning says why")
    paid = sum(t.hours for t in tactics if t.paid)
    for key, want in expect.items():
        if key == "broadcast_share":
            if not want[0] - 1e-9 <= plan.split.broadcast <= want[1] + 1e-9:
                out.append(f"broadcast {plan.split.broadcast:.2f} outside {want}")
        elif key == "max_tactics" and len(tactics) > want:
            out.append(f"{len(tactics)} tactics > {want}")
        elif key == "min_tactics" and len(tactics) < want:
            out.append(f"{len(tactics)} tactics < {want}")
        elif key == "platform_share_min":
            out += [f"{p} share {on(plan, p) / total:.2f} < {v}" for p, v in want.items() if on(plan, p) / total < v - 1e-9]
        elif key == "platform_share_max":
            out += [f"{p} share {on(plan, p) / total:.2f} > {v}" for p, v in want.items() if on(plan, p) / total > v + 1e-9]
        elif key == "platform_hours_min":
            out += [f"{p} {on(plan, p)} h < {v}" for p, v in want.items() if on(plan, p) < v - 1e-9]
        elif key == "platform_hours_max":
            out += [f"{p} {on(plan, p)} h > {v}" for p, v in want.items() if on(plan, p) > v + 1e-9]
        elif key == "zero_platforms":
            out += [f"{p} gets {on(plan, p)} h" for p in want if on(plan, p) > 0]
        elif key == "any_platform":
            if not any(on(plan, p) > 0 for p in want):
                out.append(f"none of {want}")
        elif key == "top_platform_in":
            by: dict[str, float] = {}
            for t in tactics:
                by[t.platform] = by.get(t.platform, 0.0) + t.hours
            top = max(by.values(), default=0.0)
            if not any(abs(h - top) < 1e-9 and p in want for p, h in by.items()):
                out.append(f"top platform not in {want}: {by}")
        elif key == "no_paid":
            if paid > 0:
                out.append(f"{paid} h on paid tactics without a budget")
        elif key == "paid_hours_min":
            if paid < want - 1e-9:
                out.append(f"{paid} h on paid tactics < {want}")
        elif key == "paid_share_max":
            if paid / total > want + 1e-9:
                out.append(f"paid share {paid / total:.2f} > {want}")
        elif key == "slow_share_max":
            horizon = plan.scenario.roi_horizon_months
            slow = sum(t.hours for t in tactics if t.months_to_results > horizon)
            if slow / total > want + 1e-9:
                out.append(f"slow share {slow / total:.2f} > {want}")
        elif key == "any_tactic_matching":
            if not any(re.search(want, t.id) for t in tactics):
                out.append(f"no tactic matches /{want}/")
        elif key == "no_tactic_matching":
            hit = [t.id for t in tactics if re.search(want, t.id)]
            if hit:
                out.append(f"{hit} match /{want}/")
        elif key == "hours_allocated":
            if abs(plan.hours.allocated - want) > 1e-9:
                out.append(f"{plan.hours.allocated} h allocated, expected {want}")
        elif key not in ("max_tactics", "min_tactics"):
            out.append(f"unknown expectation {key!r}")
    return out


@pytest.mark.parametrize("profile", PROFILES, ids=[p["id"] for p in PROFILES])
def test_profile(profile: dict) -> None:
    plan = plan_for(profile["args"])
    bad = problems(plan, profile["expect"])
    summary = ", ".join(f"{t.id} {t.hours:g}" for t in plan.tactics)
    if "known_miss" in profile:
        assert bad, f"{profile['id']} now holds: remove its known_miss ({summary})"
        pytest.xfail(f"{profile['known_miss']} ({'; '.join(bad)})")
    assert not bad, f"{profile['who']}: {'; '.join(bad)} | plan: {summary}"


def test_the_checker_can_fail() -> None:
    """A plan that breaks each kind of expectation is reported, so a pass means something."""
    plan = plan_for(["--preset", "consumer-brand"])
    wrong = {
        "broadcast_share": [0.0, 0.01], "max_tactics": 1, "min_tactics": 50, "zero_platforms": ["instagram"],
        "any_platform": ["podcast"], "no_tactic_matching": "^instagram", "hours_allocated": 1.0,
        "platform_share_min": {"podcast": 0.5}, "top_platform_in": ["podcast"],
    }
    assert len(problems(plan, wrong)) == len(wrong)
