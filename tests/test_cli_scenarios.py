"""The store-facing commands: names, exit codes and messages are a contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.models.scenario import Scenario
from planner.store import ScenarioStore

HOSTILE = "Spring | sale [bold]x[/bold] <i>y</i> 🌸 שלום"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANNER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1743379200")  # 2025-03-31
    monkeypatch.chdir(tmp_path)
    return tmp_path / "home"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def saved(home: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    names = ["Café", HOSTILE, "Launch"]
    for name, preset in zip(names, ["local-cafe", "startup-launch", "consumer-brand"], strict=True):
        code, _, err = run(capsys, "plan", "--preset", preset, "--save", name, "--format", "json")
        assert code == 0, err
    return names


def test_list_table_and_json(saved: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")  # room for every name in full
    code, out, _ = run(capsys, "scenarios", "list")
    assert code == 0 and "3 scenarios" in out and HOSTILE in out
    code, out, _ = run(capsys, "scenarios", "list", "--format", "json")
    data = json.loads(out)
    assert [s["name"] for s in data["scenarios"]] == sorted(saved, key=str.casefold)
    assert data["problems"] == []


def test_list_fits_80_columns_with_goal_labels(saved: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Like `plan` and `compare`, the listing fits the terminal; goals read as labels."""
    from rich.cells import cell_len

    from planner.knowledge import load_knowledge

    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "scenarios", "list")
    table = out.split("\n\n")[0].splitlines()
    assert code == 0 and max(cell_len(line) for line in table) <= 80, out
    assert table[0].split() == ["Name", "Hours", "Reach", "Goals", "Modified"]
    cafe = next(line for line in table if line.startswith("Café"))
    first_goal = load_knowledge().preset("local-cafe").scenario.goals[0]
    label = {g.id: g.label for g in load_knowledge().goals}[first_goal]
    assert label[:10] in cafe and first_goal not in cafe.split(), cafe


def test_data_dir_before_or_after_the_command(tmp_path: Path, saved: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other"
    ScenarioStore.open(other).save(Scenario(name="Elsewhere"))
    for argv in (["--data-dir", str(other), "scenarios", "list"], ["scenarios", "list", "--data-dir", str(other)]):
        code, out, _ = run(capsys, *argv, "--format", "json")
        assert [s["name"] for s in json.loads(out)["scenarios"]] == ["Elsewhere"]


def test_show_formats(saved: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scenarios", "show", HOSTILE, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["name"] == HOSTILE and data["plan"]["scenario"]["name"] == HOSTILE
    code, out, _ = run(capsys, "scenarios", "show", HOSTILE, "--format", "markdown")
    assert out.startswith("# Spring \\| sale") and "2025-03-31" in out
    code, out, _ = run(capsys, "scenarios", "show", HOSTILE)
    assert code == 0 and "[bold]x[/bold]" in out  # markup printed literally, not interpreted


def test_rm_then_unknown_name_is_exit_2(saved: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scenarios", "rm", "Launch")
    assert code == 0 and "removed “Launch”" in out
    for argv in (["scenarios", "rm", "Launch"], ["scenarios", "show", "Launch"], ["export", "Launch"], ["compare", "Café", "Launch"]):
        code, _, err = run(capsys, *argv)
        assert code == 2, argv
        assert "no scenario named “Launch”" in err and "planner scenarios list" in err
        assert "Traceback" not in err


def test_unknown_name_suggests_close_matches(saved: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "scenarios", "show", "Cafe")
    assert code == 2 and "Did you mean “Café”" in err


def test_export_to_file_refuses_overwrite_without_force(saved: list[str], home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "Café")
    assert code == 0 and "cafe.md" in err
    first = Path("cafe.md").read_bytes()
    code, _, err = run(capsys, "export", "Café")
    assert code == 2 and "already exists" in err and "--force" in err
    code, _, _ = run(capsys, "export", "Café", "--force", "--date", "2020-01-01")
    assert code == 0 and Path("cafe.md").read_bytes() != first and b"2020-01-01" in Path("cafe.md").read_bytes()


def test_export_to_stdout_is_deterministic(saved: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    outs = [run(capsys, "export", HOSTILE, "-o", "-")[1] for _ in range(2)]
    assert outs[0] == outs[1] and "2025-03-31" in outs[0]


@pytest.mark.parametrize("target", ["/nonexistent-dir/x.md", "."])
def test_unwritable_output_is_exit_2(saved: list[str], capsys: pytest.CaptureFixture[str], target: str) -> None:
    code, _, err = run(capsys, "export", "Café", "-o", target, "--force")
    assert code == 2 and "cannot write" in err and "Traceback" not in err


def test_bad_date_is_exit_2(saved: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "Café", "-o", "-", "--date", "31/03/2025")
    assert code == 2 and "YYYY-MM-DD" in err


def test_compare_formats(saved: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "compare", *saved, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["baseline"] == "Café" and data["names"] == saved
    code, out, _ = run(capsys, "compare", *saved[:2], "--format", "markdown")
    assert code == 0 and out.startswith("# Scenario comparison")
    code, out, _ = run(capsys, "compare", *saved)
    assert code == 0 and "baseline" in out and "Hours per tactic" in out
    code, _, _ = run(capsys, "compare", *saved, "--format", "markdown", "-o", str(tmp_path / "c.md"))
    assert code == 0 and (tmp_path / "c.md").read_text().startswith("# Scenario comparison")
    code, _, err = run(capsys, "compare", *saved, "--format", "markdown", "-o", str(tmp_path / "c.md"))
    assert code == 2 and "already exists" in err


@pytest.mark.parametrize("names", [["Café"], ["Café", "Café"], ["a", "b", "c", "d", "e"]])
def test_compare_needs_two_to_four_distinct(saved: list[str], capsys: pytest.CaptureFixture[str], names: list[str]) -> None:
    code, _, err = run(capsys, "compare", *names)
    assert code == 2 and ("2 to 4" in err or "twice" in err)


def test_unreadable_store_is_exit_2(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home.mkdir(parents=True)
    (home / "scenarios").write_text("a file where the directory should be")
    code, _, err = run(capsys, "scenarios", "list")
    assert code == 2 and "cannot read the scenario store" in err


def test_corrupt_file_is_a_warning_not_a_failure(saved: list[str], home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / "scenarios" / "broken.json").write_text('{"schema_version": 2, "scen')
    code, out, err = run(capsys, "scenarios", "list")
    assert code == 0 and "3 scenarios" in out
    assert "warning: broken.json is not valid JSON" in err and "broken.json.invalid" in err


def test_terminal_controls_in_names_are_made_visible(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ScenarioStore.open().save(Scenario(name="two\nlines\tand tab"))
    code, out, _ = run(capsys, "scenarios", "list")
    assert "two\\nlines\\tand tab" in out


def test_save_refuses_to_replace_a_different_scenario(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "plan", "--preset", "local-cafe", "--save", "Mine", "--format", "json")[0] == 0
    assert run(capsys, "plan", "--preset", "local-cafe", "--save", "Mine", "--format", "json")[0] == 0  # same: fine
    code, _, err = run(capsys, "plan", "--preset", "startup-launch", "--save", "Mine", "--format", "json")
    assert code == 2 and "already exists" in err
    assert run(capsys, "plan", "--preset", "startup-launch", "--save", "Mine", "--force", "--format", "json")[0] == 0


def test_where(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "where", "--format", "json")
    data = json.loads(out)
    assert data["data_dir"] == str(home) and data["data_dir_source"] == "$PLANNER_HOME"
    assert data["cache_dir"] == os.environ["PLANNER_CACHE_DIR"]
    code, out, _ = run(capsys, "where")
    assert str(home / "scenarios") in out
    assert os.environ["PLANNER_CACHE_DIR"] in out


@pytest.mark.slow
def test_subprocess_exit_codes_and_no_textual(home: Path) -> None:
    env = {"PLANNER_HOME": str(home), "PLANNER_CACHE_DIR": os.environ["PLANNER_CACHE_DIR"], "PATH": "/usr/bin:/bin"}
    probe = "import sys; from planner.cli.main import main; rc = main(sys.argv[1:]); assert 'textual' not in sys.modules; sys.exit(rc)"
    r = subprocess.run([sys.executable, "-c", probe, "scenarios", "show", "nope"], capture_output=True, text=True, env=env)
    assert r.returncode == 2 and "no scenario named “nope”" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-c", probe, "scenarios", "list", "--format", "json"], capture_output=True, text=True, env=env)
    assert r.returncode == 0 and json.loads(r.stdout)["scenarios"] == []


def test_case_variants_are_suggested_and_noted_on_save(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("Cafe 10h", "CAFE 10H"):
        code, _, err = run(capsys, "plan", "--save", name)
        assert code == 0
    assert "names are case-sensitive" in err and "“Cafe 10h”" in err  # the second save says so
    code, _, err = run(capsys, "compare", "cafe 10h", "Cafe 10h")
    assert code == 2 and "“CAFE 10H”" in err and "“Cafe 10h”" in err and "case-sensitive" in err
