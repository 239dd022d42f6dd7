"""Re-planning on every change without ever stalling input.

The engine is pure and fast (a couple of milliseconds), so by default it runs inline
in the event that changed the scenario: the new plan is painted in the same frame.
If a run ever takes longer than :data:`INLINE_BUDGET` (a slow machine, a huge
strategies directory), later runs move to a thread worker (``exclusive=True``, so
queued runs are cancelled) and a result is kept only if it belongs to the newest
request: typing never waits for the model, and an old plan never overwrites a new one.

One frame, not two: an edit travels from the control (the slider, an input) to the
wizard, the screen and the engine as a few Textual messages. Left alone, Textual
paints the moved slider as soon as the slider is idle and the new plan one frame
(up to 1/60 s) later. :class:`FrameHold` holds painting from the moment a field
reports an edit until the plan for it has been handed to the view (or the edit was
refused, or :data:`HOLD_LIMIT` passed), so the control and the plan change in the same
frame and the plan appears sooner.

Why keep it (reconsidered for issue 13, measured on an idle machine): Textual paints
on a 1/60 s grid, so without the hold a plan that is ready a few milliseconds after the
slider moved waits for the next tick, and the keystroke median roughly triples, from
within the ≤ 16 ms target to well past it. On a heavily loaded machine the plan arrives
after that tick anyway and the hold gains nothing. The numbers, and how to repeat them
(``benchmarks/bench_tui.py --keys-only --no-frame-hold``), are in docs/performance.md
("Library parts").
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from time import perf_counter
from typing import Any

from textual.app import App
from textual.message_pump import MessagePump
from textual.worker import get_current_worker

from planner.knowledge import KnowledgeBase
from planner.models import Plan, Scenario

INLINE_BUDGET = 0.008
"""Seconds: half a 60 Hz frame. Runs slower than this go to a worker."""

HOLD_LIMIT = 0.05
"""Seconds: the longest painting is ever held for one edit (a safety net; an edit
normally reaches the plan in a few milliseconds)."""

BuildPlan = Callable[[Scenario, KnowledgeBase], Plan]


class FrameHold:
    """Suspend screen updates (``App.batch_update``) while an edit is on its way to
    the plan view. ``begin`` and ``end`` may be called any number of times; the
    first ``end`` (or :data:`HOLD_LIMIT`) lets the next frame paint everything."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._batch: AbstractContextManager[None] | None = None
        self._timeout: asyncio.TimerHandle | None = None
        self._waiting: tuple[object, int] = (None, 0)

    @property
    def held(self) -> bool:
        return self._batch is not None

    def begin(self) -> None:
        if self._batch is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._batch = self.app.batch_update()
        self._batch.__enter__()
        self._timeout = loop.call_later(HOLD_LIMIT, self.end)

    def end(self) -> None:
        batch, self._batch = self._batch, None
        if batch is None:
            return
        if self._timeout is not None:
            self._timeout.cancel()
            self._timeout = None
        batch.__exit__(None, None, None)
        try:
            screen = self.app.screen
        except Exception:  # noqa: BLE001 - no screen (yet, or any more): nothing to paint
            return
        # Widgets refreshed during the hold are waiting for the screen's next idle.
        screen.check_idle()

    def end_after(self, widgets: Iterable[MessagePump]) -> None:
        """End the hold once each of ``widgets`` has handled what is already queued
        for it. A refreshed widget tells the screen so when it next goes idle; ending
        the hold earlier would paint a frame without it, and the plan a frame later."""
        if self._batch is None:
            return
        token = object()
        queued = [widget for widget in widgets if widget.call_later(self._arrived, token)]
        self._waiting = (token, len(queued))
        if not queued:
            self.end()

    def _arrived(self, token: object) -> None:
        waiting, count = self._waiting
        if token is not waiting:
            return
        self._waiting = (token, count - 1)
        if count <= 1:
            self.end()


def hold_frame(app: App[Any]) -> None:
    """Start holding painting until the edit being reported reaches the plan."""
    live = getattr(app, "live", None)
    if isinstance(live, LivePlanner):
        live.hold.begin()


def release_frame(app: App[Any]) -> None:
    live = getattr(app, "live", None)
    if isinstance(live, LivePlanner):
        live.hold.end()


class LivePlanner:
    def __init__(
        self,
        app: App[Any],
        kb: KnowledgeBase,
        build: BuildPlan,
        on_plan: Callable[[Plan], None],
        on_error: Callable[[str], None],
    ) -> None:
        self.app = app
        self.kb = kb
        self.build = build
        self.on_plan = on_plan
        self.on_error = on_error
        self.generation = 0
        self.in_worker = False
        self.last_seconds = 0.0
        self.hold = FrameHold(app)
        # A builder that can leave the sensitivity out paints without it first (tests
        # inject builders that cannot; they get the complete plan at once).
        self.first_paint = "sensitivity" in inspect.signature(build).parameters

    def request(self, scenario: Scenario) -> None:
        """Plan ``scenario``; the newest request wins. When the builder can leave the
        sensitivity out (``build(..., sensitivity=False)``), the plan is painted without
        it and the complete plan follows after the next refresh, so the what-ifs never
        delay what a keystroke shows."""
        self.generation += 1
        generation = self.generation
        if self.in_worker:
            self.app.run_worker(
                lambda: self._run_in_thread(scenario, generation),
                name="replan",
                group="replan",
                thread=True,
                exclusive=True,
                exit_on_error=False,
            )
        else:
            self._deliver(generation, *self._compute(scenario))

    def complete(self, plan: Plan) -> Plan:
        """``plan`` with its sensitivity (a first-paint plan is built again in full)."""
        return plan if plan.sensitivity is not None else self.build(plan.scenario, self.kb)

    def _quick(self, scenario: Scenario) -> Plan:
        if self.first_paint:
            return self.build(scenario, self.kb, sensitivity=False)  # type: ignore[call-arg]
        return self.build(scenario, self.kb)

    def _compute(self, scenario: Scenario) -> tuple[Plan | None, str | None]:
        started = perf_counter()
        try:
            return self._quick(scenario), None
        except Exception as exc:  # noqa: BLE001 - a model failure must not end the app
            message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
            return None, f"The plan could not be updated ({message}); showing the last plan."
        finally:
            self.last_seconds = perf_counter() - started
            self.in_worker = self.last_seconds > INLINE_BUDGET

    def _run_in_thread(self, scenario: Scenario, generation: int) -> None:
        plan, error = self._compute(scenario)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._deliver, generation, plan, error)

    def _deliver(self, generation: int, plan: Plan | None, error: str | None) -> None:
        if generation != self.generation:
            return  # a newer request is on its way; this result is already stale
        if plan is not None:
            self.on_plan(plan)
            if plan.sensitivity is None:
                self.app.call_after_refresh(self._complete, generation, plan)
        else:
            self.on_error(error or "The plan could not be updated.")

    def _complete(self, generation: int, plan: Plan) -> None:
        """Add the sensitivity to the plan on screen, unless a newer edit came first."""
        if generation != self.generation:
            return
        try:
            full = self.build(plan.scenario, self.kb)
        except Exception:  # noqa: BLE001 - the first-paint plan stays; its what-ifs are missing
            return
        if generation == self.generation:
            self.on_plan(full)
