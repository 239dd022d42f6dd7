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

from ..conftest import LARGE, SMALL
from ..helpers import text_of, type_into


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

        # Live: "5" and "50" are valid and re-plan as they are typed; "500" is not, and
        # the plan goes back to the hours before this edit, not to the 50 passed on the way.
        await type_into(pilot, "#input-hours-per-week", "500")
        assert "168" in text_of(app, "#field-hours-per-week .field-error")
        assert app.plan.hours.available == kept.hours.available

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
        listing.deselect(chosen.platform)  # ticked = in the plan: untick to leave out
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


async def test_the_header_never_shows_a_value_still_being_typed(make_app) -> None:
    """Typing 1000 passes through 100, which is valid; when 1000 fails, the plan and
    its header go back to the hours the field had before, not to 100."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("pagedown")
        before = app.scenario.hours_per_week
        await type_into(pilot, "#input-hours-per-week", "1000")
        assert app.screen.query_one("#field-hours-per-week", Field).has_class("-invalid")
        title = text_of(app, "#plan-title")
        assert f"{before:g} h/week" in title and "100 h/week" not in title
        assert app.plan.scenario.hours_per_week == app.scenario.hours_per_week == before
        assert "before this edit" in text_of(app, "#plan-stale")
        # Fixing the text plans it; a second, separate edit starts from there.
        await type_into(pilot, "#input-hours-per-week", "10")
        assert "10 h/week" in text_of(app, "#plan-title")
        await pilot.press("tab")
        await type_into(pilot, "#input-hours-per-week", "2000")
        assert app.plan.scenario.hours_per_week == 10 and "10 h/week" in text_of(app, "#plan-title")


async def test_the_app_and_the_cli_word_a_bad_value_alike(make_app, kb, capsys) -> None:
    """One wording table: the message under the field is the CLI's, word for word, and
    a platform is named as people know it ("Instagram"), not by its id."""
    from planner.cli.main import main

    platform = kb.platforms[0]
    shown: dict[tuple[str, ...], str] = {}
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("pagedown")
        for typed in ("0", "1000"):
            await type_into(pilot, "#input-hours-per-week", typed)
            shown[("--hours", typed)] = text_of(app, "#field-hours-per-week .field-error").removeprefix("✗ ")
        await type_into(pilot, "#input-hours-per-week", "3")
        app.screen.query_one(Wizard).go("channels")
        await pilot.pause()
        app.screen.query_one("#bounds-target").value = platform.id
        await pilot.pause()
        await type_into(pilot, "#bounds-max", "1")
        await type_into(pilot, "#bounds-min", "2")
        shown[("--min", f"{platform.id}=2", "--max", f"{platform.id}=1")] = text_of(app, "#field-bounds .field-error").removeprefix("✗ ")
    # The app has closed: the CLI's stderr is the test's again.
    bounds = shown[("--min", f"{platform.id}=2", "--max", f"{platform.id}=1")]
    assert bounds.startswith(f"{platform.name}: min (2 h) is above max (1 h)"), bounds
    for argv, message in shown.items():
        assert main(["plan", *argv]) == 2
        flag = "--min/--max" if argv[0] == "--min" else argv[0]
        assert capsys.readouterr().err.strip() == f"planner: error: {flag}: {message}"


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
