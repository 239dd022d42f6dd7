"""What the TUI tests share: the terminal sizes, reading what the app shows, typing
as a person would, a store of saved scenarios with fixed file times, and the few
conversations (a name prompt, the export dialog) that tests on several screens go
through."""

from __future__ import annotations

import os
from collections.abc import Callable
from time import monotonic

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Static

from planner.knowledge import KnowledgeBase
from planner.models import Scenario
from planner.store import ScenarioStore
from planner.tui.dialogs.export import ExportDialog
from planner.tui.dialogs.name import NamePrompt

SMALL = (80, 24)
LARGE = (120, 40)

FIXED_NS = 1_763_683_200 * 10**9  # 2025-11-21 00:00 UTC, shown in the Modified column


def text_of(app: App[object], selector: str) -> str:
    """The plain text a Static shows (its Content, not markup)."""
    return str(app.screen.query_one(selector, Static).render())


async def type_into(pilot, selector: str, text: str) -> Input:  # type: ignore[no-untyped-def]
    """Replace an Input's text by typing, as a person would."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.cursor_blink = False
    await pilot.pause()
    await pilot.press("end", "ctrl+u", *text)
    await pilot.pause()
    return field


# --- saved scenarios ---------------------------------------------------------------------


def variants(kb: KnowledgeBase) -> list[Scenario]:
    base = kb.default_scenario()
    return [
        base.with_changes(name="Café baseline"),
        base.with_changes(name="More hours", hours_per_week=20),
        base.with_changes(name="Reach push", reach_priority=95, goals=["awareness"]),
        base.with_changes(name="B2B niche", market="b2b", audience="niche", reach_priority=20),
    ]


def save_all(scenarios: list[Scenario]) -> ScenarioStore:
    store = ScenarioStore.open()
    for i, s in enumerate(scenarios):
        stored = store.save(s)
        os.utime(stored.path, ns=(FIXED_NS + i * 60 * 10**9, FIXED_NS + i * 60 * 10**9))
    return store


async def until(pilot, condition: Callable[[], object], what: str, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Wait until ``condition()`` holds, pausing the app between looks.

    One ``pilot.pause()`` lets the app process what is queued now; work queued by that
    work (a step mounted, then its first field focused) may need more, and on a busy
    machine it reliably does. The timeout turns a real failure into a message."""
    deadline = monotonic() + timeout
    while not condition():
        if monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        await pilot.pause(0.01)


async def go_to_step(pilot, step_id: str) -> None:  # type: ignore[no-untyped-def]
    """Show a wizard step and wait until it is on screen with its first field focused,
    so a test's own ``focus()`` is not taken back by the step's."""
    from textual.widgets import ContentSwitcher

    from planner.tui.widgets.wizard import Wizard

    wizard = pilot.app.screen.query_one(Wizard)
    wizard.go(step_id)
    switcher = wizard.query_one(ContentSwitcher)

    def shown() -> bool:
        if switcher.current != f"step-{step_id}":
            return False
        step = switcher.query_one(f"#step-{step_id}")
        if not any(w.focusable for w in step.query("*")):
            return True
        focused = pilot.app.focused
        return focused is not None and step in focused.ancestors

    await until(pilot, shown, f"step {step_id!r} with its first field focused")


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let workers (listing, dialogs) finish and the screen repaint."""
    await pilot.pause()
    for worker in list(pilot.app.workers):
        if worker.group == "scenarios-list":  # not dialog flows: they wait for the user
            await worker.wait()
    await pilot.pause()


def shown_text(widget) -> str:  # type: ignore[no-untyped-def]
    """What a widget shows on screen now, as plain text (works for Rich renderables)."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


# --- conversations on several screens -----------------------------------------------------


async def answer_name(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    assert isinstance(pilot.app.screen, NamePrompt)
    field = pilot.app.screen.query_one(Input)
    field.value = name
    await pilot.press("enter")
    await settle(pilot)


async def export_via_dialog(pilot, path) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("f6")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ExportDialog)
    pilot.app.screen.query_one("#export-path", Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot)


async def open_scenarios_and_mark_two(pilot: Pilot) -> None:
    await pilot.press("f3")
    await settle(pilot)
    await pilot.press("down", "space", "down", "down", "space")  # mark two: baseline first
    await settle(pilot)


# --- keys in one burst: Pilot's ``press`` waits for each key to be handled, which hides races --


def burst(app, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Queue ``keys`` at once, as a terminal delivers a burst of input."""
    for key in keys:
        char = {"enter": "\r", "space": " "}.get(key, key if len(key) == 1 else None)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


async def drain(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until every queued key has been handled: Pilot's ``press`` waits for its
    own key, which comes after the burst. (A key still queued when the test leaves
    ``run_test`` would meet an app that has removed its screens.)"""
    await pilot.press("shift+f12")  # bound to nothing
    await pilot.pause()
