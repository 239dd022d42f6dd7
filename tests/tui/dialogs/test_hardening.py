"""Issue 12, items 9 and 10: keys that arrive in one burst, and the command palette's
page keys, must never end the user's session.

``burst`` queues key events the way a fast typist or a key held down delivers them:
all at once, before the app has handled the first. Pilot's ``press`` waits for each
key to be handled, which hides these races.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from planner.store import ScenarioStore
from planner.tui.dialogs.choice import ChoiceDialog
from planner.tui.dialogs.export import ExportDialog
from planner.tui.dialogs.name import NamePrompt

from ..conftest import LARGE, SMALL
from ..store_helpers import save_all, settle, variants

pytestmark = pytest.mark.timeout(60)


def burst(app, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Queue ``keys`` at once, as a terminal delivers a burst of input."""
    for key in keys:
        char = {"enter": "\r", "space": " "}.get(key, key if len(key) == 1 else None)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


async def drain(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until every queued key has been handled: Pilot's ``press`` waits for its
    own key, which comes after the burst. (A key still queued when the test leaves
    ``run_test`` would meet an app that has removed its screens.)"""
    await pilot.press("shift+f12")  # bound to nothing
    await pilot.pause()


# --- 9. a dialog dismisses once --------------------------------------------------------------

async def test_ctrl_s_then_enter_enter_saves_once(make_app) -> None:
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NamePrompt)
        burst(app, "enter", "enter")
        await drain(pilot)
        await settle(pilot)
        assert not isinstance(app.screen, NamePrompt)
        assert len(app.screen_stack) == 1
        assert ScenarioStore.open().list().names() == [app.scenario.name]
        assert not app.session.dirty
    assert app.return_code in (None, 0)


async def test_y_y_in_the_delete_confirmation_deletes_once(make_app, kb) -> None:
    save_all(variants(kb)[:3])
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        burst(app, "y", "y")
        await drain(pilot)
        await settle(pilot)
        assert app.current_mode == "scenarios" and len(app.screen_stack) == 1
        assert len(ScenarioStore.open().list().names()) == 2  # one deleted, not two
    assert app.return_code in (None, 0)


async def test_a_key_and_a_click_on_the_same_dialog_answer_once(make_app, kb) -> None:
    save_all(variants(kb)[:2])
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        dialog.dismiss("cancel")
        dialog.dismiss("yes")  # a second answer, from a second key or a click
        await pilot.pause(0.3)
        await settle(pilot)
        assert len(ScenarioStore.open().list().names()) == 2  # the first answer counted: cancel
        assert app.current_mode == "scenarios" and len(app.screen_stack) == 1
    assert app.return_code in (None, 0)


async def test_enter_enter_in_the_export_dialog_writes_once_and_asks_nothing(make_app, tmp_path) -> None:
    app = make_app()
    target = tmp_path / "plan.md"
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.pause()
        burst(app, "enter", "enter")
        await drain(pilot)
        await settle(pilot)
        assert target.read_text(encoding="utf-8").startswith("# ")
        assert len(app.screen_stack) == 1, f"left on screen: {app.screen_stack}"
    assert app.return_code in (None, 0)


# --- 10. the command palette's page keys -----------------------------------------------------------

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


async def test_escape_escape_closes_help_once(make_app) -> None:
    from planner.tui.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        burst(app, "escape", "escape", "q")
        await drain(pilot)
        assert app.current_mode == "plan" and len(app.screen_stack) == 1
    assert app.return_code in (None, 0)
