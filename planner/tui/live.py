"""Re-planning on every change without ever stalling input.

The engine is pure and fast (a couple of milliseconds), so by default it runs inline
in the event that changed the scenario: the new plan is painted in the same frame.
If a run ever takes longer than :data:`INLINE_BUDGET` (a slow machine, a huge
strategies directory), later runs move to a thread worker (``exclusive=True``, so
queued runs are cancelled) and a result is kept only if it belongs to the newest
request: typing never waits for the model, and an old plan never overwrites a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from time import perf_counter

from textual.app import App
from textual.worker import get_current_worker

from planner.knowledge import KnowledgeBase
from planner.models import Plan, Scenario

INLINE_BUDGET = 0.008
"""Seconds: half a 60 Hz frame. Runs slower than this go to a worker."""

BuildPlan = Callable[[Scenario, KnowledgeBase], Plan]


class LivePlanner:
    def __init__(
        self,
        app: App[object],
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

    def request(self, scenario: Scenario) -> None:
        """Plan ``scenario``; the newest request wins."""
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

    def _compute(self, scenario: Scenario) -> tuple[Plan | None, str | None]:
        started = perf_counter()
        try:
            return self.build(scenario, self.kb), None
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
        else:
            self.on_error(error or "The plan could not be updated.")
