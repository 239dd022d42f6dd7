"""The save, open and quit conversations: what happens between a key and the store.

Each flow is a coroutine run in a worker (:func:`start`) so it can await dialogs
(``push_screen_wait``) and read top to bottom. The rules they keep:

* nothing the user had is lost: opening another scenario, loading a preset or
  quitting with unsaved changes asks first (save, discard, cancel);
* a save that would clobber somebody else's change (:class:`ConflictError`) offers
  overwrite or save as a new name; a new name that is taken asks before replacing;
* every store error becomes a notification with the store's own message, never a
  traceback.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from textual.content import Content

from planner.errors import PlannerError
from planner.models import Scenario
from planner.text import pictured_line as clean_line
from planner.tui.document import Document
from planner.tui.text import literal

if TYPE_CHECKING:
    from planner.store import StoredScenario
    from planner.tui.app import PlannerApp


def start(app: PlannerApp, flow: Coroutine[Any, Any, object]) -> None:
    """Run a conversation; only one at a time (a new one replaces a stale one)."""
    app.run_worker(flow, group="conversation", exclusive=True, exit_on_error=False)


def quoted(name: str) -> Content:
    return Content.assemble("“", literal(name, one_line=True), "”")


def report(app: PlannerApp, exc: PlannerError, title: str = "Not done") -> None:
    app.notify(clean_line(exc.message), title=title, severity="error", markup=False, timeout=10)


# --- save ---------------------------------------------------------------------
async def save(app: PlannerApp, *, as_new: bool = False) -> bool:
    """Save the scenario on screen; ``True`` if it is now saved."""
    from planner.store.errors import ConflictError, StoreError  # lazily: not at app start

    doc, scenario = app.document, app.scenario
    if as_new or doc.name is None:
        return await save_as(app, scenario.name)
    if scenario.name != doc.name:
        note = Content.assemble("You renamed ", quoted(doc.name), " to ", quoted(scenario.name), ". Save it as a new scenario (the old one stays; use Rename in Scenarios to rename it):")
        return await save_as(app, scenario.name, note=note)
    try:
        stored = app.store.save(scenario, name=doc.name, expected=doc.token)
    except ConflictError as exc:
        from planner.tui.dialogs.choice import Choice, ChoiceDialog

        answer = await app.push_screen_wait(
            ChoiceDialog(
                "The saved copy changed",
                literal(exc.message),
                [Choice("overwrite", "Overwrite", "o", "error"), Choice("save_as", "Save as new…", "n", "primary")],
                danger=True,
            )
        )
        if answer == "save_as":
            return await save_as(app, f"{doc.name} (mine)")
        if answer != "overwrite":
            return False
        try:
            stored = app.store.save(scenario, name=doc.name, overwrite=True)
        except StoreError as exc2:
            report(app, exc2, "Not saved")
            return False
    except StoreError as exc:
        report(app, exc, "Not saved")
        return False
    saved(app, stored)
    return True


async def save_as(app: PlannerApp, initial: str, *, note: Content | None = None) -> bool:
    from planner.store.errors import InvalidNameError, ScenarioExistsError, StoreError
    from planner.tui.dialogs.choice import confirm
    from planner.tui.dialogs.name import NamePrompt

    scenario, error = app.scenario, ""
    note = note or Content("Save the scenario on screen under this name:")
    while True:
        name = await app.push_screen_wait(NamePrompt("Save as", note, initial, error=error))
        if name is None:
            return False
        try:
            stored = app.store.save_as(scenario, name)
        except ScenarioExistsError:
            answer = await app.push_screen_wait(
                confirm("Replace it?", Content.assemble("A saved scenario named ", quoted(name), " already exists. Replace it with the one on screen?"), "Replace", "r", danger=True)
            )
            if answer != "yes":
                initial, error = name, "That name is taken; choose another."
                continue
            try:
                stored = app.store.save(scenario, name=name, overwrite=True)
            except StoreError as exc:
                report(app, exc, "Not saved")
                return False
        except InvalidNameError as exc:
            initial, error = name, exc.message
            continue
        except StoreError as exc:
            report(app, exc, "Not saved")
            return False
        saved(app, stored)
        return True


def saved(app: PlannerApp, stored: StoredScenario) -> None:
    app.document = Document(stored.name, stored.token, stored.scenario)
    if app.scenario != stored.scenario:  # the name changed: refill the wizard
        app.scenario = stored.scenario
        app.loaded += 1
    app.notify(f"Saved “{clean_line(stored.name)}”.", title="Saved", markup=False)
    others = app.store.case_variants(stored.name)
    if others:  # names are case-sensitive: two scenarios that read alike
        listed = " and ".join(f"“{clean_line(o)}”" for o in others)
        app.notify(f"{listed} is also saved: names are case-sensitive, so these are separate scenarios.", title="Similar name", severity="warning", markup=False)


# --- leaving the scenario on screen -------------------------------------------
async def may_leave(app: PlannerApp, doing: str) -> bool:
    """``True`` if the scenario on screen may be replaced (saved, clean or discarded)."""
    if not app.dirty:
        return True
    from planner.tui.dialogs.choice import Choice, ChoiceDialog

    name = app.document.name or app.scenario.name
    answer = await app.push_screen_wait(
        ChoiceDialog(
            "Unsaved changes",
            Content.assemble(quoted(name), f" has changes that are not saved. Save them before {doing}?"),
            [Choice("save", "Save", "s", "primary"), Choice("discard", "Discard", "d", "error")],
        )
    )
    if answer == "save":
        return await save(app)
    return answer == "discard"


async def replace(app: PlannerApp, scenario: Scenario, origin: str) -> None:
    """Load a preset or the default, after asking about unsaved changes."""
    if await may_leave(app, "loading " + origin):
        app.load_scenario(scenario, origin)


async def open_saved(app: PlannerApp, name: str) -> bool:
    """Open a saved scenario in the plan screen."""
    if not await may_leave(app, "opening another scenario"):
        return False
    try:
        stored = app.store.load(name)
        from planner.inputs import reference_problems

        problems = reference_problems(stored.scenario, app.kb)
        if problems:
            field, message = problems[0]
            raise PlannerError(f"{field}: {message}. If it was saved with extra strategies, start planner with the same --strategies directory.")
    except PlannerError as exc:
        report(app, exc, "Not opened")
        return False
    app.load_scenario(stored.scenario, f"“{stored.name}”", document=Document(stored.name, stored.token, stored.scenario))
    await app.switch_mode("plan")
    return True


async def quit_app(app: PlannerApp) -> None:
    if await may_leave(app, "quitting"):
        app.exit()
