"""The presentation layer: the Rich tables both shells show, and the layer's bounds.

The comparison's numbers are tested in ``test_compare.py``; what the CLI prints, in
``test_cli_plan.py`` and ``test_cli_scenarios.py``. Here: how the tables lay out, and
that drawing stays out of the core and of the shells' way.
"""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from rich.console import Console

from planner.compare import compare_plans
from planner.engine import build_plan
from planner.knowledge import load_knowledge
from planner.models.plan import Plan
from planner.present.comparison import Look, summary_table


@pytest.fixture(scope="module")
def plans() -> list[Plan]:
    kb = load_knowledge()
    return [build_plan(kb.preset(i).scenario, kb) for i in ("local-cafe", "startup-launch")]


def test_summary_fits_80_columns_without_a_tall_changes_column(plans: list[Plan]) -> None:
    """At 80×24 the list of changes gets the room (it wrapped over ~16 lines at 13 cells)."""
    base = plans[0].scenario
    many = base.with_changes(name="Many changes", hours_per_week=base.hours_per_week + 2, reach_priority=90,
                             audience="niche", market="b2b", scheduler=not base.scheduler, content_capacity="low")
    c = compare_plans([plans[0], build_plan(many, load_knowledge())])
    changes = ", ".join(c.scenarios[1].changed_inputs)
    assert len(c.scenarios[1].changed_inputs) >= 5
    out = io.StringIO()
    Console(file=out, width=78, no_color=True).print(summary_table(c, Look.terminal()))
    text = out.getvalue()
    assert max(len(line) for line in text.splitlines()) <= 78
    rows = [line for line in text.splitlines()[4:] if line.strip()]
    assert len(rows) <= 2 + 5, text  # the baseline's row, then the variant's in a few lines
    assert " ".join(" ".join(rows).split()).count(changes.split(", ")[0]) == 1


def _loaded_after(code: str) -> set[str]:
    """Modules a fresh interpreter holds after ``code``: in-process, earlier tests would
    have imported them already."""
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True, timeout=60,
    )
    return set(out.stdout.split())


@pytest.mark.slow
@pytest.mark.parametrize("module", ["planner.present.plan", "planner.present.comparison"])
def test_the_presentation_layer_never_loads_a_shell(module: str) -> None:
    loaded = _loaded_after(f"import {module}")
    assert "rich" in loaded  # the check can fail: this is what the module is for
    assert not {m for m in loaded if m == "textual" or m.startswith(("textual.", "planner.cli", "planner.tui"))}


@pytest.mark.slow
def test_planning_a_plan_as_json_never_loads_rich() -> None:
    """Drawing is imported only when there is something to draw, so scripts that ask for
    JSON do not wait for rich."""
    code = (
        "import io, contextlib\n"
        "from planner.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['plan', '--format', 'json']) == 0\n"
    )
    assert not {m for m in _loaded_after(code) if m == "rich" or m.startswith(("rich.", "planner.present"))}


def test_a_first_paint_plan_shows_without_a_sensitivity_line() -> None:
    """A plan built without sensitivity (the app's first paint) still shows its table;
    only the line it cannot have yet is left out."""
    from planner.present.plan import print_plan

    kb = load_knowledge()
    scenario = kb.preset("local-cafe").scenario
    shown = []
    for plan in (build_plan(scenario, kb), build_plan(scenario, kb, sensitivity=False)):
        out = io.StringIO()
        print_plan(plan, Console(file=out, width=120, color_system=None))
        shown.append(out.getvalue())
    full, quick = shown
    assert "Sensitivity:" in full and "Sensitivity:" not in quick
    assert plan.tactics[0].name in quick
