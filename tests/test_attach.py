"""Places of events (CODING.md section 6) and capitals as actors (section 7), on hand-written text."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _event(result, root: str):
    return next(e for e in result.events if e.cameo_root == root)


@pytest.mark.parametrize("text, dateline, root", [
    # an unnamed site ("along the border", "positions") is no dateline city and no target country
    ("Kenyan and Somali troops began joint patrols along their shared frontier on Monday.", "Nairobi", "06"),
    ("Ethiopian forces shelled Eritrean positions overnight, the army said.", "Addis Ababa", "19"),
    ("Turkish jets shot down a Syrian helicopter near the Iraqi border on Tuesday.", "Ankara", "19"),
])
def test_unnamed_site_has_no_place(code, text, dateline, root):
    assert _event(code(text, dateline=dateline), root).location is None


def test_named_place_beside_a_site_still_counts(code):
    result = code("Sudanese army warplanes bombed RSF positions east of El Fasher on Wednesday.", dateline="Port Sudan")
    assert _event(result, "19").location.country == "SDN"


@pytest.mark.parametrize("text, dateline, root, country", [
    ("Gunmen on motorbikes raided the Malian farming village of Ntakoro on Friday.", "Niamey", "18", "MLI"),
    ("Palestinian President Mahmoud Abbas declared a state of emergency in Palestinian cities on Saturday.",
     "Jerusalem", "17", "PSE"),
])
def test_settlement_placed_by_its_demonym(code, text, dateline, root, country):
    assert _event(code(text, dateline=dateline), root).location.country == country


@pytest.mark.parametrize("text, dateline, country", [
    # a party belongs to the dateline's country: the dateline city
    ("Kenyan police arrested five protesters on Tuesday.", "Nairobi", "KEN"),
    # no party does, but both share a country: that country
    ("Palestinian police arrested 40 Hamas militants overnight.", "Jerusalem", "PSE"),
])
def test_dateline_only_for_its_own_country(code, text, dateline, country):
    assert _event(code(text, dateline=dateline), "17").location.country == country


@pytest.mark.parametrize("dateline, name", [("Moscow", "Moscow"), ("Tallinn", None)])
def test_expulsions_happen_at_home(code, dateline, name):
    result = code("Russia expelled 10 Estonian diplomats on Monday.", dateline=dateline)
    location = _event(result, "16").location
    assert (location.name if location else None) == name


def test_statement_takes_the_place_its_speaker_spoke(code):
    text = ("Bolivian President Evo Morales on Monday expelled the U.S. ambassador. "
            "Speaking to supporters in La Paz on Monday, Morales accused Washington of backing the opposition.")
    result = code(text, published="2008-09-12")
    assert _event(result, "16").location.country == "BOL"


@pytest.mark.parametrize("text, root", [
    ("U.S. envoy Tom Perriello called on the army and the RSF to return to talks in Geneva.", "02"),
])
def test_place_inside_what_is_said_is_not_where_it_was_said(code, text, root):
    assert _event(code(text, dateline="Moscow"), root).location is None


@pytest.mark.parametrize("text, name, actor", [
    ("Kiev on Sunday accused Moscow of declaring war on Ukraine.", "Moscow", "RUS"),
    ("Rebel leaders met government envoys for talks in Moscow on Friday.", "Moscow", None),
    ("Israeli jets struck targets in Lebanon on Monday.", "Lebanon", "LBN"),
])
def test_capitals_acting_carry_their_country(code, text, name, actor):
    entity = next(e for e in code(text).entities if e.text == name)
    assert entity.actor == actor


@pytest.mark.parametrize("text, trigger, country", [
    # "the country": the source's own country
    ("Iran on Monday banned all Britons in the country from leaving, and Britain retaliated by expelling "
     "Iranian diplomats.", "banned", "IRN"),
    # "the town": where "the Turkish border town of Akcakale" told before is
    ("Syrian troops shelled the Turkish border town of Akcakale on Sunday. "
     "Turkish soldiers stationed in the town returned fire within minutes, the army said.", "returned", "TUR"),
])
def test_definite_place_noun_means_the_place_named_before(code, text, trigger, country):
    event = next(e for e in code(text, dateline="London").events if e.trigger == trigger)
    assert event.location is not None and event.location.country == country
