"""The export dialog (F6): it writes the plan, asks before replacing a file, stays
open with the reason when the path cannot be written, and its "Exported" toast never
covers the next dialog."""

from __future__ import annotations

from planner.compare.inputs import Names
from planner.export import plan_to_markdown, today_from_env
from planner.tui.dialogs.choice import ChoiceDialog
from planner.tui.dialogs.export import ExportDialog

from ..helpers import LARGE, SMALL, export_via_dialog, settle, text_of


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


async def test_the_exported_toast_does_not_cover_the_next_dialog(make_app, tmp_path) -> None:
    from textual.widgets import Input
    from textual.widgets._toast import Toast

    from planner.tui.dialogs.export import ExportDialog

    app = make_app()
    async with app.run_test(size=SMALL, notifications=True) as pilot:  # toasts are off in tests by default
        await pilot.pause()
        for n in range(2):
            await pilot.press("f6")
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog)
            buttons = app.screen.query_one("#export-buttons").region
            toasts = [t.region for t in app.screen.query(Toast)]
            assert not [r for r in toasts if r.overlaps(buttons)], (n, toasts, buttons)
            app.screen.query_one("#export-path", Input).value = str(tmp_path / f"plan{n}.md")
            await pilot.press("enter")
            await pilot.pause(0.2)
            assert not isinstance(app.screen, ExportDialog)
            assert list(app.screen.query(Toast)), "the Exported toast is shown on the plan screen"
