"""The ``planner plan`` contract: names other tools depend on."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from planner.cli.main import main


def run(args, capsys):
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def plan_json(args, capsys):
    code, out, err = run(["plan", "--format", "json", *args], capsys)
    assert code == 0, err
    return json.loads(out)


def test_json_contract(capsys):
    data = plan_json([], capsys)
    assert {"scenario", "split", "hours", "tactics", "warnings"} <= set(data)
    assert set(data["split"]) >= {"broadcast", "relationships"}
    assert abs(data["split"]["broadcast"] + data["split"]["relationships"] - 1) < 1e-9
    assert set(data["hours"]) >= {"available", "allocated"}
    for t in data["tactics"]:
        assert {"id", "platform", "strategy", "hours"} <= set(t)
        assert t["strategy"] in ("broadcast", "relationships")
    for w in data["warnings"]:
        assert set(w) >= {"code", "message"}


def test_scenario_output_reproduces_the_plan(tmp_path, capsys):
    """`planner plan --format json | jq .scenario` is a valid --scenario file."""
    first = plan_json(["--preset", "b2b-consultant", "--hours", "6.5", "--goal", "partnerships", "--max", "linkedin=3"], capsys)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(first["scenario"]), encoding="utf-8")
    second = plan_json(["--scenario", str(path)], capsys)
    assert second == first


def test_flags_override_the_preset(capsys):
    data = plan_json(["--preset", "b2b-consultant", "--hours", "4", "--reach", "90", "--no-scheduler"], capsys)
    assert data["scenario"]["hours_per_week"] == 4
    assert data["scenario"]["reach_priority"] == 90
    assert data["scenario"]["scheduler"] is False


def test_min_max_flags_apply(capsys):
    data = plan_json(["--hours", "10", "--min", "linkedin-conversations=3", "--max", "facebook=1"], capsys)
    hours = {t["id"]: t["hours"] for t in data["tactics"]}
    assert hours.get("linkedin-conversations", 0) >= 3
    assert sum(t["hours"] for t in data["tactics"] if t["platform"] == "facebook") <= 1


def test_exclude_flag(capsys):
    data = plan_json(["--hours", "10", "--exclude", "instagram", "--exclude", "linkedin-conversations"], capsys)
    assert all(t["platform"] != "instagram" and t["id"] != "linkedin-conversations" for t in data["tactics"])


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--reach", "101"], "--reach"),
        (["--reach", "ten"], "--reach"),
        (["--hours", "0"], "--hours"),
        (["--hours", "nan"], "--hours"),
        (["--hours", "inf"], "--hours"),
        (["--hours", "169"], "--hours"),
        (["--horizon", "0"], "--horizon"),
        (["--goal", "world-domination"], "--goal"),
        (["--exclude", "myspace"], "--exclude"),
        (["--min", "linkedin"], "--min"),
        (["--min", "linkedin=lots"], "--min"),
        (["--min", "linkedin=3", "--max", "linkedin=1"], "--min/--max"),
        (["--preset", "nope"], "--preset"),
        (["--market", "b2g"], "--market"),
        (["--broadcast-share-min", "1.5"], "broadcast"),
        (["--scenario", "/nonexistent/file.json"], "no such file"),
    ],
)
def test_invalid_input_exits_2_with_one_line_naming_the_field(args, needle, capsys):
    try:
        code = main(["plan", *args])
    except SystemExit as exc:  # argparse's own type/choice errors
        code = exc.code
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert needle in lines[0], err
    assert "Traceback" not in err


@pytest.mark.parametrize("args", [["plan", "--reach", "ten"], ["plan", "--market", "b2g"], ["plan", "--bogus"]])
def test_usage_errors_exit_2_in_one_line(args):
    proc = subprocess.run([sys.executable, "-m", "planner.cli.main", *args], capture_output=True, text=True)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_scenario_file_names_file_and_field(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"hours_per_week": -1, "reach_priority": 50}), encoding="utf-8")
    code, out, err = run(["plan", "--scenario", str(path)], capsys)
    assert code == 2 and "bad.json" in err and "hours_per_week" in err
    path.write_text('{"hours_per_week": 3,', encoding="utf-8")
    code, out, err = run(["plan", "--scenario", str(path)], capsys)
    assert code == 2 and "not valid JSON" in err
    path.write_text(json.dumps({"hours_per_week": 3, "typo_field": 1}), encoding="utf-8")
    code, out, err = run(["plan", "--scenario", str(path)], capsys)
    assert code == 2 and "typo_field" in err


def test_table_format_renders_user_text_literally(capsys):
    code, out, err = run(["plan", "--name", "[bold red]Acme[/] [@click=app.quit]x[/]"], capsys)
    assert code == 0
    assert "[bold red]Acme[/] [@click=app.quit]x[/]" in out


def test_markdown_format(capsys):
    code, out, err = run(["plan", "--format", "markdown", "--date", "2026-01-02"], capsys)
    assert code == 0, err
    assert out.startswith("#") and "2026-01-02" in out


def test_json_is_byte_identical_across_runs():
    cmd = [sys.executable, "-m", "planner.cli.main", "plan", "--format", "json", "--preset", "consumer-brand"]
    a = subprocess.run(cmd, capture_output=True, check=True).stdout
    b = subprocess.run(cmd, capture_output=True, check=True).stdout
    assert a == b


def test_error_from_the_file_names_the_file_even_with_flags(tmp_path, capsys):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"hours_per_week": 3, "audience": "everyone"}), encoding="utf-8")
    code, out, err = run(["plan", "--scenario", str(path), "--reach", "20"], capsys)
    assert code == 2 and "mine.json" in err and "audience" in err


def test_options_before_the_command_survive(tmp_path, capsys):
    """`planner --data-dir X plan --save N` saves into X (a subcommand default must
    not overwrite a value given before the command name)."""
    home = tmp_path / "store"
    code, out, err = run(["--data-dir", str(home), "plan", "--save", "Mine", "--format", "json"], capsys)
    assert code == 0, err
    assert list(home.rglob("*.json")), "nothing saved in --data-dir"


def test_save_twice_with_different_scenarios_needs_force(tmp_path, capsys):
    home = str(tmp_path / "store")
    assert run(["plan", "--data-dir", home, "--save", "Mine", "--hours", "3"], capsys)[0] == 0
    code, out, err = run(["plan", "--data-dir", home, "--save", "Mine", "--hours", "9"], capsys)
    assert code == 2 and "--force" in err
    assert run(["plan", "--data-dir", home, "--save", "Mine", "--hours", "9", "--force"], capsys)[0] == 0


def test_table_format_neutralises_control_and_bidi_characters(capsys):
    code, out, err = run(["plan", "--notes", "evil\x1b[2J\u202ereversed"], capsys)
    assert code == 0, err
    assert "\x1b[2J" not in out and "\u202e" not in out
    assert "\\x1b[2J" in out and "\\u202e" in out


def test_flags_without_a_preset_start_from_a_neutral_base() -> None:
    """Regression: flags alone used to start from the café and inherit its goals and notes."""
    import json
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "planner.cli.main", "plan", "--hours", "2", "--market", "b2b", "--reach", "20", "--format", "json"],
        capture_output=True, text=True, timeout=60,
    )
    assert run.returncode == 0, run.stderr
    scenario = json.loads(run.stdout)["scenario"]
    assert scenario["name"] == "Custom plan" and scenario["goals"] == [] and scenario["notes"] == ""
    assert (scenario["local"], scenario["ad_budget_per_month"], scenario["existing_audience"]) == (False, 0.0, "small")
    table = subprocess.run(
        [sys.executable, "-m", "planner.cli.main", "plan", "--hours", "2"], capture_output=True, text=True, timeout=60,
        env={"COLUMNS": "120", "PATH": "/usr/bin:/bin"},
    )
    assert "neutral base" in table.stdout


def test_table_does_not_repeat_a_platform_named_like_its_tactic(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    # Both tactics held in the plan by minimums, so the test does not depend on the model.
    code, out, _ = run(
        ["plan", "--preset", "local-cafe", "--hours", "10", "--min", "email-newsletter=2", "--min", "hosted-meetups=2"], capsys
    )
    assert code == 0
    lines = out.splitlines()
    first_cells = [line.split("│")[1].strip() for line in lines if line.startswith("│") and line.count("│") > 3]
    i = first_cells.index("Email newsletter")
    assert first_cells[i + 1] != "Email newsletter", first_cells[i : i + 2]
    j = first_cells.index("Hosted customer meetups")
    assert first_cells[j + 1] == "In-person events", "a platform the name does not say is still shown"


@pytest.mark.parametrize("bom", [False, True], ids=["utf8", "utf8-bom"])
def test_scenario_file_saved_by_the_store_or_bare_with_or_without_bom(tmp_path, capsys, bom):
    """`--scenario` reads what the app's own store writes, as well as bare scenario
    JSON; an editor's byte order mark is fine on either."""
    from pathlib import Path

    from planner.inputs import build_scenario
    from planner.knowledge import load_knowledge
    from planner.store import ScenarioStore

    kb = load_knowledge()
    scenario = kb.preset("b2b-consultant").scenario.with_changes(name="Saved by the app", hours_per_week=5.5)
    stored = ScenarioStore.open(tmp_path / "home").save(scenario)
    bare = tmp_path / "bare.json"
    bare.write_text(scenario.to_json(), encoding="utf-8")
    v1 = Path(__file__).resolve().parent / "fixtures" / "store" / "v1_cafe.json"
    for source in (stored.path, bare, v1):
        path = tmp_path / f"copy-{source.name}"
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + source.read_bytes())
        data = plan_json(["--scenario", str(path)], capsys)
        expected = build_scenario(kb, scenario_file=source)
        assert data["scenario"] == json.loads(expected.to_json())
        # `planner --scenario FILE` (the app) reads it through the same function.
        assert build_scenario(kb, scenario_file=path) == expected
    assert build_scenario(kb, scenario_file=stored.path) == scenario


def test_a_store_file_from_a_newer_planner_or_another_format_is_one_clear_line(tmp_path, capsys):
    path = tmp_path / "s.json"
    for data, needle in [
        ({"format": "planner.scenario", "schema_version": 99, "scenario": {}}, "newer planner"),
        ({"format": "something.else", "schema_version": 2, "scenario": {}}, "not a planner scenario file"),
        ({"format": "planner.scenario", "schema_version": 2, "scenario": {"hours_per_week": 0}}, "too low"),
    ]:
        path.write_text(json.dumps(data), encoding="utf-8")
        code, out, err = run(["plan", "--scenario", str(path)], capsys)
        assert code == 2 and str(path) in err and needle in err, err
        assert len(err.strip().splitlines()) == 1 and "is not a known field" not in err


def test_table_warnings_read_as_words_and_json_keeps_the_codes(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    args = ["--preset", "startup-launch", "--hours", "1"]
    data = plan_json(args, capsys)
    assert data["warnings"], "this scenario has a warning"
    code, out, _ = run(["plan", *args], capsys)
    for w in data["warnings"]:
        assert w["code"] not in out
        assert "⚠ " + w["message"][:30] in " ".join(out.replace("│", " ").split())
