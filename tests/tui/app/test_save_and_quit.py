"""The app's store keys, on whichever screen: save (Ctrl+S) marks and clears the
unsaved state, a save that would clobber a change on disk asks, a case variant of a
saved name is named, the store opens only on first use, and quitting with unsaved
changes asks. Checked against the store and the files."""

from __future__ import annotations

from textual.widgets import Input

from planner.store import ScenarioStore
from planner.tui.dialogs.choice import ChoiceDialog
from planner.tui.dialogs.name import NamePrompt
from planner.tui.document import UNSAVED_MARK

from ..helpers import LARGE, answer_name, save_all, settle, text_of, until, variants


def title(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.format_title(app.title, app.sub_title))


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


async def test_quitting_with_unsaved_changes_asks(make_app) -> None:
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("end")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the unsaved-changes question")
        assert app.is_running
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ChoiceDialog), "the question to close")
        assert app.is_running and app.session.dirty
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the question again")
        await pilot.press("d")  # discard
        await pilot.pause()
    assert app.return_code == 0
