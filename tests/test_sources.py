"""Every source cited in strategies/ points at something real.

- "<seed>.txt#<section>": the seed file exists in ../shared/seeds and the section is
  one of its heading-like lines.
- "<URL> (<year>)" and the URLs in "assumption: ..., informed by <URL>": the URL is
  listed in ../shared/reference-figures.md.

The raw TOML is walked, not the loaded model, so no `source` anywhere (criteria,
rules, advice, goals, platforms, tactics, presets) is missed. ../shared sits beside
the repository in CI; if it is missing this test fails rather than skips, because a
silent skip would let made-up citations through.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Iterator

import pytest

ROOT = Path(__file__).resolve().parents[1]
STRATEGIES = ROOT / "strategies"
SHARED = Path(__file__).parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
FIGURES = SHARED / "reference-figures.md"

SEED = re.compile(r"^(?P<file>\d{3}_[0-9a-f]{16}\.txt)#(?P<section>\S.*)$")
URL = re.compile(r"https?://[^\s;]+")
HEADING_MAX = 120


def require_shared() -> None:
    """Fail (not skip, not error) when the guidance is not beside the repository."""
    if not SEEDS.is_dir() or not FIGURES.is_file():
        pytest.fail(
            f"the guidance is missing: expected seed files in {SEEDS} and the figures table at {FIGURES}. "
            "Check out the shared folder beside the repository (CI always has it).",
            pytrace=False,
        )


def walk_sources(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Yield (key path, source) for every `source` / `*_source` string in a TOML tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}" if path else key
            if (key == "source" or key.endswith("_source")) and isinstance(value, str):
                yield where, value
            else:
                yield from walk_sources(value, where)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            label = item.get("id") if isinstance(item, dict) else None
            yield from walk_sources(item, f"{path}[{label if label else i}]")


def all_sources() -> list[tuple[str, str]]:
    out = []
    for file in sorted(STRATEGIES.glob("*.toml")):
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        out += [(f"{file.name}: {where}", source) for where, source in walk_sources(data)]
    return out


def section_in(text: str, section: str) -> bool:
    """A heading-like line (short) that is the section, or starts with it (case-insensitive)."""
    want = section.strip().lower()
    for line in text.splitlines():
        stripped = line.strip()
        if 0 < len(stripped) < HEADING_MAX and (stripped.lower() == want or stripped.lower().startswith(want)):
            return True
    return False


def urls_in(source: str) -> list[str]:
    return [u.rstrip(".,)") for u in URL.findall(source)]


SOURCES = all_sources()


def test_the_walk_finds_every_kind_of_source() -> None:
    # A guard for the walker itself: sources sit at several depths.
    wheres = " ".join(where for where, _ in SOURCES)
    assert len(SOURCES) > 300
    for fragment in ("base_weight.source", "scores.reach.source", "unit.source", "strategy_source", "floor.source"):
        assert fragment in wheres, fragment


def test_section_matcher() -> None:
    text = "Intro paragraph that is long enough to not be a heading " * 3 + "\nTime and effort\n\nFAQs\n"
    assert section_in(text, "Time and effort")
    assert section_in(text, "time and EFFORT")
    assert section_in(text, "FAQ")
    assert not section_in(text, "Intro paragraph")  # only in a long line
    assert not section_in(text, "Costs")


def test_seed_sources_cite_real_files_and_sections() -> None:
    require_shared()
    texts: dict[str, str] = {}
    bad = []
    for where, source in SOURCES:
        m = SEED.match(source)
        if not m:
            continue
        seed = SEEDS / m["file"]
        if not seed.is_file():
            bad.append(f"{where}: no seed file {m['file']} in {SEEDS}")
            continue
        text = texts.setdefault(m["file"], seed.read_text(encoding="utf-8"))
        if not section_in(text, m["section"]):
            bad.append(f"{where}: section {m['section']!r} is not a heading in {m['file']}")
    assert not bad, "\n".join(bad)


def test_url_sources_are_in_the_reference_figures() -> None:
    require_shared()
    figures = FIGURES.read_text(encoding="utf-8")
    bad = []
    cited = 0
    for where, source in SOURCES:
        if SEED.match(source):
            continue
        for url in urls_in(source):
            cited += 1
            if url not in figures:
                bad.append(f"{where}: {url} is not listed in {FIGURES.name}")
    assert cited > 0
    assert not bad, "\n".join(bad)


def test_url_sources_give_a_year() -> None:
    bad = [
        f"{where}: {source!r}"
        for where, source in SOURCES
        if source.startswith("http") and not re.fullmatch(r"https?://\S+ \((\d{4}|n\.d\.)\)", source)
    ]
    assert not bad, "\n".join(bad)
