"""End to end on the seed article: the events of shared/seed/expected.json, and nothing else."""

from __future__ import annotations

import json

import pytest

from conftest import SEED, SHARED
from eventwire.evaluate import _match, _root_match
from eventwire.pipeline import code_files

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not SEED.exists(), reason="shared/seed not beside the repo")]


@pytest.fixture(scope="module")
def seed_result():
    return next(iter(code_files([str(SEED)])))


def test_metadata_found(seed_result):
    article = seed_result.article
    assert (article.title, article.source, article.published) == (
        "Russia ready to work with France in fight against terrorism: Putin", "Xinhua", "2015-11-27")


def test_events_match_expected_at_root_level(seed_result):
    expected = json.loads((SHARED / "seed" / "expected.json").read_text())["events"]
    predicted = seed_result.to_dict()["events"]
    pairs = _match(expected, predicted, _root_match)
    assert len(pairs) == len(expected) == len(predicted), [
        (e["source"]["code"], e["cameo"], e["target"] and e["target"]["code"]) for e in predicted]


@pytest.mark.parametrize("cameo, target, date, fatalities, country", [
    ("180", "FRA", "2015-11-13", 130, "FRA"),
    ("180", "RUS", "2015-10-31", 224, "EGY"),
])
def test_attacks_carry_date_place_and_toll(seed_result, cameo, target, date, fatalities, country):
    event = next(e for e in seed_result.events if e.cameo == cameo and e.target.code == target)
    assert (event.date, event.fatalities, event.location.country) == (date, fatalities, country)
    assert event.location.lat is not None and event.location.lon is not None


@pytest.mark.parametrize("target, date", [("FRA", "2015-11-26"), ("DEU", "2015-11-25")])
def test_weekdays_resolve_against_publication(seed_result, target, date):
    """"said on Thursday" (Putin's offer) and "On Wednesday" (Hollande with Merkel)."""
    assert any(e.target.country == target and e.cameo_root == "03" and e.date == date for e in seed_result.events)


@pytest.mark.parametrize("starts, speaker, actor", [
    ("We believe this is absolutely necessary", "Vladimir Putin", "RUSGOV"),
    ("Terrorism is our common enemy.", "Francois Hollande", "FRAGOV"),
])
def test_quotes_have_speakers(seed_result, starts, speaker, actor):
    quote = next(q for q in seed_result.quotes if q.text.startswith(starts))
    assert (quote.speaker, quote.speaker_actor, quote.direct) == (speaker, actor, True)


def test_entities_and_counts(seed_result):
    actors = {e.text: e.actor for e in seed_result.entities}
    assert actors["Vladimir Putin"] == "RUSGOV" and actors["Kremlin"] == "RUSGOV"
    assert {(c.kind, c.number) for c in seed_result.counts} == {("killed", 130), ("killed", 224)}
