"""The one pydantic configuration every model shares.

Strict (no silent coercion of "10" into 10), closed (unknown keys are an error, so a
typo in a scenario file is reported instead of ignored) and finite (NaN and infinity
would poison the optimiser and the JSON output).
"""

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        allow_inf_nan=False,
        frozen=True,
        validate_default=True,
    )
