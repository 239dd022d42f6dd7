"""The app's own command-palette commands (Ctrl+P).

Commands come from small *sources*: functions ``(app, screen) -> Iterable[Command]``
listed in :data:`SOURCES`: presets, wizard steps and app actions here, saved
scenarios, compare and export in :mod:`.commands_store`. A new kind of command is one
more source appended there; nothing else changes. Textual's own commands (theme, keys, screenshot, quit) stay alongside, from
``SystemCommandsProvider``.

Titles may be user text (a preset from a user's strategies directory, a saved
scenario's name), so hits are built from :class:`~textual.content.Content`, never
from markup: Textual's ``Matcher.highlight`` and the palette's help line would both
parse a ``str``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import Screen

from planner.text import pictured_line
from planner.tui.command import Command, Source
from planner.tui.commands_store import store_commands
from planner.tui.help_data import STEPS
from planner.tui.text import literal

if TYPE_CHECKING:
    from planner.tui.app import PlannerApp


def preset_commands(app: PlannerApp, screen: Screen[object]) -> Iterable[Command]:
    for preset in app.kb.presets:
        yield Command(
            f"Preset: {pictured_line(preset.title)}",
            pictured_line(preset.description),
            partial(app.replace_scenario, preset.scenario, f"preset {preset.title}"),
        )
    yield Command(
        "Reset to the default scenario",
        "Start again from the built-in default",
        lambda: app.replace_scenario(app.kb.default_scenario(), "the default scenario"),
    )


def step_commands(app: PlannerApp, screen: Screen[object]) -> Iterable[Command]:
    if not hasattr(screen, "action_goto_step"):
        return
    for i, step in enumerate(STEPS, start=1):
        yield Command(
            f"Go to step {i}: {step.title}",
            step.question,
            partial(screen.run_action, f"goto_step({step.id!r})"),
        )


def app_commands(app: PlannerApp, screen: Screen[object]) -> Iterable[Command]:
    yield Command("Help: keys and steps", "Every key binding and what each step asks", app.action_help)


SOURCES: list[Source] = [preset_commands, step_commands, app_commands, store_commands]


class PlannerCommands(Provider):
    """Serves every command from :data:`SOURCES`, fuzzy-matched on its title."""

    def _commands(self) -> list[Command]:
        app = cast("PlannerApp", self.app)
        return [command for source in SOURCES for command in source(app, self.screen)]

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(literal(command.title), command.run, text=command.title, help=_help(command))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, _highlight(matcher, command.title), command.run, text=command.title, help=_help(command))


def _help(command: Command) -> str:
    # The palette renders ``help`` with Content.from_markup, which returns Content
    # unchanged: passing Content keeps user text literal.
    return cast(str, literal(command.help))


def _highlight(matcher: Matcher, text: str) -> Content:
    """Like ``Matcher.highlight`` but on literal text."""
    content = literal(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    style = matcher.match_style
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content
