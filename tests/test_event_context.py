"""When and where an event happened, end to end on invented sentences (CODING.md sections 5 and 6)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _event(result, root: str):
    return next(e for e in result.events if e.cameo_root == root)


# --- dates (CODING.md section 5) -------------------------------------------------------------

def test_date_in_a_relative_clause_on_the_speaker_is_not_the_statement_date(code):
    # "who has led the country since 2009" tells of the speaker, not of the accusation
    text = ("Zambian President Peter Mwale, who has led the country since 2009, told a rally in Lusaka "
            "on Friday that the opposition was lying and accused Malawi of arming the rebels.")
    event = _event(code(text, published="2016-03-05"), "11")
    assert event.date == "2016-03-04"
    assert event.location is not None and event.location.country == "ZMB"  # "told a rally in Lusaka"


def test_date_of_a_relative_clause_on_an_object_is_not_the_event_date(code):
    text = ("The Nigerian army announced on Saturday that a truce which began on March 1 was over, "
            "accusing the rebels of breaking it.")
    event = _event(code(text, published="2016-03-05"), "11")
    assert event.date == "2016-03-05"


def test_relative_clause_on_the_event_itself_gives_its_date(code):
    # "the talks ..., which opened in Nairobi on Sunday": a multi-day event takes its stated start
    text = ("Kenya's talks with Uganda on the border dispute, which opened in Nairobi on Sunday, "
            "ended on Tuesday without agreement.")
    event = _event(code(text, published="2016-03-09"), "04")
    assert event.date == "2016-03-06"


def test_date_naming_a_thing_is_not_the_event_date(code):
    # "the March 1 truce" names the truce; the appeal takes its own (publication) date
    text = "The African Union appealed to Sudan and South Sudan to respect the March 1 truce."
    event = _event(code(text, published="2016-03-09"), "02")
    assert event.date == "2016-03-09"


@pytest.mark.parametrize("opening", ["During the call", "In the same call,"])
def test_act_told_inside_an_earlier_scene_takes_its_date(code, opening):
    text = ("Chilean President Ana Torres telephoned Peruvian President Luis Vega on Thursday. "
            f"{opening} Vega rejected the Chilean proposal.")
    event = _event(code(text, published="2016-03-12"), "12")
    assert event.date == "2016-03-10"


@pytest.mark.parametrize("gap, date", [("a day after", "2016-03-11"), ("hours after", "2016-03-12")])
def test_undated_a_day_after_counts_back_from_the_scene_told_before(code, gap, date):
    # "The attack came a day after ...": the attack is the one told, with its date, just before
    text = ("Gunmen stormed a police station in northern Mali on Saturday, killing six officers. "
            f"The attack came {gap} Malian troops shelled rebel positions near Gao.")
    event = _event(code(text, published="2016-03-14"), "19")
    assert event.date == date


def test_hours_later_counts_from_the_scene_told_before(code):
    # "hours later" follows the dated act of the sentence before, not the publication date
    text = ("Peru expelled Bolivia's ambassador on Friday. "
            "Bolivia responded hours later, ordering the Peruvian ambassador in La Paz to leave.")
    result = code(text, published="2016-03-14")
    assert [e.date for e in result.events if (e.source.code or "").startswith("BOL") and e.cameo_root == "16"] == ["2016-03-11"]


def test_conjoined_act_shares_a_day_after(code):
    text = ("Rebels shelled the town of Kidal on Saturday. The shelling came a day after the rebels "
            "crossed the river and raided the Malian village of Tessit.")
    result = code(text, published="2016-03-14")
    raid = next(e for e in result.events if e.trigger == "raided")
    assert raid.date == "2016-03-11"


# --- places (CODING.md section 6) ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Kenyan President Daniel Otieno, speaking in Geneva, condemned the Ugandan raid.",
    ("Kenyan President Daniel Otieno on Monday condemned the Ugandan raid, "
     "speaking to reporters in Geneva."),
    "Kenyan President Daniel Otieno told a news conference in Geneva that the raid was illegal and accused Uganda of lying.",
])
def test_statement_is_located_where_its_speaker_spoke(code, text):
    event = _event(code(text, published="2016-03-14", dateline="Nairobi"), "11")
    assert event.location is not None and event.location.country == "CHE"


def test_here_is_the_dateline(code):
    # "here" is the dateline's place, not the country named in what was agreed
    text = "Kenya and Ethiopia signed a peace accord here on Sunday, committing both to end the Somalia conflict."
    result = code(text, published="2016-03-14", dateline="Nairobi")
    assert {e.location.country for e in result.events if e.cameo_root == "05"} == {"KEN"}


def test_summons_is_located_at_home_where_named(code):
    text = "Kenya's foreign ministry summoned the Ugandan ambassador in Nairobi on Monday."
    event = _event(code(text, published="2016-03-14"), "11")
    assert event.location is not None and event.location.country == "KEN"


def test_country_qualifying_an_actor_is_no_place():
    # "U.S. military aircraft" names the actor's country: no place of the act
    from eventwire.nlp import load_pipeline
    from eventwire.nlp.attach import _is_actor_span

    doc = load_pipeline()("U.S. military aircraft held joint exercises with the Ghana Armed Forces on Friday.")
    place = next(p for p in doc._.ew_places if p.country == "USA")
    assert _is_actor_span(doc, place)


def test_next_week_is_no_date_of_an_intent(code):
    # the visit is planned: the intent takes the statement's date, even in the same month
    text = "Ghanaian President Kofi Mensah will travel to Lome next week to meet Togolese leaders, his office said."
    event = _event(code(text, published="2016-03-09"), "03")
    assert event.date == "2016-03-09"


def test_date_inside_an_offer_is_the_offered_acts(code):
    # "on Friday" is when the talks would be held: the offer, and the appeal beside it, take the
    # statement (publication) date
    text = ("Ghanaian President Kofi Mensah offered to host talks between Togo and Benin in Accra on Friday, "
            "while Nigeria urged both sides to end the dispute.")
    result = code(text, published="2016-03-08")
    assert {e.date for e in result.events if e.cameo_root in ("02", "03")} == {"2016-03-08"}


def test_days_apart_counts_from_the_first_conjunct(code):
    # "recalled ... on Monday and closed ..., two days after X attacked": two days before Monday
    text = ("Kenya recalled its ambassador to Somalia on Monday and closed the border, two days after "
            "Somali gunmen attacked a Kenyan police post.")
    event = next(e for e in code(text, published="2016-03-09").events if e.trigger == "attacked")
    assert event.date == "2016-03-05"


def test_conjoined_statement_is_where_the_first_conjunct_was(code):
    # "met in Cairo ... and condemned": the same subject, the same scene
    text = "Arab League foreign ministers met in Cairo on Sunday and condemned the Israeli raid on Gaza."
    event = _event(code(text, published="2016-03-14", dateline="Beirut"), "11")
    assert event.location is not None and event.location.country == "EGY"


def test_within_minutes_counts_from_the_scene_told_before(code):
    text = ("Syrian troops shelled the Turkish border town of Akcakale on Sunday. "
            "Turkish soldiers stationed in the town returned fire within minutes, the army said.")
    result = code(text, published="2019-03-07")
    reply = next(e for e in result.events if e.trigger == "returned")
    assert reply.date == "2019-03-03"


def test_date_on_a_noun_naming_an_act_is_that_acts(code):
    # "Germany's decision on Tuesday to expel": Tuesday is the expulsion's day, not the retaliation's
    text = ("Iran said Saturday it was expelling 12 German diplomats and closing the Goethe Institute's offices "
            "in the country, retaliating for Germany's decision on Tuesday to expel the same number of Iranian "
            "envoys over the arrest of a journalist.")
    result = code(text, published="2019-03-07")
    assert next(e for e in result.events if e.trigger == "expelling").date == "2019-03-02"
    assert next(e for e in result.events if e.trigger == "expel").date == "2019-03-05"


@pytest.mark.parametrize("text, day", [
    ("Georgian riot police beat and dispersed hundreds of demonstrators who had marched on parliament in "
     "Tbilisi on Monday night, arresting 30 of them, activists said.", "2019-03-04"),
    ("Kenyan police broke up a crowd of students who had gathered outside the university in Nairobi on "
     "Tuesday evening, detaining at least 12 of them.", "2019-03-05"),
])
def test_act_on_a_crowd_takes_the_day_its_relative_clause_tells(code, text, day):
    # the act met the crowd where and when the clause says it gathered; so does the arrest it led to
    result = code(text, published="2019-03-07")
    assert {e.date for e in result.events if e.cameo_root == "17"} == {day}
