"""The CI quality gate: the coder's figures on the team's gold set stay above pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.evaluate import check_floors, evaluate
from eventwire.gold import code_gold, read_gold

pytestmark = pytest.mark.slow
GOLD = Path(__file__).parent / "gold"


def test_gold_figures_meet_floors():
    gold = read_gold(GOLD)
    report = evaluate(gold, code_gold(gold))
    floors = json.loads((GOLD / "floors.json").read_text())
    assert check_floors(report.figures(), floors) == [], report.figures()


def test_check_floors_reports_a_drop():
    assert check_floors({"event_root_f1": 0.5, "events_in_no_event_articles": 2},
                        {"event_root_f1": 0.6, "events_in_no_event_articles_max": 0}) == [
        "event_root_f1 = 0.5 < 0.6", "events_in_no_event_articles = 2 > 0"]


def test_no_article_of_the_gold_set_or_samples_crashes_the_coder():
    from eventwire.model import Failure
    from eventwire.pipeline import code_files, code_stream
    from eventwire.sources import read_text

    gold = read_gold(GOLD)
    items = [read_text(g["raw"], origin=g["id"], published=g["published"]) for g in gold]
    results = list(code_stream(items)) + list(code_files([str(Path(__file__).parent.parent / "samples")]))
    assert [r for r in results if isinstance(r, Failure)] == []
