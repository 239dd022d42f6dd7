"""Knowledge-base problems, collected rather than raised one at a time.

A marketer editing a strategies directory wants every mistake in one go, each naming
the file and the key, not a traceback that stops at the first.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.text import visible


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    key: str
    message: str

    def __str__(self) -> str:
        # File names, keys and ids come from a user's directory: control and bidi
        # characters in them are shown as escapes, never sent to the terminal.
        where = f"{self.file}: {self.key}" if self.key else self.file
        return visible(f"{where}: {self.message}")


class KnowledgeError(Exception):
    """Raised when a knowledge base has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.render())

    def render(self) -> str:
        count = len(self.problems)
        head = f"the knowledge base has {count} problem{'s' if count != 1 else ''}:"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])
