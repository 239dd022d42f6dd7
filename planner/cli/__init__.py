"""The headless command line: a thin shell over the core. Never imports textual,
except lazily when ``planner`` with no command opens the app."""

COMMAND_HELP = {
    "plan": "compute a weekly plan and print it",
    "scenarios": "list, show or remove saved scenarios",
    "export": "export a saved scenario's plan as Markdown",
    "compare": "compare 2 to 4 saved scenarios side by side",
    "where": "print the paths in use (scenario store, knowledge base, cache)",
}
"""Each command's one line in ``planner --help``, in the order it lists them. Kept here,
apart from the command modules, so ``planner --help`` can list the commands without
importing them (and pydantic and the knowledge base with them)."""
