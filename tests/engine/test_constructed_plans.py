"""The engine assembles its Plan with pydantic's ``model_construct``, without
validation; these tests prove that validating it would change nothing, so no bad value
can hide there, and that assembling it builds no validator (start-up depends on it)."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from hypothesis import given, settings
from pydantic import ValidationError

from planner.engine import build_plan
from planner.models import Plan, Scenario
from planner.models.plan import TacticPlan

from .strategies import KB, scenarios


def assert_valid_as_is(plan: Plan) -> None:
    validated = Plan.model_validate(plan.model_dump())
    # repr, not ==: 3 == 3.0, but an int in a float field is a different object.
    assert repr(validated) == repr(plan)
    assert validated.model_dump_json() == plan.model_dump_json()
    assert Plan.model_validate_json(plan.model_dump_json()) == plan


def floats(value: object):  # type: ignore[no-untyped-def]
    if isinstance(value, float):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from floats(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from floats(v)


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_every_engine_plan_is_exactly_what_validation_gives(scenario: Scenario) -> None:
    plan = build_plan(scenario, KB)
    assert_valid_as_is(plan)
    assert all(math.isfinite(x) for x in floats(plan.model_dump()))


@settings(max_examples=50, deadline=None)
@given(scenarios())
def test_first_paint_plans_are_exactly_what_validation_gives(scenario: Scenario) -> None:
    assert_valid_as_is(build_plan(scenario, KB, sensitivity=False))


@pytest.mark.parametrize("preset", [p.id for p in KB.presets])
def test_preset_plans_are_valid_as_is(preset: str) -> None:
    assert_valid_as_is(build_plan(KB.preset(preset).scenario, KB))


def test_plans_share_no_list_with_the_engine_caches() -> None:
    """Cached instances are shared between plans (they are frozen), but every list a plan
    holds is its own: changing one plan's list must not reach the next plan."""
    first = build_plan(KB.default_scenario(), KB, sensitivity=False)
    second = build_plan(KB.default_scenario(), KB, sensitivity=False)
    for a, b in zip(first.tactics + first.alternatives, second.tactics + second.alternatives, strict=True):
        assert a.why.details.contributions is not b.why.details.contributions
        assert a.kpis is not b.kpis and a.activities is not b.activities
    assert first.sources is not second.sources


def test_a_wrong_type_would_be_caught_by_the_check() -> None:
    """The check above can fail: an int where a float belongs differs after validation."""
    plan = build_plan(KB.default_scenario(), KB)
    bad = plan.model_copy(update={"objective": int(plan.objective)})
    with pytest.raises(AssertionError):
        assert_valid_as_is(bad)
    nested = plan.tactics[0].model_copy(update={"hours": int(plan.tactics[0].hours)})
    assert isinstance(nested, TacticPlan)
    with pytest.raises(AssertionError):
        assert_valid_as_is(plan.model_copy(update={"tactics": [nested, *plan.tactics[1:]]}))


def test_a_missing_field_would_be_caught_by_the_check() -> None:
    """``model_construct`` leaves a forgotten field out instead of refusing it; validating
    the dump reports it."""
    plan = build_plan(KB.default_scenario(), KB)
    first = plan.tactics[0]
    forgot = TacticPlan.model_construct(**{k: v for k, v in first.__dict__.items() if k != "output"})
    with pytest.raises(ValidationError, match="output"):
        assert_valid_as_is(plan.model_copy(update={"tactics": [forgot, *plan.tactics[1:]]}))


PROBE = """
import json, sys, pydantic_core
from planner.engine import build_plan
from planner.knowledge import load_knowledge
from planner.models import plan as models

kb = load_knowledge()
build_plan(kb.default_scenario(), kb)
exec(sys.argv[1])
built = sorted(
    name for name, cls in vars(models).items()
    if isinstance(cls, type) and issubclass(cls, models.StrictModel) and cls.__module__ == models.__name__
    and isinstance(cls.__pydantic_validator__, pydantic_core.SchemaValidator)
)
print(json.dumps(built))
"""


@pytest.mark.parametrize(
    ("then", "built"),
    [
        ("", []),
        # The control: the probe sees a validator once one is built.
        ("models.Hours.model_validate({'available': 1.0, 'allocated': 1.0, 'unallocated': 0.0})", ["Hours"]),
    ],
)
def test_assembling_a_plan_builds_no_validator(then: str, built: list[str]) -> None:
    """The app paints its first plan without building a validator for any of the plan's
    models (pydantic builds them on first use, see planner.models.base): a fresh process
    plans and then checks each model of planner.models.plan."""
    out = subprocess.run([sys.executable, "-c", PROBE, then], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == built
