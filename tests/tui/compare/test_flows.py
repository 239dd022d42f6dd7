"""The Compare screen (F4): scenarios marked on the Scenarios screen side by side,
and the comparison exported as Markdown, checked against the files."""

from __future__ import annotations

import os

from planner.export import comparison_to_markdown, today_from_env
from planner.tui.screens.compare import CompareScreen
from planner.tui.screens.scenario_list import ScenarioList

from ..helpers import LARGE, export_via_dialog, save_all, settle, shown_text, text_of, variants


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
