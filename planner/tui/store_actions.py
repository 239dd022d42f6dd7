"""The app's keys for saved scenarios, compare and export, kept out of ``app.py``.

:class:`StoreActions` is mixed into :class:`~planner.tui.app.PlannerApp`. The
Scenarios and Compare screens are *lazy* modes: their modules are imported the first
time the mode is shown, so none of this weighs on startup. Actions that make no
sense where the user is (the key for the screen already shown, export on the
Scenarios list, anything while a dialog asks a question) are hidden from the key bar
by :meth:`StoreActions.check_action`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from planner.tui import saving

if TYPE_CHECKING:
    from planner.store import ScenarioStore
    from planner.tui.app import PlannerApp


def _scenarios_screen() -> Screen[None]:
    from planner.tui.screens.scenarios import ScenariosScreen

    return ScenariosScreen()


def _compare_screen() -> Screen[None]:
    from planner.tui.screens.compare import CompareScreen

    return CompareScreen()


STORE_MODES = {"scenarios": _scenarios_screen, "compare": _compare_screen}

STORE_BINDINGS = [
    Binding("ctrl+s", "save", "Save", tooltip="Save the scenario (asks for a name the first time)", id="app.save"),
    Binding("f2", "save_as", "Save as", show=False, tooltip="Save the scenario under a new name", id="app.save_as"),
    Binding("f6", "export", "Export", tooltip="Export the plan (or the comparison) as Markdown", id="app.export"),
    Binding("f3", "show('scenarios')", "Open", tooltip="Saved scenarios: open, rename, duplicate, delete, compare", id="app.scenarios"),
    Binding("f4", "show('compare')", "Compare", tooltip="Compare 2–4 saved scenarios side by side", id="app.compare"),
    Binding("f5", "show('plan')", "Plan", tooltip="Back to the wizard and the plan", id="app.plan"),
]

_GUARDED = {"save", "save_as", "show", "export"}


class StoreActions:
    """Actions behind :data:`STORE_BINDINGS` and the store's palette commands."""

    compare_names: list[str]
    """The scenarios picked for Compare, baseline first."""
    _store: ScenarioStore | None
    _data_dir: Path | None

    @property
    def store(self) -> ScenarioStore:
        if self._store is None:
            from planner.store import ScenarioStore

            self._store = ScenarioStore.open(self._data_dir)
        return self._store

    @property
    def _app(self) -> PlannerApp:
        return cast("PlannerApp", self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        app = self._app
        if action in _GUARDED and isinstance(app.screen, ModalScreen):
            return False
        if action == "show" and parameters and parameters[0] == app.current_mode:
            return False
        if action == "export" and app.current_mode == "scenarios":
            return False
        return True

    def action_save(self) -> None:
        saving.start(self._app, saving.save(self._app))

    def action_save_as(self) -> None:
        saving.start(self._app, saving.save(self._app, as_new=True))

    async def action_quit(self) -> None:
        app = self._app
        if not app.dirty:
            app.exit()
        elif isinstance(app.screen, ModalScreen):
            app.notify("Answer or cancel (Esc) the question on screen first.", title="Quit", markup=False)
        else:
            saving.start(app, saving.quit_app(app))

    async def action_show(self, mode: str) -> None:
        await self._app.switch_mode(mode)

    def compare(self, names: list[str]) -> None:
        """Compare ``names`` (2–4, baseline first) on the Compare screen."""
        self.compare_names = list(names)
        self._app.call_later(self._app.switch_mode, "compare")

    def action_export(self) -> None:
        """Export the plan on screen (the Compare screen exports its comparison)."""
        app = self._app
        screen_export = getattr(app.screen, "action_export", None)
        if screen_export is not None:
            screen_export()
            return
        if app.plan is None:
            app.notify("There is no plan to export yet.", title="Export", severity="warning", markup=False)
            return
        from planner.compare.inputs import Names
        from planner.errors import PlannerError
        from planner.export import plan_to_markdown, today_from_env
        from planner.store.names import slug

        try:
            markdown = plan_to_markdown(app.live.complete(app.plan), today=today_from_env(), names=Names.of(app.kb))
        except PlannerError as exc:
            saving.report(app, exc, "Not exported")
            return
        open_export(app, "Export the plan as Markdown", markdown, Path.cwd() / f"{slug(app.plan.scenario.name)}.md")


def open_export(app: PlannerApp, title: str, markdown: str, default: Path) -> None:
    from planner.tui.dialogs.export import ExportDialog

    def done(path: Path | None) -> None:
        if path is not None:
            app.notify(f"Wrote {path}", title="Exported", markup=False)

    app.push_screen(ExportDialog(title, markdown, default), callback=done)
