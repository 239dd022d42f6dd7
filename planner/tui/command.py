"""One palette command, and the shape of a source of them (see :mod:`.commands`).

Its own module so that :mod:`.commands` and :mod:`.commands_store` both import it
and neither imports the other's module to get it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp


@dataclass(frozen=True)
class Command:
    title: str
    help: str
    run: Callable[[], object]


Source = Callable[["PlannerApp", Screen[object]], Iterable[Command]]
