"""docs/model.md stays in step with the knowledge base it explains."""

from __future__ import annotations

from pathlib import Path

from planner.engine.weights import features
from planner.knowledge.schema import FEATURES
from planner.models import Scenario

DOC = (Path(__file__).resolve().parents[1] / "docs" / "model.md").read_text(encoding="utf-8")


def test_every_criterion_and_rule_is_explained(kb) -> None:
    for c in kb.criteria:
        assert f"`{c.id}`" in DOC, c.id
    for r in kb.weight_rules:
        assert f"`{r.id}`" in DOC, r.id


def test_every_feature_is_explained_and_computed() -> None:
    assert set(features(Scenario())) == set(FEATURES)
    for f in FEATURES:
        assert f"`{f}`" in DOC, f


def test_every_warning_code_is_explained() -> None:
    import re

    codes = set()
    for path in (Path(__file__).resolve().parents[1] / "planner" / "engine").glob("*.py"):
        codes |= set(re.findall(r'code="([a-z-]+)"', path.read_text(encoding="utf-8")))
    assert codes
    for code in codes:
        assert f"`{code}`" in DOC, code
