"""What the form shows is what the scenario holds: radio sets, checkboxes, checklists.

Driven with keys, as a person would: a radio set must show exactly one chosen option,
the one the scenario (and so the plan) uses, with the highlight on it when the step
is entered; ticked and unticked boxes must differ in their text, not only in colour.
"""

from __future__ import annotations

from textual.widgets import RadioButton, RadioSet

from planner.tui.widgets.fields import TICKED, UNTICKED

from ..helpers import SMALL, go_to_step, until

CHOICE_STEPS = {
    "time": ["content_capacity"],
    "roi": ["roi_measurability"],
    "audience": ["audience", "market", "existing_audience"],
}


def pressed(radio: RadioSet) -> list[str]:
    return [b.name or "" for b in radio.query(RadioButton) if b.value]


def highlighted(radio: RadioSet) -> list[str]:
    return [b.name or "" for b in radio.query(RadioButton) if b.has_class("-selected")]


def shown(radio: RadioSet) -> str:
    """The row as drawn, e.g. ``▐ ▌ low ▐●▌ medium ▐ ▌ high``."""
    return " ".join(b.render().plain.strip() for b in radio.query(RadioButton))


async def test_every_choice_shows_exactly_the_chosen_option(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        for step_id, fields in CHOICE_STEPS.items():
            await go_to_step(pilot, step_id)
            for field_id in fields:
                radio = app.screen.query_one(f"#radio-{field_id.replace('_', '-')}", RadioSet)
                options = [b.name for b in radio.query(RadioButton)]
                # Entering the step: the highlight is on the chosen option already.
                assert pressed(radio) == [getattr(app.scenario, field_id)]
                assert highlighted(radio) == pressed(radio), f"{field_id}: highlight not on the chosen option"
                radio.focus()
                await pilot.pause()
                assert highlighted(radio) == pressed(radio)
                # Choose every option in turn with → and Space (twice round, so each
                # choice replaces one made with the keys, not only the loaded one).
                for target in options[1:] + options + options[:1]:
                    while highlighted(radio) != [target]:
                        await pilot.press("right")
                    await pilot.press("space")
                    await pilot.pause()
                    assert pressed(radio) == [target], f"{field_id}: {shown(radio)}"
                    assert highlighted(radio) == [target]
                    assert getattr(app.scenario, field_id) == target
                    assert getattr(app.plan.scenario, field_id) == target
                    chosen = [part for part in shown(radio).split("▐")[1:] if part.startswith("●")]
                    assert len(chosen) == 1 and target.lower() in chosen[0].lower(), shown(radio)


async def test_loading_a_preset_moves_the_choice_and_the_highlight(make_app, kb) -> None:
    start = kb.default_scenario().with_changes(content_capacity="low", market="b2c")
    app = make_app(start)
    async with app.run_test(size=SMALL) as pilot:
        await go_to_step(pilot, "time")
        radio = app.screen.query_one("#radio-content-capacity", RadioSet)
        assert pressed(radio) == ["low"]
        app.load_scenario(start.with_changes(content_capacity="high"), "test")
        await pilot.pause()
        assert pressed(radio) == ["high"] and highlighted(radio) == ["high"]
        radio.focus()
        await pilot.pause()
        await pilot.press("left", "space")  # medium, from high: the set knows high was chosen
        await pilot.pause()
        assert pressed(radio) == ["medium"] and app.scenario.content_capacity == "medium"


async def test_ticked_and_unticked_differ_without_colour(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        goals = app.screen.query_one("#list-goals")
        chosen = set(app.scenario.goals)
        for y in range(goals.size.height):
            row = goals.render_line(y).text
            option = goals.get_option_at_index(int(goals.scroll_offset.y) + y)
            assert row[1] == (TICKED if option.value in chosen else UNTICKED), row
        await pilot.press("pagedown")
        await pilot.pause()
        box = app.screen.query_one("#check-scheduler")
        before = box.render().plain
        box.focus()
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        after = box.render().plain
        assert {before[1], after[1]} == {TICKED, UNTICKED}
        assert (after[1] == TICKED) == app.scenario.scheduler


async def test_channels_ticked_means_used_on_screen_help_and_guide(make_app, kb) -> None:
    """One model everywhere: ticked = the plan may use it; untick to leave out."""
    from pathlib import Path

    from planner.tui.help_data import FIELD_HELP, step

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await go_to_step(pilot, "channels")
        channels = app.screen.query_one("#list-exclude")
        assert set(channels.selected) == {p.id for p in kb.platforms} | {t.id for t in kb.tactics}
        platform = next(p for p in kb.platforms if sum(t.platform == p.id for t in kb.tactics) >= 3)
        tactics = [t.id for t in kb.tactics if t.platform == platform.id]
        channels.focus()
        await pilot.pause()
        rows = [channels.get_option_at_index(i).value for i in range(channels.option_count)]
        channels.highlighted = rows.index(platform.id)  # the platform's row
        await pilot.press("space")  # untick the platform: all its tactics go with it
        await pilot.pause()
        assert app.scenario.exclude == [platform.id] == app.plan.scenario.exclude
        assert not {platform.id, *tactics} & set(channels.selected)
        assert all(t.platform != platform.id for t in app.plan.tactics)
        await pilot.press("down", "space")  # tick its first tactic: that tactic alone comes back
        await pilot.pause()
        assert app.scenario.exclude == tactics[1:]
        assert set(channels.selected) >= {platform.id, tactics[0]}
        await pilot.press("space")  # untick it again: every tactic is out, so the platform is
        await pilot.pause()
        assert app.scenario.exclude == [platform.id]
        assert not {platform.id, *tactics} & set(channels.selected)
        await pilot.press("up", "space")  # tick the platform: everything is back
        await pilot.pause()
        assert app.scenario.exclude == []
        assert set(channels.selected) >= {platform.id, *tactics}
    guide = (Path(__file__).resolve().parents[3] / "docs" / "guide.md").read_text(encoding="utf-8")
    for text in (step("channels").brief, step("channels").help, FIELD_HELP["exclude"], guide):
        assert "untick" in text.lower() or "Untick" in text
        assert "tick what to leave out" not in text.lower() and "ticked = left out" not in text.lower()


async def test_local_ad_budget_and_audience_questions_reach_the_plan(make_app) -> None:
    """The value model's inputs are asked in the wizard, and the plan follows them."""
    from ..helpers import type_into

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await go_to_step(pilot, "audience")
        box = app.screen.query_one("#check-local")
        was = app.scenario.local
        box.focus()
        await pilot.pause()
        await pilot.press("space")
        await until(pilot, lambda: app.plan.scenario.local is (not was), "the plan for the ticked box")
        assert app.scenario.local is (not was)
        await go_to_step(pilot, "roi")
        assert not any(t.paid for t in app.plan.tactics)
        await type_into(pilot, "#input-ad-budget-per-month", "2000")
        await pilot.pause()
        assert app.scenario.ad_budget_per_month == 2000.0
        assert app.plan.scenario.ad_budget_per_month == 2000.0
        await pilot.press("shift+tab")  # leave the field: 2000 is now the value it started from
        await type_into(pilot, "#input-ad-budget-per-month", "-5")
        await pilot.pause()
        assert app.scenario.ad_budget_per_month == 2000.0, "an invalid budget keeps the last valid one"


async def test_the_plan_is_painted_first_and_its_sensitivity_follows(make_app) -> None:
    """A keystroke's plan leaves out the what-ifs (a third of the work); they arrive
    after the next refresh, for the plan still on screen."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        assert app.live.first_paint
        await pilot.pause()  # the opening plan's own what-ifs arrive first
        assert app.plan is not None and app.plan.sensitivity is not None
        shown: list[object] = []
        original = app.live.on_plan
        app.live.on_plan = lambda plan: (shown.append(plan.sensitivity), original(plan))  # type: ignore[method-assign]
        app.screen.query_one("#reach-scale").focus()
        await pilot.press("right")
        await pilot.pause()
        assert len(shown) == 2 and shown[0] is None and shown[1] is not None
        assert app.plan is not None and app.plan.sensitivity is not None
        assert app.plan.scenario.reach_priority == app.scenario.reach_priority
