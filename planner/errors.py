"""Errors the user can act on, and how to word pydantic's errors for people.

Every shell (CLI, TUI) catches :class:`PlannerError` and shows its message; nothing
that derives from it should ever reach the user as a traceback.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from planner.fmt import short


class PlannerError(Exception):
    """An error with a message meant for the user."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class InputError(PlannerError):
    """Invalid scenario input: a flag, a scenario file, a preset name."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


def field_path(loc: tuple[Any, ...]) -> str:
    """``('bounds', 'linkedin', 'min')`` → ``bounds.linkedin.min``; ``('goals', 1)`` → ``goals[1]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validation_messages(exc: ValidationError) -> list[tuple[str, str]]:
    """``(field, message)`` pairs, worded for a person: what was wrong and what to do."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        field = field_path(loc) or "scenario"
        msg = str(err["msg"])
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        kind = err["type"]
        if kind == "missing":
            msg = "is required"
        elif kind == "extra_forbidden":
            msg = "is not a known field; remove it or check its spelling"
        else:
            msg = msg[0].lower() + msg[1:]
            if "input" in err and kind not in ("value_error", "assertion_error") and not isinstance(err["input"], (dict, list)):
                msg += f" (got {short(err['input'])})"
        out.append((field, msg))
    return out


def first_validation_message(exc: ValidationError) -> str:
    field, msg = validation_messages(exc)[0]
    more = len(exc.errors()) - 1
    return f"{field}: {msg}" + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")
