"""The scenario session: the store, the saved scenario being edited, and every
conversation between a key and the store.

The app owns one :class:`Session` (``app.session``). Screens and the app's key
actions call it and never change the document themselves, so what "saved", "open"
and "unsaved" mean is decided in this one place. The wizard's state (the scenario,
the plan) stays on the app, where screens watch it; the session changes it only
through the app (:meth:`Session.load`, a save under a new name, a rename).

Each conversation is a coroutine run in a worker (:meth:`Session.run`) so it can
await dialogs (``push_screen_wait``) and read top to bottom. The rules they keep:

* nothing the user had is lost: opening another scenario, loading a preset or
  quitting with unsaved changes asks first (save, discard, cancel);
* a save that would clobber somebody else's change (:class:`ConflictError`) offers
  overwrite or save as a new name; a new name that is taken asks before replacing;
* a name is asked for by one loop (:meth:`Session.ask_name`) until the store accepts
  it: the store is the single judge of what a valid name is;
* every store error becomes a notification with the store's own message, never a
  traceback.

What the CLI does too (open and check a saved scenario, compare, the Markdown of a
plan) comes from :mod:`planner.usecases`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.content import Content

from planner.errors import PlannerError
from planner.models import Scenario
from planner.text import pictured_line
from planner.tui.document import UNSAVED_MARK, Document
from planner.tui.text import literal

if TYPE_CHECKING:
    from planner.models.comparison import Comparison
    from planner.store import ScenarioStore, StoredScenario
    from planner.tui.app import PlannerApp


def quoted(name: str) -> Content:
    return Content.assemble("“", literal(name, one_line=True), "”")


class Session:
    def __init__(self, app: PlannerApp, scenario: Scenario, *, store: ScenarioStore | None = None, data_dir: Path | None = None) -> None:
        """``store``: the saved scenarios to use; by default the one ``data_dir`` (or
        ``$PLANNER_HOME``…) names is opened on first use."""
        self.app = app
        self._store = store
        self._data_dir = data_dir
        self._document = Document.unsaved(scenario)
        self.compare_names: list[str] = []
        """The scenarios picked for Compare, baseline first."""

    # --- state ------------------------------------------------------------------
    @property
    def store(self) -> ScenarioStore:
        if self._store is None:
            from planner.store import ScenarioStore

            self._store = ScenarioStore.open(self._data_dir)
        return self._store

    @property
    def document(self) -> Document:
        """Which saved scenario is open (see :mod:`planner.tui.document`)."""
        return self._document

    @property
    def dirty(self) -> bool:
        """The scenario on screen differs from the one last loaded or saved."""
        return self._document.is_dirty(self.app.scenario)

    def _set_document(self, document: Document) -> None:
        self._document = document
        self.track()

    def track(self) -> None:
        """Show the scenario's name, and the unsaved mark if it is :attr:`dirty`, in the
        title. The app calls this whenever its scenario changes."""
        app = self.app
        name = pictured_line(app.scenario.name)
        app.sub_title = f"{name}  {UNSAVED_MARK}" if self.dirty else name

    def load(self, scenario: Scenario, origin: str, *, document: Document | None = None) -> None:
        """Put ``scenario`` on screen (a preset, a saved file). ``document`` says which
        saved scenario it is (default: none, unsaved)."""
        self._set_document(document or Document.unsaved(scenario))
        self.app.scenario = scenario
        self.app.loaded += 1
        self.app.notify(f"Loaded {pictured_line(origin)}.", title="Scenario", markup=False)

    # --- running conversations ----------------------------------------------------
    def run(self, flow: Coroutine[Any, Any, object]) -> None:
        """Run a conversation; only one at a time (a new one replaces a stale one)."""
        self.app.run_worker(flow, group="conversation", exclusive=True, exit_on_error=False)

    def report(self, exc: PlannerError, title: str = "Not done") -> None:
        self.app.notify(pictured_line(exc.message), title=title, severity="error", markup=False, timeout=10)

    async def ask_name(
        self,
        title: str,
        note: Content,
        initial: str,
        store: Callable[[str], StoredScenario],
        failed: str,
        *,
        action: str = "Save",
        replace: Callable[[str], StoredScenario] | None = None,
    ) -> StoredScenario | None:
        """Ask for a name until ``store(name)`` accepts it; ``None`` if the user cancels.

        An invalid or taken name keeps the prompt open with the reason under it; with
        ``replace``, a taken name first asks whether to replace the saved scenario
        (only a save may). Any other store error is reported with ``failed`` as its
        title and gives up."""
        from planner.store.errors import InvalidNameError, ScenarioExistsError, StoreError
        from planner.tui.dialogs.choice import confirm
        from planner.tui.dialogs.name import NamePrompt

        app, error = self.app, ""
        while True:
            name = await app.push_screen_wait(NamePrompt(title, note, initial, action=action, error=error))
            if name is None:
                return None
            try:
                try:
                    return store(name)
                except ScenarioExistsError as exc:
                    initial, error = name, exc.message
                    if replace is None:
                        continue
                    question = Content.assemble("A saved scenario named ", quoted(name), " already exists. Replace it with the one on screen?")
                    if await app.push_screen_wait(confirm("Replace it?", question, "Replace", "r", danger=True)) != "yes":
                        error = "That name is taken; choose another."
                        continue
                    return replace(name)
            except InvalidNameError as exc:
                initial, error = name, exc.message
            except StoreError as exc:
                self.report(exc, failed)
                return None

    # --- save -------------------------------------------------------------------
    async def save(self, *, as_new: bool = False) -> bool:
        """Save the scenario on screen; ``True`` if it is now saved."""
        from planner.store.errors import ConflictError, StoreError  # lazily: not at app start

        doc, scenario = self._document, self.app.scenario
        if as_new or doc.name is None:
            return await self.save_as(scenario.name)
        if scenario.name != doc.name:
            note = Content.assemble("You renamed ", quoted(doc.name), " to ", quoted(scenario.name), ". Save it as a new scenario (the old one stays; use Rename in Scenarios to rename it):")
            return await self.save_as(scenario.name, note=note)
        try:
            stored = self.store.save(scenario, name=doc.name, expected=doc.token)
        except ConflictError as exc:
            from planner.tui.dialogs.choice import Choice, ChoiceDialog

            answer = await self.app.push_screen_wait(
                ChoiceDialog(
                    "The saved copy changed",
                    literal(exc.message),
                    [Choice("overwrite", "Overwrite", "o", "error"), Choice("save_as", "Save as new…", "n", "primary")],
                    danger=True,
                )
            )
            if answer == "save_as":
                return await self.save_as(f"{doc.name} (mine)")
            if answer != "overwrite":
                return False
            try:
                stored = self.store.save(scenario, name=doc.name, overwrite=True)
            except StoreError as exc2:
                self.report(exc2, "Not saved")
                return False
        except StoreError as exc:
            self.report(exc, "Not saved")
            return False
        self._saved(stored)
        return True

    async def save_as(self, initial: str, *, note: Content | None = None) -> bool:
        scenario = self.app.scenario
        note = note or Content("Save the scenario on screen under this name:")
        stored = await self.ask_name(
            "Save as", note, initial, lambda name: self.store.save_as(scenario, name), "Not saved",
            replace=lambda name: self.store.save(scenario, name=name, overwrite=True),
        )
        if stored is None:
            return False
        self._saved(stored)
        return True

    def _saved(self, stored: StoredScenario) -> None:
        app = self.app
        self._set_document(Document(stored.name, stored.token, stored.scenario))
        if app.scenario != stored.scenario:  # the name changed: refill the wizard
            app.scenario = stored.scenario
            app.loaded += 1
        app.notify(f"Saved “{pictured_line(stored.name)}”.", title="Saved", markup=False)
        others = self.store.case_variants(stored.name)
        if others:  # names are case-sensitive: two scenarios that read alike
            listed = " and ".join(f"“{pictured_line(o)}”" for o in others)
            app.notify(f"{listed} is also saved: names are case-sensitive, so these are separate scenarios.", title="Similar name", severity="warning", markup=False)

    # --- leaving the scenario on screen ---------------------------------------------
    async def may_leave(self, doing: str) -> bool:
        """``True`` if the scenario on screen may be replaced (saved, clean or discarded)."""
        if not self.dirty:
            return True
        from planner.tui.dialogs.choice import Choice, ChoiceDialog

        name = self._document.name or self.app.scenario.name
        answer = await self.app.push_screen_wait(
            ChoiceDialog(
                "Unsaved changes",
                Content.assemble(quoted(name), f" has changes that are not saved. Save them before {doing}?"),
                [Choice("save", "Save", "s", "primary"), Choice("discard", "Discard", "d", "error")],
            )
        )
        if answer == "save":
            return await self.save()
        return answer == "discard"

    async def replace(self, scenario: Scenario, origin: str) -> None:
        """Load a preset or the default, after asking about unsaved changes."""
        if await self.may_leave("loading " + origin):
            self.load(scenario, origin)

    async def open(self, name: str) -> bool:
        """Open a saved scenario in the plan screen."""
        from planner.usecases import open_saved

        if not await self.may_leave("opening another scenario"):
            return False
        try:
            stored = open_saved(self.store, name, self.app.kb)
        except PlannerError as exc:
            self.report(exc, "Not opened")
            return False
        self.load(stored.scenario, f"“{stored.name}”", document=Document(stored.name, stored.token, stored.scenario))
        await self.app.switch_mode("plan")
        return True

    async def quit(self) -> None:
        if await self.may_leave("quitting"):
            self.app.exit()

    # --- the saved scenarios ----------------------------------------------------------
    async def rename(self, old: str) -> StoredScenario | None:
        """Rename a saved scenario; the open one follows (its name on screen too)."""
        app = self.app
        prompt = Content.assemble("New name for ", quoted(old), ":")
        stored = await self.ask_name("Rename", prompt, old, lambda new: self.store.rename(old, new), "Not renamed", action="Rename")
        if stored is None:
            return None
        doc = self._document
        if doc.name == old:
            baseline = doc.baseline.with_changes(name=stored.name) if doc.baseline is not None else None
            self._set_document(Document(stored.name, stored.token, baseline))
            if app.scenario.name == old:
                app.scenario = app.scenario.with_changes(name=stored.name)
                app.loaded += 1
        app.notify(f"Renamed to “{pictured_line(stored.name)}”.", title="Renamed", markup=False)
        return stored

    async def duplicate(self, name: str) -> StoredScenario | None:
        prompt = Content.assemble("Name for the copy of ", quoted(name), ":")
        stored = await self.ask_name(
            "Duplicate", prompt, f"{name} (copy)", lambda new: self.store.duplicate(name, new), "Not duplicated", action="Duplicate"
        )
        if stored is not None:
            self.app.notify(f"Saved a copy as “{pictured_line(stored.name)}”.", title="Duplicated", markup=False)
        return stored

    async def delete(self, name: str) -> bool:
        """Delete a saved scenario (asks first); the open one stays on screen, unsaved."""
        from planner.store.errors import StoreError
        from planner.tui.dialogs.choice import confirm

        app = self.app
        message = Content.assemble("Delete the saved scenario ", quoted(name), "? Its file is removed; this cannot be undone.")
        if self._document.name == name:
            message = Content.assemble(message, "\nIt is open in the plan screen: what is on screen stays, marked unsaved.")
        if await app.push_screen_wait(confirm("Delete scenario?", message, "Delete", "y", danger=True)) != "yes":
            return False
        try:
            self.store.delete(name)
        except StoreError as exc:
            self.report(exc, "Not deleted")
            return False
        if self._document.name == name:
            self._set_document(Document(None, None, None))
        app.notify(f"Deleted “{pictured_line(name)}”.", title="Deleted", markup=False)
        return True

    # --- compare and export ------------------------------------------------------------
    def compare(self, names: list[str]) -> None:
        """Compare ``names`` (2–4, baseline first) on the Compare screen."""
        self.compare_names = list(names)
        self.app.call_later(self.app.switch_mode, "compare")

    def comparison(self, names: list[str]) -> Comparison:
        """Load, plan and compare ``names``; raises :class:`PlannerError` with a message."""
        from planner.usecases import compare_saved

        return compare_saved(self.store, names, self.app.kb)

    def export_plan(self) -> None:
        """Export the plan on screen, with its what-ifs, as Markdown."""
        app = self.app
        plan = app.plan
        if plan is None:
            app.notify("There is no plan to export yet.", title="Export", severity="warning", markup=False)
            return
        from planner.export import today_from_env
        from planner.usecases import plan_file_name, plan_markdown

        self._export(
            "Export the plan as Markdown",
            lambda: plan_markdown(app.live.complete(plan), app.kb, today_from_env()),
            plan_file_name(plan.scenario.name),
        )

    def export_comparison(self, comparison: Comparison) -> None:
        from planner.export import comparison_to_markdown, today_from_env
        from planner.usecases import COMPARISON_FILE

        self._export(
            "Export the comparison as Markdown",
            lambda: comparison_to_markdown(comparison, today=today_from_env()),
            COMPARISON_FILE,
        )

    def _export(self, title: str, markdown: Callable[[], str], file_name: str) -> None:
        """Build the document, then let the user choose where it goes (with a preview)."""
        from planner.tui.dialogs.export import ExportDialog

        try:
            text = markdown()
        except PlannerError as exc:
            self.report(exc, "Not exported")
            return

        def done(path: Path | None) -> None:
            if path is not None:
                self.app.notify(f"Wrote {path}", title="Exported", markup=False)

        self.app.push_screen(ExportDialog(title, text, Path.cwd() / file_name), callback=done)
