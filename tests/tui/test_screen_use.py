"""The screen is used well at the sizes people use (80×24 and 120×40): text a person
needs is not cut, nothing stays scrolled out of sight, nothing covers a dialog."""

from __future__ import annotations

import pytest

from planner import fmt
from planner.tui.widgets.tactic_table import TacticTable

from .conftest import LARGE, SMALL


def table_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(TacticTable)
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
async def test_tactics_table_gives_names_and_weekly_output_the_room(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = table_lines(app)
        text = "\n".join(lines)
        for tactic in app.plan.tactics:
            name = fmt.with_platform(tactic.name, tactic.platform_name)
            line = next(line for line in lines if line.strip().startswith(name[:12]))
            assert name in line, f"{name!r} cut: {line!r}"
            assert line.endswith(fmt.hours(tactic.hours)), line
            kind = next(lines[i + 1] for i, l in enumerate(lines) if l is line)
            assert f"{tactic.strategy} · {tactic.output}" in kind, kind
        assert "relat " not in text and "bcast" not in text, "abbreviated kinds"
        assert "Email newsletter (Email newsletter)" not in text
        width = app.screen.query_one(TacticTable).size.width
        assert max(len(line) for line in lines) <= width
