"""Loading and validating the knowledge base (``strategies/*.toml``)."""

from planner.knowledge.errors import KnowledgeError, Problem
from planner.knowledge.loader import default_dir, load_knowledge
from planner.knowledge.schema import KnowledgeBase, Tactic

__all__ = ["KnowledgeBase", "KnowledgeError", "Problem", "Tactic", "default_dir", "load_knowledge"]
