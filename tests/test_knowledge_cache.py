"""The pre-validated knowledge-base cache: never stale, never trusted blindly, never fatal."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from planner.knowledge import KnowledgeError, default_dir, load_knowledge
from planner.knowledge import cache as kbcache
from planner.knowledge.loader import _load_cached


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(kbcache.ENV_VAR, str(where))
    _load_cached.cache_clear()  # the in-process cache would hide the disk cache
    yield where
    _load_cached.cache_clear()


def entries(where: Path) -> list[Path]:
    return sorted(where.glob(f"{kbcache.PREFIX}*{kbcache.SUFFIX}"))


def strategies_copy(tmp_path: Path) -> Path:
    base = tmp_path / "strategies"
    shutil.copytree(default_dir(), base)
    return base


def test_a_hit_equals_a_fresh_validated_load(cache: Path) -> None:
    fresh = load_knowledge(cache=False)
    first = load_knowledge()
    assert len(entries(cache)) == 1
    _load_cached.cache_clear()
    hit = load_knowledge()
    assert hit == fresh == first
    assert hit.model_dump_json() == fresh.model_dump_json()


def test_a_hit_skips_parsing_and_validation(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_knowledge()
    _load_cached.cache_clear()
    from planner.knowledge import loader

    def boom(dirs: object) -> None:
        raise AssertionError("the knowledge base was loaded again despite a cache entry")

    monkeypatch.setattr(loader, "_load", boom)
    assert load_knowledge().fingerprint


def test_editing_a_strategy_file_is_never_served_stale(cache: Path, tmp_path: Path) -> None:
    base = strategies_copy(tmp_path)
    before = load_knowledge(base=base)
    tactics = base / "tactics-relationships.toml"
    times = tactics.stat()
    text = tactics.read_text(encoding="utf-8")
    changed = text.replace("one-to-one conversations", "one-to-one Conversations", 1)
    assert changed != text and len(changed) == len(text)
    tactics.write_text(changed, encoding="utf-8")
    # Same size and mtime would fool a stat-based key; the key hashes the bytes.
    os.utime(tactics, ns=(times.st_atime_ns, times.st_mtime_ns))
    _load_cached.cache_clear()
    after = load_knowledge(base=base)
    assert after != before
    assert any("one-to-one Conversations" in t.name for t in after.tactics)
    assert len(entries(cache)) == 2


def test_a_changed_model_module_is_a_new_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "planner"
    for name in kbcache._CODE:
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(kbcache._PACKAGE / name, package / name)
    monkeypatch.setattr(kbcache, "_PACKAGE", package)
    dirs = (default_dir().resolve(),)
    key = kbcache.cache_key(dirs)
    with (package / "models/scenario.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# a new field would go here\n")
    assert kbcache.cache_key(dirs) != key


def test_extra_directories_are_part_of_the_key(cache: Path, tmp_path: Path) -> None:
    extra = tmp_path / "mine"
    extra.mkdir()
    (extra / "more.toml").write_text("# nothing yet\n", encoding="utf-8")
    base = (default_dir().resolve(),)
    assert kbcache.cache_key(base) != kbcache.cache_key((*base, extra.resolve()))


@pytest.mark.parametrize("damage", ["truncated", "garbage", "not-a-kb"])
def test_a_damaged_entry_is_a_miss_and_is_rebuilt(cache: Path, damage: str) -> None:
    expected = load_knowledge(cache=False)
    load_knowledge()
    _load_cached.cache_clear()
    (entry,) = entries(cache)
    data = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        entry.write_bytes(b"\x00not a pickle")
    else:
        import pickle

        entry.write_bytes(pickle.dumps({"meta": "not a knowledge base"}))
    assert load_knowledge() == expected
    _load_cached.cache_clear()
    assert load_knowledge() == expected  # and the rebuilt entry reads back
    assert entry.read_bytes() == data


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_an_entry_others_can_write_is_not_trusted(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_knowledge()
    _load_cached.cache_clear()
    (entry,) = entries(cache)
    entry.chmod(entry.stat().st_mode | stat.S_IWOTH)
    loaded: list[object] = []
    from planner.knowledge import loader

    real = loader._load
    monkeypatch.setattr(loader, "_load", lambda dirs: loaded.append(dirs) or real(dirs))
    load_knowledge()
    assert loaded, "a world-writable entry was unpickled"
    assert not entry.stat().st_mode & stat.S_IWOTH  # replaced by a private one
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700


def test_an_unwritable_cache_never_stops_a_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(kbcache.ENV_VAR, str(blocker / "cache"))
    _load_cached.cache_clear()
    assert load_knowledge() == load_knowledge(cache=False)
    _load_cached.cache_clear()


def test_problems_are_never_cached(cache: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "bad.toml").write_text("[[platforms]]\nid = 'x'\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(KnowledgeError):
            load_knowledge([broken])
        _load_cached.cache_clear()
    assert len(entries(cache)) <= 1  # at most the built-in base from an earlier call


def test_old_entries_are_pruned(cache: Path, tmp_path: Path) -> None:
    base = strategies_copy(tmp_path)
    meta = base / "model.toml"
    original = meta.read_text(encoding="utf-8")
    for i in range(kbcache.KEEP + 3):
        meta.write_text(original + f"\n# edit {i}\n", encoding="utf-8")
        _load_cached.cache_clear()
        load_knowledge(base=base)
    assert len(entries(cache)) == kbcache.KEEP


def test_cache_dir_follows_the_environment(tmp_path: Path) -> None:
    assert kbcache.cache_dir({kbcache.ENV_VAR: str(tmp_path)}) == tmp_path
    default = kbcache.cache_dir({kbcache.ENV_VAR: "  "})
    assert default.is_absolute() and "planner" in default.parts
