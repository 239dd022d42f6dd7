"""What the store-facing commands (scenarios, export, compare, where) share. The
options the top-level parser also has live in :mod:`planner.cli.options` (see there
for why they default to ``argparse.SUPPRESS``) and are re-exported here."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.cli.options import add_data_dir_option, add_strategies_option  # noqa: F401 - re-exported

if TYPE_CHECKING:
    from planner.knowledge import KnowledgeBase
    from planner.store import Listing, ScenarioStore


def add_date_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        default=None,
        help="date printed in the document (default: $SOURCE_DATE_EPOCH, else today)",
    )


def add_output_options(parser: argparse.ArgumentParser, default_help: str) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", default=None, help=f"write to FILE; `-` for standard output ({default_help})")
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def store_from(args: argparse.Namespace) -> ScenarioStore:
    from planner.store import ScenarioStore

    return ScenarioStore.open(getattr(args, "data_dir", None))


def knowledge_from(args: argparse.Namespace) -> KnowledgeBase:
    from planner.knowledge import load_knowledge

    return load_knowledge(getattr(args, "strategies", None) or [])


def today_from(args: argparse.Namespace) -> datetime.date:
    from planner.export import parse_date, today_from_env

    text = getattr(args, "date", None)
    return parse_date(text) if text else today_from_env()


def write_output(text: str, destination: str | None, *, force: bool, default: Path) -> None:
    """Write a document to ``destination`` (``-``: stdout): atomically to a file,
    refusing to replace an existing one unless ``force``; straight into a character
    device or FIFO such as ``/dev/stdout``; anything else is refused (see
    :func:`planner.fsio.write_document`)."""
    if destination == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from planner import fsio
    from planner.errors import PlannerError
    from planner.text import visible

    path = Path(destination) if destination else default
    try:
        fsio.write_document(path, text.encode("utf-8"), overwrite=force)
    except fsio.AlreadyExists as exc:
        raise PlannerError(f"{exc.path} already exists; pass --force to overwrite it, or choose another file.") from None
    except fsio.UnwritableFile as exc:
        raise PlannerError(exc.message) from None
    print(f"wrote {visible(str(path))}", file=sys.stderr)


def print_json(data: Any) -> None:
    """JSON for scripts; characters that could drive a terminal are ``\\u`` escapes."""
    from planner.text import json_visible

    sys.stdout.write(json_visible(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)) + "\n")


def report_problems(listing: Listing) -> None:
    """Unusable files are warnings, not failures: everything else still works."""
    from planner.text import visible

    for problem in listing.problems:
        print(f"planner: warning: {visible(problem.message)}", file=sys.stderr)
