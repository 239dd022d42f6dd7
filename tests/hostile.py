"""What a hostile user or disk can put where the planner reads and writes, for the
hardening tests (tests/test_hardening.py, tests/test_hostile_inputs.py).

Nothing here touches a real device node: "/dev/zero" and "/dev/null" are only ever
reached through a symbolic link made in a temporary directory, so a planner that
wrongly replaced the file at a path replaces the link, never the device.
"""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from planner.knowledge import default_dir
from planner.knowledge.schema import SCORE_KEYS

ROOT = Path(__file__).resolve().parents[1]

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\x7f"
"""An OSC title change, a clear screen, a C1 CSI, a right-to-left override and DEL."""
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\x7f")
"""Characters that must never reach a terminal raw."""

MEMORY_LIMIT = 1 << 30
"""Address space for a planner run in a subprocess: enough for any honest run (about
300 MB), and it stops a planner that reads /dev/zero long before the machine suffers."""


def raw_controls(text: str) -> list[str]:
    return [c for c in RAW if c in text]


# --- Files that are not regular files ----------------------------------------------

def make_fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def release(path: Path) -> None:
    """Unblock anything stuck opening the FIFO at ``path`` for reading (a planner
    without the fix), so a failing test can still end."""
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _directory(path: Path) -> None:
    path.mkdir()


def _loop(path: Path) -> None:
    other = path.with_name(path.name + ".other")
    other.symlink_to(path.name)
    path.symlink_to(other.name)


def _dangling(path: Path) -> None:
    path.symlink_to(path.with_name("does-not-exist"))


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


NON_REGULAR: dict[str, Callable[[Path], None]] = {
    "fifo": _fifo,
    "directory": _directory,
    "symlink-loop": _loop,
    "dangling-symlink": _dangling,
    "dev-zero": _dev_zero,
}
"""Each kind of file that is not a regular file, made at a path."""


def make_non_regular(kind: str, path: Path) -> Path:
    NON_REGULAR[kind](path)
    return path


# --- The CLI in a subprocess ---------------------------------------------------------

def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def cli(*args: str, home: Path, cwd: Path | None = None, timeout: float = 30, cache: str | None = None) -> subprocess.CompletedProcess[str]:
    """``planner ARGS`` in a fresh interpreter with a timeout and a memory cap, so a
    hang or a runaway read fails the test instead of stalling or starving CI."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PLANNER_HOME": str(home),
        "PLANNER_CACHE_DIR": cache or os.environ["PLANNER_CACHE_DIR"],
        "PYTHONPATH": str(ROOT),
        "TZ": "UTC",
        "SOURCE_DATE_EPOCH": "1763683200",
        "COLUMNS": "160",
        "OPENBLAS_NUM_THREADS": "1",
    }
    try:
        return subprocess.run(
            [sys.executable, "-m", "planner.cli.main", *args],
            capture_output=True,
            text=True,
            errors="surrogateescape",
            env=env,
            cwd=cwd,
            timeout=timeout,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"planner {' '.join(args)} did not finish within {timeout:g} s (a hang)") from None


def one_clear_line(stderr: str) -> str:
    """The single ``planner: error:`` line a problem must give (no traceback)."""
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr[-2000:]
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines and lines[0].startswith("planner: error: "), stderr[-2000:]
    return lines[0]


# --- Strategies ---------------------------------------------------------------------

def strategies_copy(directory: Path, name: str, old: str, new: str, *, count: int = 1) -> Path:
    """``directory`` holding the built-in ``name`` with ``old`` replaced by ``new``
    (``count`` times; 0 for all): one override of the built-in knowledge base."""
    directory.mkdir(parents=True, exist_ok=True)
    text = (default_dir() / name).read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in strategies/{name} any more; update the test"
    changed = text.replace(old, new) if count == 0 else text.replace(old, new, count)
    (directory / name).write_text(changed, encoding="utf-8")
    return directory


SCORES = "\n".join(f'{k} = {{ value = 3, source = "assumption: made up for a test" }}' for k in SCORE_KEYS)


def tactic_toml(tactic_id: str = "hostile-tactic", *, name: str = "Hostile tactic", extra: str = "", unit_hours: str = "0.5",
                saturation: str = "3.0", activity: str = "Do the thing", kpi: str = "Things", source: str = "assumption: made up for a test") -> str:
    """A complete, valid tactic on Instagram (TOML basic strings: pass ``\\u001b``
    escapes, not raw control characters, which TOML forbids)."""
    return f"""
[[tactics]]
id = "{tactic_id}"
name = "{name}"
platform = "instagram"
strategy = "broadcast"
strategy_source = "{source}"
description = "A tactic made up for a test."
goals = ["awareness"]
goals_source = "{source}"
months_to_results = {{ value = 1, source = "{source}" }}
unit = {{ singular = "thing", plural = "things", hours = {unit_hours}, source = "{source}" }}
min_hours = {{ value = 0.5, source = "{source}" }}
saturation_hours = {{ value = {saturation}, source = "{source}" }}
activities = ["{activity}", "Check the thing"]
activities_source = "{source}"
kpis = [{{ name = "{kpi}", how = "Count them" }}]
kpis_source = "{source}"
{extra}
[tactics.scores]
{SCORES.replace('reach = { value = 3', 'reach = { value = 5')}
"""


def toml_escaped(text: str) -> str:
    """``text`` inside a TOML basic string: every control character as ``\\uXXXX``."""
    return "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in '"\\' else c for c in text)
