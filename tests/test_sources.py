"""Every source cited in strategies/ points at an entry of the sources registry.

The registry (strategies/sources.toml) is part of the repository, so this needs nothing
outside it. The raw TOML is walked, not the loaded model, so no `source` anywhere
(criteria, rules, advice, goals, platforms, tactics, presets) is missed; so are the
citations the code and the tests make themselves (the wizard's guidance, the
conformance rows).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

import pytest

from planner.knowledge import load_knowledge
from planner.knowledge.citations import KIND_LABEL, cited, parse, resolve
from planner.knowledge.schema import Source

ROOT = Path(__file__).resolve().parents[1]
STRATEGIES = ROOT / "strategies"
REGISTRY = STRATEGIES / "sources.toml"
GUIDANCE = ("000_0e9b7650b6e63694.txt", "001_2b34fe8df5fac4ca.txt", "002_d474b275eefa20ca.txt", "003_dbaff6fc21c96895.txt")


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


def all_citations() -> list[tuple[str, str]]:
    out = []
    for file in sorted(STRATEGIES.glob("*.toml")):
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        out += [(f"{file.name}: {where}", source) for where, source in walk_sources(data)]
    return out


def registry() -> dict[str, Source]:
    entries = tomllib.loads(REGISTRY.read_text(encoding="utf-8"))["sources"]
    return {e["id"]: Source.model_validate(e) for e in entries}


CITATIONS = all_citations()
REG = registry()


def test_the_walk_finds_every_kind_of_citation() -> None:
    # A guard for the walker itself: citations sit at several depths.
    wheres = " ".join(where for where, _ in CITATIONS)
    assert len(CITATIONS) > 300
    for fragment in ("base_weight.source", "scores.reach.source", "unit.source", "strategy_source", "floor.source"):
        assert fragment in wheres, fragment


def test_every_citation_resolves_in_the_registry() -> None:
    bad = []
    for where, ref in CITATIONS:
        parsed = parse(ref)
        if parsed is None:
            bad.append(f"{where}: {ref!r} has no recognised form")
            continue
        for source_id, section in cited(parsed):
            if source_id not in REG:
                bad.append(f"{where}: {source_id!r} is not in {REGISTRY.name}")
            elif section is not None and section not in REG[source_id].sections:
                bad.append(f"{where}: {section!r} is not a section of {source_id}")
    assert not bad, "\n".join(bad)


def test_citations_of_every_kind_are_present() -> None:
    """So the check above is not vacuous: sections, whole sources, assumptions, and
    assumptions informed by a source all occur."""
    kinds = Counter()
    for _, ref in CITATIONS:
        p = parse(ref)
        assert p is not None
        kinds["section" if p.section else "source" if p.source else "informed" if p.informed_by else "assumption"] += 1
    assert all(kinds[k] >= 3 for k in ("section", "source", "informed", "assumption")), kinds


def test_no_citation_is_a_web_address() -> None:
    # The old forms ("<URL> (<year>)", "..., informed by <URL>") are gone for good.
    assert not [ref for _, ref in CITATIONS if "://" in ref]


def test_registry_entries_are_well_formed() -> None:
    raw = tomllib.loads(REGISTRY.read_text(encoding="utf-8"))["sources"]
    ids = [e["id"] for e in raw]
    assert len(ids) == len(set(ids)), "an id appears twice"
    for entry in REG.values():
        assert entry.kind in KIND_LABEL, entry.id
        assert entry.title.strip() == entry.title and entry.title, entry.id
        # Someone is named, or at least an address says where it lives.
        assert entry.author or entry.publisher or entry.url or entry.via or entry.id in GUIDANCE, entry.id
        assert ".txt" not in resolve(entry.id, REG).text, entry.id
        if entry.via is not None:
            # Read second-hand: the name shown is the original's, never the page read.
            assert entry.via != entry.url, entry.id


def test_a_page_read_belongs_to_one_source() -> None:
    """Each address is the page read ("via", else "url") of one entry, so a figure's
    page names one source, and tools that map an address to an id are never ambiguous."""
    pages = Counter((e.via or e.url) for e in REG.values() if e.via or e.url)
    assert [page for page, n in pages.items() if n > 1] == []


def test_the_guidance_articles_keep_their_ids_and_list_their_headings() -> None:
    for source_id in GUIDANCE:
        entry = REG[source_id]
        assert entry.kind == "guidance-article"
        assert entry.sections, source_id
        assert len(entry.sections) == len(set(entry.sections))
    # Spot checks against the articles' headings (checked by hand once, see the
    # registry's header; the articles themselves are not part of the repository).
    assert "Time and effort" in REG[GUIDANCE[1]].sections
    assert "Twitter: Social Network or Social Media?" in REG[GUIDANCE[2]].sections
    assert REG[GUIDANCE[3]].sections[-1] == "Networking VS Socializing"


def test_the_figures_registry_is_broad() -> None:
    """The registry lists the published figures beyond those cited today, so new
    knowledge can cite them; every kind of source is represented."""
    kinds = Counter(e.kind for e in REG.values())
    assert set(kinds) == set(KIND_LABEL)
    assert len(REG) >= 50
    cited_ids = {i for _, ref in CITATIONS for i, _ in cited(parse(ref))}  # type: ignore[arg-type]
    assert set(GUIDANCE) <= cited_ids
    assert len(cited_ids) >= 20


def test_the_key_guidance_sections_are_cited() -> None:
    """Every heading cited exists (above); and the headings most of the model rests on
    are cited, so a renamed heading in the registry shows up here."""
    cited_sections = {(i, s) for _, ref in CITATIONS for i, s in cited(parse(ref)) if s}  # type: ignore[arg-type]
    for heading in ("Time and effort", "ROI measurement", "The Content", "Communication style"):
        assert (GUIDANCE[1], heading) in cited_sections
    assert (GUIDANCE[0], "FAQs") in cited_sections


def test_citations_made_outside_strategies_resolve() -> None:
    """The wizard's guidance lines and the conformance table cite the registry too."""
    from planner.tui.help_data import STEPS
    from tests.engine.test_conformance import ROWS

    kb = load_knowledge()
    refs = [s.source for s in STEPS] + [r.source for r in ROWS]
    for ref in refs:
        c = kb.citation(ref)
        assert c.text != ref or ref.startswith("assumption: "), f"{ref!r} does not resolve"


@pytest.mark.parametrize(
    "ref, text",
    [
        ("003_dbaff6fc21c96895.txt#Definitions", "Difference Between Networking and Socializing (Marc Gordon, 2022), 'Definitions'"),
        ("rivaliq-2022", "Social media industry benchmark report, 2022 data (Rival IQ, 2022)"),
        ("assumption: a weekly pass over new reviews", "Assumption: a weekly pass over new reviews"),
        (
            "assumption: one creator's numbers (informed by xavierfok-short-video)",
            "Assumption: one creator's numbers. Informed by Short videos made in batches: hours per video (xavierfok.com)",
        ),
    ],
)
def test_what_people_read(ref: str, text: str) -> None:
    assert resolve(ref, REG).text == text


def test_a_figure_read_second_hand_names_the_original_publisher() -> None:
    kb = load_knowledge()
    hootsuite = next(s for s in kb.cited_sources() if s.id == "hootsuite-2023")
    assert hootsuite.label == "How often to post on social media in 2023 (Hootsuite, 2023)"
    assert "4pmtech" not in hootsuite.label
    assert re.search(r"Read at https://tmp\.4pmtech\.com/\S+$", hootsuite.reference)
