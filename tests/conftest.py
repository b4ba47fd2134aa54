"""Shared fixtures: the loaded pipeline (once per test session) and a one-call coder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_73f91dd4694867d8.txt"


@pytest.fixture(scope="session")
def code():
    """code(text, published="2015-11-27") -> ArticleResult, through the real pipeline."""
    from eventwire.model import Article
    from eventwire.nlp import annotate

    def run(text: str, published: str = "2015-11-27", dateline: str | None = None):
        article = Article(id="t", text=text, published=published, dateline=dateline)
        return next(iter(annotate([article])))

    return run


def dyads(result) -> set[tuple[str | None, str, str | None]]:
    """(source code, CAMEO code, target code) of a result's events."""
    return {(e.source.code, e.cameo, e.target.code if e.target else None) for e in result.events}
