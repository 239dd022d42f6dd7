"""Two real processes saving at once lose nothing; a stale save is refused."""

from __future__ import annotations

import multiprocessing as mp
import os
from pathlib import Path

import pytest

from planner.models.scenario import Scenario
from planner.store import ConflictError, ScenarioStore

from .conftest import make

PER_WORKER = 15


def _save_many(root: str, worker: int) -> None:
    store = ScenarioStore.open(root, lock_timeout=30)
    for i in range(PER_WORKER):
        store.save(Scenario(name=f"worker {worker} scenario {i}"))
        # Everyone also updates one shared scenario; each update goes through the lock.
        shared = store.load("shared")
        store.save(shared.scenario.with_changes(reach_priority=(shared.scenario.reach_priority + 1) % 101), overwrite=True)
        store.list()


def _save_with_token(root: str, token: str, notes: str, barrier, results) -> None:  # noqa: ANN001
    store = ScenarioStore.open(root, lock_timeout=30)
    barrier.wait()
    try:
        store.save(Scenario(name="contested", notes=notes), expected=token)
        results.put(("saved", notes))
    except ConflictError as exc:
        results.put(("conflict", exc.message))


@pytest.fixture
def ctx():  # noqa: ANN201
    return mp.get_context("fork")  # real processes; fork keeps the test fast


def test_parallel_writers_lose_nothing(tmp_path: Path, ctx) -> None:  # noqa: ANN001
    root = str(tmp_path / "data")
    ScenarioStore.open(root).save(make("shared"))
    procs = [ctx.Process(target=_save_many, args=(root, w)) for w in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    store = ScenarioStore.open(root)
    listing = store.list()
    assert not listing.problems
    expected = {f"worker {w} scenario {i}" for w in range(3) for i in range(PER_WORKER)} | {"shared"}
    assert set(listing.names()) == expected
    assert not [p for p in store.directory.iterdir() if p.name.endswith(".tmp")]


def test_two_processes_saving_the_same_opened_version_one_wins(tmp_path: Path, ctx) -> None:  # noqa: ANN001
    root = str(tmp_path / "data")
    token = ScenarioStore.open(root).save(make("contested", notes="original")).token
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_save_with_token, args=(root, token, n, barrier, results)) for n in ("A", "B")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    outcomes = sorted(results.get(timeout=5) for _ in procs)
    assert [o[0] for o in outcomes] == ["conflict", "saved"]
    winner = outcomes[1][1]
    assert ScenarioStore.open(root).load("contested").scenario.notes == winner
    assert "changed on disk" in outcomes[0][1] and "overwrite" in outcomes[0][1] and "new name" in outcomes[0][1]


def test_conflict_then_overwrite_or_save_as(store: ScenarioStore) -> None:
    mine = store.save(make("Shared plan", notes="v1"))
    store.save(make("Shared plan", notes="theirs"), expected=mine.token)  # another window saves first
    with pytest.raises(ConflictError, match="changed on disk.*overwrite.*new name"):
        store.save(make("Shared plan", notes="mine"), expected=mine.token)
    assert store.load("Shared plan").scenario.notes == "theirs"
    copy = store.save_as(make("Shared plan", notes="mine"), "Shared plan (mine)")
    assert copy.scenario.name == "Shared plan (mine)"
    store.save(make("Shared plan", notes="mine"), expected=mine.token, overwrite=True)
    assert store.load("Shared plan").scenario.notes == "mine"


def test_deleted_since_opened_is_a_conflict(store: ScenarioStore) -> None:
    opened = store.save(make("Gone"))
    store.delete("Gone")
    with pytest.raises(ConflictError, match="deleted"):
        store.save(make("Gone", notes="x"), expected=opened.token)


def test_new_scenario_never_replaces_another(store: ScenarioStore) -> None:
    from planner.store import ScenarioExistsError

    store.save(make("Taken", notes="first"))
    with pytest.raises(ScenarioExistsError, match="already exists"):
        store.save(make("Taken", notes="second"))
    assert store.load("Taken").scenario.notes == "first"


def test_rename_and_duplicate(store: ScenarioStore) -> None:
    a = store.save(make("Alpha"))
    store.duplicate("Alpha", "Beta")
    renamed = store.rename("Alpha", "Gamma", expected=a.token)
    assert renamed.scenario.name == "Gamma"
    assert store.list().names() == ["Beta", "Gamma"]


def test_lock_timeout_is_clear(store: ScenarioStore) -> None:
    from planner.store import LockTimeoutError
    from planner.store.lock import exclusive_lock

    store.save(make("x"))
    quick = ScenarioStore(store.paths, lock_timeout=0.1)
    with exclusive_lock(store.paths.lock):
        with pytest.raises(LockTimeoutError, match="busy.*try again"):
            quick.save(make("y"))


def _hold_and_die(lock: str, held) -> None:  # noqa: ANN001
    from planner.store.lock import exclusive_lock

    with exclusive_lock(Path(lock)):
        held.set()
        os._exit(0)  # dies holding it: no release, no clean-up


def test_a_dead_holder_leaves_the_store_unlocked(store: ScenarioStore, ctx) -> None:  # noqa: ANN001
    """The operating system releases the lock of a process that crashed."""
    from planner.store.lock import exclusive_lock

    held = ctx.Event()
    holder = ctx.Process(target=_hold_and_die, args=(str(store.paths.lock), held))
    holder.start()
    assert held.wait(10)
    holder.join(10)
    with exclusive_lock(store.paths.lock, timeout=1):
        pass
    assert store.paths.lock.is_file()  # the lock file stays: waiters share one file


def test_the_lock_is_held_against_another_process(store: ScenarioStore, ctx) -> None:  # noqa: ANN001
    from planner.store.lock import exclusive_lock

    with exclusive_lock(store.paths.lock):
        waiter = ctx.Process(target=_save_quickly, args=(store,))
        waiter.start()
        waiter.join(30)
    assert waiter.exitcode == 3  # it timed out while we held the lock


def _save_quickly(store: ScenarioStore) -> None:
    from planner.store import LockTimeoutError

    try:
        ScenarioStore(store.paths, lock_timeout=0.2).save(make("z"))
    except LockTimeoutError:
        os._exit(3)
    os._exit(0)
