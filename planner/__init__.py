"""planner: turn a business's goals into a weekly marketing plan.

The package is split into a pure core (models, knowledge, engine, store, compare,
export) and two thin shells (``planner.cli`` and ``planner.tui``). The core never
imports textual; ``tests/test_import_hygiene.py`` proves it.
"""

__version__ = "0.1.0"
MODEL_VERSION = "1"
"""Version of the decision model's rules. Bump it when the same inputs would give a
different plan for reasons other than the knowledge base changing."""
