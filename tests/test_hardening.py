"""Regression tests for issue 12, one or more per numbered item: no hang, no crash, no
clobbered file, whatever the disk and the input hold.

Each test failed on the code before the fix (see the issue's report for the runs).
The hostile-input matrix that sweeps every kind of file through every place is in
tests/test_hostile_inputs.py; these pin each defect as it was found.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.knowledge import cache as kbcache
from planner.knowledge import default_dir, load_knowledge
from planner.knowledge.loader import _load_cached
from planner.models.scenario import Scenario
from planner.store import ScenarioStore, StoreError

from .hostile import (
    ESCAPES,
    cli,
    make_fifo,
    one_clear_line,
    raw_controls,
    release,
    strategies_copy,
    tactic_toml,
    toml_escaped,
)

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANNER_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "home"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def saved(home: Path, capsys: pytest.CaptureFixture[str]) -> ScenarioStore:
    store = ScenarioStore.open()
    store.save(Scenario(name="Café"))
    store.save(Scenario(name="Launch", hours_per_week=12))
    return store


# --- 1. export --force replaced device nodes and FIFOs ------------------------------

def test_export_force_never_replaces_a_fifo(saved: ScenarioStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = make_fifo(tmp_path / "out.md")
    try:
        code, _, err = run(capsys, "export", "Café", "-o", str(fifo), "--force")
    finally:
        release(fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a file"
    line = one_clear_line(err)
    assert code == 2 and str(fifo) in line and "named pipe" in line


def test_export_into_a_fifo_with_a_reader_writes_the_document(saved: ScenarioStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = run(capsys, "export", "Café", "-o", "-")[1]
    fifo = make_fifo(tmp_path / "pipe.md")
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader that is already there
    try:
        code, _, err = run(capsys, "export", "Café", "-o", str(fifo))
        chunks = []
        while chunk := os.read(reader, 1 << 16):
            chunks.append(chunk)
    finally:
        os.close(reader)
    assert code == 0, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b"".join(chunks).decode("utf-8") == expected


def test_export_to_a_character_device_writes_to_it(saved: ScenarioStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # /dev/null reached through a link in tmp: a planner that replaces the path
    # replaces the link, never the machine's device.
    link = tmp_path / "null.md"
    link.symlink_to("/dev/null")
    code, _, err = run(capsys, "export", "Café", "-o", str(link), "--force")
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


def test_export_to_a_full_device_says_so(saved: ScenarioStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "full.md"
    link.symlink_to("/dev/full")
    code, _, err = run(capsys, "export", "Café", "-o", str(link), "--force")
    assert link.is_symlink() and os.readlink(link) == "/dev/full"
    line = one_clear_line(err)
    assert code == 2 and "no space" in line


def test_compare_output_never_replaces_a_fifo(saved: ScenarioStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = make_fifo(tmp_path / "cmp.md")
    try:
        code, _, err = run(capsys, "compare", "Café", "Launch", "--format", "markdown", "-o", str(fifo), "--force")
    finally:
        release(fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert code == 2 and "named pipe" in one_clear_line(err)


def test_compare_dash_o_is_standard_output(saved: ScenarioStore, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", "Café", "Launch", "--format", "markdown", "-o", "-")
    assert code == 0 and out.startswith("# Scenario comparison")
    assert not Path("-").exists()


def test_export_through_a_symlink_keeps_the_link(saved: ScenarioStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = tmp_path / "docs" / "plan.md"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "plan.md"
    link.symlink_to(real)
    code, _, err = run(capsys, "export", "Café", "-o", str(link), "--force")
    assert code == 0, err
    assert link.is_symlink(), "the link was replaced by a file of its own"
    assert real.read_text(encoding="utf-8").startswith("# Café")


@pytest.mark.parametrize("kind", ["fifo", "directory", "dangling-symlink"])
def test_the_atomic_write_replaces_only_a_regular_file(tmp_path: Path, kind: str) -> None:
    from planner.fsio import UnwritableFile, write_atomic

    from .hostile import make_non_regular

    target = make_non_regular(kind, tmp_path / "target")
    before = os.lstat(target)
    try:
        with pytest.raises(UnwritableFile) as info:
            write_atomic(target, b"data", overwrite=True)
    finally:
        if kind == "fifo":
            release(target)
    after = os.lstat(target)
    assert (after.st_ino, stat.S_IFMT(after.st_mode)) == (before.st_ino, stat.S_IFMT(before.st_mode))
    assert str(target) in info.value.message and "Nothing was changed" in info.value.message
    assert not (tmp_path / "does-not-exist").exists()


# --- 2. a FIFO in the store (or given as a file) hung every command ---------------------

def test_a_fifo_in_the_store_does_not_hang_listing(saved: ScenarioStore) -> None:
    fifo = make_fifo(saved.directory / "evil.json")
    try:
        listing = saved.list()
    finally:
        release(fifo)
    assert listing.names() == ["Café", "Launch"]
    (problem,) = listing.problems
    assert problem.file == "evil.json" and "named pipe" in problem.message


def test_a_fifo_in_the_store_does_not_hang_saving_that_name(saved: ScenarioStore) -> None:
    fifo = make_fifo(saved.path_for("Spring"))
    try:
        stored = saved.save(Scenario(name="Spring"))
    finally:
        release(fifo)
    assert saved.load("Spring").scenario == stored.scenario
    moved = fifo.with_name(fifo.name + ".invalid")
    assert stat.S_ISFIFO(os.lstat(moved).st_mode)  # moved aside, not destroyed


def test_a_fifo_index_does_not_hang_listing(saved: ScenarioStore) -> None:
    saved.paths.index.unlink(missing_ok=True)
    fifo = make_fifo(saved.paths.index)
    try:
        assert saved.list().names() == ["Café", "Launch"]
    finally:
        release(fifo)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "symlink-loop"])
def test_a_scenario_file_that_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    from .hostile import make_non_regular

    path = make_non_regular(kind, tmp_path / "scenario.json")
    try:
        r = cli("plan", "--scenario", str(path), home=tmp_path / "home")
    finally:
        if kind == "fifo":
            release(path)
    line = one_clear_line(r.stderr)
    assert r.returncode == 2 and str(path) in line


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_strategies_file_that_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    from .hostile import make_non_regular

    directory = tmp_path / "mine"
    directory.mkdir()
    path = make_non_regular(kind, directory / "extra.toml")
    try:
        r = cli("plan", "--strategies", str(directory), home=tmp_path / "home")
    finally:
        if kind == "fifo":
            release(path)
    line = one_clear_line(r.stderr)
    assert r.returncode == 2 and str(path) in r.stderr and "not a regular file" in r.stderr, line


# --- 3. an index entry of the wrong type broke every listing ----------------------------

def test_an_index_entry_of_the_wrong_type_is_a_cache_miss(saved: ScenarioStore) -> None:
    saved.list()  # writes the index
    data = json.loads(saved.paths.index.read_text(encoding="utf-8"))
    fname = saved.path_for("Café").name
    data["entries"][fname]["summary"]["name"] = 5  # the stamp is kept, so it would be trusted
    saved.paths.index.write_text(json.dumps(data), encoding="utf-8")
    listing = saved.list()
    assert listing.names() == ["Café", "Launch"] and not listing.problems
    assert json.loads(saved.paths.index.read_text(encoding="utf-8"))["entries"][fname]["summary"]["name"] == "Café"


# --- 4. one unreadable file failed the whole listing -------------------------------------

def test_an_unreadable_file_is_reported_and_the_rest_listed(saved: ScenarioStore, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root reads a mode-000 file anyway, so the refusal is injected where the kernel
    # would give it: opening that one file.
    locked = saved.save(Scenario(name="Locked")).path
    saved.paths.index.unlink(missing_ok=True)
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    listing = saved.list()
    assert listing.names() == ["Café", "Launch"]
    (problem,) = listing.problems
    assert problem.file == locked.name and "permission denied" in problem.message
    assert problem.moved_to is None and locked.exists()  # not ours to move: it is fine, just unreadable


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a mode-000 file anyway; the injected refusal above covers it")
def test_a_mode_000_file_is_reported_and_the_rest_listed(saved: ScenarioStore) -> None:
    locked = saved.save(Scenario(name="Locked")).path
    saved.paths.index.unlink(missing_ok=True)
    locked.chmod(0)
    try:
        listing = saved.list()
    finally:
        locked.chmod(0o600)
    assert listing.names() == ["Café", "Launch"]
    assert [p.file for p in listing.problems] == [locked.name]


# --- 5. hostile numbers and files in a strategies directory ------------------------------

HOSTILE_STRATEGIES = {
    # case: (file, old text, new text, key the message must name)
    "saturation-1e308": ("tactics-broadcast.toml", "saturation_hours = { value = 5.0", "saturation_hours = { value = 1e308", "saturation_hours"),
    "max-hours-1e308": (
        "tactics-broadcast.toml",
        "saturation_hours = { value = 5.0,",
        'max_hours = { value = 1e308, source = "assumption: a hostile test" }\nsaturation_hours = { value = 5.0,',
        "max_hours",
    ),
    "unit-hours-5e-324": ("tactics-broadcast.toml", "hours = 1.0, source", "hours = 5e-324, source", "unit.hours"),
    "base-weight-1e308-everywhere": ("model.toml", "base_weight = { value = 0.15,", "base_weight = { value = 1e308,", "base_weight"),
    "coef-1e308": ("model.toml", "coef = 0.40", "coef = 1e308", "coef"),
    "integer-of-5000-digits": ("tactics-broadcast.toml", "saturation_hours = { value = 5.0", "saturation_hours = { value = 1" + "0" * 5000, "tactics-broadcast.toml"),
}


@pytest.mark.parametrize("case", HOSTILE_STRATEGIES)
def test_hostile_numbers_in_strategies_are_one_clear_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    name, old, new, key = HOSTILE_STRATEGIES[case]
    directory = strategies_copy(tmp_path / "mine", name, old, new, count=0 if case.endswith("everywhere") else 1)
    code, out, err = run(capsys, "plan", "--strategies", str(directory), "--format", "json")
    assert code == 2, f"planned anyway: {out[:300]}"
    assert "internal error" not in err and "Traceback" not in err
    assert str(directory / name) in err and key in err
    assert len(err) < 4000


def test_deeply_nested_toml_is_one_clear_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = tmp_path / "mine"
    directory.mkdir()
    (directory / "deep.toml").write_text("x = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    code, _, err = run(capsys, "plan", "--strategies", str(directory))
    assert code == 2 and "internal error" not in err
    assert str(directory / "deep.toml") in err and "nested too deeply" in err


@pytest.mark.parametrize("kind", ["dangling-symlink", "symlink-loop"])
def test_broken_links_in_strategies_are_one_clear_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    from .hostile import make_non_regular

    directory = tmp_path / "mine"
    directory.mkdir()
    path = make_non_regular(kind, directory / "extra.toml")
    code, _, err = run(capsys, "plan", "--strategies", str(directory))
    assert code == 2 and "internal error" not in err
    assert str(path) in err and "symbolic link" in err


# --- 6. hostile --scenario files -----------------------------------------------------------

@pytest.mark.parametrize(
    "content, words",
    [
        ('{"goals": ' + "[" * 5000 + "]" * 5000 + "}", "nested too deeply"),
        ('{"reach_priority": 1' + "0" * 5000 + "}", "thousands of digits"),
    ],
    ids=["5000-deep", "5000-digit-integer"],
)
def test_hostile_scenario_json_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, words: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "plan", "--scenario", str(path))
    line = one_clear_line(err)
    assert code == 2 and str(path) in line and words in line and len(err.splitlines()) == 1


# --- 7. terminal escapes from a strategies directory -----------------------------------------

def _escaping_strategies(tmp_path: Path) -> Path:
    directory = strategies_copy(tmp_path / "esc", "tactics-broadcast.toml", 'name = "Instagram feed posts"', f'name = "Posts{toml_escaped(ESCAPES)}"')
    strategies_copy(directory, "platforms.toml", 'name = "Instagram"', f'name = "Insta{toml_escaped(ESCAPES)}"')
    return directory


def test_strategy_text_is_made_visible_in_the_plan_table(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "240")  # wide enough that no cell wraps the name
    directory = _escaping_strategies(tmp_path)
    code, out, err = run(capsys, "plan", "--strategies", str(directory), "--preset", "local-cafe", "--reach", "100", "--hours", "20")
    assert code == 0, err
    assert "Posts" in out, "the tactic is not in the plan any more; pick a scenario that uses it"
    assert raw_controls(out) == []
    assert out.count("Posts\\x1b]0;pwned") >= 2  # in the table and in the why panel, made visible


def test_strategy_text_is_made_visible_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = _escaping_strategies(tmp_path)
    code, out, _ = run(capsys, "plan", "--strategies", str(directory), "--preset", "local-cafe", "--reach", "100", "--hours", "20", "--format", "json")
    assert code == 0 and raw_controls(out) == []
    names = [t["name"] for t in json.loads(out)["tactics"]]
    assert f"Posts{ESCAPES}" in names  # escaped for the terminal, exact for a program


@pytest.mark.parametrize("where", ["file name", "key", "id"])
def test_knowledge_errors_make_escapes_visible(tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    directory = tmp_path / "mine"
    directory.mkdir()
    if where == "file name":
        (directory / f"bad{ESCAPES}.toml").write_text("oops = [\n", encoding="utf-8")
    elif where == "key":
        (directory / "bad.toml").write_text(f'"k{toml_escaped(ESCAPES)}" = 1\n', encoding="utf-8")
    else:
        (directory / "bad.toml").write_text(f'[[platforms]]\nid = "p{toml_escaped(ESCAPES)}"\n', encoding="utf-8")
    code, _, err = run(capsys, "plan", "--strategies", str(directory))
    assert code == 2 and "\\x1b]0;pwned" in err
    assert raw_controls(err) == []


# --- 8. the knowledge-base cache directory -------------------------------------------------

@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(kbcache.ENV_VAR, str(where))
    _load_cached.cache_clear()
    yield where
    _load_cached.cache_clear()


def _counting_loads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    from planner.knowledge import loader

    loads: list[object] = []
    real = loader._load
    monkeypatch.setattr(loader, "_load", lambda dirs: loads.append(dirs) or real(dirs))
    return loads


def test_an_entry_moved_over_another_key_is_not_served(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "mine.toml").write_text(tactic_toml("planted-tactic"), encoding="utf-8")
    plain = load_knowledge()
    with_extra = load_knowledge([extra])
    assert "planted-tactic" in {t.id for t in with_extra.tactics}
    base = (default_dir().resolve(),)

    def entry(dirs: tuple[Path, ...]) -> Path:
        return cache / f"{kbcache.PREFIX}{kbcache.cache_key(dirs)[:40]}{kbcache.SUFFIX}"

    first, second = entry(base), entry((*base, extra.resolve()))
    assert first.exists() and second.exists()
    os.replace(second, first)  # "another user" moves one valid entry over the other's key
    _load_cached.cache_clear()
    again = load_knowledge()
    assert "planted-tactic" not in {t.id for t in again.tactics}
    assert again == plain


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_cache_directory_others_can_write_is_not_used(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_knowledge()
    _load_cached.cache_clear()
    cache.chmod(0o777)
    loads = _counting_loads(monkeypatch)
    load_knowledge()
    assert loads, "an entry in a directory anyone can write was unpickled"
    (entry,) = cache.glob(f"{kbcache.PREFIX}*{kbcache.SUFFIX}")
    mtime = entry.stat().st_mtime_ns
    _load_cached.cache_clear()
    load_knowledge()
    assert len(loads) == 2 and entry.stat().st_mtime_ns == mtime  # neither read nor written


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_cache_directory_owned_by_someone_else_is_not_used(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_knowledge()
    _load_cached.cache_clear()
    (entry,) = cache.glob(f"{kbcache.PREFIX}*{kbcache.SUFFIX}")
    uid = os.getuid()
    real_stat = os.stat

    def foreign_dir(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        st = real_stat(path, *args, **kwargs)
        if os.fspath(path) == os.fspath(cache):
            fields = list(st)
            fields[stat.ST_UID] = uid + 1
            return os.stat_result(fields)
        return st

    monkeypatch.setattr(os, "stat", foreign_dir)
    loads = _counting_loads(monkeypatch)
    load_knowledge()
    assert loads, "an entry in somebody else's directory was unpickled"


# --- 9 and 10 are TUI tests: tests/tui/dialogs/test_hardening.py, tests/tui/app/test_palette.py


# --- 11. error lines echo the whole input --------------------------------------------------------

def test_a_huge_value_is_cut_in_the_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"notes": "x" * 100_000}), encoding="utf-8")
    for argv in (["plan", "--scenario", str(path)], ["plan", "--notes", "y" * 100_000]):
        code, _, err = run(capsys, *argv)
        line = one_clear_line(err)
        assert code == 2 and "notes" in line and len(err) < 400, len(err)


def test_a_huge_value_in_strategies_is_cut_in_the_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = strategies_copy(tmp_path / "mine", "tactics-broadcast.toml", "min_hours = { value = 2.0,", f'min_hours = {{ value = "{"9" * 100_000}",', count=1)
    code, _, err = run(capsys, "plan", "--strategies", str(directory))
    assert code == 2 and "min_hours" in err and len(err) < 1000, len(err)


# --- 12. a lone surrogate in a scenario file ------------------------------------------------------

def test_a_lone_surrogate_is_reported_about_the_users_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"name": "caf\\ud800"}', encoding="utf-8")
    code, _, err = run(capsys, "plan", "--scenario", str(path))
    line = one_clear_line(err)
    assert code == 2 and str(path) in line and "name" in line and "surrogate" in line
    assert "hex escape" not in line and "got '{" not in line


def test_a_lone_surrogate_in_the_store_is_reported_about_that_file(saved: ScenarioStore) -> None:
    path = saved.path_for("Café")
    path.write_text(path.read_text(encoding="utf-8").replace('"Café"', '"Caf\\ud800"'), encoding="utf-8")
    saved.paths.index.unlink(missing_ok=True)
    (problem,) = saved.list().problems
    assert problem.file == path.name and "surrogate" in problem.message and "hex escape" not in problem.message


# --- 13. a dangling .lock symlink made the store create its target -----------------------------

def test_a_dangling_lock_symlink_creates_nothing(home: Path, tmp_path: Path) -> None:
    store = ScenarioStore.open(lock_timeout=2)
    store.directory.mkdir(parents=True)
    target = tmp_path / "elsewhere" / "created-by-planner"
    target.parent.mkdir()
    store.paths.lock.symlink_to(target)
    with pytest.raises(StoreError) as info:
        store.save(Scenario(name="Mine"))
    assert not target.exists(), "the store created the dangling link's target"
    assert str(store.paths.lock) in info.value.message and "symbolic link" in info.value.message
    assert not store.path_for("Mine").exists()


# --- 14. the name-mismatch warning had a double space -------------------------------------------

def test_the_name_mismatch_warning_has_single_spaces(saved: ScenarioStore, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(saved.path_for("Café"), saved.directory / "copy--0000000000000000.json")
    code, _, err = run(capsys, "scenarios", "list")
    assert code == 0 and "copied or renamed by hand" in err
    assert "  " not in err.split("warning: ", 1)[1]
