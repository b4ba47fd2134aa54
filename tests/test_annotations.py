"""The per-Doc column helpers agree with spaCy's own objects (they replace them on hot paths)."""

from __future__ import annotations

import pytest

from eventwire.nlp.annotations import column, doc_text, heads, span_root, span_text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from eventwire.nlp import load_pipeline

    return load_pipeline()

TEXT = ("Russian President Vladimir Putin said on Thursday that Russia is ready to join France, "
        "before meeting his visiting French counterpart. The attacks in Paris , which killed 130 "
        "people , were claimed by Islamic State ( IS ) .\n\nIsraeli jets struck Gaza overnight.")


def test_heads_and_span_roots_match_spacy(nlp):
    doc = nlp(TEXT)
    assert heads(doc) == [t.head.i for t in doc]
    for start in range(len(doc)):
        for length in range(1, 9):
            if start + length <= len(doc):
                assert span_root(doc, start, start + length) == doc[start:start + length].root.i, (start, length)


def test_columns_and_text_match_spacy(nlp):
    doc = nlp(TEXT)
    assert column(doc, "LOWER") == [t.lower for t in doc]
    assert doc_text(doc) == doc.text
    assert all(span_text(sent) == sent.text for sent in doc.sents)
