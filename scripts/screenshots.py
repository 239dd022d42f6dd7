"""Regenerate the SVG screenshots in docs/images/ with the app itself.

    /work/venv/bin/python scripts/screenshots.py

Each shot drives the real app headless (``App.run_test``) with a fixed theme and
size, then saves ``app.export_screenshot()``. docs/guide.md embeds the results.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["TZ"] = "UTC"
time.tzset()

from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Input  # noqa: E402

from planner.knowledge import load_knowledge  # noqa: E402
from planner.tui.app import PlannerApp  # noqa: E402

OUT = ROOT / "docs" / "images"
Step = Callable[[Pilot], Awaitable[None]]


async def nothing(pilot: Pilot) -> None:
    await pilot.pause()


def keys(*pressed: str) -> Step:
    async def run(pilot: Pilot) -> None:
        await pilot.press(*pressed)
        await pilot.pause()

    return run


async def invalid_hours(pilot: Pilot) -> None:
    await pilot.press("pagedown")
    await pilot.pause()
    field = pilot.app.screen.query_one("#input-hours-per-week", Input)
    field.cursor_blink = False
    field.focus()
    await pilot.press("end", "ctrl+u", *"lots")
    await pilot.pause()


async def tactics_table(pilot: Pilot) -> None:
    await pilot.press("ctrl+l", "down")
    await pilot.pause()


async def palette(pilot: Pilot) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"step")
    await pilot.pause(0.3)


async def scenarios(pilot: Pilot) -> None:
    await pilot.press("f3")
    await pilot.pause(0.3)
    await pilot.app.workers.wait_for_complete()
    await pilot.press("down", "space", "down", "down", "space")
    await pilot.pause()


async def compare(pilot: Pilot) -> None:
    await scenarios(pilot)
    await pilot.press("c")
    await pilot.pause(0.2)


async def export(pilot: Pilot) -> None:
    await pilot.press("f6")
    await pilot.pause(0.2)
    field = pilot.app.screen.query_one("#export-path", Input)
    field.cursor_blink = False
    field.value = "~/plans/local-cafe.md"
    await pilot.pause()


SHOTS: dict[str, tuple[tuple[int, int], Step]] = {
    "plan-80x24": ((80, 24), nothing),
    "plan-120x40": ((120, 40), nothing),
    "step-goals-reach": ((120, 40), keys("end")),
    "step-time-error": ((80, 24), invalid_hours),
    "step-channels": ((120, 40), keys("pagedown", "pagedown", "pagedown", "pagedown")),
    "step-review": ((120, 40), keys("ctrl+r")),
    "why-panel": ((120, 40), tactics_table),
    "help": ((120, 40), keys("f1")),
    "palette": ((120, 40), palette),
    "scenarios": ((120, 40), scenarios),
    "compare": ((120, 40), compare),
    "export": ((120, 40), export),
}


def fill_store(kb) -> None:  # type: ignore[no-untyped-def]
    """A throwaway store with four scenarios (fixed file times) for the store shots."""
    import tempfile

    from planner.store import ScenarioStore

    os.environ["PLANNER_HOME"] = tempfile.mkdtemp(prefix="planner-shots-")
    store = ScenarioStore.open()
    base = kb.default_scenario()
    for i, s in enumerate([
        base.with_changes(name="Café baseline"),
        base.with_changes(name="More hours", hours_per_week=20),
        base.with_changes(name="Reach push", reach_priority=95, goals=["awareness"]),
        base.with_changes(name="B2B niche", market="b2b", audience="niche", reach_priority=20),
    ]):
        path = store.save(s).path
        ns = (1_763_683_200 + 60 * i) * 10**9
        os.utime(path, ns=(ns, ns))


async def shoot(name: str, size: tuple[int, int], step: Step) -> None:
    kb = load_knowledge()
    app = PlannerApp(kb, kb.default_scenario())
    app.theme = "textual-dark"
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await step(pilot)
        await pilot.pause(0.1)
        (OUT / f"{name}.svg").write_text(app.export_screenshot(title=f"planner · {name}"), encoding="utf-8")


async def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    fill_store(load_knowledge())
    for name, (size, step) in SHOTS.items():
        await shoot(name, size, step)
        print(f"docs/images/{name}.svg")


if __name__ == "__main__":
    asyncio.run(main())
