"""Citations: how the knowledge base names its sources, and how people read them.

Every ``source`` in ``strategies/*.toml`` is one of:

* ``<source id>#<section>``: a section of a source in the ``[[sources]]`` registry,
  e.g. ``"001_2b34fe8df5fac4ca.txt#Time and effort"``;
* ``<source id>``: a source as a whole, e.g. ``"rivaliq-2022"``;
* ``assumption: <reason>``: the knowledge base's own judgement, in one line. When it
  leans on a figure, it ends by naming the sources it was informed by:
  ``"assumption: <reason> (informed by <source id>[, <source id>…])"``.

This module is the one place that turns a citation into words, so the CLI, the TUI,
the JSON and the Markdown export all say the same thing. It resolves each citation
against the registry once per knowledge base (:meth:`KnowledgeBase.citation` keeps the
results), so a plan only looks them up.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.models.plan import Citation, CitedSource

if TYPE_CHECKING:
    from planner.knowledge.schema import Source

SOURCE_ID = r"[a-z0-9][a-z0-9._-]{0,63}"
"""A registry id: lowercase letters, digits, ``.``, ``_`` and ``-`` (so the guidance
articles keep their file names, e.g. ``000_0e9b7650b6e63694.txt``)."""

ASSUMPTION = "assumption: "
_REF = re.compile(rf"^(?P<id>{SOURCE_ID})(?:#(?P<section>\S.*))?$")
_INFORMED = re.compile(r"^(?P<reason>.*\S) \(informed by (?P<refs>[^()]+)\)$")
_URL = re.compile(r"https?://", re.IGNORECASE)

KIND_LABEL = {
    "guidance-article": "Guidance article",
    "survey-or-benchmark": "Survey or benchmark",
    "platform-statement": "Platform statement",
    "practitioner-anecdote": "Practitioner anecdote",
}

HINT = (
    'expected "<source id>#<section>" (e.g. "001_2b34fe8df5fac4ca.txt#Time and effort"), '
    '"<source id>" (e.g. "rivaliq-2022"), or "assumption: <one-line reason>", optionally ending '
    '"(informed by <source id>)"; the source ids are the [[sources]] in strategies/sources.toml'
)


@dataclass(frozen=True)
class Parsed:
    """A citation taken apart (no registry needed)."""

    source: str | None = None
    section: str | None = None
    reason: str | None = None
    """The assumption's reason, without "assumption: " and the informed-by list."""
    informed_by: tuple[tuple[str, str | None], ...] = ()
    """(source id, section or None) for each source an assumption was informed by."""


def parse(ref: str) -> Parsed | None:
    """The parts of a citation, or ``None`` when it has no recognised form."""
    if ref.startswith(ASSUMPTION):
        body = ref[len(ASSUMPTION) :].strip()
        m = _INFORMED.match(body)
        reason, informed = (m["reason"], []) if m else (body, [])
        if m:
            for item in m["refs"].split(", "):
                one = _REF.match(item.strip())
                if one is None:
                    return None
                informed.append((one["id"], one["section"]))
        if len(reason) < 5 or _URL.search(reason) or re.search(r"\binformed by\b", reason):
            return None
        return Parsed(reason=reason, informed_by=tuple(informed))
    m = _REF.match(ref)
    if m is None:
        return None
    return Parsed(source=m["id"], section=m["section"])


def form_error(ref: str) -> str | None:
    """Why ``ref`` is not a citation, in words for a marketer; ``None`` if it is one."""
    if parse(ref) is not None:
        return None
    if ref.startswith(("http://", "https://")):
        return (
            f"source {ref!r} is a web address; register the page as a [[sources]] entry (title, publisher, "
            "year, url) and cite its id instead"
        )
    if ref.startswith(ASSUMPTION) and _URL.search(ref):
        return (
            f"source {ref!r} names a web address; register the page as a [[sources]] entry and end the "
            'assumption with "(informed by <source id>)" instead'
        )
    return f"source {ref!r} has no recognised form; {HINT}"


def cited(parsed: Parsed) -> list[tuple[str, str | None]]:
    """(source id, section) for every registry source a citation names."""
    if parsed.source is not None:
        return [(parsed.source, parsed.section)]
    return list(parsed.informed_by)


def reference_problem(source_id: str, section: str | None, registry: Mapping[str, Source]) -> str | None:
    """Why ``source_id#section`` does not resolve in the registry, or ``None``."""
    entry = registry.get(source_id)
    if entry is None:
        import difflib

        close = difflib.get_close_matches(source_id, list(registry), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return (
            f"cites {source_id!r}, which is not in the sources registry{hint}; add a [[sources]] entry with "
            "that id or cite a known one"
        )
    if section is not None and section not in entry.sections:
        if not entry.sections:
            return (
                f"cites section {section!r} of {source_id!r}, which lists no sections; cite {source_id!r} "
                "without '#…' or add the heading to its `sections`"
            )
        import difflib

        same = [s for s in entry.sections if s.lower() == section.lower()]
        close = same or difflib.get_close_matches(section, entry.sections, n=1)
        if close:
            return f"cites section {section!r}, which is not a section of {source_id!r} (did you mean {close[0]!r}?)"
        listed = ", ".join(repr(s) for s in entry.sections)
        return f"cites section {section!r}, which is not a section of {source_id!r} ({entry.title}); its sections: {listed}"
    return None


# --- Words for people -----------------------------------------------------------------


def _name(entry: Source) -> str | None:
    """Who is shown: the author, else the (original) publisher."""
    return entry.author or entry.publisher


def label(entry: Source) -> str:
    """``Title (Author or publisher, Year)``, e.g. "Difference Between Networking and
    Socializing (Marc Gordon, 2022)"."""
    parts = [p for p in (_name(entry), str(entry.year) if entry.year is not None else None) if p]
    return f"{entry.title} ({', '.join(parts)})" if parts else entry.title


def short_label(entry: Source) -> str:
    """``Author Year`` for running text, e.g. "Marc Gordon 2022"; the title when the
    registry knows neither."""
    parts = [p for p in (_name(entry), str(entry.year) if entry.year is not None else None) if p]
    return " ".join(parts) if parts and _name(entry) else entry.title


def reference(entry: Source) -> str:
    """One line of a bibliography: label, publisher, kind, the address, and the page
    it was read on when that is another."""
    head = label(entry)
    if entry.author and entry.publisher:
        head += f", {entry.publisher}"
    parts = [head, KIND_LABEL[entry.kind]]
    if entry.url:
        parts.append(entry.url)
    if entry.via:
        parts.append(f"Read at {entry.via}")
    return ". ".join(parts)


def cited_source(entry: Source) -> CitedSource:
    return CitedSource.model_construct(
        id=entry.id,
        kind=entry.kind,
        title=entry.title,
        author=entry.author,
        publisher=entry.publisher,
        year=entry.year,
        url=entry.url,
        via=entry.via,
        label=label(entry),
        reference=reference(entry),
    )


def resolve(ref: str, registry: Mapping[str, Source]) -> Citation:
    """``ref`` as people read it. A citation the loader would reject (it never reaches a
    plan from a loaded knowledge base) is shown as written."""
    parsed = parse(ref)
    if parsed is None or any(reference_problem(i, s, registry) for i, s in cited(parsed)):
        return Citation.model_construct(ref=ref, text=ref, short=ref, sources=[])
    if parsed.source is not None:
        entry = registry[parsed.source]
        section = f", '{parsed.section}'" if parsed.section else ""
        text, short = label(entry) + section, short_label(entry) + section
    else:
        reason = parsed.reason or ""  # parse() sets a reason (5+ characters) on every assumption
        text = short = f"Assumption: {reason}"
        if parsed.informed_by:
            stop = "" if reason[-1] in ".!?" else "."
            full = "; ".join(label(registry[i]) + (f", '{s}'" if s else "") for i, s in parsed.informed_by)
            brief = "; ".join(short_label(registry[i]) + (f", '{s}'" if s else "") for i, s in parsed.informed_by)
            text, short = f"{text}{stop} Informed by {full}", f"{short}{stop} Informed by {brief}"
    ids = list(dict.fromkeys(i for i, _ in cited(parsed)))
    return Citation.model_construct(ref=ref, text=text, short=short, sources=ids)
