"""The built-in knowledge base, user strategy directories, and the errors a marketer sees.

Error tests check what a person needs to fix the file: which file, which key, and
what was expected.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from planner.knowledge import KnowledgeBase, KnowledgeError, load_knowledge
from planner.knowledge.citations import parse
from planner.knowledge.schema import SCORE_KEYS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "strategies.md"

REQUIRED_PLATFORMS = {
    "instagram", "tiktok", "youtube", "x", "facebook", "linkedin", "reddit", "forums",
    "blog", "newsletter", "podcast", "events",
}
HYBRIDS = ("facebook", "x", "linkedin")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


# --- The built-in knowledge base -------------------------------------------------------


def test_default_knowledge_base_loads(kb: KnowledgeBase) -> None:
    assert kb.tactics and kb.platforms and kb.presets and kb.criteria
    assert all(f.startswith("strategies/") for f in kb.files)
    assert kb.version.startswith(kb.meta.version + "+")


def test_required_platforms_present(kb: KnowledgeBase) -> None:
    missing = REQUIRED_PLATFORMS - {p.id for p in kb.platforms}
    assert not missing, f"platforms missing from strategies/platforms.toml: {sorted(missing)}"


def test_platform_kinds_follow_the_guidance(kb: KnowledgeBase) -> None:
    kinds = {p.id: p.kind for p in kb.platforms}
    for hybrid in HYBRIDS:
        assert kinds[hybrid] == "hybrid", hybrid
    assert kinds["youtube"] == "social-media"
    assert kinds["events"] == "offline"
    assert kinds["reddit"] == kinds["forums"] == "social-network"


def test_every_platform_has_a_tactic(kb: KnowledgeBase) -> None:
    used = {t.platform for t in kb.tactics}
    idle = sorted(p.id for p in kb.platforms if p.id not in used)
    assert not idle, f"platforms without any tactic: {idle}"


@pytest.mark.parametrize("platform", HYBRIDS)
def test_hybrid_platforms_offer_both_strategies(kb: KnowledgeBase, platform: str) -> None:
    strategies = {t.strategy for t in kb.tactics if t.platform == platform}
    assert strategies == {"broadcast", "relationships"}


def test_both_strategies_are_well_stocked(kb: KnowledgeBase) -> None:
    counts = Counter(t.strategy for t in kb.tactics)
    assert 10 <= counts["broadcast"] <= 24
    assert 10 <= counts["relationships"] <= 18


def test_relationship_tactics_say_networking_or_socializing(kb: KnowledgeBase) -> None:
    # 003 "Networking VS Socializing": every relationship tactic says which it is.
    for t in kb.tactics:
        if t.strategy == "relationships":
            assert re.search(r"\b(Networking|Socializing)\b", t.description), t.id


def test_ids_are_unique_across_platforms_and_tactics(kb: KnowledgeBase) -> None:
    tactic_ids = [t.id for t in kb.tactics]
    assert len(tactic_ids) == len(set(tactic_ids))
    assert not set(tactic_ids) & {p.id for p in kb.platforms}


def _sources_of(tactic) -> list[tuple[str, str]]:
    out = [
        ("strategy_source", tactic.strategy_source),
        ("goals_source", tactic.goals_source),
        ("activities_source", tactic.activities_source),
        ("kpis_source", tactic.kpis_source),
        ("unit.source", tactic.unit.source),
        ("min_hours.source", tactic.min_hours.source),
        ("saturation_hours.source", tactic.saturation_hours.source),
    ]
    if tactic.max_hours is not None:
        out.append(("max_hours.source", tactic.max_hours.source))
    out += [(f"scores.{k}.source", s.source) for k, s in tactic.scores.items()]
    return out


def test_every_tactic_cites_sources_in_a_valid_form(kb: KnowledgeBase) -> None:
    bad = []
    for t in kb.tactics:
        for where, source in _sources_of(t):
            if parse(source) is None:
                bad.append(f"{t.id}.{where}: {source!r}")
    assert not bad, "\n".join(bad)


def test_tactic_numbers_are_usable(kb: KnowledgeBase) -> None:
    for t in kb.tactics:
        assert set(t.scores) == set(SCORE_KEYS), t.id
        assert t.min_hours.value >= 0.25, t.id
        assert (t.min_hours.value * 4).is_integer(), f"{t.id}: min_hours should be a multiple of 0.25"
        assert t.saturation_hours.value >= t.min_hours.value, t.id
        assert 3 <= len(t.activities) <= 5, t.id
        assert 2 <= len(t.kpis) <= 4, t.id
        # Sales tracking never makes a tactic harder to measure.
        assert t.scores["measurability_tracked"].value >= t.scores["measurability"].value, t.id


def test_scores_separate_the_two_strategies(kb: KnowledgeBase) -> None:
    def mean(strategy: str, key: str) -> float:
        values = [t.scores[key].value for t in kb.tactics if t.strategy == strategy]
        return sum(values) / len(values)

    for key in ("reach", "automation"):
        assert mean("broadcast", key) > mean("relationships", key) + 1, key
    for key in ("depth", "feedback", "niche"):
        assert mean("relationships", key) > mean("broadcast", key) + 1, key
    # In person and one to one are the deepest.
    assert kb.tactic("events-networking").scores["depth"].value == 5
    assert kb.tactic("linkedin-conversations").scores["depth"].value == 5


def test_presets(kb: KnowledgeBase) -> None:
    ids = {p.id for p in kb.presets}
    assert {"local-cafe", "consumer-brand", "b2b-consultant"} <= ids
    assert len(ids) >= 4
    assert kb.meta.default_preset == "local-cafe"
    cafe = kb.default_scenario()
    assert cafe.hours_per_week == 3.0
    assert kb.preset("b2b-consultant").scenario.market == "b2b"
    assert kb.preset("consumer-brand").scenario.reach_priority > 50


# --- User directories: extend and override -----------------------------------------------

SCORES = "\n".join(f'{k} = {{ value = 3, source = "assumption: made up for a test" }}' for k in SCORE_KEYS)


def tactic_toml(
    tactic_id: str,
    *,
    platform: str = "instagram",
    goals: str = '["awareness"]',
    min_hours: str = "1.0",
    goals_source: str = "assumption: made up for a test",
    extra: str = "",
    scores: str = SCORES,
) -> str:
    return f"""
[[tactics]]
id = "{tactic_id}"
name = "Test tactic {tactic_id}"
platform = "{platform}"
strategy = "broadcast"
strategy_source = "000_0e9b7650b6e63694.txt#Uses of Social Media"
description = "A tactic made up for a test."
goals = {goals}
goals_source = "{goals_source}"
months_to_results = {{ value = 2, source = "assumption: made up for a test" }}
unit = {{ singular = "thing", plural = "things", hours = 0.5, source = "assumption: made up for a test" }}
min_hours = {{ value = {min_hours}, source = "assumption: made up for a test" }}
saturation_hours = {{ value = 3.0, source = "assumption: made up for a test" }}
activities = ["Do the thing", "Check the thing", "Repeat"]
activities_source = "assumption: made up for a test"
kpis = [{{ name = "Things", how = "Count them" }}, {{ name = "Other things", how = "Count those" }}]
kpis_source = "assumption: made up for a test"
{extra}
[tactics.scores]
{scores}
"""


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(*dirs: Path) -> KnowledgeError:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(list(dirs))
    return info.value


def test_user_dir_adds_a_new_tactic(tmp_path: Path, kb: KnowledgeBase) -> None:
    write(tmp_path, "mine.toml", tactic_toml("my-new-tactic"))
    merged = load_knowledge([tmp_path])
    assert merged.tactic("my-new-tactic").name == "Test tactic my-new-tactic"
    assert len(merged.tactics) == len(kb.tactics) + 1
    assert str(tmp_path / "mine.toml") in merged.files
    assert merged.fingerprint != kb.fingerprint


def test_user_dir_replaces_a_tactic_with_the_same_id(tmp_path: Path, kb: KnowledgeBase) -> None:
    write(tmp_path, "override.toml", tactic_toml("instagram-posts", min_hours="0.75"))
    merged = load_knowledge([tmp_path])
    replaced = merged.tactic("instagram-posts")
    assert replaced.min_hours.value == 0.75
    assert replaced.name == "Test tactic instagram-posts"  # replaced whole, not patched
    assert len(merged.tactics) == len(kb.tactics)
    assert kb.tactic("instagram-posts").min_hours.value != 0.75  # the default is untouched


def test_later_user_dir_wins(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    write(first, "a.toml", tactic_toml("shared-tactic", min_hours="1.0"))
    write(second, "a.toml", tactic_toml("shared-tactic", min_hours="2.0"))
    assert load_knowledge([first, second]).tactic("shared-tactic").min_hours.value == 2.0
    assert load_knowledge([second, first]).tactic("shared-tactic").min_hours.value == 1.0


def test_single_tables_merge_key_by_key(tmp_path: Path, kb: KnowledgeBase) -> None:
    write(tmp_path, "advice.toml", '[advice]\nshort_horizon_months = { value = 2, source = "assumption: made up for a test" }\n')
    merged = load_knowledge([tmp_path])
    assert merged.advice.short_horizon_months.value == 2
    assert merged.advice.video_content_demand == kb.advice.video_content_demand


def _doc_example_files() -> dict[str, str]:
    blocks = re.findall(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    files = {}
    for block in blocks:
        head = re.match(r"# my-strategies/(\S+\.toml)\n", block)
        if head:
            files[head.group(1)] = block
    return files


def test_worked_example_in_the_docs_loads(tmp_path: Path, kb: KnowledgeBase) -> None:
    files = _doc_example_files()
    assert set(files) == {"reviews.toml", "overrides.toml"}, "docs/strategies.md worked example changed shape"
    for name, text in files.items():
        write(tmp_path, name, text)
    merged = load_knowledge([tmp_path])
    assert merged.tactic("review-replies").platform == "google-business"
    assert merged.platform("google-business").kind == "hybrid"
    override = merged.tactic("facebook-page-posts")
    assert override.min_hours.value == 1.0
    # The docs call it a copy of the built-in entry with only min_hours changed.
    built_in = kb.tactic("facebook-page-posts")
    assert override.model_dump(exclude={"min_hours"}) == built_in.model_dump(exclude={"min_hours"})


# --- Errors ------------------------------------------------------------------------------


def test_bad_toml_syntax(tmp_path: Path) -> None:
    write(tmp_path, "broken.toml", '[[tactics]]\nid = "oops\n')
    err = load_error(tmp_path)
    text = str(err)
    assert str(tmp_path / "broken.toml") in text
    assert "is not valid TOML" in text
    assert "line 2" in text


def test_wrong_type(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", tactic_toml("typed", min_hours='"two"'))
    (problem,) = load_error(tmp_path).problems
    assert problem.file == str(tmp_path / "t.toml")
    assert problem.key == "tactics[id=typed].min_hours.value"
    assert "'two' is not a number" in problem.message  # the wording table's, as for scenarios


def test_missing_score_key(tmp_path: Path) -> None:
    scores = "\n".join(line for line in SCORES.splitlines() if not line.startswith("niche "))
    write(tmp_path, "t.toml", tactic_toml("unscored", scores=scores))
    (problem,) = load_error(tmp_path).problems
    assert problem.file == str(tmp_path / "t.toml")
    assert problem.key == "tactics[id=unscored].scores"
    assert "missing niche" in problem.message
    assert "every tactic scores all of" in problem.message


def test_unknown_key(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", tactic_toml("extra-key", extra='colour = "blue"'))
    (problem,) = load_error(tmp_path).problems
    assert problem.file == str(tmp_path / "t.toml")
    assert problem.key == "tactics[id=extra-key].colour"
    assert problem.message.startswith("is not a known field; remove it")


BAD_VALUES = {
    "wrong type": {"min_hours": '"two"'},
    "too low": {"min_hours": "-1"},
    "not finite": {"min_hours": "inf"},
    "not a choice": {"extra": 'min_existing_audience = "huge"\naudience_source = "assumption: x"'},
    "not a list": {"goals": '"awareness"'},
    "unknown key": {"extra": "channel_hint = 3"},
}


@pytest.mark.parametrize("bad", BAD_VALUES, ids=list(BAD_VALUES))
def test_strategy_file_values_are_worded_by_the_one_table(tmp_path: Path, bad: str) -> None:
    """Problems in a strategies file read like problems in a scenario: planner.errors'
    words, never pydantic's, after the key they are about."""
    from tests.test_wording import PYDANTIC

    write(tmp_path, "t.toml", tactic_toml("bad", **BAD_VALUES[bad]))
    problems = load_error(tmp_path).problems
    assert problems
    for problem in problems:
        assert not [p for p in PYDANTIC if p in problem.message.lower()], problem
        assert problem.message[:1].islower() or problem.message[:1] in "'-0123456789", problem


def test_unknown_top_level_table(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", '[[tactic]]\nid = "singular-by-mistake"\n')
    (problem,) = load_error(tmp_path).problems
    assert problem.key == "tactic"
    assert "not a known table" in problem.message and "tactics" in problem.message


def test_bad_source_form(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", tactic_toml("unsourced", goals_source="my notes"))
    (problem,) = load_error(tmp_path).problems
    assert problem.file == str(tmp_path / "t.toml")
    assert problem.key == "tactics[id=unsourced].goals_source"
    assert "no recognised form" in problem.message
    assert "assumption: <one-line reason>" in problem.message


@pytest.mark.parametrize(
    "old",
    [
        "https://newsletterbenchmark.com/ (2024)",
        "https://newsletterbenchmark.com/",
        "assumption: about six issues a year, informed by https://newsletterbenchmark.com/",
        "assumption: about six issues a year (informed by https://newsletterbenchmark.com/)",
    ],
)
def test_old_url_citations_are_refused_with_a_fix(tmp_path: Path, old: str) -> None:
    write(tmp_path, "t.toml", tactic_toml("dated", goals_source=old))
    (problem,) = load_error(tmp_path).problems
    assert problem.key == "tactics[id=dated].goals_source"
    assert "web address" in problem.message and "[[sources]]" in problem.message


def test_unknown_source_id(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", tactic_toml("misquoted", goals_source="rivalq-2022"))
    (problem,) = load_error(tmp_path).problems
    assert problem.file == str(tmp_path / "t.toml")
    assert problem.key == "tactics[id=misquoted].goals_source"
    assert "'rivalq-2022', which is not in the sources registry" in problem.message
    assert "did you mean 'rivaliq-2022'" in problem.message
    assert "add a [[sources]] entry" in problem.message


def test_unknown_section(tmp_path: Path) -> None:
    scores = SCORES.replace('reach = { value = 3, source = "assumption: made up for a test" }',
                            'reach = { value = 3, source = "001_2b34fe8df5fac4ca.txt#Time and Effort" }')
    write(tmp_path, "t.toml", tactic_toml("miscased", scores=scores))
    (problem,) = load_error(tmp_path).problems
    assert problem.key == "tactics[id=miscased].scores.reach.source"
    assert "'Time and Effort', which is not a section of '001_2b34fe8df5fac4ca.txt'" in problem.message
    assert "did you mean 'Time and effort'?" in problem.message


def test_unknown_section_lists_the_sections(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", tactic_toml("pricing", goals_source="003_dbaff6fc21c96895.txt#Pricing"))
    (problem,) = load_error(tmp_path).problems
    assert problem.message.endswith("its sections: 'Table Summary', 'Definitions', 'Networking VS Socializing'")


def test_section_of_a_source_without_sections(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", tactic_toml("too-precise", goals_source="rivaliq-2022#Engagement"))
    (problem,) = load_error(tmp_path).problems
    assert "lists no sections" in problem.message and "without '#…'" in problem.message


def test_unknown_informed_by_and_table_citations_are_found(tmp_path: Path) -> None:
    write(tmp_path, "advice.toml", '[advice]\nshort_horizon_months = { value = 2, source = "assumption: two months is short (informed by no-such-survey)" }\n')
    (problem,) = load_error(tmp_path).problems
    assert problem.file == str(tmp_path / "advice.toml")
    assert problem.key == "advice.short_horizon_months.source"
    assert "'no-such-survey'" in problem.message


MY_SOURCE = """
[[sources]]
id = "our-review-log"
title = "Our review log"
publisher = "Café Example"
year = 2025
kind = "practitioner-anecdote"
sections = ["Replies"]
"""


def test_user_dir_adds_its_own_sources(tmp_path: Path, kb: KnowledgeBase) -> None:
    write(tmp_path, "sources.toml", MY_SOURCE)
    write(tmp_path, "t.toml", tactic_toml("reviews", goals_source="our-review-log#Replies"))
    merged = load_knowledge([tmp_path])
    assert len(merged.sources) == len(kb.sources) + 1
    cite = merged.citation(merged.tactic("reviews").goals_source)
    assert cite.text == "Our review log (Café Example, 2025), 'Replies'"
    assert cite.sources == ["our-review-log"]


def test_user_dir_source_replaces_a_built_in_one_whole(tmp_path: Path) -> None:
    write(tmp_path, "sources.toml", MY_SOURCE.replace('"our-review-log"', '"rivaliq-2022"'))
    merged = load_knowledge([tmp_path])
    assert merged.source("rivaliq-2022").title == "Our review log"
    assert merged.source("rivaliq-2022").via is None


def test_a_user_source_must_be_complete_and_well_formed(tmp_path: Path) -> None:
    write(tmp_path, "sources.toml", '[[sources]]\nid = "half"\ntitle = "Half an entry"\nyear = 22\nurl = "www.example.com"\n')
    keys = {p.key: p.message for p in load_error(tmp_path).problems}
    assert set(keys) == {"sources[id=half].kind", "sources[id=half].year", "sources[id=half].url"}
    assert keys["sources[id=half].kind"] == "is missing; add it"
    assert keys["sources[id=half].url"].startswith("'www.example.com' is not a web address")


def test_a_citation_of_a_broken_source_is_not_reported_twice(tmp_path: Path) -> None:
    write(tmp_path, "sources.toml", '[[sources]]\nid = "half"\ntitle = "Half an entry"\n')
    write(tmp_path, "t.toml", tactic_toml("leans-on-half", goals_source="half"))
    keys = [p.key for p in load_error(tmp_path).problems]
    assert keys == ["sources[id=half].kind"]


def test_unknown_platform(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", tactic_toml("lost", platform="myspace"))
    (problem,) = load_error(tmp_path).problems
    assert problem.file == str(tmp_path / "t.toml")
    assert problem.key == "tactics[id=lost].platform"
    assert "'myspace' is not a known platform" in problem.message
    assert "instagram" in problem.message  # lists what is known


def test_unknown_goal(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", tactic_toml("aimless", goals='["awareness", "world-domination"]'))
    (problem,) = load_error(tmp_path).problems
    assert problem.file == str(tmp_path / "t.toml")
    assert problem.key == "tactics[id=aimless].goals"
    assert "'world-domination' is not a known goal" in problem.message


def test_duplicate_id_in_one_file(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", tactic_toml("twice") + tactic_toml("twice"))
    (problem,) = load_error(tmp_path).problems
    assert problem.file == str(tmp_path / "t.toml")
    assert problem.key == "tactics[id=twice]"
    assert "defined twice in this file" in problem.message


def test_tactic_id_equal_to_a_platform_id(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", tactic_toml("tiktok"))
    (problem,) = load_error(tmp_path).problems
    assert problem.key == "tactics[id=tiktok]"
    assert "same id as a platform" in problem.message


@pytest.mark.parametrize("kind", ["missing", "file", "empty"])
def test_not_a_usable_directory(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "strategies-here"
    if kind == "file":
        target.write_text("not a folder\n", encoding="utf-8")
    elif kind == "empty":
        target.mkdir()
    (problem,) = load_error(target).problems
    assert problem.file == str(target)
    expected = "has no *.toml files" if kind == "empty" else "is not a directory"
    assert expected in problem.message


def test_all_problems_in_a_directory_are_reported_at_once(tmp_path: Path) -> None:
    write(tmp_path, "a-broken.toml", "[advice\n")
    write(
        tmp_path,
        "b-tactics.toml",
        tactic_toml("first", min_hours='"two"')
        + tactic_toml("second", goals_source="my notes")
        + tactic_toml("third", extra="colour = 1"),
    )
    err = load_error(tmp_path)
    keys = {(Path(p.file).name, p.key) for p in err.problems}
    assert keys == {
        ("a-broken.toml", ""),
        ("b-tactics.toml", "tactics[id=first].min_hours.value"),
        ("b-tactics.toml", "tactics[id=second].goals_source"),
        ("b-tactics.toml", "tactics[id=third].colour"),
    }
    assert str(err).startswith("the knowledge base has 4 problems:")


def test_all_reference_problems_are_reported_at_once(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", tactic_toml("lost", platform="myspace"))
    write(tmp_path, "b.toml", tactic_toml("aimless", goals='["world-domination"]'))
    keys = {(Path(p.file).name, p.key) for p in load_error(tmp_path).problems}
    assert keys == {("a.toml", "tactics[id=lost].platform"), ("b.toml", "tactics[id=aimless].goals")}


def test_a_fixed_file_is_read_again(tmp_path: Path) -> None:
    """An invalid user dir must not poison later loads (the loader caches results)."""
    path = write(tmp_path, "t.toml", tactic_toml("fixable", min_hours='"two"'))
    load_error(tmp_path)
    path.write_text(tactic_toml("fixable", min_hours="1.25"), encoding="utf-8")
    assert load_knowledge([tmp_path]).tactic("fixable").min_hours.value == 1.25


def test_builtin_files_parse_as_plain_toml() -> None:
    for path in sorted((ROOT / "strategies").glob("*.toml")):
        tomllib.loads(path.read_text(encoding="utf-8"))


# --- Regressions: loader edge cases ------------------------------------------------------


def test_the_same_directory_twice_is_read_once(tmp_path: Path, kb: KnowledgeBase) -> None:
    write(tmp_path, "t.toml", tactic_toml("once"))
    merged = load_knowledge([tmp_path, tmp_path, ROOT / "strategies"])
    assert len(merged.tactics) == len(kb.tactics) + 1


def test_same_id_in_two_files_of_one_directory_is_ambiguous(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", tactic_toml("dup"))
    write(tmp_path, "b.toml", tactic_toml("dup"))
    (problem,) = load_error(tmp_path).problems
    assert problem.key == "tactics[id=dup]" and "also defined in" in problem.message


def test_misspelt_score_key_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", tactic_toml("typo", scores=SCORES + '\nreachh = { value = 3, source = "assumption: made up for a test" }'))
    (problem,) = load_error(tmp_path).problems
    assert problem.key == "tactics[id=typo].scores.reachh"
    assert "not a score any criterion reads" in problem.message


def test_type_errors_and_broken_references_are_reported_together(tmp_path: Path) -> None:
    write(tmp_path, "t.toml", tactic_toml("bad-type", min_hours='"two"') + tactic_toml("lost", platform="myspace"))
    keys = {p.key for p in load_error(tmp_path).problems}
    assert keys == {"tactics[id=bad-type].min_hours.value", "tactics[id=lost].platform"}


def test_the_sources_example_in_the_docs_loads(tmp_path: Path) -> None:
    block = next(b for b in re.findall(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S) if b.startswith("[[sources]]"))
    write(tmp_path, "sources.toml", block)
    cited = re.search(r'source = "([^"]+)"', block)
    assert cited is not None
    write(tmp_path, "t.toml", tactic_toml("cites-the-example", goals_source=cited.group(1)))
    merged = load_knowledge([tmp_path])
    assert merged.citation(cited.group(1)).text == "Replies to our Google reviews, 2025 (Café Example, 2025), 'Time per reply'"
