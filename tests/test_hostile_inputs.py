"""The hostile-input matrix (issue 12): everything a hostile user or disk can put where
the planner reads or writes, in one place.

* every kind of file that is not a regular file (a FIFO, a directory, a loop of
  symbolic links, a dangling link, a link to /dev/zero) and an unreadable one, in
  every place the planner reads or writes;
* malformed entries in the store's index;
* hostile TOML (strategies) and JSON (scenario files, the store);
* control and bidi characters in every user- and strategy-provided string, through
  every output path: the table, JSON, Markdown and the TUI.

Every case must end in a clear message or a correct result: never a traceback, a
hang or a replaced file. Every test has a timeout (a hang fails it), and cases that
would read /dev/zero if the guard broke run in a subprocess with a memory cap.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.knowledge import KnowledgeError, default_dir, load_knowledge
from planner.knowledge import cache as kbcache
from planner.knowledge.loader import _load_cached
from planner.models.scenario import Scenario
from planner.store import ScenarioStore, StoreError

from .hostile import (
    ESCAPES,
    NON_REGULAR,
    RAW,
    cli,
    make_non_regular,
    one_clear_line,
    raw_controls,
    release,
    strategies_copy,
    tactic_toml,
    toml_escaped,
)

pytestmark = pytest.mark.timeout(90)

KINDS = [*NON_REGULAR, "unreadable"]
"""Each kind of hostile file. ``unreadable`` is a regular file the system refuses to
open (mode 000 for anyone but root): the refusal is injected, since tests run as root
in CI too."""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANNER_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "home"


@pytest.fixture
def store(home: Path) -> ScenarioStore:
    store = ScenarioStore.open(lock_timeout=5)
    store.save(Scenario(name="Alpha"))
    store.save(Scenario(name="Beta", hours_per_week=12))
    return store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(path: Path) -> tuple[int, int, str | None]:
    """What is at ``path`` itself: inode, type, link target. Equal before and after
    means nothing was replaced."""
    st = os.lstat(path)
    return st.st_ino, stat.S_IFMT(st.st_mode), os.readlink(path) if stat.S_ISLNK(st.st_mode) else None


def make_kind(kind: str, path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes = b"{}") -> Path:
    """Put a hostile file of ``kind`` at ``path``."""
    if kind != "unreadable":
        return make_non_regular(kind, path)
    path.write_bytes(content)
    real_open = os.open

    def refusing(p, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(p) == os.fspath(path):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(p))
        return real_open(p, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    return path


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    made: list[Path] = []

    def make(kind: str, path: Path, content: bytes = b"{}") -> Path:
        made.append(path)
        return make_kind(kind, path, monkeypatch, content)

    yield make
    for path in made:  # a planner that wrongly blocked on a FIFO is let go
        if os.path.lexists(path) and stat.S_ISFIFO(os.lstat(path).st_mode):
            release(path)


def assert_clear(code: int, err: str, *names: str) -> str:
    line = one_clear_line(err)
    assert code == 2, err
    for name in names:
        assert name in err, f"{name!r} not named in: {err}"
    return line


# --- Files that are not regular files: where the planner reads ----------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_scenario_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], hostile, kind: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "scenario.json"
    if kind == "dev-zero":
        make_non_regular(kind, path)
        r = cli("plan", "--scenario", str(path), home=tmp_path / "home")
        code, err = r.returncode, r.stderr
    else:
        hostile(kind, path)
        code, _, err = run(capsys, "plan", "--scenario", str(path))
    assert_clear(code, err, str(path))


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "dev-zero"])
def test_scenario_file_for_the_app(tmp_path: Path, capsys: pytest.CaptureFixture[str], hostile, kind: str) -> None:  # type: ignore[no-untyped-def]
    # `planner --scenario FILE` reads the file before Textual starts: the same one line.
    path = hostile(kind, tmp_path / "scenario.json")
    code, _, err = run(capsys, "--scenario", str(path))
    assert_clear(code, err, str(path))


@pytest.mark.parametrize("kind", KINDS)
def test_strategies_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], hostile, kind: str) -> None:  # type: ignore[no-untyped-def]
    directory = tmp_path / "mine"
    directory.mkdir()
    path = directory / "extra.toml"
    if kind == "dev-zero":
        make_non_regular(kind, path)
        r = cli("plan", "--strategies", str(directory), home=tmp_path / "home")
        code, err = r.returncode, r.stderr
    else:
        hostile(kind, path, b"# nothing\n")
        code, _, err = run(capsys, "plan", "--strategies", str(directory))
    assert_clear(code, err, str(path))


@pytest.mark.parametrize("kind", KINDS)
def test_strategies_directory_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str], hostile, kind: str) -> None:  # type: ignore[no-untyped-def]
    path = hostile(kind, tmp_path / "mine")
    if kind == "directory":  # an empty directory: nothing to add, said plainly
        code, _, err = run(capsys, "plan", "--strategies", str(path))
        assert_clear(code, err, "has no *.toml files")
        return
    code, _, err = run(capsys, "plan", "--strategies", str(path))
    assert_clear(code, err, "mine")


@pytest.mark.parametrize("kind", KINDS)
def test_store_file_in_a_listing(store: ScenarioStore, capsys: pytest.CaptureFixture[str], hostile, kind: str) -> None:  # type: ignore[no-untyped-def]
    path = hostile(kind, store.directory / "hostile.json")
    store.paths.index.unlink(missing_ok=True)
    code, out, err = run(capsys, "scenarios", "list", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [s["name"] for s in data["scenarios"]] == ["Alpha", "Beta"]
    (problem,) = data["problems"]
    assert problem["file"] == "hostile.json" and "warning: hostile.json" in err
    if kind == "unreadable":
        assert path.exists() and problem["moved_to"] is None  # fine, only unreadable: left alone
    else:
        assert not os.path.lexists(path) and problem["moved_to"].endswith("hostile.json.invalid")


@pytest.mark.parametrize("command", ["show", "export", "compare", "rm"])
@pytest.mark.parametrize("kind", KINDS)
def test_store_file_opened_by_name(store: ScenarioStore, capsys: pytest.CaptureFixture[str], hostile, kind: str, command: str) -> None:  # type: ignore[no-untyped-def]
    path = hostile(kind, store.path_for("Gamma"))
    argv = {
        "show": ["scenarios", "show", "Gamma"],
        "export": ["export", "Gamma", "-o", "-"],
        "compare": ["compare", "Alpha", "Gamma"],
        "rm": ["scenarios", "rm", "Gamma"],
    }[command]
    code, _, err = run(capsys, *argv)
    assert_clear(code, err, "Gamma" if kind != "unreadable" else path.name)
    assert store.list().names()[:2] == ["Alpha", "Beta"]


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "directory"])
def test_store_directory_itself(home: Path, capsys: pytest.CaptureFixture[str], hostile, kind: str) -> None:  # type: ignore[no-untyped-def]
    home.mkdir()
    path = hostile(kind, home / "scenarios")
    before = snapshot(path)
    for argv in (["scenarios", "list"], ["plan", "--save", "Gamma", "--format", "json"], ["scenarios", "show", "Gamma"]):
        code, out, err = run(capsys, *argv)
        if kind == "dangling-symlink" and argv[0] == "scenarios":  # nothing there yet: an empty store
            assert (code, err) == (0, "") and "No saved scenarios" in out or code == 2 and "no scenario named" in err
            continue
        assert_clear(code, err, str(path))
    assert snapshot(path) == before and not (home / "does-not-exist").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_store_index(store: ScenarioStore, hostile, kind: str) -> None:  # type: ignore[no-untyped-def]
    store.paths.index.unlink(missing_ok=True)
    path = hostile(kind, store.paths.index)
    before = snapshot(path)
    listing = store.list()
    assert listing.names() == ["Alpha", "Beta"] and not listing.problems
    if kind != "unreadable":
        assert snapshot(path) == before  # a cache is never written over what is not a file
    assert not (store.directory / "does-not-exist").exists()


@pytest.mark.parametrize("kind", KINDS)
def test_knowledge_cache_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hostile, kind: str) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "cache"
    monkeypatch.setenv(kbcache.ENV_VAR, str(cache))
    _load_cached.cache_clear()
    try:
        expected = load_knowledge(cache=False)
        dirs = (default_dir().resolve(),)
        cache.mkdir(mode=0o700)
        entry = cache / f"{kbcache.PREFIX}{kbcache.cache_key(dirs)[:40]}{kbcache.SUFFIX}"
        hostile(kind, entry)
        assert load_knowledge() == expected
    finally:
        _load_cached.cache_clear()


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "unreadable"])
def test_knowledge_cache_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hostile, kind: str) -> None:  # type: ignore[no-untyped-def]
    path = hostile(kind, tmp_path / "cache")
    if kind == "directory":
        path.chmod(0o777)  # a directory others can write: not used
    monkeypatch.setenv(kbcache.ENV_VAR, str(path))
    _load_cached.cache_clear()
    try:
        assert load_knowledge() == load_knowledge(cache=False)
    finally:
        _load_cached.cache_clear()
    if kind == "directory":
        assert list(path.iterdir()) == []
    else:
        assert not (tmp_path / "does-not-exist").exists()


# --- Files that are not regular files: where the planner writes ---------------------------------

WRITERS: dict[str, list[str]] = {
    "export": ["export", "Alpha", "--force", "-o"],
    "compare": ["compare", "Alpha", "Beta", "--format", "markdown", "--force", "-o"],
}


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("kind", KINDS)
def test_document_output(store: ScenarioStore, tmp_path: Path, capsys: pytest.CaptureFixture[str], hostile, kind: str, writer: str) -> None:  # type: ignore[no-untyped-def]
    path = hostile(kind, tmp_path / "out.md", b"old\n")
    before = snapshot(path)
    code, _, err = run(capsys, *WRITERS[writer], str(path))
    if kind == "dev-zero":  # a character device: written into, not replaced
        assert code == 0, err
    elif kind == "unreadable":  # a regular file: replaced on purpose (--force)
        assert code == 0, err
        assert path.read_text(encoding="utf-8").startswith("# ")
        return
    else:
        assert_clear(code, err, str(path))
    assert snapshot(path) == before, "the output replaced what was there"
    assert not (tmp_path / "does-not-exist").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp left


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "unreadable"])
def test_saving_over_a_store_file(store: ScenarioStore, hostile, kind: str) -> None:  # type: ignore[no-untyped-def]
    path = hostile(kind, store.path_for("Gamma"))
    before = snapshot(path)
    stored = store.save(Scenario(name="Gamma"))
    assert store.load("Gamma") == stored and stat.S_ISREG(os.lstat(path).st_mode)
    moved = path.with_name(path.name + ".invalid")
    assert snapshot(moved) == before  # moved aside whole, never destroyed


def test_saving_over_an_unreadable_store_file(store: ScenarioStore, hostile) -> None:  # type: ignore[no-untyped-def]
    path = hostile("unreadable", store.path_for("Gamma"), b"precious")
    with pytest.raises(StoreError) as info:
        store.save(Scenario(name="Gamma"))
    assert "permission denied" in info.value.message and path.read_bytes() == b"precious"


@pytest.mark.parametrize("kind", KINDS)
def test_store_lock(store: ScenarioStore, hostile, kind: str) -> None:  # type: ignore[no-untyped-def]
    store.paths.lock.unlink()
    path = hostile(kind, store.paths.lock, b"")
    before = snapshot(path)
    if kind == "unreadable":
        with pytest.raises(StoreError, match="permission denied"):
            store.save(Scenario(name="Gamma"))
    else:
        with pytest.raises(StoreError) as info:
            store.save(Scenario(name="Gamma"))
        assert str(path) in info.value.message and "Nothing was changed" in info.value.message
    assert snapshot(path) == before and not store.path_for("Gamma").exists()
    assert not (store.directory / "does-not-exist").exists()


# --- Malformed index entries ----------------------------------------------------------------------

Entries = dict  # type: ignore[type-arg]


def _set(path: tuple[str, ...], value: object) -> Callable[[Entries, str], None]:
    """Set one key of the entry for ``fname`` (``()``: the entry itself)."""

    def change(entries: Entries, fname: str) -> None:
        if not path:
            entries[fname] = value
            return
        target = entries[fname]
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


INDEX_DAMAGE: dict[str, Callable[[Entries, str], None]] = {
    "name-is-a-number": _set(("summary", "name"), 5),
    "name-is-a-list": _set(("summary", "name"), ["x"]),
    "status-unknown": _set(("summary", "status"), "weird"),
    "status-is-a-number": _set(("summary", "status"), 7),
    "schema-version-is-text": _set(("summary", "schema_version"), "2"),
    "schema-version-is-true": _set(("summary", "schema_version"), True),
    "hours-is-text": _set(("summary", "hours_per_week"), "8"),
    "hours-is-a-dict": _set(("summary", "hours_per_week"), {}),
    "reach-is-a-float": _set(("summary", "reach_priority"), 1.5),
    "goals-is-a-string": _set(("summary", "goals"), "awareness"),
    "goals-hold-numbers": _set(("summary", "goals"), [1, 2]),
    "summary-is-a-list": _set(("summary",), []),
    "summary-missing-a-key": lambda entries, fname: entries[fname]["summary"].pop("goals"),
    "summary-extra-key": _set(("summary", "extra"), 1),
    "stamp-is-text": _set(("stamp",), "x"),
    "stamp-too-short": _set(("stamp",), [1, 2]),
    "stamp-holds-text": _set(("stamp",), ["a", "b", "c"]),
    "stamp-missing": lambda entries, fname: entries[fname].pop("stamp"),
    "entry-is-a-list": _set((), [1, 2]),
    "entry-is-null": _set((), None),
}


@pytest.mark.parametrize("damage", INDEX_DAMAGE)
def test_malformed_index_entry(store: ScenarioStore, damage: str) -> None:
    store.list()
    data = json.loads(store.paths.index.read_text(encoding="utf-8"))
    fname = store.path_for("Alpha").name
    INDEX_DAMAGE[damage](data["entries"], fname)
    store.paths.index.write_text(json.dumps(data), encoding="utf-8")
    listing = store.list()
    assert listing.names() == ["Alpha", "Beta"] and not listing.problems
    assert listing.scenarios[0].hours_per_week == 8.0


@pytest.mark.parametrize(
    "index",
    ["[]", '{"index_version": 1, "entries": []}', '{"index_version": 1, "entries": {"a.json": 5}}', "[" * 50_000, "nul\x00l"],
    ids=["a-list", "entries-a-list", "entry-a-number", "deeply-nested", "garbage"],
)
def test_malformed_index(store: ScenarioStore, index: str) -> None:
    store.paths.index.write_text(index, encoding="utf-8")
    assert store.list().names() == ["Alpha", "Beta"]


# --- Hostile TOML ---------------------------------------------------------------------------------

TOML_CASES: dict[str, tuple[str, str]] = {
    # case: (file contents, what the message must name)
    "deep-array": ("x = " + "[" * 50_000 + "]" * 50_000, "nested too deeply"),
    "deep-inline-table": ("x = " + "{a = " * 2_000 + "1" + "}" * 2_000, "extra.toml"),
    "huge-integer": ("x = 1" + "0" * 5_000, "thousands of digits"),
    "not-utf8": ("\udcff = 1", "UTF-8"),
    "syntax": ('[[tactics]]\nid = "oops', "not valid TOML"),
    "unknown-table": ("[bogus]\nx = 1", "bogus"),
    "tactics-not-an-array": ("tactics = 5", "tactics"),
    "inf-saturation": (tactic_toml(saturation="inf"), "saturation_hours"),
    "nan-saturation": (tactic_toml(saturation="nan"), "saturation_hours"),
    "tiny-unit": (tactic_toml(unit_hours="5e-324"), "unit.hours"),
    "huge-unit": (tactic_toml(unit_hours="1e308"), "unit.hours"),
    "huge-but-legal-int": (tactic_toml(saturation="1" + "0" * 4_000), "saturation_hours"),
    "negative-hours": (tactic_toml(saturation="-1"), "saturation_hours"),
    "huge-max-hours": (tactic_toml(extra='max_hours = { value = 1e308, source = "assumption: made up for a test" }'), "max_hours"),
    "score-1e308": (tactic_toml().replace("depth = { value = 3", "depth = { value = 1e308"), "scores.depth"),
    "long-name": (tactic_toml(name="n" * 100_000), "name"),
    "control-in-key": (f'"k{toml_escaped(ESCAPES)}" = 1', "\\x1b]0;pwned"),
    "control-in-id": (tactic_toml(tactic_id=f"x{toml_escaped(ESCAPES)}"), "\\x1b]0;pwned"),
    "source-with-controls": (tactic_toml(source=f"assumption: {toml_escaped(ESCAPES)}"), ""),
}
MODEL_CASES: dict[str, tuple[str, str, str]] = {
    # case: (text in model.toml, replacement, key the message must name)
    "base-weight-1e308": ("base_weight = { value = 0.15,", "base_weight = { value = 1e308,", "base_weight"),
    "base-weight-negative": ("base_weight = { value = 0.15,", "base_weight = { value = -1,", "base_weight"),
    "coef-1e308": ("coef = 0.40", "coef = 1e308", "coef"),
    "coef-minus-1e308": ("coef = 0.40", "coef = -1e308", "coef"),
    "cap-multiple-1e308": ("cap_multiple = { value = 2.0,", "cap_multiple = { value = 1e308,", "cap_multiple"),
    "share-1e308": ("stable_core_share = { value = 0.5,", "stable_core_share = { value = 1e308,", "stable_core_share"),
    "months-1e308": ("short_horizon_months = { value = 3,", "short_horizon_months = { value = 1e308,", "short_horizon_months"),
    "demand-1e308": ("video_content_demand = { value = 4,", "video_content_demand = { value = 1e308,", "video_content_demand"),
    "floor-5e-324-is-fine-exponent-tiny": ("combine_exponent = { value = 0.5,", "combine_exponent = { value = 5e-324,", ""),
}


@pytest.mark.parametrize("case", TOML_CASES)
def test_hostile_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    text, words = TOML_CASES[case]
    directory = tmp_path / "mine"
    directory.mkdir()
    (directory / "extra.toml").write_bytes(text.encode("utf-8", "surrogateescape"))
    code, out, err = run(capsys, "plan", "--strategies", str(directory), "--format", "json")
    assert "Traceback" not in err and "internal error" not in err, err
    if case == "source-with-controls":  # a valid file: the plan is made, and nothing raw is printed
        assert code in (0, 2) and raw_controls(out + err) == []
        return
    assert code == 2 and words in err and str(directory / "extra.toml") in err
    assert raw_controls(err) == [] and len(err) < 4000, len(err)


@pytest.mark.parametrize("case", MODEL_CASES)
def test_hostile_numbers_in_the_model(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    old, new, key = MODEL_CASES[case]
    directory = strategies_copy(tmp_path / "mine", "model.toml", old, new)
    code, out, err = run(capsys, "plan", "--strategies", str(directory), "--format", "json")
    assert "Traceback" not in err and "internal error" not in err, err
    if not key:  # within bounds: a plan, with finite numbers
        assert code == 0 and json.loads(out)["hours"]["allocated"] >= 0
        return
    assert code == 2 and key in err and str(directory / "model.toml") in err


# --- Hostile JSON ---------------------------------------------------------------------------------

JSON_CASES: dict[str, bytes] = {
    "deeply-nested": b'{"goals": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "deep-but-parsable": b'{"bounds": ' + b'{"a": ' * 500 + b"1" + b"}" * 500 + b"}",
    "integer-of-5000-digits": b'{"reach_priority": 1' + b"0" * 5_000 + b"}",
    "integer-of-4000-digits": b'{"reach_priority": 1' + b"0" * 4_000 + b"}",
    "float-overflow": b'{"hours_per_week": 1e999}',
    "nan": b'{"hours_per_week": NaN}',
    "infinity": b'{"hours_per_week": -Infinity}',
    "lone-surrogate": b'{"name": "caf\\ud800"}',
    "lone-surrogate-in-key": b'{"bounds": {"\\udc00": {"min": 1}}}',
    "not-utf8": b'{"name": "\xff\xfe"}',
    "utf16": '{"name": "x"}'.encode("utf-16"),
    "huge-string": b'{"notes": "' + b"x" * 900_000 + b'"}',
    "top-level-array": b"[1, 2]",
    "empty": b"",
    "wrong-type": b'{"hours_per_week": "eight"}',
    "control-characters": json.dumps({"name": "a\u202eb", "notes": ESCAPES}).encode(),
}


@pytest.mark.parametrize("case", JSON_CASES)
def test_hostile_scenario_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(JSON_CASES[case])
    code, out, err = run(capsys, "plan", "--scenario", str(path))
    assert raw_controls(out + err) == []
    if case == "control-characters":
        assert code == 0 and "a\\u202eb" in out and "\\x1b]0;pwned" in out
        return
    line = assert_clear(code, err, str(path))
    assert len(line) < 400 and len(err.splitlines()) == 1


@pytest.mark.parametrize("case", [c for c in JSON_CASES if c != "control-characters"])
def test_hostile_store_file(store: ScenarioStore, case: str) -> None:
    path = store.path_for("Gamma")
    raw = JSON_CASES[case]
    envelope = b'{"format": "planner.scenario", "schema_version": 2, "scenario": ' + (raw or b"null") + b"}"
    for content in (raw, envelope):
        path.write_bytes(content)
        store.paths.index.unlink(missing_ok=True)
        listing = store.list()
        assert listing.names() == ["Alpha", "Beta"]
        (problem,) = listing.problems
        assert problem.file == path.name and len(problem.message) < 500
        assert raw_controls(problem.message) == []
        assert problem.moved_to is not None and problem.moved_to.read_bytes() == content
        problem.moved_to.unlink()


# --- Control characters through every output path ----------------------------------------------

def escaping_strategies(tmp_path: Path) -> Path:
    """Every kind of strategy text, laced with terminal escapes."""
    esc = toml_escaped(ESCAPES)
    directory = strategies_copy(tmp_path / "esc", "tactics-broadcast.toml", 'name = "Instagram feed posts"', f'name = "Posts{esc}"')
    for name, old, new in [
        ("tactics-broadcast.toml", '{ name = "Reach per post"', f'{{ name = "Reach{esc}"'),
        ("tactics-broadcast.toml", 'singular = "feed post", plural = "feed posts"', f'singular = "post{esc}", plural = "posts{esc}"'),
        ("tactics-broadcast.toml", '"Plan the week\'s posts around one theme or product"', f'"Plan{esc}"'),
    ]:
        path = directory / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    strategies_copy(directory, "platforms.toml", 'name = "Instagram"', f'name = "Insta{esc}"')
    strategies_copy(directory, "goals.toml", 'label = "Brand awareness"', f'label = "Awareness{esc}"')
    strategies_copy(directory, "presets.toml", 'title = "Local café, 3 hours a week"', f'title = "Café{esc}"')
    strategies_copy(directory, "model.toml", 'label = "Reach"', f'label = "Reach{esc}"')
    return directory


USER_NAME = "Spring \u202eevil\u2066 sale"
"""A scenario name may hold bidi characters (not C0/C1 controls: the model refuses those)."""
USER_NOTES = f"notes {ESCAPES}\nsecond line"
PLAN_ARGS = ["--preset", "local-cafe", "--reach", "100", "--hours", "20"]
"""A plan that uses the laced tactic ("Posts…" on "Insta…")."""


@pytest.fixture
def escaping(tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Strategies laced with escapes, and two saved scenarios made with them."""
    directory = escaping_strategies(tmp_path)
    for name, hours in ((USER_NAME, "20"), ("Other", "10")):
        argv = ["plan", "--strategies", str(directory), "--preset", "local-cafe", "--hours", hours, "--reach", "100",
                "--notes", USER_NOTES, "--save", name, "--format", "json"]
        code, _, err = run(capsys, *argv)
        assert code == 0, err
    return directory


OUTPUTS: dict[str, list[str]] = {
    "plan-table": ["plan", *PLAN_ARGS, "--notes", USER_NOTES, "--name", USER_NAME],
    "plan-json": ["plan", *PLAN_ARGS, "--notes", USER_NOTES, "--name", USER_NAME, "--format", "json"],
    "plan-markdown": ["plan", *PLAN_ARGS, "--notes", USER_NOTES, "--name", USER_NAME, "--format", "markdown"],
    "list-presets": ["plan", "--list-presets"],
    "scenarios-list": ["scenarios", "list"],
    "scenarios-list-json": ["scenarios", "list", "--format", "json"],
    "scenarios-show": ["scenarios", "show", USER_NAME],
    "scenarios-show-json": ["scenarios", "show", USER_NAME, "--format", "json"],
    "scenarios-show-markdown": ["scenarios", "show", USER_NAME, "--format", "markdown"],
    "export": ["export", USER_NAME, "-o", "-"],
    "compare-table": ["compare", USER_NAME, "Other"],
    "compare-json": ["compare", USER_NAME, "Other", "--format", "json"],
    "compare-markdown": ["compare", USER_NAME, "Other", "--format", "markdown"],
    "not-found-error": ["scenarios", "show", f"Missing{ESCAPES}"],
    "where": ["where", "--data-dir", f"/tmp/x{ESCAPES}"],
}
"""Every CLI command that prints user or strategy text, in every format."""


@pytest.mark.parametrize("output", OUTPUTS)
def test_control_characters_in_cli_output(escaping: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, output: str) -> None:
    monkeypatch.setenv("COLUMNS", "240")  # no table cell folds the text checked below
    argv = OUTPUTS[output]
    if argv[:2] != ["scenarios", "list"]:
        argv = [*argv, "--strategies", str(escaping)]
    code, out, err = run(capsys, *argv)
    assert raw_controls(out) == [] and raw_controls(err) == [], f"raw control characters in {output}"
    assert "Traceback" not in err
    if output == "not-found-error":
        assert code == 2 and "Missing\\x1b]0;pwned" in err
        return
    assert code == 0, err
    if output.endswith("json"):
        data = json.loads(out)  # still valid JSON, values exact
        assert USER_NAME in json.dumps(data, ensure_ascii=False) or output == "list-presets"
    elif output == "list-presets":
        assert "Café\\x1b]0;pwned" in out
    elif output == "where":
        assert "x\\x1b]0;pwned" in out
    elif "markdown" in output or output == "export":
        assert "&#8238;evil" in out  # the bidi override as a character reference
    else:
        assert "\\u202eevil" in out
    if output in ("plan-table", "plan-json", "plan-markdown", "export", "scenarios-show"):
        assert "Posts" in out  # the laced strategy text is there, made safe


def test_control_characters_in_a_written_document(escaping: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.md"
    code, _, err = run(capsys, "export", USER_NAME, "-o", str(target), "--strategies", str(escaping))
    assert code == 0 and raw_controls(err) == []
    assert raw_controls(target.read_text(encoding="utf-8")) == []


def test_control_characters_in_a_knowledge_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = tmp_path / f"dir{ESCAPES}"
    directory.mkdir()
    (directory / f"file{ESCAPES}.toml").write_text(tactic_toml(tactic_id=f"id{toml_escaped(ESCAPES)}") + f'\n"key{toml_escaped(ESCAPES)}" = 1\n', encoding="utf-8")
    code, _, err = run(capsys, "plan", "--strategies", str(directory))
    assert code == 2 and raw_controls(err) == []
    assert err.count("\\x1b]0;pwned") >= 3  # directory, file, key and id are all named


def test_knowledge_error_problems_are_visible_as_text(tmp_path: Path) -> None:
    directory = tmp_path / "mine"
    directory.mkdir()
    (directory / "bad.toml").write_text(f'[[platforms]]\nid = "p{toml_escaped(ESCAPES)}"\n', encoding="utf-8")
    with pytest.raises(KnowledgeError) as info:
        load_knowledge([directory])
    assert raw_controls(info.value.render()) == []


async def test_control_characters_in_the_tui(escaping: Path, tmp_path: Path) -> None:
    from planner.tui.app import PlannerApp

    kb = load_knowledge([escaping])
    stored = ScenarioStore.open().load(USER_NAME)
    app = PlannerApp(kb, stored.scenario)
    app.theme = "textual-dark"
    screens: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        screens["plan"] = app.export_screenshot()
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"preset")
        await pilot.pause(0.5)
        screens["palette"] = app.export_screenshot()
        await pilot.press("escape")
        await pilot.press("f3")
        await pilot.pause(0.5)
        screens["scenarios"] = app.export_screenshot()
        await pilot.press("space", "space", "c")
        await pilot.pause(0.8)
        screens["compare"] = app.export_screenshot()
        assert app.current_mode == "compare"
    assert app.return_code in (None, 0)
    for name, svg in screens.items():
        assert [c for c in RAW if c in svg] == [], f"raw control characters on the {name} screen"
    assert "Posts" in screens["plan"] and "Café" in screens["palette"]


# --- The TUI with files that are not regular files --------------------------------------------

async def test_tui_open_screen_and_quit_with_a_fifo_in_the_store(store: ScenarioStore, kb) -> None:  # type: ignore[no-untyped-def]
    from planner.tui.app import PlannerApp
    from planner.tui.screens.scenarios import ScenariosScreen

    fifo = make_non_regular("fifo", store.directory / "evil.json")
    try:
        app = PlannerApp(kb, kb.default_scenario())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f3")
            screen = app.screen
            assert isinstance(screen, ScenariosScreen)
            for _ in range(100):
                if screen.loaded:
                    break
                await pilot.pause(0.05)
            assert screen.loaded and [r.name for r in screen.listing.scenarios] == ["Alpha", "Beta"]
            assert any("evil.json" in n.message for n in app._notifications)
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert app.return_code in (None, 0)
    finally:
        release(fifo)


@pytest.mark.parametrize("kind", ["fifo", "directory", "dangling-symlink", "dev-zero"])
async def test_tui_export_to_what_is_not_a_regular_file(tmp_path: Path, kb, kind: str) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Input, Static

    from planner.tui.app import PlannerApp
    from planner.tui.dialogs.export import ExportDialog

    target = make_non_regular(kind, tmp_path / "plan.md")
    before = snapshot(target)
    try:
        app = PlannerApp(kb, kb.default_scenario())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("f6")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            dialog.query_one("#export-path", Input).value = str(target)
            await pilot.pause()
            await pilot.press("ctrl+s")
            for _ in range(20):
                await pilot.pause(0.05)
            assert app.screen is dialog, "the dialog closed as if it had exported"
            status = str(dialog.query_one("#export-status", Static).render())
            assert str(target) in status and dialog.query_one("#export-status").has_class("-error")
        assert app.return_code in (None, 0)
    finally:
        if kind == "fifo":
            release(target)
    assert snapshot(target) == before
