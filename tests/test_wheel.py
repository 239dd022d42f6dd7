"""A real (non-editable) wheel carries the knowledge base and finds it at run time."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("planner-*.whl")
    return path


@pytest.mark.slow
def test_wheel_contains_every_strategies_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"planner/strategies/{p.name}" for p in (ROOT / "strategies").glob("*.toml")}
    assert expected and expected <= names, sorted(expected - names)
    assert any(n.endswith("entry_points.txt") for n in names)


@pytest.mark.slow
def test_installed_wheel_loads_its_knowledge_base(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import planner, json\n"
        "from planner.knowledge import load_knowledge, default_dir\n"
        "kb = load_knowledge()\n"
        "print(json.dumps([planner.__file__, str(default_dir()), len(kb.tactics)]))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    import json

    module_file, kb_dir, count = json.loads(out.stdout)
    assert module_file.startswith(str(target)), "imported the checkout, not the wheel"
    assert kb_dir.startswith(str(target))
    assert count == len(list(__import__("planner.knowledge", fromlist=["x"]).load_knowledge().tactics))
