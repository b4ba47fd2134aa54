"""The event coder on small hand-written sentences: actors, roles, voice, negation, modality."""

from __future__ import annotations

import pytest

from conftest import dyads

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text, expected",
    [
        # plain transitive verbs and prepositional targets
        ("Israeli troops shelled the Gaza Strip on Monday.", ("ISRMIL", "19", "PSE")),
        ("The Russian foreign ministry accused Ukraine of shelling the plant.", ("RUSGOV", "11", "UKR")),
        ("German Chancellor Angela Merkel met with French President Emmanuel Macron in Berlin.", ("DEUGOV", "04", "FRAGOV")),
        ("Kenyan police arrested five protesters in Nairobi.", ("KENCOP", "17", "KENCVL")),
        # capital and seat-of-government metonyms
        ("The Kremlin rejected Poland's proposal.", ("RUSGOV", "12", "POL")),
        ("Moscow expelled two British diplomats.", ("RUS", "16", "GBRGOV")),
        # passive voice with a by-agent
        ("Five protesters were arrested by Kenyan police.", ("KENCOP", "17", "KENCVL")),
        # control: the subject of the governing clause acts
        ("Russia is ready to join France in the fight against terrorism.", ("RUS", "03", "FRA")),
        # nominal events with a national modifier or possessive
        ("Russian air strikes on Aleppo killed 12 people.", ("RUS", "19", "SYR")),
    ],
)
def test_single_sentence_dyads(code, text, expected):
    result = code(text, published="2019-06-01")
    source, root, target = expected
    roots = {(s, c[:2], t) for s, c, t in dyads(result)}
    assert (source, root, target) in roots, roots


def test_compound_subject_gives_one_event_per_actor(code):
    result = code("France and Russia condemned Turkey for the incursion.")
    pairs = {(s[:3], t[:3]) for s, c, t in dyads(result) if c.startswith("11") and t}
    assert {("FRA", "TUR"), ("RUS", "TUR")} <= pairs


def test_negation_is_marked(code):
    result = code("The Syrian army did not attack the town of Daraa.")
    assert result.events and all(e.negated for e in result.events)


def test_future_cooperation_becomes_intent(code):
    result = code("Chinese President Xi Jinping will visit Russia next week.")
    assert any(e.cameo.startswith("03") and e.modality == "intended" and e.target.code == "RUS" for e in result.events)


def test_surname_and_pronoun_follow_the_first_full_mention(code):
    result = code("Russian President Vladimir Putin arrived in Turkey. Putin criticized Germany. He also praised Iran.")
    codes = dyads(result)
    assert ("RUSGOV", "111", "DEU") in {(s, c[:3], t) for s, c, t in codes}
    assert any(s == "RUSGOV" and c.startswith("05") and t == "IRN" for s, c, t in codes)


@pytest.mark.parametrize(
    "text",
    [
        "Heavy rain flooded parts of Jakarta on Tuesday, the weather agency said.",
        "Manchester United beat Arsenal 2-1 on Saturday.",
        "Shares of Apple rose 3 percent after the company reported record profits.",
    ],
)
def test_no_event_in_non_political_text(code, text):
    assert code(text).events == ()
