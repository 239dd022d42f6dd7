"""The decision engine: ``(Scenario, KnowledgeBase) → Plan``, pure and deterministic.

See docs/model.md for the model in a marketer's words, and the module docstrings of
weights, matrix, allocate and sensitivity for the mathematics.
"""

from planner.engine.build import build_plan

__all__ = ["build_plan"]
