"""Messages about bad values are written for people, from one wording table
(planner.errors.WORDING), the same in the CLI and the app: what was wrong, then
how to fix it; never pydantic's phrasing, never an id where a name is known."""

from __future__ import annotations

import json

import pytest

from planner.cli.main import main
from planner.errors import WORDING

PYDANTIC = ("input should", "string should", "(got ", "value error", "validation error", "type=", "pydantic")

BAD_FILES = [
    ({"hours_per_week": 0}, "hours per week"),
    ({"hours_per_week": 1000}, "hours per week"),
    ({"hours_per_week": "8"}, "8"),
    ({"name": ""}, "the scenario name"),
    ({"name": "   "}, "the scenario name"),
    ({"name": "x" * 201}, "200 characters"),
    ({"reach_priority": -1}, "reach priority"),
    ({"roi_horizon_months": 1.5}, "whole number"),
    ({"roi_horizon_months": 0}, "months until results"),
    ({"content_capacity": "huge"}, "'low', 'medium' or 'high'"),
    ({"sales_tracking": "yes"}, "true or false"),
    ({"goals": ["Not An Id"]}, "lowercase"),
    ({"goals": ["awareness", "awareness"]}, "more than once"),
    ({"bounds": {"instagram": {"min": 2, "max": 1}}}, "Instagram: min (2 h) is above max (1 h)"),
    ({"bounds": {"instagram": {"min": -1}}}, "the minimum hours for Instagram"),
    ({"broadcast_share": {"max": 2}}, "maximum broadcast share"),
    ({"typo_field": 1}, "typo_field is not a known field"),
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.mark.parametrize(("data", "needle"), BAD_FILES, ids=range(len(BAD_FILES)))
def test_scenario_file_errors_read_as_plain_words(tmp_path, capsys, data, needle) -> None:  # noqa: ANN001
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, err = run(capsys, "plan", "--scenario", str(path))
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert needle in err, err
    assert not [p for p in PYDANTIC if p in err.lower()], err


@pytest.mark.parametrize(
    ("flags", "field"),
    [(["--hours", "0"], "hours_per_week"), (["--hours", "1000"], "hours_per_week"), (["--name", ""], "name"), (["--horizon", "0"], "roi_horizon_months")],
)
def test_flag_errors_name_the_flag_once_in_plain_words(capsys, flags, field) -> None:  # noqa: ANN001
    code, err = run(capsys, "plan", *flags)
    assert code == 2
    assert err.startswith(f"planner: error: {flags[0]}: ")
    rest = err.removeprefix(f"planner: error: {flags[0]}: ")
    assert not rest.startswith(field), "the flag names the field; the raw field name is not repeated"
    assert not [p for p in PYDANTIC if p in err.lower()], err


def test_the_table_has_no_pydantic_phrasing() -> None:
    for kind, text in WORDING.items():
        assert not [p for p in PYDANTIC if p in text.lower()], kind
        assert "; " in text or kind in ("list_type", "dict_type", "model_type"), f"{kind}: what was wrong; how to fix it"
