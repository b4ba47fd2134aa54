"""Articles -> ArticleResults: batching, a pool of worker processes, per-article failures.

Each worker process loads the spaCy pipeline once. Results come back in input order and the
stream is bounded (a window of chunks in flight), so memory stays flat however long the input.
A Failure in the input passes through unchanged; an article whose coding raises becomes a Failure
with stage "code" instead of stopping the batch.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
from collections import deque
from itertools import islice
from typing import Iterable, Iterator

from eventwire.model import Article, ArticleResult, Failure

log = logging.getLogger(__name__)

CHUNK = 32  # articles per task sent to a worker


def code_text(text: str, published: str | None = None, title: str | None = None,
              source: str | None = None) -> ArticleResult:
    """Code one article given as text (wire boilerplate is cleaned as for a .txt file).

    Raises eventwire.errors.InputError when the text is not an article.
    """
    from eventwire.errors import InputError
    from eventwire.sources import read_text

    item = read_text(text, origin="<text>", published=published)
    if isinstance(item, Failure):
        raise InputError(item.reason)
    if title or source:
        from dataclasses import replace
        item = replace(item, title=title or item.title, source=source or item.source)
    return _code_chunk([item])[0]  # type: ignore[return-value]


def code_articles(articles: Iterable[Article], workers: int = 1) -> Iterator[ArticleResult | Failure]:
    """Code Articles, in order; see ``code_stream``."""
    return code_stream(articles, workers=workers)


def code_files(paths: Iterable[str], published: str | None = None, workers: int = 1) -> Iterator[ArticleResult | Failure]:
    """Read files, folders or "-" and code every article in them, in order."""
    from eventwire.sources import read_inputs

    return code_stream(read_inputs(paths, published=published), workers=workers)


def code_stream(items: Iterable[Article | Failure], workers: int = 1) -> Iterator[ArticleResult | Failure]:
    """Code a stream of Articles (Failures pass through) on ``workers`` processes, in input order."""
    check_data()  # a broken lexicon is one clear error, not a failure per article
    chunks = _chunks(items, CHUNK)
    if workers <= 1:
        for chunk in chunks:
            yield from _code_chunk(chunk)
        return
    context = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    with context.Pool(workers, initializer=_warm_up) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_code_chunk, (chunk,)))
            if len(pending) >= workers * 2:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def check_data() -> None:
    """Load and validate every shipped lexicon and codebook (raises LexiconError naming file and line)."""
    from eventwire.codebooks.actors import load_actors
    from eventwire.codebooks.cameo import load_cameo
    from eventwire.codebooks.lexicon import load_lexicon
    from eventwire.codebooks.modality import load_modality_words
    from eventwire.context.counts import default_count_words

    load_cameo(), load_lexicon(), load_actors(), load_modality_words(), default_count_words()


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _warm_up() -> None:
    """Load the pipeline once when a worker process starts."""
    from eventwire.nlp import load_pipeline

    load_pipeline()


def _code_chunk(chunk: list[Article | Failure]) -> list[ArticleResult | Failure]:
    """Code the Articles of a chunk; Failures pass through, an article that raises becomes one."""
    from eventwire.nlp import annotate

    articles = [item for item in chunk if isinstance(item, Article)]
    results: dict[int, ArticleResult | Failure] = {}
    try:
        for article, result in zip(articles, annotate(articles)):
            results[id(article)] = result
    except Exception:  # one bad article must not lose the chunk: retry one by one
        log.debug("chunk failed, retrying article by article", exc_info=True)
        for article in articles:
            if id(article) in results:
                continue
            try:
                results[id(article)] = next(iter(annotate([article])))
            except Exception as error:  # noqa: BLE001 - becomes data, with its reason
                results[id(article)] = Failure(article.origin or article.id, f"{type(error).__name__}: {error}", stage="code")
    return [item if isinstance(item, Failure) else results[id(item)] for item in chunk]
