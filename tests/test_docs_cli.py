"""docs/cli.md names only commands and flags that exist, and documents all of them."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from planner.cli.main import build_parser

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
HEADING = re.compile(r"^#{2,3} `(planner(?: [a-z-]+)*)`\s*$")
FLAG = re.compile(r"`(--?[a-zA-Z][-a-zA-Z]*)[ `=]")


def _sections() -> dict[str, str]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = HEADING.match(line)
        if m:
            current = m.group(1)
            sections[current] = []
        elif line.startswith("## "):
            current = None
        elif current:
            sections[current].append(line)
    return {k: "\n".join(v) for k, v in sections.items()}


def _parsers() -> dict[str, argparse.ArgumentParser]:
    out: dict[str, argparse.ArgumentParser] = {}

    def walk(path: str, parser: argparse.ArgumentParser) -> None:
        out[path] = parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(f"{path} {name}", sub)

    walk("planner", build_parser())
    return out


def _flags(parser: argparse.ArgumentParser) -> set[str]:
    return {o for a in parser._actions for o in a.option_strings if o not in ("-h", "--help")}


def test_every_documented_command_and_flag_exists() -> None:
    parsers, sections = _parsers(), _sections()
    assert sections, "no command headings found"
    for command, text in sections.items():
        assert command in parsers, f"docs/cli.md documents `{command}`, which does not exist"
        documented = set(FLAG.findall(text + " "))
        unknown = documented - _flags(parsers[command])
        assert not unknown, f"`{command}` has no {sorted(unknown)} (docs/cli.md)"


def test_every_command_and_flag_is_documented() -> None:
    parsers, sections = _parsers(), _sections()
    for command, parser in parsers.items():
        assert command in sections, f"`{command}` is not documented in docs/cli.md"
        documented = set(FLAG.findall(sections[command] + " "))
        missing = _flags(parser) - documented
        assert not missing, f"docs/cli.md does not document {sorted(missing)} of `{command}`"
