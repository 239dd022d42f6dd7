"""``planner export NAME``: a saved scenario's plan as a Markdown document.

The file is written atomically and never replaces an existing one without
``--force``; ``-o -`` writes to standard output.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from planner.cli import COMMAND_HELP
from planner.cli.common import (
    add_data_dir_option,
    add_date_option,
    add_output_options,
    add_strategies_option,
    knowledge_from,
    store_from,
    today_from,
    write_output,
)


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "export",
        help=COMMAND_HELP["export"],
        description="Write a saved scenario's plan as one self-contained Markdown document.",
    )
    p.add_argument("name", metavar="NAME", help="the scenario's name, exactly as saved (quote it)")
    add_output_options(p, "default: NAME.md, as a safe file name, in the current directory")
    add_date_option(p)
    add_strategies_option(p)
    add_data_dir_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from planner.usecases import plan_file_name, plan_markdown, plan_saved

    today = today_from(args)
    kb = knowledge_from(args)
    stored, plan = plan_saved(store_from(args), args.name, kb)
    write_output(plan_markdown(plan, kb, today), args.output, force=args.force, default=Path(plan_file_name(stored.name)))
    return 0
