"""The scenario session (planner.tui.session) on its own: the one "ask for a name
until the store accepts it" loop behind save as, rename and duplicate, and what
happens to the open document when the store refuses."""

from __future__ import annotations

from textual.widgets import Input, Static
from textual.widgets._toast import Toast

from planner.store import ScenarioStore
from planner.tui.dialogs.choice import ChoiceDialog
from planner.tui.dialogs.name import NamePrompt
from planner.tui.document import Document

from ..helpers import LARGE, save_all, settle, text_of, variants


async def _answer(pilot, name: str | None) -> None:  # type: ignore[no-untyped-def]
    """Type ``name`` in the name prompt on screen and press Enter (None: Escape)."""
    await settle(pilot)
    assert isinstance(pilot.app.screen, NamePrompt)
    if name is None:
        await pilot.press("escape")
    else:
        pilot.app.screen.query_one(Input).value = name
        await pilot.press("enter")
    await settle(pilot)


def _prompt_error(app) -> str:  # type: ignore[no-untyped-def]
    assert isinstance(app.screen, NamePrompt)
    return str(app.screen.query_one("#name-error", Static).render())


async def test_a_taken_name_asks_again_with_the_reason_and_escape_cancels(make_app, kb) -> None:
    store = save_all(variants(kb)[:2])
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        worker = app.run_worker(app.session.duplicate("Café baseline"))
        await _answer(pilot, "More hours")  # taken: a duplicate never replaces
        assert "More hours" in _prompt_error(app)
        assert app.screen.query_one(Input).value == "More hours"  # what was typed stays
        await _answer(pilot, "   ")  # blank: the store's own reason
        assert _prompt_error(app) and "More hours" not in _prompt_error(app)
        await _answer(pilot, None)
        await worker.wait()
        assert worker.result is None
        assert [s.name for s in store.list().scenarios] == ["Café baseline", "More hours"]


async def test_save_as_a_taken_name_asks_to_replace_and_no_asks_for_another(make_app, kb) -> None:
    store = save_all(variants(kb)[:2])
    before = store.load("More hours")
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        worker = app.run_worker(app.session.save_as("More hours"))
        await _answer(pilot, "More hours")
        assert isinstance(app.screen, ChoiceDialog)  # replace it?
        await pilot.press("escape")
        await settle(pilot)
        assert _prompt_error(app) == "That name is taken; choose another."
        await _answer(pilot, "Mine")
        await worker.wait()
        assert worker.result is True
        assert store.load("More hours") == before
        assert app.session.document.name == "Mine" and not app.session.dirty


async def test_a_store_error_is_reported_and_the_open_document_kept(make_app, kb) -> None:
    """The file of the open scenario is removed by another planner; renaming it then
    fails in the store: the error is shown, nothing is asked again, the document stays."""
    store = save_all(variants(kb)[:1])
    stored = store.load("Café baseline")
    app = make_app(stored.scenario)
    async with app.run_test(size=LARGE, notifications=True) as pilot:
        app.session.load(stored.scenario, "it", document=Document(stored.name, stored.token, stored.scenario))
        ScenarioStore.open().delete("Café baseline")
        worker = app.run_worker(app.session.rename("Café baseline"))
        await _answer(pilot, "Renamed")
        await worker.wait()
        assert worker.result is None and not isinstance(app.screen, NamePrompt)
        assert app.session.document == Document(stored.name, stored.token, stored.scenario)
        assert app.scenario.name == "Café baseline" and not app.session.dirty
        await pilot.pause(0.2)
        toasts = " ".join(str(t.render()) for t in app.screen.query(Toast))
        assert "Not renamed" in toasts and "Café baseline" in toasts, toasts


async def test_the_session_alone_changes_the_document_and_the_title_follows(make_app, kb) -> None:
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        assert app.session.document == Document.unsaved(app.scenario) and not app.session.dirty
        app.scenario = app.scenario.with_changes(hours_per_week=app.scenario.hours_per_week + 1)
        await pilot.pause()
        assert app.session.dirty and app.sub_title.endswith("unsaved")
        assert not hasattr(type(app), "document")  # no second copy on the app to assign


async def test_open_and_compare_say_what_the_cli_says_about_unknown_references(make_app, kb, capsys) -> None:
    """A scenario saved with a strategies directory not loaded now: the app refuses to
    open or compare it with the very message `planner scenarios show` prints."""
    from planner.cli.main import main

    store = save_all(variants(kb)[:1])
    store.save(kb.default_scenario().with_changes(name="Elsewhere", exclude=["carrier-pigeons"]))
    assert main(["scenarios", "show", "Elsewhere"]) == 2
    cli_message = capsys.readouterr().err.strip().removeprefix("planner: error: ")
    assert "carrier-pigeons" in cli_message and "--strategies" in cli_message
    app = make_app()
    async with app.run_test(size=LARGE, notifications=True) as pilot:
        worker = app.run_worker(app.session.open("Elsewhere"))
        await worker.wait()
        await pilot.pause(0.2)
        assert worker.result is False and app.session.document.name is None
        assert any(cli_message in str(t.render()) for t in app.screen.query(Toast))
        app.session.compare(["Café baseline", "Elsewhere"])
        await settle(pilot)
        assert app.current_mode == "compare" and app.screen.comparison is None
        assert text_of(app, "#compare-title") == cli_message
