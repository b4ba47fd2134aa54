"""The rule lookups give exactly the model's own rule components' output: the attribute lookup the
AttributeRuler's matches and annotations, the lemma memo the Lemmatizer's lemmas (the pipeline
uses them in their place, for speed)."""

import importlib
import json
from pathlib import Path

import pytest
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from eventwire.nlp import MODEL_PACKAGE, load_pipeline
from eventwire.nlp.rule_lookups import AttributeLookup, LemmaMemo, LookupAttributeRuler

pytestmark = pytest.mark.slow

GOLD = Path(__file__).parent / "gold"
# Contractions, the model's two-token lemma rules, spaces and punctuation in odd places.
EDGES = ("I ain't gonna wait, he gets what he got. Let's go!  We gotta, y'all can't won't.\n\n"
         "\"Don't,\" said Lt. Col. O'Neil -- 3.5 km away; U.S.-led talks (IS) 's  \t end")


@pytest.fixture(scope="module")
def bare():
    return importlib.import_module(MODEL_PACKAGE).load()


@pytest.fixture(scope="module")
def texts() -> list[str]:
    raws = [json.loads(line)["raw"] for file in sorted(GOLD.glob("*.jsonl")) for line in file.open() if line.strip()]
    return raws + [EDGES]


def test_matches_equal_the_rulers_own(bare, texts):
    ruler = bare.get_pipe("attribute_ruler")
    lookup = AttributeLookup(ruler)
    with bare.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(bare.pipe(texts))
    for doc in docs:
        assert lookup.match(doc) == ruler.match(doc), doc.text[:60]


def test_annotations_equal_the_rulers_own(bare, texts):
    ruler, lemmatizer = bare.get_pipe("attribute_ruler"), bare.get_pipe("lemmatizer")
    stand_in, memo = LookupAttributeRuler(ruler), LemmaMemo(lemmatizer)
    with bare.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(bare.pipe(texts))
    for doc in docs:
        copy = Doc(bare.vocab).from_bytes(doc.to_bytes())
        theirs, ours = lemmatizer(ruler(doc)), memo(stand_in(copy))
        assert [(t.pos_, t.tag_, t.dep_, t.lemma_, str(t.morph)) for t in ours] == \
               [(t.pos_, t.tag_, t.dep_, t.lemma_, str(t.morph)) for t in theirs], doc.text[:60]


def test_the_pipeline_uses_the_lookup_in_the_rulers_place():
    names = load_pipeline().pipe_names
    assert "attribute_ruler" not in names and "lemmatizer" not in names
    assert names.index("parser") < names.index("eventwire_attribute_lookup") < names.index("eventwire_lemma_memo")


def test_a_pattern_it_does_not_understand_keeps_the_matcher(bare):
    ruler = AttributeRuler(bare.vocab)
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "much"})
    stand_in = LookupAttributeRuler(ruler)
    assert stand_in.match == ruler.match
    doc = stand_in(bare.make_doc("very very good"))
    assert [t.lemma_ for t in doc] == ["much", "much", ""]
