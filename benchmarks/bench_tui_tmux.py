"""Start-up in a real terminal: tmux at 80×24, timed to the first full paint.

This is issue 13's harness: the app and a bare Textual app with one Label, each started
in the same tmux pane the same way, and timed from the start command to the moment the
pane *shows* the finished first screen (read with ``capture-pane`` through one tmux control-mode client). Unlike
``bench_tui.py`` (headless, the app reports its own paint), nothing inside the app is
patched, so a widget that fills in after the first frame (Textual's ``Footer`` mounts
its keys then) is waited for too, and any Textual app can be measured the same way.

    .venv/bin/python benchmarks/bench_tui_tmux.py                       # this tree, 7 rounds
    .venv/bin/python benchmarks/bench_tui_tmux.py --tree before=/tmp/base --runs 5

``--tree NAME=PATH`` (repeatable) adds the planner of another source tree (for example
``git archive``'d into /tmp), run with ``PYTHONPATH=PATH``: rounds alternate bare,
this tree and every other tree, so drift on a shared machine hits all alike. Reports
the median of each and its ratio to the bare app's median (issue 13's target: ≤ 2.5×).

A private tmux server (its own socket) is used and killed at the end. Every planner run
uses one knowledge-base cache and one empty ``PLANNER_HOME``, filled by an uncounted
warm-up run like the ``.pyc`` files: the start people see from their second launch on.
"""

from __future__ import annotations

import argparse
import atexit
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOCKET = f"planner-bench-{os.getpid()}"
SIZE = (80, 24)
WORK = Path(tempfile.mkdtemp(prefix="bench-tmux-"))
atexit.register(shutil.rmtree, WORK, ignore_errors=True)
TIMEOUT = 20.0

BARE_APP = """
from textual.app import App
from textual.widgets import Label
class Bare(App):
    def compose(self):
        yield Label("Hello")
Bare().run()
"""

PLANNER_READY = ("Local café", "Tactic", "Why", "Quit", "palette")
"""Texts the planner's first screen shows once it is complete: the scenario in the
header, the plan (its tactics table and the why below), and both ends of the key bar."""


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", *args], capture_output=True, text=True, check=True).stdout


class Control:
    """One tmux control-mode client (``tmux -C``): commands and their answers go
    through one pipe, and tmux says when the pane has new output (``%output``), so
    the pane is read only when it changed and no process is spawned per look (a
    ``capture-pane`` process every few milliseconds slowed the apps it timed)."""

    def __init__(self) -> None:
        tmux("new-session", "-d", "-s", "bench", "-x", str(SIZE[0]), "-y", str(SIZE[1]), "sleep 100000")
        tmux("set-option", "-g", "window-size", "manual")
        atexit.register(lambda: subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True))
        self.proc = subprocess.Popen(
            ["tmux", "-L", SOCKET, "-C", "attach", "-t", "bench"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8", errors="replace", bufsize=1,
        )
        self.output = False
        """Whether the pane printed something since the last look."""
        self._answer()  # attaching answers like a command
        size = self.command("display-message -p '#{pane_width}x#{pane_height}'")
        assert size == [f"{SIZE[0]}x{SIZE[1]}"], size

    def command(self, line: str) -> list[str]:
        """Send one command; its answer's lines (notifications are noted on the way)."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self._answer(line)

    def _answer(self, line: str = "attach") -> list[str]:
        assert self.proc.stdout is not None
        answer: list[str] | None = None
        for raw in self.proc.stdout:
            text = raw.rstrip("\n")
            if answer is None:
                if text.startswith("%begin"):
                    answer = []
                elif text.startswith(("%output", "%extended-output", "%pause")):
                    self.output = True
            elif text.startswith(("%end", "%error")):
                if text.startswith("%error"):
                    raise RuntimeError(f"tmux {line!r}: {answer}")
                return answer
            else:
                answer.append(text)
        raise RuntimeError("tmux control client ended")

    def wait_output(self) -> None:
        """Block until the pane prints something (a notification line arrives)."""
        assert self.proc.stdout is not None
        while not self.output:
            text = self.proc.stdout.readline()
            if not text:
                raise RuntimeError("tmux control client ended")
            if text.startswith(("%output", "%extended-output", "%pause")):
                self.output = True

    def run_once(self, command: str, ready: tuple[str, ...], env: dict[str, str]) -> tuple[float, float]:
        """Seconds from asking tmux to start ``command`` until the pane shows every
        text in ``ready``, and the CPU seconds the app had used by then; the pane is
        then given back to ``sleep``."""
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        self.command("respawn-pane -k -t bench 'sleep 100000'")
        self.command("clear-history -t bench")
        self.output = False
        started = time.perf_counter()
        self.command(f"respawn-pane -k -t bench {shlex.quote(f'env {exports} {command}')}")
        while True:
            self.wait_output()
            self.output = False
            screen = "\n".join(self.command("capture-pane -p -t bench"))
            if all(text in screen for text in ready):
                elapsed = time.perf_counter() - started
                (pid,) = self.command("display-message -p -t bench '#{pane_pid}'")
                cpu = cpu_seconds(int(pid))
                break
            if time.perf_counter() - started > TIMEOUT:
                raise RuntimeError(f"{command} did not show {ready} within {TIMEOUT:g} s; the pane shows:\n{screen}")
        self.command("respawn-pane -k -t bench 'sleep 100000'")
        return elapsed, cpu


def cpu_seconds(pid: int) -> float:
    """CPU time of every live thread of ``pid`` (Linux ``schedstat``, nanoseconds).
    Waiting for the other processes of a busy machine is not in it, so it is the
    steadier figure when the machine is shared; NaN where it cannot be read."""
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat", encoding="ascii") as f:
                total += int(f.read().split()[0])
    except OSError:
        return float("nan")
    return total / 1e9


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="rounds (median reported)")
    parser.add_argument("--tree", action="append", default=[], metavar="NAME=PATH", help="another planner source tree to measure")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed", file=sys.stderr)
        return 1

    (WORK / "bare.py").write_text(BARE_APP, encoding="utf-8")
    base_env = {
        "TERM": "tmux-256color",
        "PLANNER_CACHE_DIR": str(WORK / "cache"),
        "PLANNER_HOME": str(WORK / "home"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    python = shlex.quote(sys.executable)
    variants: dict[str, tuple[str, tuple[str, ...], dict[str, str]]] = {
        "bare": (f"{python} {WORK / 'bare.py'}", ("Hello",), base_env),
    }
    trees = [("this tree", str(ROOT)), *(tuple(t.split("=", 1)) for t in args.tree)]
    for name, path in trees:
        env = {**base_env, "PYTHONPATH": path}
        variants[name] = (f"sh -c 'cd {shlex.quote(path)} && exec {python} -m planner.cli.main'", PLANNER_READY, env)

    control = Control()
    for command, ready, env in variants.values():
        control.run_once(command, ready, env)  # warm the .pyc files, the cache and the file cache
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    for _ in range(args.runs):
        for name, (command, ready, env) in variants.items():  # interleaved
            samples[name].append(control.run_once(command, ready, env))

    load = os.getloadavg()
    bare = statistics.median(t for t, _ in samples["bare"])
    bare_cpu = statistics.median(c for _, c in samples["bare"])
    print(f"tmux {SIZE[0]}×{SIZE[1]}, {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"median of {args.runs} rounds to the first full paint")
    for name, rows in samples.items():
        times = [t for t, _ in rows]
        median = statistics.median(times)
        cpu = statistics.median(c for _, c in rows)
        # Each round's own ratio too: a slow moment of the machine slows both of a round.
        paired = statistics.median(t / b for t, (b, _) in zip(times, samples["bare"], strict=True))
        spread = ", ".join(f"{t * 1000:.0f}" for t in times)
        print(f"{name:12} {median * 1000:6.0f} ms = {median / bare:.2f}× bare (per round {paired:.2f}×); "
              f"CPU {cpu * 1000:4.0f} ms = {cpu / bare_cpu:.2f}×   ({spread})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
