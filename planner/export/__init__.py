"""Plans and comparisons as self-contained Markdown documents.

Pure string building: no file I/O (writing is the caller's job), no clock (the date
is a parameter, so the same plan always gives byte-identical output), no view code.
"""

from __future__ import annotations

import datetime
import os

from planner.errors import PlannerError
from planner.export.comparison import comparison_to_markdown
from planner.export.markdown import plan_to_markdown


def today_from_env() -> datetime.date:
    """The date to print: ``$SOURCE_DATE_EPOCH`` (reproducible builds' convention,
    in UTC) if set, else today."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return datetime.date.today()
    try:
        return datetime.datetime.fromtimestamp(int(raw), tz=datetime.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise PlannerError(
            f"SOURCE_DATE_EPOCH={raw!r} is not a whole number of seconds since 1970; fix or unset it"
        ) from None


def parse_date(text: str, flag: str = "--date") -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise PlannerError(f"{flag} {text!r}: expected a date as YYYY-MM-DD, e.g. 2025-03-31") from None


__all__ = ["comparison_to_markdown", "parse_date", "plan_to_markdown", "today_from_env"]
