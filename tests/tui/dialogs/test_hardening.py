"""Issue 12, item 9: keys that arrive in one burst must never make a dialog answer
twice or end the user's session. A dialog dismisses once: the name prompt, the
delete confirmation and the export dialog.

``burst`` (tests/tui/helpers.py) queues key events the way a fast typist or a key
held down delivers them: all at once, before the app has handled the first. Pilot's
``press`` waits for each key to be handled, which hides these races.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from planner.store import ScenarioStore
from planner.tui.dialogs.choice import ChoiceDialog
from planner.tui.dialogs.export import ExportDialog
from planner.tui.dialogs.name import NamePrompt

from ..helpers import LARGE, burst, drain, save_all, settle, variants

pytestmark = pytest.mark.timeout(60)


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
