"""Pilot-driven flows: what a marketer does, checked against what the screen shows."""

from __future__ import annotations

import time

from textual.widgets import Input, Static

from planner.models import Plan, Scenario
from planner.tui.screens.help import HelpScreen
from planner.tui.widgets.fields import Field
from planner.tui.widgets.plan_view import PlanView
from planner.tui.widgets.split_bar import SplitBar
from planner.tui.widgets.wizard import Wizard

from .conftest import LARGE, SMALL
from .helpers import text_of, type_into


def split_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(SplitBar).render())


async def test_opens_on_default_with_a_complete_plan(make_app, kb) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.plan is not None and app.plan.scenario == kb.default_scenario()
        assert f"{app.plan.split.relationships * 100:.0f}%" in split_text(app)
        assert kb.default_scenario().name in text_of(app, "#plan-title")
        assert app.screen.query_one("#tactics").row_count >= len(app.plan.tactics)


async def test_complete_the_wizard_from_the_default(make_app) -> None:
    """PgDn walks every step to Review, PgUp walks back; the plan stays on screen."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        wizard = app.screen.query_one(Wizard)
        seen = [wizard.step_id]
        for _ in range(5):
            await pilot.press("pagedown")
            seen.append(wizard.step_id)
        assert seen == ["goals", "time", "roi", "audience", "channels", "review"]
        await pilot.press("pagedown")  # past the end: stays on Review
        assert wizard.step_id == "review"
        summary = text_of(app, "#review-summary")
        assert "Local café" in summary or app.scenario.name in summary
        assert f"{app.scenario.hours_per_week:g} h/week" in summary
        await pilot.press("pageup")
        assert wizard.step_id == "channels"
        assert app.screen.query_one(PlanView).display and app.plan is not None


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


async def test_invalid_hours_shows_inline_error_and_keeps_the_plan(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("pagedown")
        await pilot.pause()
        kept = app.plan
        field = app.screen.query_one("#field-hours-per-week", Field)

        await type_into(pilot, "#input-hours-per-week", "abc")
        assert field.has_class("-invalid")
        assert "'abc' is not a number" in text_of(app, "#field-hours-per-week .field-error")
        assert app.plan is kept, "an invalid value must not replace the plan"
        assert app.screen.query_one(PlanView).has_class("-stale")
        assert app.screen.query_one("#input-hours-per-week", Input).value == "abc", "typed text is kept"

        # Live: "5" and "50" are valid and re-plan as they are typed; "500" is not,
        # so the plan for 50 hours stays.
        await type_into(pilot, "#input-hours-per-week", "500")
        assert "168" in text_of(app, "#field-hours-per-week .field-error")
        assert app.plan.hours.available == 50

        await type_into(pilot, "#input-hours-per-week", "5")
        assert not field.has_class("-invalid")
        assert not app.screen.query_one(PlanView).has_class("-stale")
        assert app.plan is not kept and app.plan.hours.available == 5


async def test_an_invalid_field_survives_edits_elsewhere(make_app) -> None:
    """Fixing another field must not overwrite text still being corrected."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("pagedown", "pagedown")
        await type_into(pilot, "#input-roi-horizon-months", "1.5")
        assert "whole number" in text_of(app, "#field-roi-horizon-months .field-error")
        await pilot.press("pageup")
        await type_into(pilot, "#input-hours-per-week", "6")
        assert app.plan.hours.available == 6
        assert app.screen.query_one("#input-roi-horizon-months", Input).value == "1.5"


async def test_help_screen_lists_every_binding(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.keys_text
        for expected in ("f1 / ?", "PgDn", "PgUp", "ctrl+q", "ctrl+p", "ctrl+t"):
            assert expected in keys
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")  # the reach slider has focus: ? opens help
        assert isinstance(app.screen, HelpScreen)


async def test_palette_jumps_to_a_step(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"step 3 roi")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(Wizard).step_id == "roi"


async def test_palette_loads_a_preset_and_refills_the_wizard(make_app, kb) -> None:
    preset = kb.presets[0]
    start = kb.default_scenario().with_changes(name="Somewhere else", hours_per_week=11.0)
    app = make_app(start)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*f"Preset: {preset.title}")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.scenario == preset.scenario
        assert app.plan.scenario == preset.scenario
        await pilot.press("pagedown")  # the Time step is built now, from the preset
        await pilot.pause()
        value = app.screen.query_one("#input-hours-per-week", Input).value
        assert float(value) == preset.scenario.hours_per_week


async def test_exclude_and_bounds_reach_the_plan(make_app, kb) -> None:
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        for _ in range(4):
            await pilot.press("pagedown")
        chosen = app.plan.tactics[0]
        app.screen.query_one("#bounds-target").value = chosen.id
        await pilot.pause()
        await type_into(pilot, "#bounds-max", "1")
        assert app.plan.scenario.bounds[chosen.id].max == 1
        await type_into(pilot, "#bounds-min", "2")  # min above max: the model says so
        assert "swap" in text_of(app, "#field-bounds .field-error")
        assert app.plan.scenario.bounds[chosen.id].max == 1
        listing = app.screen.query_one("#list-exclude")
        listing.select(chosen.platform)
        await pilot.pause()
        assert chosen.platform in app.plan.scenario.exclude


async def test_slow_engine_runs_in_a_worker_and_keeps_only_the_latest(make_app, kb) -> None:
    """A model slower than a frame must not block keys, and an older result must
    never replace a newer one. The engine here blocks until the test lets it go, so
    the check needs no timing."""
    import threading

    from planner.engine import build_plan

    gate = threading.Event()
    gate.set()

    def slow(scenario: Scenario, knowledge) -> Plan:  # type: ignore[no-untyped-def]
        gate.wait(5)
        time.sleep(0.02)  # slower than a frame: later runs go to a worker
        return build_plan(scenario, knowledge)

    app = make_app(build=slow)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.live.in_worker
        shown = app.plan
        start = app.scenario.reach_priority
        gate.clear()  # the engine now hangs until released
        await pilot.press("right", "right", "right", "left")
        # Keys were handled while the model was stuck: the scenario moved on, the
        # plan on screen did not.
        assert app.scenario.reach_priority == min(start + 10, 100)
        assert app.plan is shown
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.plan.scenario.reach_priority == app.scenario.reach_priority


async def test_engine_failure_keeps_the_last_plan(make_app) -> None:
    from planner.engine import build_plan

    def flaky(scenario: Scenario, knowledge) -> Plan:  # type: ignore[no-untyped-def]
        if scenario.reach_priority > 90:
            raise RuntimeError("boom")
        return build_plan(scenario, knowledge)

    app = make_app(build=flaky)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        kept = app.plan
        await pilot.press("end")
        await pilot.pause()
        assert app.plan is kept
        assert "could not be updated" in text_of(app, "#plan-stale")
        await pilot.press("home")
        await pilot.pause()
        assert app.plan is not kept and not app.plan_error


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
