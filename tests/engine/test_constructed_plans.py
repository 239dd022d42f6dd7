"""The engine assembles its Plan without validation (StrictModel.trusted); these tests
prove that validating it would change nothing, so no bad value can hide there."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from pydantic import Field

from planner.engine import build_plan
from planner.models import Plan, Scenario
from planner.models.base import StrictModel
from planner.models.plan import Hours, PlanWarning, Sensitivity, TacticPlan

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


@pytest.mark.parametrize("preset", [p.id for p in KB.presets])
def test_preset_plans_are_valid_as_is(preset: str) -> None:
    assert_valid_as_is(build_plan(KB.preset(preset).scenario, KB))


def test_trusted_builds_nested_models_and_defaults_like_validation() -> None:
    # Defaults filled in (source, tactic), as validation fills them.
    data = {"code": "c", "message": "m"}
    assert repr(PlanWarning.trusted(data)) == repr(PlanWarning.model_validate(data))
    case = {"label": "reach +10", "broadcast_share": 0.5, "delta": 0.1, "added": ["a"], "removed": []}
    nested = {"verdict": "stable", "summary": "s", "core": ["a"], "swing": [{"id": "b", "moved_by": ["hours +25%"]}], "cases": [case]}
    assert repr(Sensitivity.trusted(nested)) == repr(Sensitivity.model_validate(nested))
    assert Sensitivity.trusted(nested).model_fields_set == Sensitivity.model_validate(nested).model_fields_set


def test_trusted_refuses_unknown_and_missing_keys() -> None:
    with pytest.raises(KeyError, match="spare"):
        Hours.trusted({"available": 3.0, "allocated": 2.5, "unallocated": 0.5, "spare": 1.0})
    with pytest.raises(KeyError, match="unallocated"):
        Hours.trusted({"available": 3.0, "allocated": 2.5})


def test_trusted_refuses_models_it_cannot_build() -> None:
    class Aliased(StrictModel):
        value: int = Field(alias="v")

    with pytest.raises(TypeError, match="model_construct"):
        Aliased.trusted({"value": 1})


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
