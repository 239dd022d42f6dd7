"""The command palette (Ctrl+P): its commands jump to a step and load a preset, and
its page keys never end the session (issue 12, item 10), even in a burst of keys
that arrives before the results are laid out."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from planner.tui.widgets.wizard import Wizard

from ..helpers import LARGE, SMALL, burst, drain


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


async def _palette_with_results(pilot) -> tuple[CommandPalette, CommandList]:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press("e")
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    commands = palette.query_one(CommandList)
    for _ in range(100):
        if commands.option_count > 2:
            break
        await pilot.pause(0.05)
    return palette, commands


@pytest.mark.timeout(60)
@pytest.mark.parametrize("action", ["page_up", "page_down"])
async def test_palette_page_keys_before_the_results_are_laid_out(make_app, action: str) -> None:
    # The race behind "Ctrl+P, e, PageUp PageUp…": while the palette searches, its
    # list is emptied (and laid out with no height), then the results land and are
    # highlighted; a page key handled before the next layout found no line for the
    # highlighted option and Textual's OptionList raised KeyError: 0.
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        palette, commands = await _palette_with_results(pilot)
        results = list(commands.options)
        commands.clear_options()
        await pilot.pause()
        assert commands.scrollable_content_region.height == 0  # the state of the race
        commands.add_options(results)
        commands.highlighted = 0
        await palette.run_action(f"command_list('{action}')")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)  # still open, still usable
        await pilot.press("pagedown", "pageup")
        assert commands.highlighted == 0
    assert app.return_code in (None, 0)


@pytest.mark.timeout(60)
async def test_palette_holding_page_up_while_typing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        for letter in "ex":
            burst(app, letter, *["pageup"] * 15, "backspace", letter, *["pagedown"] * 15)
            await drain(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code in (None, 0)
