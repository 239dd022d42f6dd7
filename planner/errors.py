"""Errors the user can act on, and how to word pydantic's errors for people.

Every shell (CLI, TUI) catches :class:`PlannerError` and shows its message; nothing
that derives from it should ever reach the user as a traceback.

The one place pydantic's errors are put into words (:data:`WORDING`): scenario
inputs from flags, files and the store (:func:`explain`, :func:`first_problem`), the
app's fields, and strategy files (:func:`explain_at_key`). It imports only
:mod:`planner.fmt` (and pydantic for type checking), so every layer from the
knowledge base up may use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from planner.fmt import short

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails


class PlannerError(Exception):
    """An error with a message meant for the user."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class InputError(PlannerError):
    """Invalid scenario input: a flag, a scenario file, a preset name.

    ``detail`` is the message without the field's location, for a caller that names
    the field its own way (the CLI names the flag)."""

    def __init__(self, message: str, field: str | None = None, *, detail: str | None = None) -> None:
        self.field = field
        self.detail = detail or message
        super().__init__(message)


def field_path(loc: tuple[int | str, ...]) -> str:
    """``('bounds', 'linkedin', 'min')`` → ``bounds.linkedin.min``; ``('goals', 1)`` → ``goals[1]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# --- The wording table --------------------------------------------------------
# Every message about a bad value, in the CLI (flags, scenario files, the store) and
# in the app (under the field), is written from these few lines, so the same mistake
# reads the same everywhere: what was wrong, then how to fix it.

SUBJECTS: dict[str, tuple[str, str]] = {
    "name": ("the scenario name", "Café, 10 h"),
    "notes": ("the notes", ""),
    "reach_priority": ("reach priority", "40"),
    "hours_per_week": ("hours per week", "8"),
    "roi_horizon_months": ("months until results", "6"),
    "roi_measurability": ("measurable ROI", ""),
    "sales_tracking": ("sales tracking", ""),
    "audience": ("audience", ""),
    "market": ("market", ""),
    "scheduler": ("scheduling tool", ""),
    "content_capacity": ("content capacity", ""),
    "local": ("whether customers are local", ""),
    "ad_budget_per_month": ("the monthly ad budget", "500"),
    "existing_audience": ("your existing audience", ""),
    "goals": ("goals", ""),
    "exclude": ("channels left out", ""),
    "bounds": ("hours limits", ""),
    "broadcast_share": ("broadcast share limits", ""),
}
"""Scenario field → (what a sentence calls it, an example of a good value). A field
missing here is called by its name with spaces for underscores."""

WORDING: dict[str, str] = {
    "greater_than": "{value} is too low for {subject}; use a number above {gt}{eg}",
    "greater_than_equal": "{value} is too low for {subject}; use {ge} or more{eg}",
    "less_than": "{value} is too high for {subject}; use less than {lt}",
    "less_than_equal": "{value} is too high for {subject}; use {le} or less",
    "string_too_short": "{subject} is empty; fill it in{eg}",
    "string_too_long": "{subject} is too long; keep it to {max_length} characters",
    "too_short": "{subject} has too few entries; give at least {min_length}",
    "too_long": "{subject} has too many entries; keep it to {max_length}",
    "literal_error": "{value} is not a choice for {subject}; use {expected}",
    "int_from_float": "{value} is not a whole number; {subject} takes whole numbers{eg}",
    "int_type": "{value} is not a whole number; write digits without quotes{eg}",
    "int_parsing": "{value} is not a whole number; use digits{eg}",
    "float_type": "{value} is not a number; write digits without quotes{eg}",
    "float_parsing": "{value} is not a number; use digits, e.g. 8 or 2.5",
    "finite_number": "{value} is not a finite number; use digits{eg}",
    "bool_type": "{value} is not yes or no; {subject} takes true or false",
    "bool_parsing": "{value} is not yes or no; {subject} takes true or false",
    "string_type": "{value} is not text; {subject} takes text in quotes",
    "string_pattern_mismatch": "{value} is not an id; ids are lowercase letters, digits and dashes, e.g. linkedin",
    "not_a_web_address": "{value} is not a web address; write it in full, e.g. https://example.com/page",
    "list_type": "{subject} must be a list, e.g. [\"a\", \"b\"]",
    "dict_type": "{subject} must be an object of fields",
    "model_type": "{subject} must be an object of fields",
    "missing": "{subject} is missing; add it",
    "extra_forbidden": "{subject} is not a known field; remove it or check its spelling",
    # What the app reads from a text box before the model sees it:
    "empty": "{subject} is empty; type a number{eg}",
    "not_a_number": "{value} is not a number; type digits, e.g. 8 or 2.5",
    "not_whole": "{value} is not a whole number; type digits{eg}",
}
"""Pydantic's error type (or one of the app's own: ``empty``, ``not_a_number``,
``not_whole``) → the sentence. ``{eg}`` becomes ", e.g. <example>" when the field has
an example. A type missing here gets a plain fallback, never pydantic's text."""


def word(
    kind: str, *, subject: str = "the value", value: object = None, example: str = "", key_named: bool = False, **limits: object
) -> str:
    """One message from :data:`WORDING`. ``key_named``: the message follows the key
    it is about (``tactics[id=x].kind: is missing; add it``), so a sentence that would
    start with the subject starts with its verb instead."""
    template = WORDING.get(kind, "{value} is not accepted for {subject}; check the value")
    if key_named:
        template = template.removeprefix("{subject} ")
    values = {k: _number(v) for k, v in limits.items()}
    return template.format(subject=subject, value=_shown(value), eg=f", e.g. {example}" if example else "", **values)


def subject_of(loc: tuple[int | str, ...], names: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(how a sentence names the value at ``loc``, an example). ``names`` turns
    platform and tactic ids into their names: people read "Instagram", not "instagram"."""
    names = names or {}
    if not loc:
        return "the scenario", ""
    head = str(loc[0])
    subject, example = SUBJECTS.get(head, (head.replace("_", " "), ""))
    rest = loc[1:]
    if head == "bounds" and rest:
        who = names.get(str(rest[0]), str(rest[0]))
        if len(rest) > 1 and rest[1] in ("min", "max"):
            return f"the {'minimum' if rest[1] == 'min' else 'maximum'} hours for {who}", "2"
        return who, ""
    if head == "broadcast_share" and rest and rest[0] in ("min", "max"):
        return f"the {'minimum' if rest[0] == 'min' else 'maximum'} broadcast share", "0.5"
    if rest and not isinstance(rest[0], int):
        subject = f"{subject} {' '.join(str(r) for r in rest)}"
    return subject, example


_OWN = ("value_error", "assertion_error")
"""Errors raised by the models' own validators, whose messages are already written for
people ("is blank; give the scenario a name", "min (2 h) is above max (1 h); swap them")."""


def explain(err: ErrorDetails, names: Mapping[str, str] | None = None) -> str:
    """One pydantic error about a scenario as a sentence from the wording table,
    naming what it is about in the user's words ("hours per week", "Instagram")."""
    loc = tuple(err.get("loc", ()))
    kind = str(err.get("type", ""))
    subject, example = subject_of(loc, names)
    if kind == "extra_forbidden":
        subject = field_path(loc) or "a field"
    if kind in _OWN:
        msg = _own_message(err)
        joiner = " " if msg.split(" ", 1)[0] in ("is", "contains", "lists", "has", "must") else ": "
        return f"{subject}{joiner}{msg}"
    return _sentence(err, subject, example)


def explain_at_key(err: ErrorDetails) -> str:
    """One pydantic error for a message that already names the file and the key
    (a strategies file's ``FILE: tactics[id=x].min_hours.value: …``): the wording
    table's sentence, about the key's own name where the sentence needs one, and a
    validator's own message as it is (it names its keys itself)."""
    if str(err.get("type", "")) in _OWN:
        msg = _own_message(err)
        return msg[:1].lower() + msg[1:]
    # ``min_hours`` of ``min_hours.value``: the key that says what the number is.
    keys = [str(p) for p in err.get("loc", ()) if not isinstance(p, int) and p != "value"]
    return _sentence(err, keys[-1].replace("_", " ") if keys else "this entry", "", key_named=True)


def _own_message(err: ErrorDetails) -> str:
    return str(err.get("msg", "")).removeprefix("Value error, ").removeprefix("Assertion failed, ")


def _sentence(err: ErrorDetails, subject: str, example: str, *, key_named: bool = False) -> str:
    kind = str(err.get("type", ""))
    ctx = dict(err.get("ctx") or {})
    if kind == "string_too_short" and ctx.get("min_length", 1) > 1:
        return f"{'' if key_named else subject + ' '}is too short; write at least {ctx['min_length']} characters"
    if kind == "string_pattern_mismatch" and str(ctx.get("pattern", "")).startswith("^https?://"):
        kind = "not_a_web_address"
    value = err.get("input")
    if isinstance(value, (dict, list)):
        value = None
    try:
        return word(kind, subject=subject, value=value, example=example, key_named=key_named, **ctx)
    except (KeyError, IndexError, ValueError):
        return word("", subject=subject, value=value)


def _shown(value: object) -> str:
    if value is None:
        return "this"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        shown = _number(value) if not (isinstance(value, int) and value.bit_length() > 128) else ""
        return shown if shown and len(shown) <= 40 else short(value)
    text = str(value)
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _number(value: object) -> str:
    if isinstance(value, float) and value == value and value not in (float("inf"), float("-inf")):
        return f"{value:g}"
    return str(value)


def validation_messages(exc: ValidationError, names: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """``(field, message)`` pairs, worded for a person (see :data:`WORDING`): what was
    wrong and what to do. ``field`` is the location (``bounds.linkedin``), for files."""
    return [(field_path(tuple(err["loc"])) or "scenario", explain(err, names)) for err in exc.errors(include_url=False)]


def first_problem(exc: ValidationError, names: Mapping[str, str] | None = None) -> tuple[str, str]:
    """``(field, message)`` for the first problem, the message noting how many more
    there are: for a one-line message that names the field its own way (a flag, a
    file, a scenario name)."""
    field, msg = validation_messages(exc, names)[0]
    return field, f"{msg}{_more_problems(exc)}"


def first_validation_message(exc: ValidationError, names: Mapping[str, str] | None = None) -> str:
    """``"<field>: <message>"`` for the first problem, noting how many more there are."""
    field, msg = first_problem(exc, names)
    return f"{field}: {msg}"


def _more_problems(exc: ValidationError) -> str:
    more = len(exc.errors()) - 1
    return f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
