"""The core never imports textual (or rich): proven in a fresh interpreter.

In-process checks would be fooled by whatever an earlier test imported, so each
check runs in a subprocess, as Harlequin's import-hygiene tests do.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "planner.models",
    "planner.knowledge",
    "planner.engine",
    "planner.inputs",
    "planner.errors",
    "planner.fmt",
    "planner.text",
    "planner.fsio",
    "planner.store",
    "planner.compare",
    "planner.export",
]


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual_or_rich(module):
    loaded = _modules_after(f"import {module}")
    assert "textual" not in loaded, f"{module} imports textual"
    assert "rich" not in loaded, f"{module} imports rich; only the shells may"


@pytest.mark.parametrize("module", ["planner.text", "planner.fsio"])
def test_the_bottom_utilities_need_only_the_standard_library(module: str) -> None:
    loaded = _modules_after(f"import {module}")
    assert {m for m in loaded if m.startswith("planner.")} == {module}
    assert not {"pydantic", "platformdirs", "textual", "rich"} & loaded


def test_planning_a_plan_as_json_never_imports_textual():
    code = (
        "import io, contextlib\n"
        "from planner.cli.main import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    assert main(['plan', '--format', 'json']) == 0\n"
    )
    assert "textual" not in _modules_after(code)


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_load_neither_pydantic_nor_the_knowledge_base(flag: str) -> None:
    """The quick answers stay quick: argparse answers them before any command module
    (and pydantic, and the knowledge base) is imported."""
    code = (
        "import sys\n"
        "from planner.cli.main import main\n"
        "try:\n"
        f"    main([{flag!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in sys.modules if m == 'pydantic' or m.startswith('planner.knowledge') or m == 'textual')\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stderr, done.stderr
    assert ("planner " if flag == "--version" else "usage: planner") in done.stdout


def test_the_quick_help_is_the_full_help() -> None:
    from planner.cli.main import build_parser

    assert build_parser(commands=False).format_help() == build_parser().format_help()
