"""HTML pages: trafilatura finds the main text (no navigation, scripts or footers) and metadata."""

from __future__ import annotations

import logging

import trafilatura

from eventwire.model import Article, Failure
from eventwire.sources.checks import check_article
from eventwire.sources.text import article_from_fields

log = logging.getLogger(__name__)

NO_TEXT = "no article text found in HTML"


def read_html(html: str, input: str, published: str | None = None) -> Article | Failure:
    """The article of one HTML page: title, date, site name (or author) as source, url, main text."""
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False,
        )
    except Exception as exc:  # trafilatura raises assorted parser errors on malformed pages
        log.debug("trafilatura failed on %s", input, exc_info=True)
        return Failure(input, f"HTML could not be parsed ({type(exc).__name__})")
    if doc is None or not (doc.text or "").strip():
        return Failure(input, NO_TEXT)
    title = (doc.title or "").strip() or None
    lines = doc.text.strip().split("\n")
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]  # the page's <h1> repeats the title at the top of the main text
    if not any(line.strip() for line in lines):
        return Failure(input, NO_TEXT)
    article = article_from_fields(
        "\n".join(lines), title=title, source=doc.sitename or doc.author,
        published=doc.date, url=doc.url, origin=input, published_override=published,
    )
    return check_article(article, input)
