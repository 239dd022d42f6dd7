"""The wizard on the plan screen: walking its steps, typing into its fields, and what
an invalid value does to the plan beside it (pilot flows, checked against the screen)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from planner.tui.widgets.fields import Field
from planner.tui.widgets.plan_view import PlanView
from planner.tui.widgets.wizard import Wizard

from ..helpers import LARGE, SMALL, go_to_step, text_of, type_into


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
        await go_to_step(pilot, "channels")
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
