"""The options the top-level parser shares with the commands, apart from
:mod:`planner.cli.common` so that ``planner --version`` and ``planner --help`` import
only argparse and pathlib.

Options are registered with ``default=argparse.SUPPRESS`` on purpose: ``--data-dir``
and ``--strategies`` also exist on the top-level parser, and an ordinary default on
a subcommand would silently overwrite a value given before the command name
(``planner --data-dir X scenarios list``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["add_data_dir_option", "add_strategies_option"]


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        default=argparse.SUPPRESS,
        help="where saved scenarios live (default: $PLANNER_HOME, else the user data directory)",
    )


def add_strategies_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strategies",
        metavar="DIR",
        action="append",
        type=Path,
        default=argparse.SUPPRESS,
        help="a directory of *.toml strategies that extends the built-in knowledge base (repeatable)",
    )
