"""Entry point: ``planner [COMMAND] ...``.

Each command lives in its own module exposing ``register(subparsers)`` which adds its
parser and sets ``func`` to a ``run(args) -> int``. With no command, the Textual app
opens (imported only then, so scripted use never pays for it).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from planner import __version__
from planner.cli import COMMAND_HELP
from planner.cli.options import add_data_dir_option, add_strategies_option

COMMANDS = tuple(COMMAND_HELP)
"""Command modules under planner.cli, in the order ``--help`` lists them."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit code 2), not a usage dump."""

    def error(self, message: str) -> None:  # type: ignore[override]
        from planner.text import visible

        self.exit(2, f"{self.prog}: error: {visible(message)} (see `{self.prog} --help`)\n")


def build_parser(*, commands: bool = True) -> Parser:
    """The whole command line. ``commands=False`` lists the commands without importing
    their modules: enough for ``planner --help``, which then loads neither pydantic nor
    the knowledge base (tests/test_import_hygiene.py checks both give the same help)."""
    parser = Parser(
        prog="planner",
        description="Turn a business's goals into a weekly marketing plan. "
        "With no command, opens the interactive planner.",
    )
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    parser.add_argument("--scenario", metavar="FILE", type=Path, help="open the app on this scenario JSON file")
    parser.add_argument("--preset", metavar="NAME", help="open the app on a built-in preset")
    add_strategies_option(parser)
    add_data_dir_option(parser)
    # Defaults live here only: the same options on subcommands use SUPPRESS, so a
    # value given before the command name (`planner --data-dir X plan`) survives.
    parser.set_defaults(strategies=[], data_dir=None)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMANDS:
        if not commands:
            subparsers.add_parser(name, help=COMMAND_HELP[name])
            continue
        try:
            module = importlib.import_module(f"planner.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"planner.cli.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    if given in (["--version"], ["-h"], ["--help"]):
        # The quick answers: argparse prints them and exits, before any command module
        # (and pydantic, and the knowledge base) is imported.
        build_parser(commands=False).parse_args(given)
    from planner.errors import PlannerError
    from planner.fmt import short
    from planner.knowledge.errors import KnowledgeError
    from planner.text import visible

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from planner.cli.app import run_app  # lazy: the only path that imports textual

            return run_app(args)
        return int(args.func(args))
    except KnowledgeError as exc:
        print(f"planner: error: {exc.render()}", file=sys.stderr)
        return 2
    except PlannerError as exc:
        print(f"planner: error: {visible(exc.message)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `planner plan | head`: the reader left; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no tracebacks for users
        if os.environ.get("PLANNER_DEBUG"):
            raise
        print(
            f"planner: internal error: {type(exc).__name__}: {visible(short(str(exc), 500))}. "
            "Nothing was changed. Set PLANNER_DEBUG=1 to see the traceback and please report it.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
