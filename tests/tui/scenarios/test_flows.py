"""The Scenarios screen (F3): open, search, sort, rename, duplicate and delete saved
scenarios, each checked against the store."""

from __future__ import annotations

from planner.tui.dialogs.choice import ChoiceDialog
from planner.tui.screens.scenario_list import ScenarioList
from planner.tui.screens.scenarios import ScenariosScreen

from ..helpers import LARGE, answer_name, save_all, settle, variants


async def test_open_search_sort_rename_duplicate_delete(make_app, kb) -> None:
    store = save_all(variants(kb))
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScenariosScreen)
        table = screen.query_one(ScenarioList)
        assert [r.name for r in table.rows] == ["B2B niche", "Café baseline", "More hours", "Reach push"]
        await pilot.press("s")  # newest first
        assert table.rows[0].name == "B2B niche" and table.rows[-1].name == "Café baseline"
        await pilot.press("slash", *"reach", "enter")
        assert [r.name for r in table.rows] == ["Reach push"]
        await pilot.press("enter")  # open it
        await settle(pilot)
        assert app.current_mode == "plan" and app.scenario.name == "Reach push" and app.scenario.reach_priority == 95

        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("escape")  # clears the search
        assert len(table.rows) == 4
        table.cursor = [r.name for r in table.rows].index("Reach push")
        await pilot.press("r")
        await answer_name(pilot, "Reach push 2")
        assert not store.exists("Reach push") and store.exists("Reach push 2")
        assert app.session.document.name == "Reach push 2" and app.scenario.name == "Reach push 2" and not app.session.dirty

        await pilot.press("d")
        await answer_name(pilot, "Reach copy")
        assert store.load("Reach copy").scenario.reach_priority == 95

        table.cursor = [r.name for r in table.rows].index("Reach push 2")
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)  # delete asks
        await pilot.press("escape")
        await settle(pilot)
        assert store.exists("Reach push 2")
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not store.exists("Reach push 2")
        assert app.session.dirty  # the open scenario's file is gone: what is on screen is unsaved
