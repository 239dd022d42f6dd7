"""``planner compare A B [C D]``: 2–4 saved scenarios side by side.

The first name is the baseline. Table output is for people; ``--format markdown``
is the same document ``-o FILE`` writes; ``--format json`` is the
:class:`~planner.models.comparison.Comparison` itself, for scripts.
"""

from __future__ import annotations

import argparse
import sys
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
        "compare",
        help=COMMAND_HELP["compare"],
        description="Compare 2 to 4 saved scenarios. The first is the baseline: every change is measured against it.",
    )
    p.add_argument("names", metavar="NAME", nargs="+", help="2 to 4 scenario names, exactly as saved (quote each)")
    p.add_argument(
        "--format", choices=["table", "markdown", "json"], default="table", help="output format (default: table)"
    )
    add_output_options(p, "default: standard output")
    add_date_option(p)
    add_strategies_option(p)
    add_data_dir_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from planner.usecases import COMPARISON_FILE, compare_saved

    today = today_from(args) if args.format == "markdown" else None
    comparison = compare_saved(store_from(args), args.names, knowledge_from(args))
    if args.format == "json":
        from planner.text import json_visible

        text = json_visible(comparison.model_dump_json(indent=2)) + "\n"
    elif args.format == "markdown":
        from planner.export import comparison_to_markdown

        assert today is not None
        text = comparison_to_markdown(comparison, today=today)
    else:
        from planner.present.comparison import render_comparison

        if args.output in (None, "-"):
            render_comparison(comparison)
            return 0
        text = render_comparison(comparison, plain=True)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    write_output(text, args.output, force=args.force, default=Path(COMPARISON_FILE))
    return 0
