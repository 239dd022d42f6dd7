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
    plan_for,
    store_from,
    today_from,
    write_output,
)
from planner.errors import PlannerError


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
    from planner.compare import MAX_PLANS, MIN_PLANS, Names, compare_plans
    from planner.engine import build_plan
    from planner.store.names import identity, shown

    names: list[str] = args.names
    if not MIN_PLANS <= len(names) <= MAX_PLANS:
        raise PlannerError(f"compare takes {MIN_PLANS} to {MAX_PLANS} scenario names, got {len(names)}")
    seen: set[str] = set()
    for n in names:
        if identity(n) in seen:
            raise PlannerError(f"{shown(n)} is named twice; compare different scenarios")
        seen.add(identity(n))
    today = today_from(args) if args.format == "markdown" else None
    store = store_from(args)
    stored = [store.load(n) for n in names]
    kb = knowledge_from(args)
    comparison = compare_plans(
        [plan_for(s.scenario, kb) for s in stored], [s.name for s in stored], words=Names.of(kb),
        replan=lambda scenario: build_plan(scenario, kb, sensitivity=False),
    )
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
    write_output(text, args.output, force=args.force, default=Path("comparison.md"))
    return 0
