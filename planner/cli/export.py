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
    plan_for,
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
    from planner.compare.inputs import Names
    from planner.export import plan_to_markdown
    from planner.store.names import slug

    today = today_from(args)
    stored = store_from(args).load(args.name)
    kb = knowledge_from(args)
    plan = plan_for(stored.scenario, kb)
    text = plan_to_markdown(plan, today=today, names=Names.of(kb))
    write_output(text, args.output, force=args.force, default=Path(f"{slug(stored.name)}.md"))
    return 0
