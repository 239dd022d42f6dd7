"""The plan view on the plan screen: the split, the tactics table, the why panel and
the what-ifs, and that it uses the sizes people use (80×24 and 120×40): text a person
needs is not cut, nothing stays scrolled out of sight."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from planner import fmt
from planner.tui.widgets.split_bar import SplitBar
from planner.tui.widgets.tactic_table import TacticTable

from ..helpers import LARGE, SMALL, text_of


def split_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(SplitBar).render())


def table_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(TacticTable)
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


async def test_opens_on_default_with_a_complete_plan(make_app, kb) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.plan is not None and app.plan.scenario == kb.default_scenario()
        assert f"{app.plan.split.relationships * 100:.0f}%" in split_text(app)
        assert kb.default_scenario().name in text_of(app, "#plan-title")
        assert app.screen.query_one("#tactics").row_count >= len(app.plan.tactics)


async def test_reach_priority_moves_the_split(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        before = app.plan
        assert before is not None
        await pilot.press("end")  # reach slider to 100: all about reach
        await pilot.pause()
        after = app.plan
        assert after is not None and after.scenario.reach_priority == 100
        assert after.split.broadcast > before.split.broadcast
        assert f"{after.split.broadcast * 100:.0f}%" in split_text(app)
        await pilot.press("home")
        await pilot.pause()
        assert app.plan.scenario.reach_priority == 0
        assert app.plan.split.broadcast <= before.split.broadcast


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


async def test_sensitivity_names_tactics_not_ids(make_app) -> None:
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        cases = [c for c in app.plan.sensitivity.cases if c.added or c.removed]
        assert cases, "the default scenario has what-ifs that change tactics"
        names = {t.id: t.name for t in (*app.plan.tactics, *app.plan.alternatives)}
        text = app.screen.query_one("#details").text
        for case in cases:
            for ident in case.added:
                assert f"+{names[ident]}" in text and f"+{ident}" not in text
            for ident in case.removed:
                assert f"−{names[ident]}" in text and f"−{ident}" not in text


def test_every_binding_the_engine_gives_reads_as_words(kb) -> None:
    """"limited by: outranked" was a code; every binding has words for people."""
    from planner.engine import build_plan
    from planner.tui.widgets.plan_details import BINDING

    seen = set()
    for preset in kb.presets:
        for hours in (0.5, 3, 40):
            for reach in (0, 100):
                plan = build_plan(preset.scenario.with_changes(hours_per_week=hours, reach_priority=reach), kb)
                seen |= {t.why.binding for t in (*plan.tactics, *plan.alternatives)}
    assert {"outranked", "budget"} <= seen
    assert seen <= set(BINDING), sorted(seen - set(BINDING))


async def test_why_panel_and_step_guidance_name_sources_by_title(make_app, kb) -> None:
    """Sources read as titles and sections, never as the knowledge base's file names."""
    from planner.tui.widgets.plan_details import PlanDetails

    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        shown = app.screen.query_one(PlanDetails).text
        assert "Sources" in shown and ".txt" not in shown
        tactic = app.plan.tactics[0]
        assert tactic.why.sources[0].text in shown
        assert "Social Media vs Social Networking, 'The Overlap Between Social Media and Social Networking'" in shown
        guidance = str(app.screen.query_one("#step-goals .step-help", Static).render())
        assert "Guidance: Social Media vs Social Networking, 'Social Media vs Social Networking: Core Differences'" in guidance
