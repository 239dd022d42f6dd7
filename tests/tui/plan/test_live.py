"""The plan follows the wizard live (planner.tui.live): a slow model never blocks
keys and never shows an older plan over a newer one; a failing model keeps the last
plan on screen."""

from __future__ import annotations

import time

from planner.models import Plan, Scenario

from ..helpers import SMALL, text_of


async def test_slow_engine_runs_in_a_worker_and_keeps_only_the_latest(make_app, kb) -> None:
    """A model slower than a frame must not block keys, and an older result must
    never replace a newer one. The engine here blocks until the test lets it go, so
    the check needs no timing."""
    import threading

    from planner.engine import build_plan

    gate = threading.Event()
    gate.set()

    def slow(scenario: Scenario, knowledge) -> Plan:  # type: ignore[no-untyped-def]
        gate.wait(5)
        time.sleep(0.02)  # slower than a frame: later runs go to a worker
        return build_plan(scenario, knowledge)

    app = make_app(build=slow)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.live.in_worker
        shown = app.plan
        start = app.scenario.reach_priority
        gate.clear()  # the engine now hangs until released
        await pilot.press("right", "right", "right", "left")
        # Keys were handled while the model was stuck: the scenario moved on, the
        # plan on screen did not.
        assert app.scenario.reach_priority == min(start + 10, 100)
        assert app.plan is shown
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.plan.scenario.reach_priority == app.scenario.reach_priority


async def test_engine_failure_keeps_the_last_plan(make_app) -> None:
    from planner.engine import build_plan

    def flaky(scenario: Scenario, knowledge) -> Plan:  # type: ignore[no-untyped-def]
        if scenario.reach_priority > 90:
            raise RuntimeError("boom")
        return build_plan(scenario, knowledge)

    app = make_app(build=flaky)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        kept = app.plan
        await pilot.press("end")
        await pilot.pause()
        assert app.plan is kept
        assert "could not be updated" in text_of(app, "#plan-stale")
        await pilot.press("home")
        await pilot.pause()
        assert app.plan is not kept and not app.plan_error
