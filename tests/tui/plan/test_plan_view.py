"""The screen is used well at the sizes people use (80×24 and 120×40): text a person
needs is not cut, nothing stays scrolled out of sight, nothing covers a dialog."""

from __future__ import annotations

import pytest

from planner import fmt
from planner.tui.widgets.tactic_table import TacticTable

from ..conftest import LARGE, SMALL


def table_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(TacticTable)
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
async def test_tactics_table_gives_names_and_weekly_output_the_room(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = table_lines(app)
        text = "\n".join(lines)
        for tactic in app.plan.tactics:
            name = fmt.with_platform(tactic.name, tactic.platform_name)
            line = next(line for line in lines if line.strip().startswith(name[:12]))
            assert name in line, f"{name!r} cut: {line!r}"
            assert line.endswith(fmt.hours(tactic.hours)), line
            at = lines.index(line)
            kind = lines[at + 1]
            if kind.strip() == f"{tactic.strategy} ·":  # too long for one line: output below
                assert lines[at + 2].strip() == tactic.output, lines[at + 2]
            else:
                assert f"{tactic.strategy} · {tactic.output}" in kind, kind
        assert "relat " not in text and "bcast" not in text, "abbreviated kinds"
        assert "Email newsletter (Email newsletter)" not in text
        width = app.screen.query_one(TacticTable).size.width
        assert max(len(line) for line in lines) <= width


async def test_opening_a_scenario_or_preset_shows_its_plan_from_the_top(make_app, kb) -> None:
    from planner.tui.widgets.plan_view import PlanView
    from planner.tui.widgets.split_bar import SplitBar

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        view = app.screen.query_one(PlanView)
        for load in (lambda: app.load_scenario(kb.presets[1].scenario, "a preset"), lambda: app.load_scenario(kb.presets[2].scenario, "a file")):
            view.scroll_end(animate=False, immediate=True)
            await pilot.pause()
            assert view.scroll_y > 0
            load()
            await pilot.pause()
            assert view.scroll_y == 0
            split = app.screen.query_one(SplitBar)
            assert view.region.contains_region(split.region), "the split bar is on screen"


async def test_a_direct_key_scrolls_the_plan_and_f1_and_the_guide_say_so(make_app) -> None:
    from pathlib import Path

    from planner.tui.screens.help import HelpScreen
    from planner.tui.widgets.plan_view import PlanView

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        view = app.screen.query_one(PlanView)
        focused = app.focused
        await pilot.press("ctrl+down")
        await pilot.pause()
        assert view.scroll_y > 0 and app.focused is focused, "scrolled, and the focus stayed in the wizard"
        await pilot.press("pagedown")  # on a step with a text box, too
        await pilot.pause()
        await pilot.press("ctrl+up", "ctrl+up", "ctrl+up")
        await pilot.pause()
        assert view.scroll_y == 0
        await pilot.press("alt+down")
        await pilot.pause()
        assert view.scroll_y > 0
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "ctrl+down / alt+down" in app.screen.keys_text and "Scroll the plan down" in app.screen.keys_text
    guide = (Path(__file__).resolve().parents[3] / "docs" / "guide.md").read_text(encoding="utf-8")
    assert "| Ctrl+↓ / Ctrl+↑ (or Alt+↓ / Alt+↑) | scroll the plan view" in guide


async def test_the_exported_toast_does_not_cover_the_next_dialog(make_app, tmp_path) -> None:
    from textual.widgets import Input
    from textual.widgets._toast import Toast

    from planner.tui.dialogs.export import ExportDialog

    app = make_app()
    async with app.run_test(size=SMALL, notifications=True) as pilot:  # toasts are off in tests by default
        await pilot.pause()
        for n in range(2):
            await pilot.press("f6")
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog)
            buttons = app.screen.query_one("#export-buttons").region
            toasts = [t.region for t in app.screen.query(Toast)]
            assert not [r for r in toasts if r.overlaps(buttons)], (n, toasts, buttons)
            app.screen.query_one("#export-path", Input).value = str(tmp_path / f"plan{n}.md")
            await pilot.press("enter")
            await pilot.pause(0.2)
            assert not isinstance(app.screen, ExportDialog)
            assert list(app.screen.query(Toast)), "the Exported toast is shown on the plan screen"


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
async def test_every_step_is_named_in_the_step_bar(make_app, size) -> None:
    from planner.tui.help_data import STEPS
    from planner.tui.widgets.wizard import StepBar, Wizard

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("pagedown")
        await pilot.pause()
        bar = app.screen.query_one(StepBar)
        shown = " ".join(bar.render_line(y).text for y in range(bar.size.height))
        for i, step in enumerate(STEPS, start=1):
            assert f"{i} {step.title}" in shown, shown
        assert bar.region.width >= max(len(bar.render_line(y).text.rstrip()) for y in range(bar.size.height))
        # Each name is a click target.
        line, start, _ = bar._spans(bar.size.width)[4]
        await pilot.click(StepBar, offset=(start + 1, line))
        await pilot.pause()
        assert app.screen.query_one(Wizard).step_id == "channels"
