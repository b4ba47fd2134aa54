"""The gold sets themselves: well-formed, self-consistent, and (the tuning set) covering what
CODING.md asks for. The held-out set is checked for form only: it is small on purpose."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from eventwire.codebooks.cameo import load_cameo
from eventwire.gold import read_gold

GOLD = Path(__file__).parent / "gold"
ARTICLES = read_gold(GOLD)
HELDOUT = read_gold(Path(__file__).parent / "heldout")
CAMEO = load_cameo()


def test_size_and_coverage():
    roots = Counter(e["cameo"][:2] for a in ARTICLES for e in a["events"])
    assert len(ARTICLES) >= 40
    assert all(roots[f"{r:02d}"] >= 3 for r in range(1, 21)), roots
    assert sum(1 for a in ARTICLES if not a["events"]) >= 5


def test_ids_are_unique():
    ids = [a["id"] for a in ARTICLES + HELDOUT]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("article", ARTICLES + HELDOUT, ids=lambda a: a["id"])
def test_article_is_consistent(article):
    raw = article["raw"]
    for event in article["events"]:
        assert event["quote"] in raw, event["quote"]
        code = CAMEO[event["cameo"]]
        assert event["cameo_root"] == code.root
        assert event["plover"] == code.plover, (event["cameo"], event["plover"], code.plover)
    for quote in article.get("quotes", []):
        assert quote["starts"] in raw
    for count in article.get("counts", []):
        assert count["quote"] in raw and isinstance(count["number"], int)


def test_floors_file_names_known_figures():
    from eventwire.evaluate import Report

    floors = json.loads((GOLD / "floors.json").read_text())
    known = set(Report().figures())
    assert {name.removesuffix("_max") for name in floors} <= known
