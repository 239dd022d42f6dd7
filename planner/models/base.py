"""The one pydantic configuration every model shares.

Strict (no silent coercion of "10" into 10), closed (unknown keys are an error, so a
typo in a scenario file is reported instead of ignored) and finite (NaN and infinity
would poison the optimiser and the JSON output).

Validators are built on first use (``defer_build``), not when the class is defined:
building them is most of pydantic's start-up cost, and a run of the app or the CLI
only ever validates a few of these models (a cached knowledge base, see
:mod:`planner.knowledge.cache`, validates none).

Validation is for what comes in from outside (files, flags, fields the user types).
Values the planner computes itself (the engine's Plan) are assembled bottom-up with
pydantic's own ``model_construct``, which runs no validator and so never builds one;
tests (``tests/engine/test_constructed_plans.py``) check that validating them would give
exactly the same objects, so this never hides a bad value. Why this is fast enough for
a keystroke: docs/performance.md, "Typed results, one construction path".
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        allow_inf_nan=False,
        frozen=True,
        validate_default=True,
        defer_build=True,
    )
