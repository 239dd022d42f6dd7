"""``planner scenarios list|show|rm``: manage saved scenarios.

Listing reads the store's index (see :mod:`planner.store.index`), so it stays fast
with thousands of scenarios; unusable files are reported on stderr and moved aside,
and never stop the listing.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from planner.cli import COMMAND_HELP
from planner.cli.common import (
    add_data_dir_option,
    add_date_option,
    add_strategies_option,
    knowledge_from,
    print_json,
    report_problems,
    store_from,
    today_from,
)

NAME_WIDTH = 48
"""The widest a name gets in the listing's table; the goals take the rest of the line."""
FIXED_WIDTH = 5 + 5 + 16 + 4 * 2
"""Hours, Reach, Modified and the four gaps between five columns."""
MIN_GOALS_WIDTH = 18


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "scenarios",
        help=COMMAND_HELP["scenarios"],
        description="Manage the scenarios saved with `planner plan --save NAME` or from the app.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(p))

    ls = actions.add_parser("list", help="list saved scenarios", description="List saved scenarios, sorted by name.")
    ls.add_argument("--format", choices=["table", "json"], default="table", help="output format (default: table)")
    add_data_dir_option(ls)
    ls.set_defaults(func=run_list)

    show = actions.add_parser(
        "show",
        help="show a saved scenario and its plan",
        description="Show a saved scenario's inputs and the plan they give.",
    )
    show.add_argument("name", metavar="NAME", help="the scenario's name, exactly as saved (quote it)")
    show.add_argument(
        "--format", choices=["table", "markdown", "json"], default="table", help="output format (default: table)"
    )
    add_date_option(show)
    add_strategies_option(show)
    add_data_dir_option(show)
    show.set_defaults(func=run_show)

    rm = actions.add_parser("rm", help="remove a saved scenario", description="Remove a saved scenario's file.")
    rm.add_argument("name", metavar="NAME", help="the scenario's name, exactly as saved (quote it)")
    add_data_dir_option(rm)
    rm.set_defaults(func=run_rm)


def run_list(args: argparse.Namespace) -> int:
    store = store_from(args)
    listing = store.list()
    report_problems(listing)
    if args.format == "json":
        print_json(
            {
                "store": str(store.directory),
                "scenarios": [
                    {
                        "name": s.name,
                        "file": s.file,
                        "status": s.status,
                        "schema_version": s.schema_version,
                        "hours_per_week": s.hours_per_week,
                        "reach_priority": s.reach_priority,
                        "goals": list(s.goals),
                        "modified": _timestamp(s.modified_ns, iso=True),
                    }
                    for s in listing.scenarios
                ],
                "problems": [
                    {"file": p.file, "message": p.message, "moved_to": str(p.moved_to) if p.moved_to else None}
                    for p in listing.problems
                ],
            }
        )
        return 0
    if not listing.scenarios:
        from planner.text import visible as shown_path

        print(f"No saved scenarios in {shown_path(str(store.directory))}. Save one with `planner plan --save NAME`.")
        return 0
    from planner import fmt
    from planner.cli import tabular
    from planner.compare.inputs import Names
    from planner.text import visible

    goal_names = Names.of(knowledge_from(args))
    names, goals = [], []
    for s in listing.scenarios:
        names.append(visible(s.name))
        if s.status == "newer":
            goals.append(f"saved by a newer planner (format v{s.schema_version})")
        else:
            goals.append(visible(", ".join(goal_names.goal(g) for g in s.goals)) or "none")
    name_width, goals_width = _name_and_goals_widths(names, goals)
    rows = []
    for s, name, goal_text in zip(listing.scenarios, names, goals, strict=True):
        hours = "—" if s.status == "newer" else fmt.hours(s.hours_per_week or 0)
        reach = "—" if s.status == "newer" else str(s.reach_priority)
        rows.append([tabular.fit(name, name_width), hours, reach, tabular.fit(goal_text, goals_width), _timestamp(s.modified_ns)])
    out = tabular.render(["Name", "Hours", "Reach", "Goals", "Modified"], rows, [False, True, True, False, False])
    sys.stdout.write(out)
    n = len(listing.scenarios)
    sys.stdout.write(f"\n{n} scenario{'s' if n != 1 else ''} in {visible(str(store.directory))}\n")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from planner.usecases import plan_saved

    kb = knowledge_from(args)
    stored, plan = plan_saved(store_from(args), args.name, kb)
    if args.format == "json":
        import json

        print_json(
            {
                "name": stored.name,
                "file": str(stored.path),
                "schema_version": stored.schema_version,
                "scenario": stored.scenario.model_dump(mode="json"),
                "plan": json.loads(plan.to_json()),
            }
        )
    elif args.format == "markdown":
        from planner.usecases import plan_markdown

        sys.stdout.write(plan_markdown(plan, kb, today_from(args)))
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        from planner.compare.inputs import Names
        from planner.compare.inputs import rows as input_rows
        from planner.present.plan import print_plan
        from planner.store.migrations import CURRENT_VERSION
        from planner.text import visible

        table = Table(title=Text(f"Scenario {visible(stored.name)}"), title_justify="left")
        table.add_column("Input")
        table.add_column("Value", overflow="fold")
        table.add_row("Name", Text(visible(stored.name)))
        for _field, label, value in input_rows(stored.scenario, Names.of(kb)):
            table.add_row(label, Text(visible(value) or "—"))
        Console().print(table)
        print_plan(plan)
        print(f"file: {visible(str(stored.path))}" + (f" (migrated from format v{stored.schema_version})" if stored.schema_version != CURRENT_VERSION else ""))
    return 0


def run_rm(args: argparse.Namespace) -> int:
    from planner.store.names import shown
    from planner.text import visible

    store = store_from(args)
    path = store.delete(args.name)
    print(f"removed {shown(args.name)} ({visible(str(path))})")
    return 0


def _name_and_goals_widths(names: list[str], goals: list[str]) -> tuple[int, int]:
    """Column widths so a row fits the terminal (80 columns when output is piped), as
    ``plan`` and ``compare`` do: the name keeps up to :data:`NAME_WIDTH` cells, the
    goals get what is left (at least :data:`MIN_GOALS_WIDTH`), cut with "…"."""
    import shutil

    from planner.cli.tabular import width_of

    columns = max(shutil.get_terminal_size((80, 24)).columns, 60)
    room = columns - FIXED_WIDTH
    widest_name = max((width_of(n) for n in names), default=4)
    widest_goals = max((width_of(g) for g in goals), default=5)
    name_width = max(4, min(widest_name, NAME_WIDTH, room - min(widest_goals, MIN_GOALS_WIDTH)))
    return name_width, max(5, min(widest_goals, room - name_width))


def _timestamp(ns: int, *, iso: bool = False) -> str:
    from planner.fmt import timestamp

    return timestamp(ns, iso=iso)
