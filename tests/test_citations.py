"""What people read as a plan's sources: titles and sections, never file names, and an
assumption only where it applies. One renderer (planner.knowledge.citations) feeds the
CLI table, the JSON, the TUI and the export; these tests look at each output."""

from __future__ import annotations

import json

import pytest

from planner.cli.main import main
from planner.engine import build_plan
from planner.knowledge import KnowledgeBase, load_knowledge
from planner.models.plan import Plan

GOAL_FIT_BASE = "assumption: with no goals chosen, goal fit says nothing and should not weigh"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge()


def every_citation(plan: Plan):
    for t in plan.tactics + plan.alternatives:
        yield from t.why.sources
    for w in plan.weights:
        for r in w.reasons:
            yield r.source
    for warning in plan.warnings:
        if warning.source is not None:
            yield warning.source


def test_the_goal_fit_assumption_is_cited_only_without_goals(kb: KnowledgeBase) -> None:
    with_goals = build_plan(kb.preset("b2b-consultant").scenario, kb)
    assert with_goals.scenario.goals
    assert GOAL_FIT_BASE not in [c.ref for c in every_citation(with_goals)]
    goal_fit = next(w for w in with_goals.weights if w.criterion == "goal-fit")
    assert [r.source.ref for r in goal_fit.reasons] == [kb.weight_rules[[r.id for r in kb.weight_rules].index("goals-chosen")].source]
    # A tactic whose goals drive its place cites them.
    top = with_goals.tactics[0]
    assert kb.tactic(top.id).goals_source in [c.ref for c in top.why.sources]

    without = build_plan(with_goals.scenario.with_changes(goals=[]), kb)
    goal_fit = next(w for w in without.weights if w.criterion == "goal-fit")
    assert [r.source.ref for r in goal_fit.reasons] == [GOAL_FIT_BASE]  # why its weight is 0
    assert goal_fit.weight == 0
    for t in without.tactics:  # a criterion of weight 0 is never among a tactic's reasons
        assert GOAL_FIT_BASE not in [c.ref for c in t.why.sources]


def test_a_base_weight_is_cited_when_it_counts(kb: KnowledgeBase) -> None:
    plan = build_plan(kb.default_scenario(), kb)
    by_id = {c.id: c for c in kb.criteria}
    for w in plan.weights:
        texts = [r.text for r in w.reasons]
        if by_id[w.criterion].base_weight.value:
            assert texts[0] == f"base weight {by_id[w.criterion].base_weight.value:.2f}"


def test_plan_sources_hold_every_source_a_plan_cites(kb: KnowledgeBase) -> None:
    """``Plan.sources`` is the knowledge base's bibliography: every source cited anywhere
    in it, by id, so every id a plan's citations name is there."""
    listed = [s.id for s in build_plan(kb.default_scenario(), kb).sources]
    assert listed == sorted(listed) == kb.cited
    for preset in kb.presets:
        plan = build_plan(preset.scenario, kb)
        cited = {i for c in every_citation(plan) for i in c.sources}
        assert cited <= set(listed) and len(cited) >= 4
        for c in every_citation(plan):
            assert ".txt" not in c.text and ".txt" not in c.short, c.ref
            assert c.text and c.short


def test_every_registered_source_a_citation_names_is_in_the_bibliography(kb: KnowledgeBase) -> None:
    """``KnowledgeBase.cited`` comes from the loader's walk over every citation; check it
    against an independent walk of the validated model."""
    refs = [kb.strategy_weights.floor.source, kb.strategy_weights.combine_exponent.source]
    refs += [c.base_weight.source for c in kb.criteria] + [r.source for r in kb.weight_rules]
    refs += [g.source for g in kb.goals] + [p.source for p in kb.platforms] + [p.source for p in kb.presets]
    for t in kb.tactics:
        refs += [t.strategy_source, t.goals_source, t.activities_source, t.kpis_source, t.unit.source]
        refs += [t.min_hours.source, t.saturation_hours.source, *(s.source for s in t.scores.values())]
        refs += [t.max_hours.source] if t.max_hours else []
    for table in (kb.curve, kb.advice):
        refs += [v.source for v in dict(table).values()]
    assert {i for ref in refs for i in kb.citation(ref).sources} == set(kb.cited)


def test_citations_are_shared_not_rebuilt(kb: KnowledgeBase) -> None:
    a = build_plan(kb.default_scenario(), kb)
    b = build_plan(kb.default_scenario().with_changes(hours_per_week=9.0), kb)
    assert a.tactics[0].why.sources[0] is kb.citation(a.tactics[0].why.sources[0].ref)
    assert a.sources[0] is b.sources[0] or a.sources[0].id != b.sources[0].id


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # no wrapping inside the table's cells


def _plan_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["plan", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_table_shows_titles_not_file_names(wide: None, capsys: pytest.CaptureFixture[str]) -> None:
    """Every source the plan cites for its tactics is in the table, by title; whatever
    the model plans, so the test does not pin a plan."""
    plan = _plan_json(capsys, "--preset", "b2b-consultant")
    assert main(["plan", "--preset", "b2b-consultant"]) == 0
    out = capsys.readouterr().out
    assert ".txt" not in out
    assert "Sources:" in out
    cited = {c["text"] for t in plan["tactics"] for c in t["why"]["sources"]}
    assert cited and all(f"· {text}" in out for text in cited), sorted(t for t in cited if f"· {t}" not in out)
    assert any(text.startswith("Assumption: ") for text in cited)
    assert any("'" in text and not text.startswith("Assumption") for text in cited), "a guidance section by title"


def test_cli_table_shows_a_warning_source(wide: None, capsys: pytest.CaptureFixture[str]) -> None:
    plan = _plan_json(capsys, "--preset", "b2b-consultant", "--horizon", "2")
    sourced = [w for w in plan["warnings"] if w["source"]]
    assert sourced, "the consultant with a 2-month horizon gets a sourced warning"
    assert main(["plan", "--preset", "b2b-consultant", "--horizon", "2"]) == 0
    out = capsys.readouterr().out
    for w in sourced:
        assert f"Source: {w['source']['text']}" in out


def test_json_carries_readable_citations_and_the_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--preset", "b2b-consultant", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    cite = data["tactics"][0]["why"]["sources"][0]
    assert set(cite) == {"ref", "text", "short", "sources"}
    assert ".txt" not in cite["text"]
    reason = data["weights"][0]["reasons"][0]
    assert set(reason) == {"text", "source"} and reason["source"]["text"]
    ids = [s["id"] for s in data["sources"]]
    assert ids == sorted(ids)
    gordon = next(s for s in data["sources"] if s["author"] == "Marc Gordon")
    assert gordon["label"] == "Difference Between Networking and Socializing (Marc Gordon, 2022)"
    assert gordon["url"].startswith("http://theydiffer.com/")
