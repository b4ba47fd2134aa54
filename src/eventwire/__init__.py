"""eventwire: news articles in, coded event data out (CAMEO, PLOVER, QuadClass, Goldstein).

Python API::

    import eventwire
    result = eventwire.code_text(open("article.txt").read())
    for event in result.events:
        print(event.source.code, event.cameo, event.target and event.target.code)
"""

from __future__ import annotations

__version__ = "0.1.0"

from eventwire.pipeline import code_articles, code_files, code_stream, code_text  # noqa: E402

__all__ = ["__version__", "code_articles", "code_files", "code_stream", "code_text"]
