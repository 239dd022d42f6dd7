"""Rich renderables that both shells show: the plan (``planner plan``) and the
comparison (``planner compare`` and the app's Compare screen).

They live here, owned by neither shell, so the TUI never imports the CLI to draw what
the CLI draws too. This layer may import rich and the core, never textual, the CLI or
the TUI (import-linter contracts in ``pyproject.toml``). Nothing is imported here:
``planner plan --format json`` must not pay for rich, so callers import
:mod:`planner.present.plan` or :mod:`planner.present.comparison` themselves, when they
draw.
"""
