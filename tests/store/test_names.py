"""Hostile names map to safe, distinct files inside the store, and come back as typed."""

from __future__ import annotations

import unicodedata

import pytest

from planner.store import InvalidNameError, ScenarioStore
from planner.store.names import file_name, shown
from planner.text import visible

from .conftest import make

HOSTILE = [
    "../../etc/passwd",
    "..",
    "/absolute/path",
    "C:\\Windows\\system32",
    "name with | pipes | and [brackets] and (parens)",
    "<script>alert('x')</script>",
    "[bold red]rich markup[/]",
    '"quoted" and \'single\'',
    "line one\nline two",
    "tab\tseparated",
    "🌸🚀 emoji only 👩‍👩‍👧",
    "שלום עולם",
    "مرحبا بالعالم",
    "mixed english עברית 123",
    "\u202eevil right-to-left override",
    "x" * 200,
    "CON",
    "nul.json",
    " leading and trailing spaces ",
    "*_`~#&",
]


@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_name_round_trips(store: ScenarioStore, name: str) -> None:
    saved = store.save(make(name))
    assert saved.path.parent == store.directory
    assert saved.path.name == file_name(name)
    assert all(c.isascii() and (c.isalnum() or c in "-.") for c in saved.path.name)
    assert store.load(name).scenario.name == name
    assert store.list().names() == [name]
    store.delete(name)
    assert store.list().names() == []


def test_all_hostile_names_coexist(store: ScenarioStore) -> None:
    for n in HOSTILE:
        store.save(make(n))
    assert sorted(store.list().names()) == sorted(HOSTILE)
    assert len({file_name(n) for n in HOSTILE}) == len(HOSTILE)


def test_names_that_slug_alike_do_not_collide(store: ScenarioStore) -> None:
    names = ["Plan A", "plan a", "Plan-A", "Plan/A", "Plan A ", "PLAN A"]
    for n in names:
        store.save(make(n, notes=n))
    for n in names:
        assert store.load(n).scenario.notes == n


def test_canonically_equal_names_are_the_same_scenario(store: ScenarioStore) -> None:
    composed = unicodedata.normalize("NFC", "Café")
    decomposed = unicodedata.normalize("NFD", "Café")
    assert composed != decomposed
    store.save(make(composed))
    assert store.load(decomposed).scenario.name == composed
    assert file_name(composed) == file_name(decomposed)


@pytest.mark.parametrize("bad", ["", "   ", "x" * 201, "bell\x07"])
def test_unstorable_names_are_refused_clearly(store: ScenarioStore, bad: str) -> None:
    with pytest.raises(InvalidNameError, match="cannot use .* as a scenario name"):
        store.save(make("ok"), name=bad)


def test_visible_neutralises_terminal_controls() -> None:
    assert visible("a\x1b[31mred\x07") == "a\\x1b[31mred\\x07"
    assert visible("rtl\u202eoverride\n") == "rtl\\u202eoverride\\n"
    assert shown("x\ny") == "“x\\ny”"


def test_names_are_case_sensitive_and_lookups_suggest_every_case_variant(store: ScenarioStore) -> None:
    """The choice (docs/cli.md): names stay case-sensitive, so no existing store changes;
    a lookup that misses suggests every name that differs only in capitals."""
    from planner.store import ScenarioNotFoundError

    for name in ("Cafe 10h", "CAFE 10H", "Other"):
        store.save(make(name))
    assert store.case_variants("cafe 10h") == ["CAFE 10H", "Cafe 10h"]
    assert store.case_variants("Cafe 10h") == ["CAFE 10H"]
    for lookup in (store.load, store.delete):
        with pytest.raises(ScenarioNotFoundError) as caught:
            lookup("cafe 10h")
        message = caught.value.message
        assert "case-sensitive" in message and "“CAFE 10H”" in message and "“Cafe 10h”" in message
    with pytest.raises(ScenarioNotFoundError, match="Did you mean “Other”"):
        store.load("othre")
    assert sorted(store.list().names()) == ["CAFE 10H", "Cafe 10h", "Other"]
