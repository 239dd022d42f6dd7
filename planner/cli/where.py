"""``planner where``: which files the planner uses, and why those."""

from __future__ import annotations

import argparse
from typing import Any

from planner.cli import COMMAND_HELP
from planner.cli.common import add_data_dir_option, add_strategies_option, print_json
from planner.text import visible


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "where",
        help=COMMAND_HELP["where"],
        description="Print where saved scenarios and the knowledge base are read from, where the "
        "knowledge-base cache is kept, and which setting chose them.",
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default: text)")
    add_strategies_option(p)
    add_data_dir_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from planner.knowledge import default_dir
    from planner.knowledge.cache import ENV_VAR as CACHE_ENV_VAR
    from planner.knowledge.cache import cache_dir
    from planner.store.paths import ENV_VAR, resolve_paths

    paths = resolve_paths(getattr(args, "data_dir", None))
    strategies = [str(default_dir())] + [str(d.expanduser().absolute()) for d in (getattr(args, "strategies", None) or [])]
    if args.format == "json":
        print_json(
            {
                "data_dir": str(paths.root),
                "data_dir_source": paths.source,
                "scenarios": str(paths.scenarios),
                "lock": str(paths.lock),
                "index": str(paths.index),
                "strategies": strategies,
                "cache_dir": str(cache_dir()),
            }
        )
        return 0
    rows = [
        ("data directory", f"{paths.root}  (from {paths.source}; override with --data-dir or ${ENV_VAR})"),
        ("scenarios", str(paths.scenarios)),
        ("lock file", str(paths.lock)),
        ("index", str(paths.index)),
        ("knowledge base", f"{strategies[0]}  (built in)"),
    ]
    rows += [("", f"{d}  (--strategies)") for d in strategies[1:]]
    rows.append(("cache", f"{cache_dir()}  (validated knowledge bases; override with ${CACHE_ENV_VAR}; safe to delete)"))
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {visible(value)}")
    return 0
