"""The core this issue adds never imports a UI toolkit or the CLI (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PLANNER = Path(__file__).resolve().parents[2] / "planner"
CORE = [
    *sorted((PLANNER / "store").glob("*.py")),
    *sorted((PLANNER / "export").glob("*.py")),
    *sorted((PLANNER / "compare").glob("*.py")),
    PLANNER / "models" / "comparison.py",
]
FORBIDDEN = {
    "store": ("textual", "rich", "planner.cli", "planner.tui", "planner.engine", "planner.export", "planner.compare"),
    "export": ("textual", "rich", "planner.cli", "planner.tui", "planner.store"),
    "compare": ("textual", "rich", "planner.cli", "planner.tui", "planner.store", "planner.export"),
    "models": ("textual", "rich", "planner."),
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(PLANNER)))
def test_core_imports(path: Path) -> None:
    layer = path.parent.name
    banned = FORBIDDEN[layer]
    allowed_models = ("planner.models",) if layer == "models" else ()
    bad = sorted(
        n for n in _imports(path)
        if any(n == b.rstrip(".") or n.startswith(b if b.endswith(".") else b + ".") for b in banned)
        and not n.startswith(allowed_models)
    )
    assert not bad, f"{path.name} imports {bad}"
