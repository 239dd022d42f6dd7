"""``planner plan``: compute a plan headlessly and print it as a table, Markdown or JSON.

Flags override the scenario file or preset field by field, so
``planner plan --preset b2b-consultant --hours 4`` is the consultant with four hours.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from planner.cli import COMMAND_HELP
from planner.cli.common import add_data_dir_option, add_date_option, add_strategies_option, today_from
from planner.errors import InputError, word
from planner.fmt import short
from planner.text import json_visible, visible

FLAG_FOR_FIELD = {
    "name": "--name",
    "notes": "--notes",
    "reach_priority": "--reach",
    "hours_per_week": "--hours",
    "roi_horizon_months": "--horizon",
    "roi_measurability": "--roi-measurability",
    "sales_tracking": "--sales-tracking",
    "audience": "--audience",
    "market": "--market",
    "scheduler": "--scheduler",
    "content_capacity": "--content-capacity",
    "local": "--local/--no-local",
    "ad_budget_per_month": "--ad-budget",
    "existing_audience": "--existing-audience",
    "goals": "--goal",
    "exclude": "--exclude",
    "bounds": "--min/--max",
    "broadcast_share": "--broadcast-share-min/--broadcast-share-max",
}


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "plan",
        help=COMMAND_HELP["plan"],
        description="Compute a weekly channel-mix plan. Start from the built-in default, "
        "a preset or a scenario file; flags override single fields.",
    )
    src = p.add_argument_group("scenario input")
    src.add_argument("--scenario", metavar="FILE.json", type=Path, help="read the scenario from a JSON file")
    src.add_argument("--preset", metavar="NAME", help="start from a built-in preset (see `planner plan --list-presets`)")
    src.add_argument("--list-presets", action="store_true", help="list the presets and exit")
    add_strategies_option(src)
    f = p.add_argument_group("scenario fields (override the file or preset)")
    f.add_argument("--name", help="scenario name")
    f.add_argument("--notes", help="free-text notes")
    f.add_argument("--reach", type=int, metavar="N", help="reach vs relationships priority, 0 (relationships) to 100 (reach)")
    f.add_argument("--hours", type=float, metavar="H", help="hours per week, above 0 and at most 168")
    f.add_argument("--horizon", type=int, metavar="MONTHS", help="ROI horizon in months (1-120)")
    f.add_argument("--roi-measurability", choices=["low", "medium", "high"], help="how much directly measurable ROI matters")
    f.add_argument("--sales-tracking", action=argparse.BooleanOptionalAction, default=None, help="sales tracking / analytics is in place")
    f.add_argument("--audience", choices=["broad", "niche"], help="audience breadth")
    f.add_argument("--market", choices=["b2c", "b2b"], help="market")
    f.add_argument("--scheduler", action=argparse.BooleanOptionalAction, default=None, help="a scheduling tool is used")
    f.add_argument("--content-capacity", choices=["low", "medium", "high"], help="capacity to make video and visuals")
    f.add_argument("--local", action=argparse.BooleanOptionalAction, default=None, help="customers come from one area (a town or region)")
    f.add_argument("--ad-budget", type=float, metavar="AMOUNT", help="money for paid placement each month, in your currency (0 = no paid tactics)")
    f.add_argument("--existing-audience", choices=["none", "small", "large"], help="the followers and subscribers you already have")
    f.add_argument("--goal", action="append", metavar="G", help="a goal id (repeatable; replaces the file's goals)")
    f.add_argument("--exclude", action="append", metavar="ID", help="a platform or tactic id to leave out (repeatable; replaces the file's list)")
    f.add_argument("--min", action="append", metavar="ID=H", default=[], help="at least H hours for a tactic or platform (repeatable)")
    f.add_argument("--max", action="append", metavar="ID=H", default=[], help="at most H hours for a tactic or platform (repeatable)")
    f.add_argument("--broadcast-share-min", type=float, metavar="F", help="floor on the broadcast share, 0 to 1")
    f.add_argument("--broadcast-share-max", type=float, metavar="F", help="ceiling on the broadcast share, 0 to 1")
    o = p.add_argument_group("output")
    o.add_argument("--format", choices=["table", "markdown", "json"], default="table", help="output format (default: table)")
    add_date_option(o)
    o.add_argument("--save", metavar="NAME", help="also save the scenario under NAME in the scenario store")
    o.add_argument("--force", action="store_true", help="with --save, replace an existing scenario of that name")
    add_data_dir_option(o)
    p.set_defaults(func=run)


def _note_case_variants(data_dir: Path | None, name: str) -> None:
    """Names are case-sensitive: say so when another differs only in capitals."""
    from planner.store import ScenarioStore
    from planner.store.names import shown

    others = ScenarioStore.open(data_dir).case_variants(name)
    if others:
        print(
            f"planner: note: {' and '.join(shown(o) for o in others)} also saved; names are case-sensitive, "
            f"so {shown(name)} is a separate scenario",
            file=sys.stderr,
        )


def parse_bound(text: str, flag: str) -> tuple[str, float]:
    ident, sep, hours = text.partition("=")
    if not sep or not ident:
        raise InputError(f"{flag} {short(text)}: expected ID=HOURS, e.g. {flag} linkedin=2")
    try:
        value = float(hours)
    except ValueError:
        raise InputError(f"{flag} {short(text)}: {word('not_a_number', value=hours.strip())}") from None
    return ident.strip(), value


def overrides_from(args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, dict[str, float]]]:
    """Fields set by flags, and per-id hour bounds from ``--min``/``--max`` (merged into
    the scenario's own bounds by :func:`planner.inputs.build_scenario`)."""
    out: dict[str, Any] = {}
    simple = {
        "name": args.name, "notes": args.notes, "reach_priority": args.reach, "hours_per_week": args.hours,
        "roi_horizon_months": args.horizon, "roi_measurability": args.roi_measurability,
        "sales_tracking": args.sales_tracking, "audience": args.audience, "market": args.market,
        "scheduler": args.scheduler, "content_capacity": args.content_capacity,
        "local": args.local, "ad_budget_per_month": args.ad_budget, "existing_audience": args.existing_audience,
        "goals": args.goal, "exclude": args.exclude,
    }
    out.update({k: v for k, v in simple.items() if v is not None})
    bounds: dict[str, dict[str, float]] = {}
    for flag, key in (("--min", "min"), ("--max", "max")):
        for text in getattr(args, key):
            ident, hours = parse_bound(text, flag)
            bounds.setdefault(ident, {})[key] = hours
    if args.broadcast_share_min is not None or args.broadcast_share_max is not None:
        out["broadcast_share"] = {"min": args.broadcast_share_min, "max": args.broadcast_share_max}
    return out, bounds


def base_label(args: argparse.Namespace, flags_given: bool) -> str:
    """What the flags were applied to, as the table's first line says it."""
    if args.scenario is not None:
        return f"scenario file {args.scenario}"
    if args.preset is not None:
        return f"preset {args.preset}"
    return "neutral base (no preset)" if flags_given else "default preset"


def run(args: argparse.Namespace) -> int:
    from planner.engine import build_plan
    from planner.inputs import build_scenario
    from planner.knowledge import load_knowledge

    kb = load_knowledge(getattr(args, "strategies", None) or [])
    if args.list_presets:
        for preset in kb.presets:
            print(f"{preset.id}\t{visible(preset.title)}")
        return 0
    overrides, bounds = overrides_from(args)
    try:
        scenario = build_scenario(kb, scenario_file=args.scenario, preset=args.preset, overrides=overrides, bounds=bounds)
    except InputError as exc:
        field = (exc.field or "").split(".")[0].split("[")[0]
        if field in FLAG_FOR_FIELD and (field in overrides or (field == "bounds" and bounds)):
            raise InputError(f"{FLAG_FOR_FIELD[field]}: {exc.detail}", exc.field) from None
        raise
    if args.save:
        from planner.store import ScenarioExistsError, save_scenario
        from planner.store.names import shown

        try:
            path = save_scenario(getattr(args, "data_dir", None), args.save, scenario, overwrite=args.force)
        except ScenarioExistsError as exc:
            raise InputError(f"{exc.message} Add --force to replace it, or --save another name.", "save") from None
        print(f"saved scenario {shown(args.save)} to {visible(str(path))}", file=sys.stderr)
        _note_case_variants(getattr(args, "data_dir", None), args.save)
        scenario = scenario.with_changes(name=args.save)
    plan = build_plan(scenario, kb)
    if args.format == "json":
        sys.stdout.write(json_visible(plan.to_json()))
    elif args.format == "markdown":
        from planner.usecases import plan_markdown

        sys.stdout.write(plan_markdown(plan, kb, today_from(args)))
    else:
        from planner.present.plan import print_plan

        print_plan(plan, base=base_label(args, bool(overrides or bounds)))
    return 0
