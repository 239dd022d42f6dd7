"""``planner`` with no command: open the Textual app.

The knowledge base and the scenario are loaded before textual is imported, so a bad
``--scenario`` or ``--preset`` fails fast with one line and exit code 2, exactly as
``planner plan`` would report it.
"""

from __future__ import annotations

import argparse
import sys

from planner.errors import PlannerError
from planner.inputs import build_scenario
from planner.knowledge import load_knowledge
from planner.text import visible


def run_app(args: argparse.Namespace) -> int:
    kb = load_knowledge(getattr(args, "strategies", None) or [])
    try:
        scenario = build_scenario(kb, scenario_file=getattr(args, "scenario", None), preset=getattr(args, "preset", None))
    except PlannerError as exc:
        print(f"planner: error: {visible(exc.message)}", file=sys.stderr)
        return 2

    from planner.tui.app import PlannerApp  # the only import of textual on this path

    # The store is opened (and planner.store imported) on the first save or open.
    app = PlannerApp(kb, scenario, data_dir=getattr(args, "data_dir", None))
    result = app.run()
    return int(result or 0) if app.return_code in (None, 0) else int(app.return_code)
