"""Pilot flows for saved scenarios: save, unsaved changes, open, rename, duplicate,
delete, compare, and export, each checked against the store and the files."""

from __future__ import annotations

import os

from textual.widgets import Input

from planner.compare.inputs import Names
from planner.export import comparison_to_markdown, plan_to_markdown, today_from_env
from planner.store import ScenarioStore
from planner.tui.dialogs.choice import ChoiceDialog
from planner.tui.dialogs.export import ExportDialog
from planner.tui.dialogs.name import NamePrompt
from planner.tui.document import UNSAVED_MARK
from planner.tui.screens.compare import CompareScreen
from planner.tui.screens.scenario_list import ScenarioList
from planner.tui.screens.scenarios import ScenariosScreen

from ..conftest import LARGE
from ..helpers import text_of
from ..store_helpers import save_all, settle, shown_text, variants


def title(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.format_title(app.title, app.sub_title))


async def answer_name(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    assert isinstance(pilot.app.screen, NamePrompt)
    field = pilot.app.screen.query_one(Input)
    field.value = name
    await pilot.press("enter")
    await settle(pilot)


async def test_save_marks_unsaved_and_saves_again_without_asking(make_app) -> None:
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        assert not app.session.dirty and UNSAVED_MARK not in title(app)
        await pilot.press("end")  # reach slider to 100: an edit
        await pilot.pause()
        assert app.session.dirty and UNSAVED_MARK in title(app)
        await pilot.press("ctrl+s")  # never saved: asks for a name
        await answer_name(pilot, "Spring plan")
        store = ScenarioStore.open()
        assert store.load("Spring plan").scenario.reach_priority == 100
        assert not app.session.dirty and UNSAVED_MARK not in title(app) and app.scenario.name == "Spring plan"
        await pilot.press("home")
        await pilot.pause()
        assert app.session.dirty
        await pilot.press("ctrl+s")  # now it has a name: saved directly
        await settle(pilot)
        assert not isinstance(app.screen, NamePrompt)
        assert store.load("Spring plan").scenario.reach_priority == 0 and not app.session.dirty


async def test_save_conflict_offers_overwrite_or_save_as(make_app, kb) -> None:
    store = save_all(variants(kb)[:1])
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("enter")  # open "Café baseline"
        await settle(pilot)
        assert app.session.document.name == "Café baseline" and app.current_mode == "plan"
        # Somebody else changes the file, then we edit and save.
        other = store.load("Café baseline")
        store.save(other.scenario.with_changes(hours_per_week=33), expected=other.token)
        await pilot.press("end")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog) and "changed on disk" in text_of(app, "#choice-message")
        await pilot.press("n")  # save as new
        await answer_name(pilot, "Café mine")
        assert store.load("Café baseline").scenario.hours_per_week == 33  # theirs kept
        assert store.load("Café mine").scenario.reach_priority == 100  # ours saved
        assert app.session.document.name == "Café mine" and not app.session.dirty


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


async def test_quitting_with_unsaved_changes_asks(make_app) -> None:
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("end")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog) and app.is_running
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and app.session.dirty
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("d")  # discard
        await pilot.pause()
    assert app.return_code == 0


async def test_compare_marked_scenarios(make_app, kb) -> None:
    save_all(variants(kb))
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        table = app.screen.query_one(ScenarioList)
        for name in ("Café baseline", "Reach push", "B2B niche"):
            table.cursor = [r.name for r in table.rows].index(name)
            await pilot.press("space")
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.comparison is not None
        c = screen.comparison
        assert c.names == ["Café baseline", "Reach push", "B2B niche"] and c.baseline == "Café baseline"
        assert "baseline “Café baseline”" in text_of(app, "#compare-title")
        summary = shown_text(screen.query_one("#compare-summary"))
        for name in c.names:
            assert name[:10] in summary
        # A tactic only some plans use is shown as 0, not dropped.
        partial = [t for t in c.tactics if not all(t.present)]
        assert partial and all(h == 0 for t in partial for h, p in zip(t.hours, t.present) if not p)


async def export_via_dialog(pilot, path) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("f6")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ExportDialog)
    pilot.app.screen.query_one("#export-path", Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot)


async def test_export_plan_confirms_overwrite_and_reports_unwritable(make_app, tmp_path) -> None:
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        target = tmp_path / "plan.md"
        await export_via_dialog(pilot, target)
        assert not isinstance(app.screen, ExportDialog)
        assert target.read_text(encoding="utf-8") == plan_to_markdown(app.plan, today=today_from_env(), names=Names.of(app.kb))

        target.write_text("keep me", encoding="utf-8")
        await export_via_dialog(pilot, target)
        assert isinstance(app.screen, ChoiceDialog)  # replacing asks
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog) and target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert target.read_text(encoding="utf-8").startswith("# ")

        blocker = tmp_path / "file"
        blocker.write_text("x", encoding="utf-8")
        await export_via_dialog(pilot, blocker / "plan.md")
        assert isinstance(app.screen, ExportDialog)  # stays open with the reason
        assert "Could not export" in text_of(app, "#export-status")
        assert not (tmp_path / "file").is_dir() and not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


async def test_export_comparison(make_app, kb, tmp_path) -> None:
    save_all(variants(kb)[:2])
    app = make_app()
    app.session.compare_names = ["Café baseline", "More hours"]
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        target = tmp_path / "cmp.md"
        await export_via_dialog(pilot, target)
        assert target.read_text(encoding="utf-8") == comparison_to_markdown(screen.comparison, today=today_from_env())
        assert os.stat(target).st_size > 0


async def test_the_store_opens_on_first_use_where_data_dir_says(kb, tmp_path) -> None:
    """`planner --data-dir X` saves into X; nothing is opened (or imported) until then."""
    from planner.tui.app import PlannerApp

    app = PlannerApp(kb, kb.default_scenario(), data_dir=tmp_path / "mine")
    assert app.session._store is None
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        assert app.session._store is None
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NamePrompt)
        app.screen.query_one(Input).value = "Mine"
        await pilot.press("enter")
        await settle(pilot)
    assert app.session.store.paths.root == tmp_path / "mine"
    assert [s.name for s in ScenarioStore.open(tmp_path / "mine").list().scenarios] == ["Mine"]


async def test_saving_a_case_variant_of_a_saved_name_says_so(make_app, kb) -> None:
    from textual.widgets._toast import Toast

    save_all([kb.default_scenario().with_changes(name="Cafe 10h")])
    app = make_app(kb.default_scenario().with_changes(name="CAFE 10H"))
    async with app.run_test(size=LARGE, notifications=True) as pilot:
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NamePrompt)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.2)
        assert app.session.document.name == "CAFE 10H"
        toasts = " ".join(str(t.render()) for t in app.screen.query(Toast))
        assert "case-sensitive" in toasts and "Cafe 10h" in toasts, toasts
