"""Read ``strategies/*.toml`` (the built-in knowledge base plus any user directories)
into one validated :class:`KnowledgeBase`.

Merging is by id: an entry in a later directory with the id of an earlier one replaces
it whole (sources included: a directory may add ``[[sources]]`` of its own), a new id adds an entry, and single tables (``meta``, ``curve``…) are merged
key by key. Files within a directory are read in name order, and every list in the
result is sorted by id, so the order of entries in the files never changes a plan.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from planner.errors import explain_at_key
from planner.fmt import short
from planner.fsio import UnreadableFile, read_regular
from planner.knowledge import citations
from planner.knowledge.errors import KnowledgeError, Problem
from planner.knowledge.files import MAX_FILE_BYTES, toml_files
from planner.knowledge.schema import (
    SCORE_KEYS,
    Advice,
    Criterion,
    Curve,
    Fit,
    Goal,
    KnowledgeBase,
    Meta,
    Platform,
    Preset,
    Source,
    StrategyWeights,
    Tactic,
    WeightRule,
)

LISTS: dict[str, type[BaseModel]] = {
    "criteria": Criterion,
    "weight_rules": WeightRule,
    "goals": Goal,
    "platforms": Platform,
    "tactics": Tactic,
    "presets": Preset,
    "sources": Source,
}
TABLES: dict[str, type[BaseModel]] = {
    "meta": Meta,
    "strategy_weights": StrategyWeights,
    "curve": Curve,
    "fit": Fit,
    "advice": Advice,
}


_M = TypeVar("_M", bound=BaseModel)


def default_dir() -> Path:
    """The built-in knowledge base: inside the installed package (wheel), or the
    repository's top-level ``strategies/`` when running from a checkout."""
    packaged = Path(__file__).resolve().parent.parent / "strategies"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "strategies"


def load_knowledge(
    extra_dirs: list[Path] | tuple[Path, ...] = (), *, base: Path | None = None, cache: bool = True
) -> KnowledgeBase:
    """Load the default knowledge base (or ``base``) extended by ``extra_dirs``
    (later wins).

    With ``cache`` (the default), a knowledge base already validated from exactly the
    same files is read back from the user's cache instead (see
    :mod:`planner.knowledge.cache`); within one process it is loaded once either way.

    Raises :class:`KnowledgeError` listing every problem found.
    """
    base = _resolved(base or default_dir())
    # The same directory twice (or the built-in one passed again) adds nothing.
    dirs = tuple(dict.fromkeys((base, *(_resolved(Path(d)) for d in extra_dirs))))
    return _load_cached(dirs, _dir_stamp(dirs), cache)


def _resolved(directory: Path) -> Path:
    """``directory`` with its links resolved; anything that does not resolve to a
    directory (a loop of links, a link to a file) stays as the user gave it, so the
    message names what they typed."""
    try:
        resolved = directory.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return directory.absolute()
    return resolved if resolved.is_dir() else directory.absolute()


def _dir_stamp(dirs: list[Path] | tuple[Path, ...]) -> tuple[tuple[str, int, int], ...]:
    """Cache key part that changes when a user's file changes, so an edited
    strategies directory is re-read instead of served stale. (A broken link is
    stamped by its error; loading reports it.)"""
    stamp = []
    for d in dirs:
        for f in toml_files(Path(d)):
            try:
                st = f.stat()
            except OSError as exc:
                stamp.append((str(f), -1, exc.errno or 0))
                continue
            stamp.append((str(f), st.st_mtime_ns, st.st_size))
    return tuple(stamp)


@lru_cache(maxsize=8)
def _load_cached(dirs: tuple[Path, ...], _stamp: object, use_cache: bool) -> KnowledgeBase:
    if use_cache:
        from planner.knowledge.cache import cached_load

        return cached_load(dirs, lambda: _load(dirs))
    return _load(dirs)


def _load(dirs: tuple[Path, ...]) -> KnowledgeBase:
    problems: list[Problem] = []
    lists: dict[str, dict[str, tuple[str, str, Any]]] = {k: {} for k in LISTS}
    seen_in_dir: dict[tuple[str, str], str] = {}
    tables: dict[str, dict[str, Any]] = {k: {} for k in TABLES}
    table_files: dict[str, str] = {}
    key_files: dict[str, dict[str, str]] = {k: {} for k in TABLES}
    files: list[str] = []
    digest = hashlib.sha256()

    base = default_dir().resolve()
    for directory in dirs:
        label_root = directory if directory != base else None
        if not directory.is_dir():
            problems.append(Problem(str(directory), "", "is not a directory; pass a folder of *.toml files"))
            continue
        paths = toml_files(directory)
        if not paths:
            problems.append(Problem(str(directory), "", "has no *.toml files; nothing to add"))
        for path in paths:
            label = f"strategies/{path.name}" if label_root is None else str(path)
            read = _read_toml(path, label, problems)
            if read is None:
                continue
            data, raw = read
            files.append(label)
            digest.update(path.name.encode() + b"\0" + raw + b"\0")
            _collect(data, label, lists, tables, table_files, problems)
            for key, value in data.items():
                if key in TABLES and isinstance(value, dict):
                    key_files[key].update(dict.fromkeys(value, label))
            for key, value in data.items():
                if key not in LISTS or not isinstance(value, list):
                    continue
                for raw in value:
                    entry_id = raw.get("id") if isinstance(raw, dict) else None
                    if not isinstance(entry_id, str):
                        continue
                    earlier = seen_in_dir.get((key, entry_id))
                    if earlier is not None and earlier != label and Path(earlier).parent == Path(label).parent:
                        problems.append(Problem(label, f"{key}[id={entry_id}]", f"is also defined in {earlier}; within one directory an id may appear once (override it from another directory)"))
                    seen_in_dir[(key, entry_id)] = label

    # Each key's list holds a different model (LISTS), so the values are Any here;
    # KnowledgeBase checks each list's type when it is built.
    entries: dict[str, Any] = {}
    for key, model in LISTS.items():
        valid = []
        for entry_id, (label, where, raw) in sorted(lists[key].items()):
            valid.append(_validate(model, raw, label, where, problems))
        entries[key] = [e for e in valid if e is not None]
    singles: dict[str, Any] = {}
    for key, model in TABLES.items():
        if not tables[key]:
            problems.append(Problem("strategies", key, f"no file defines [{key}]; add it"))
            continue
        singles[key] = _validate(model, tables[key], table_files[key], key, problems)

    # References are checked among the entries that are valid so far, so one run
    # reports type errors and broken references together.
    problems.extend(_cross_check(entries, singles.get("meta"), lists))
    cited: set[str] = set()
    problems.extend(_check_citations(entries["sources"], lists, tables, key_files, cited))
    if problems:
        raise KnowledgeError(problems)
    return KnowledgeBase(
        **singles,
        **entries,
        cited=sorted(cited),
        files=files,
        fingerprint=digest.hexdigest()[:12],
    )


def _read_toml(path: Path, label: str, problems: list[Problem]) -> tuple[dict[str, Any], bytes] | None:
    """The parsed file and its bytes, or ``None`` with the problem recorded. Only a
    regular file is read (a FIFO, a device or a broken link is reported by name,
    never waited on), and at most :data:`MAX_FILE_BYTES` of it."""
    import tomllib  # only on a cache miss (see planner.knowledge.cache)

    try:
        raw, _ = read_regular(path, MAX_FILE_BYTES)
        return tomllib.loads(raw.decode("utf-8")), raw
    except UnreadableFile as exc:
        if exc.kind == "too-large":
            problems.append(Problem(label, "", f"is larger than {MAX_FILE_BYTES:,} bytes, the most a strategies file may be; split it"))
        elif exc.kind == "not-regular":
            problems.append(Problem(label, "", f"{exc.reason}; a strategies file must be a regular *.toml file, so remove or replace it"))
        else:
            problems.append(Problem(label, "", exc.reason))
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(label, "", f"is not valid TOML ({exc}); fix the syntax at that line"))
    except UnicodeDecodeError:
        problems.append(Problem(label, "", "is not UTF-8 text; save it as UTF-8"))
    except RecursionError:
        problems.append(Problem(label, "", "is nested too deeply (arrays or tables inside each other thousands of levels deep); flatten it"))
    except ValueError:
        # tomllib's int() refuses more than 4,300 digits: no key takes such a number.
        problems.append(Problem(label, "", "holds a number with thousands of digits; no key takes a number that large"))
    return None


def _collect(
    data: dict[str, Any],
    label: str,
    lists: dict[str, dict[str, tuple[str, str, Any]]],
    tables: dict[str, dict[str, Any]],
    table_files: dict[str, str],
    problems: list[Problem],
) -> None:
    for key, value in data.items():
        if key in LISTS:
            if not isinstance(value, list):
                problems.append(Problem(label, key, f"must be an array of tables ([[{key}]]), not a {type(value).__name__}"))
                continue
            for i, raw in enumerate(value):
                where = f"{key}[{i}]"
                entry_id = raw.get("id") if isinstance(raw, dict) else None
                if not isinstance(entry_id, str):
                    problems.append(Problem(label, where + ".id", "is missing; every entry needs a string id"))
                    continue
                where = f"{key}[id={entry_id}]"
                if entry_id in lists[key] and lists[key][entry_id][0] == label:
                    problems.append(Problem(label, where, "is defined twice in this file; keep one"))
                lists[key][entry_id] = (label, where, raw)
        elif key in TABLES:
            if not isinstance(value, dict):
                problems.append(Problem(label, key, f"must be a table ([{key}]), not a {type(value).__name__}"))
                continue
            tables[key].update(value)
            table_files[key] = label
        else:
            known = ", ".join(sorted([*LISTS, *TABLES]))
            problems.append(Problem(label, key, f"is not a known table; expected one of {known}"))


def _validate(model: type[_M], raw: Any, label: str, where: str, problems: list[Problem]) -> _M | None:
    """``raw`` as a ``model``, or None with its problems added in the wording table's words."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
            problems.append(Problem(label, f"{where}{path}", explain_at_key(err)))
    return None


def _cross_check(
    entries: dict[str, list[Any]], meta: Meta | None, lists: dict[str, dict[str, tuple[str, str, Any]]]
) -> list[Problem]:
    """References between entries: a tactic's platform and goals, a rule's criterion,
    a preset's goals and ids, the default preset, score keys."""
    problems: list[Problem] = []
    platforms = {p.id for p in entries["platforms"]}
    goals = {g.id for g in entries["goals"]}
    criteria = {c.id for c in entries["criteria"]}
    tactic_ids = {t.id for t in entries["tactics"]}
    score_keys = set(SCORE_KEYS) | {k for c in entries["criteria"] for k in (c.key, c.tracked_key) if k}

    def where(key: str, entry_id: str) -> tuple[str, str]:
        label, loc, _ = lists[key][entry_id]
        return label, loc

    for clash in sorted(platforms & tactic_ids):
        label, loc = where("tactics", clash)
        problems.append(Problem(label, loc, "has the same id as a platform; ids in exclude and bounds must be unambiguous"))
    for t in entries["tactics"]:
        label, loc = where("tactics", t.id)
        for key in sorted(set(t.scores) - score_keys):
            problems.append(Problem(label, f"{loc}.scores.{key}", f"is not a score any criterion reads; check the spelling (known: {', '.join(sorted(score_keys))})"))
        if t.platform not in platforms:
            problems.append(Problem(label, f"{loc}.platform", f"{t.platform!r} is not a known platform; known: {', '.join(sorted(platforms))}"))
        for g in t.goals:
            if g not in goals:
                problems.append(Problem(label, f"{loc}.goals", f"{g!r} is not a known goal; known: {', '.join(sorted(goals))}"))
    for c in entries["criteria"]:
        for key in (c.key, c.tracked_key):
            if key is not None and any(key not in t.scores for t in entries["tactics"]):
                label, loc = where("criteria", c.id)
                problems.append(Problem(label, f"{loc}.key", f"{short(key)} is not scored by every tactic; add scores.{short(key)[1:-1]} to each tactic"))
    for r in entries["weight_rules"]:
        if r.criterion not in criteria:
            label, loc = where("weight_rules", r.id)
            problems.append(Problem(label, f"{loc}.criterion", f"{r.criterion!r} is not a known criterion; known: {', '.join(sorted(criteria))}"))
    for p in entries["presets"]:
        label, loc = where("presets", p.id)
        for g in p.scenario.goals:
            if g not in goals:
                problems.append(Problem(label, f"{loc}.scenario.goals", f"{g!r} is not a known goal"))
        for ref in [*p.scenario.exclude, *p.scenario.bounds]:
            if ref not in platforms and ref not in tactic_ids:
                problems.append(Problem(label, f"{loc}.scenario", f"{ref!r} is neither a platform nor a tactic id"))
    if meta is not None and meta.default_preset and meta.default_preset not in {p.id for p in entries["presets"]}:
        problems.append(Problem("strategies", "meta.default_preset", f"{meta.default_preset!r} is not a preset id"))
    if not entries["tactics"] and not lists["tactics"]:
        problems.append(Problem("strategies", "tactics", "there are no tactics; add at least one [[tactics]]"))
    return problems


def _check_citations(
    sources: list[Source],
    lists: dict[str, dict[str, tuple[str, str, Any]]],
    tables: dict[str, dict[str, Any]],
    key_files: dict[str, dict[str, str]],
    cited: set[str],
) -> list[Problem]:
    """Every citation names a source in the merged registry, and a section that source
    lists. Walks the raw entries, so no ``source`` anywhere is missed; a citation with
    no recognised form was already reported by validation. Adds the id of every source
    cited to ``cited``."""
    registry = {s.id: s for s in sources}
    broken = set(lists["sources"]) - set(registry)  # reported already; do not repeat
    problems: list[Problem] = []

    def check(label: str, where: str, node: Any) -> None:
        for path, ref in _citations(node):
            parsed = citations.parse(ref)
            if parsed is None:
                continue
            for source_id, section in citations.cited(parsed):
                cited.add(source_id)
                if source_id in broken:
                    continue
                message = citations.reference_problem(source_id, section, registry)
                if message is not None:
                    problems.append(Problem(label, f"{where}{path}", message))

    for key, entries in lists.items():
        if key != "sources":
            for label, where, raw in entries.values():
                check(label, where, raw)
    for key, table in tables.items():
        for name, value in table.items():
            check(key_files[key].get(name, "strategies"), key, {name: value})
    return problems


def _citations(node: Any, path: str = "") -> list[tuple[str, str]]:
    """(key path, citation) for every ``source`` and ``*_source`` string under ``node``."""
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}"
            if (key == "source" or key.endswith("_source")) and isinstance(value, str):
                found.append((where, value))
            else:
                found += _citations(value, where)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += _citations(item, f"{path}[{i}]")
    return found
