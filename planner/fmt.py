"""How numbers from a plan are written, shared by every view (CLI, Markdown export, TUI),
so the same figure never appears as "3.25" in one place and "3.2" in another; and how
a value is quoted in a message (:func:`short`). Making text safe to print is
:mod:`planner.text`'s job."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import reprlib


def hours(x: float) -> str:
    """``3.25`` → ``"3.25"``; ``8.0`` → ``"8"``. Plans allocate in quarter hours."""
    return f"{round(x, 2) + 0.0:g}"


def percent(share: float) -> str:
    """``0.85`` → ``"85%"``."""
    return f"{share:.0%}"


def signed_hours(x: float) -> str:
    """A change in hours: ``"+1.25"``, ``"-0.5"``, or ``"0"`` for no change."""
    r = round(x, 2) + 0.0
    if r == 0:
        return "0"
    return f"{r:+g}"


def points(delta: float) -> str:
    """A change in share as percentage points: ``0.05`` → ``"+5 pts"``."""
    p = round(delta * 100) + 0
    return "0 pts" if p == 0 else f"{p:+d} pts"


def listing(items: Sequence[str]) -> str:
    """Items as a sentence lists them: "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def with_platform(tactic: str, platform: str) -> str:
    """``"Paid social ads (Facebook)"``; just the tactic when its name already says the
    platform: ``"Email newsletter"`` on Email newsletter, ``"Instagram feed posts"``,
    ``"Niche and industry forum participation"`` on Niche and industry forums."""
    return tactic if _says(tactic, platform) else f"{tactic} ({platform})"


def _says(tactic: str, platform: str) -> bool:
    """Every word of the platform's name (without a bracketed aside, a plural "s" or a
    little word) starts a word of the tactic's name."""
    words = re.findall(r"[\w-]+", tactic.casefold())
    wanted = [w for w in re.findall(r"[\w-]+", re.sub(r"\(.*?\)", "", platform).casefold()) if w not in _LITTLE]
    stems = [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in wanted]
    return bool(stems) and all(any(word.startswith(stem) for word in words) for stem in stems)


_LITTLE = frozenset({"and", "or", "the", "of", "a", "an", "your", "own"})


def timestamp(ns: int, *, iso: bool = False) -> str:
    """A file's modification time (``st_mtime_ns``) in local time, as listings show it:
    ``"2025-11-21 09:30"``, or ISO 8601 with the offset for scripts."""
    moment = datetime.datetime.fromtimestamp(ns / 1e9).astimezone()
    return moment.isoformat(timespec="seconds") if iso else moment.strftime("%Y-%m-%d %H:%M")


SHORT = 60
"""Characters of a value quoted in a message: enough to recognise it."""

@cache
def _repr() -> reprlib.Repr:
    import reprlib  # only when a message quotes a value: not at start-up

    r = reprlib.Repr()
    r.maxstring = r.maxother = SHORT
    r.maxlong = 24
    r.maxlevel = 2
    r.maxlist = r.maxtuple = r.maxdict = r.maxset = 4
    return r


def short(value: Any, limit: int = SHORT) -> str:
    """``repr(value)`` cut to about ``limit`` characters, for quoting what a user gave
    in a one-line message: 100,000 characters of notes become ``'xxxx...xxxx'``."""
    try:
        text = _repr().repr(value)
    except ValueError:  # Python will not print an int of more than 4,300 digits
        text = f"a number of about {int(value.bit_length() * 0.30103):,} digits" if isinstance(value, int) else "a value too large to show"
    except RecursionError:
        text = "a value nested too deeply to show"
    return text if len(text) <= limit + 8 else text[:limit] + "…"
