r"""Markdown export: parsed back with markdown-it-py, linted with pymarkdownlnt.

The lint rule set is tests/markdownlint.json: every default rule plus the table
extension, except MD013 (line length: tables and generated paragraphs are long by
nature) and MD018 (no-missing-space-atx: `#` in text is always escaped, and the rule
crashes pymarkdownlnt 0.9.41 on a `&#10;` reference) and MD051 (link fragments: the
exports have no in-document links, and the rule crashes on some escaped headings such
as `\</b\>\<script\>`). MD024 checks siblings only
(two tactics may share a name on different platforms) and MD060 wants compact tables.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from planner.compare import compare_plans
from planner.engine import build_plan
from planner.export import comparison_to_markdown, plan_to_markdown, today_from_env
from planner.export.escape import inline, with_links
from planner.knowledge import load_knowledge
from planner.models.plan import Plan
from planner.models.scenario import Scenario

LINT_CONFIG = Path(__file__).resolve().parent / "markdownlint.json"
DAY = datetime.date(2025, 3, 31)

HOSTILE = [
    "Plain name",
    "Pipes | in | the | name",
    "Back`tick`s and ``double``",
    "*stars* _underscores_ [brackets](link) <angle>",
    "<b>bold</b><script>alert(1)</script>",
    "&amp; &copy; entities &#65;",
    "Multi\nline\n\nname",
    "- looks like a list",
    "1. looks numbered",
    "# looks like a heading",
    "> quote",
    "    four spaces of code",
    " edge spaces ",
    "trailing backslash \\",
    "tab\tinside",
    "=== setext",
    "🌸 emoji 👩‍👩‍👧 and עברית and مرحبا",
    "\u202eright-to-left override",
    "!" + "[img](x)",
    "~~strike~~",
    "x" * 200,
    "snake_case_name and 001_2b34.txt#Time",
    "_leading and trailing_",
    "1.75 h, 2) and +0.35",
    "1) looks numbered",
    "+ plus list",
    "---",
    "===",
    "- - -",
    "&amp &copy; &#x41; & alone",
    "ends with hashes ##",
    "[text](url) [ref][x] [def]: y (text)[reversed]",
    "backslash \\: and \\\\ and \\*",
    "> not a quote",
]
NOTES = "Line one | pipe\n\n  indented <i>html</i>\n- list?\n`code`\ttab\n"

md = MarkdownIt("commonmark").enable("table")


@pytest.fixture(scope="module")
def kb():  # noqa: ANN201
    return load_knowledge()


@pytest.fixture(scope="module")
def base(kb) -> Scenario:  # noqa: ANN001
    return kb.preset("startup-launch").scenario


def _plan(kb, scenario: Scenario) -> Plan:  # noqa: ANN001
    return build_plan(scenario, kb)


def _text(inline_token: Token) -> str:
    """The text a reader sees in an inline token; fails on anything that is not text."""
    out = []
    for child in inline_token.children or []:
        assert child.type not in ("html_inline", "code_inline", "image"), child
        if child.type == "text":
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)


def _tables(tokens: list[Token]) -> list[list[list[str]]]:
    tables, rows, row = [], None, None
    for i, tok in enumerate(tokens):
        if tok.type == "table_open":
            rows = []
        elif tok.type == "tr_open":
            row = []
        elif tok.type in ("th_open", "td_open"):
            row.append(_text(tokens[i + 1]))  # type: ignore[union-attr]
        elif tok.type == "tr_close":
            rows.append(row)  # type: ignore[union-attr]
        elif tok.type == "table_close":
            tables.append(rows)
    return tables  # type: ignore[return-value]


def _check_structure(text: str) -> list[Token]:
    tokens = md.parse(text)
    assert not [t for t in tokens if t.type in ("html_block", "code_block", "fence")]
    source_tables = [blk for blk in text.split("\n\n") if blk.startswith("| ")]
    parsed = _tables(tokens)
    assert len(parsed) == len(source_tables)
    for table, source in zip(parsed, source_tables, strict=True):
        header = table[0]
        assert all(len(r) == len(header) for r in table), "a row lost or gained a cell"
        assert len(table) == source.strip("\n").count("\n")  # one row per line, minus the delimiter row
    return tokens


def _lint(text: str) -> list[str]:
    from pymarkdown.api import PyMarkdownApi

    result = PyMarkdownApi().configuration_file_path(str(LINT_CONFIG)).scan_string(text)
    return [f"{f.rule_id} line {f.line_number}: {f.rule_description}{f.extra_error_information}" for f in result.scan_failures]


@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_round_trips_in_every_table(kb, base: Scenario, name: str) -> None:  # noqa: ANN001
    plan = _plan(kb, base.with_changes(name=name, notes=NOTES + name))
    text = plan_to_markdown(plan, today=DAY)
    tokens = _check_structure(text)
    title = next(tokens[i + 1] for i, t in enumerate(tokens) if t.type == "heading_open")
    assert _text(title) == f"{name}: weekly marketing plan"
    inputs = next(t for t in _tables(tokens) if t[0] == ["Input", "Value"])
    values = dict(inputs[1:])
    assert values["Name"] == name
    assert values["Notes"] == NOTES + name
    assert _lint(text) == []


def test_plan_document_sections_and_numbers(kb, base: Scenario) -> None:  # noqa: ANN001
    plan = _plan(kb, base)
    text = plan_to_markdown(plan, today=DAY)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Split", "## Tactics", "## Why", "## Warnings", "## Sensitivity", "## Inputs",
        "## Appendix: the numbers behind the plan", "## Sources",
    ]
    assert "2025-03-31" in text and f"knowledge base version {plan.knowledge_version}." in text
    tactics = _tables(md.parse(text))[1]
    assert [row[0] for row in tactics[1:]] == [t.name for t in plan.tactics]
    assert [row[3] for row in tactics[1:]] == [f"{t.hours:g}" for t in plan.tactics]
    assert text.endswith("\n") and not text.endswith("\n\n")


def _sources_appendix(tokens: list[Token]) -> list[Token]:
    """The inline tokens of the items of the ordered list after the last heading."""
    last = max(i for i, t in enumerate(tokens) if t.type == "heading_open")
    assert _text(tokens[last + 1]) == "Sources"
    rest = tokens[last + 3 :]
    assert rest[0].type == "ordered_list_open" and rest[-1].type == "ordered_list_close"
    return [t for t in rest if t.type == "inline"]


@pytest.mark.parametrize(
    "preset, changes",
    [
        ("startup-launch", {"content_capacity": "low", "scheduler": False}),
        ("b2b-consultant", {"roi_horizon_months": 2}),
        ("local-cafe", {"scheduler": False, "reach_priority": 90}),
        ("consumer-brand", {"content_capacity": "low", "scheduler": False}),
    ],
)
def test_sources_appendix(kb, preset: str, changes: dict) -> None:  # noqa: ANN001
    """Short citations in the text, numbered in order of first use; the numbered
    Sources list at the end gives each one's title and address as a link; no file
    names anywhere; the whole document lints clean."""
    plan = _plan(kb, kb.preset(preset).scenario.with_changes(**changes))
    assert any(w.source is not None for w in plan.warnings), "cover a warning's citation too"
    text = plan_to_markdown(plan, today=DAY)
    assert ".txt" not in text and "assumption: " not in text
    tokens = _check_structure(text)
    items = _sources_appendix(tokens)
    body = text[: text.rindex("## Sources")]
    used = [int(n) for group in re.findall(r"\\?\[([\d, ]+)\\?\]", body) for n in group.split(", ")]
    assert used, "the text cites numbered sources"
    firsts = list(dict.fromkeys(used))
    assert firsts == list(range(1, len(items) + 1)), "numbered in order of first use, none missing"
    by_label = {s.label: s for s in plan.sources}
    for item in items:
        label = next(lab for lab in by_label if _text(item).startswith(lab))
        source = by_label[label]
        hrefs = [c.attrs["href"] for c in item.children or [] if c.type == "link_open"]
        assert hrefs == [u for u in (source.url, source.via) if u], label
    assert _lint(text) == []


def test_a_citation_reads_as_author_year_and_section(kb) -> None:  # noqa: ANN001
    # Events are the tactic that cites the networking-versus-socializing article; a
    # minimum keeps them in the plan whatever the model prefers.
    plan = _plan(kb, kb.preset("b2b-consultant").scenario.with_changes(bounds={"events-networking": {"min": 2}}))
    text = plan_to_markdown(plan, today=DAY)
    tokens = md.parse(text)
    items = [_text(t) for t in _sources_appendix(tokens)]
    gordon = next(n for n, item in enumerate(items, 1) if item.startswith("Difference Between Networking and Socializing"))
    assert items[gordon - 1] == (
        "Difference Between Networking and Socializing (Marc Gordon, 2022), TheyDiffer. Guidance article. "
        "http://theydiffer.com/difference-between-networking-and-socializing/"
    )
    lines = [_text(t) for t in tokens if t.type == "inline"]
    assert any(f"Marc Gordon 2022 [{gordon}]" in line for line in lines)  # in the tactic's sources line


def test_export_is_deterministic_and_dated(kb, base: Scenario) -> None:  # noqa: ANN001
    a = plan_to_markdown(_plan(kb, base), today=DAY)
    b = plan_to_markdown(_plan(kb, base), today=DAY)
    assert a.encode() == b.encode()
    assert plan_to_markdown(_plan(kb, base), today=datetime.date(2024, 1, 1)) != a


def test_comparison_export(kb) -> None:  # noqa: ANN001
    names = ["local-cafe", "startup-launch", "b2b-consultant", "consumer-brand"]
    plans = [_plan(kb, kb.preset(n).scenario.with_changes(name=HOSTILE[i + 1])) for i, n in enumerate(names)]
    c = compare_plans(plans)
    text = comparison_to_markdown(c, today=DAY)
    tokens = _check_structure(text)
    tables = _tables(tokens)
    summary, inputs, split, tactics = tables[0], tables[1], tables[2], tables[3]
    assert [r[0] for r in summary[1:]] == [p.scenario.name for p in plans]
    assert summary[1][1] == "baseline" and {r[1] for r in summary[2:]} == {"variant"}
    assert inputs[0][1:-1] == [p.scenario.name for p in plans]
    assert len(tactics) - 1 == len(c.tactics)
    zero_rows = [r for r in tactics[1:] if any(cell == "0" or cell.startswith("0 (") for cell in r[3:])]
    assert zero_rows, "tactics used by only some plans must show 0 in the others"
    assert [r[1] for r in split[1:]] == [f"{p.split.broadcast:.0%}" for p in plans]
    assert _lint(text) == []
    assert comparison_to_markdown(c, today=DAY) == text


def test_today_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert today_from_env() == datetime.date(2023, 11, 14)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    from planner.errors import PlannerError

    with pytest.raises(PlannerError, match="SOURCE_DATE_EPOCH"):
        today_from_env()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert today_from_env() == datetime.date.today()


@pytest.mark.parametrize(
    "text, markdown",
    [
        ("Read at https://example.com/a.", "Read at <https://example.com/a>."),
        ("https://example.com/ (2024) and https://example.org/x", "<https://example.com/> (2024) and <https://example.org/x>"),
        (" - edge https://example.com ", "&#32;- edge <https://example.com>&#32;"),
        ("- a list? https://example.com", "\\- a list? <https://example.com>"),
        ("*no links*", "\\*no links\\*"),
    ],
)
def test_links_keep_the_spaces_around_them(text: str, markdown: str) -> None:
    assert with_links(text) == markdown
    para = md.parse(f"{markdown}\n")
    assert "".join(c.content for c in para[1].children if c.type == "text").replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_escape_gives_back_the_text(text: str) -> None:
    tokens = md.parse(f"| h |\n| --- |\n| {inline(text)} |\n")
    cells = _tables(tokens)[0]
    assert cells[1] == [text]
    para = md.parse(f"Text: {inline(text)}\n")
    assert [t.type for t in para] == ["paragraph_open", "inline", "paragraph_close"]
    assert _text(para[1]) == f"Text: {text}"
    alone = md.parse(f"{inline(text)}\n")  # at the start of a line: lists, quotes, rules
    assert [t.type for t in alone] == ["paragraph_open", "inline", "paragraph_close"], text
    assert _text(alone[1]) == text


def test_people_read_names_and_no_doubled_words(kb) -> None:  # noqa: ANN001
    """Goals, channels and tactics read as names in the document; ids stay in JSON."""
    from planner.compare.inputs import Names

    # Minimums hold the two tactics whose headings are checked, whatever the model prefers.
    scenario = kb.preset("local-cafe").scenario.with_changes(
        exclude=["tiktok"], hours_per_week=10,
        bounds={"paid-social-ads": {"max": 4}, "email-newsletter": {"min": 2}, "hosted-meetups": {"min": 2},
                "facebook-group-discussions": {"min": 1}},
    )
    plan = _plan(kb, scenario)
    names = Names.of(kb)
    text = plan_to_markdown(plan, today=DAY, names=names)
    tables = _tables(md.parse(text))
    inputs = dict(next(t for t in tables if t[0] == ["Input", "Value"])[1:])
    assert inputs["Goals"] == ", ".join(names.goal(g) for g in scenario.goals)
    assert inputs["Excluded"] == "TikTok"
    assert f"{kb.tactic('paid-social-ads').name}: at most 4 h" in inputs["Hour limits"].split("; ")
    sensitivity = next(t for t in tables if t[0][0] == "Change")
    moved = {name for row in sensitivity[1:] for cell in row[3:] for name in cell.split(", ")} - {"none"}
    assert moved and moved <= {t.name for t in (*plan.tactics, *plan.alternatives)}, moved
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert "email-newsletter" in [t.id for t in plan.tactics]
    assert "### Email newsletter" in headings, headings  # not "Email newsletter (Email newsletter)"
    assert "### Facebook group discussions" in headings  # the name says the platform already
    assert "### Hosted customer meetups (In-person events)" in headings
    assert '"paid-social-ads"' in plan.to_json() and '"tiktok"' in plan.to_json()


def test_comparison_inputs_read_as_names(kb) -> None:  # noqa: ANN001
    from planner.compare.inputs import Names

    base = kb.preset("local-cafe").scenario
    other = base.with_changes(name="Other", goals=["business-opportunities"], bounds={"paid-social-ads": {"max": 4}})
    c = compare_plans([_plan(kb, base), _plan(kb, other)], words=Names.of(kb))
    values = {d.field: d.values for d in c.inputs}
    assert values["goals"][1] == "Business opportunities"
    assert values["bounds"][1] == f"{kb.tactic('paid-social-ads').name}: at most 4 h"
    text = comparison_to_markdown(c, today=DAY)
    assert "business-opportunities" not in text and "paid-social-ads" not in text


def test_ordinary_text_has_no_visible_escapes(kb) -> None:  # noqa: ANN001
    """Escapes only where structure would change: versions, file names, decimals,
    signed numbers and bracketed notes read in the raw Markdown as they are."""
    for preset in kb.presets:
        text = plan_to_markdown(_plan(kb, preset.scenario), today=DAY)
        for noise in ("\\.", "\\_", "\\#", "\\+", "\\[", "\\]", "&#32;"):
            assert noise not in text, (preset.id, noise, text[text.index(noise) - 40 : text.index(noise) + 40])
        _check_structure(text)
        assert _lint(text) == []


def test_a_plan_without_its_sensitivity_is_not_exported(kb, base: Scenario) -> None:  # noqa: ANN001
    """An export always has its Sensitivity section; a first-paint plan (built without
    one) is refused rather than written with a hole in it."""
    day = datetime.date(2026, 1, 1)
    assert "## Sensitivity" in plan_to_markdown(_plan(kb, base), today=day)
    with pytest.raises(ValueError, match="sensitivity=False"):
        plan_to_markdown(build_plan(base, kb, sensitivity=False), today=day)
