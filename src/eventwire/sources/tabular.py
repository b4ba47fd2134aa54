"""CSV input with a header row: ``text`` required; ``id``, ``title``, ``source``, ``published``,
``url`` optional. A row with no text becomes a Failure with its line; the rest go on."""

from __future__ import annotations

import csv
from typing import Iterator, TextIO

from eventwire.model import Article, Failure
from eventwire.sources.checks import check_article
from eventwire.sources.text import article_from_fields

FIELDS = ("id", "title", "source", "published", "url")


def read_csv(
    stream: TextIO, input: str, published: str | None = None, max_bytes: int | None = None,
) -> Iterator[Article | Failure]:
    """Articles (or Failures) from a CSV text stream named ``input`` (open it with newline="")."""
    if max_bytes is not None and csv.field_size_limit() < max_bytes:
        csv.field_size_limit(max_bytes)  # one cell may hold a whole article
    reader = csv.reader(stream)
    try:
        header = next(reader, None)
    except (csv.Error, UnicodeDecodeError) as exc:
        yield Failure(input, _reason(exc), line=1)
        return
    if not header or not any(cell.strip() for cell in header):
        yield Failure(input, "empty")
        return
    columns = [cell.strip().lower() for cell in header]
    if "text" not in columns:
        listed = ", ".join(cell.strip() for cell in header)
        yield Failure(input, f"CSV has no 'text' column; columns are: {listed}", line=1)
        return
    index = {name: columns.index(name) for name in ("text", *FIELDS) if name in columns}
    last_line = reader.line_num
    while True:
        start = last_line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            yield Failure(input, _reason(exc), line=start)
            if isinstance(exc, UnicodeDecodeError):
                return  # the stream cannot be resynchronised after bad bytes
            last_line = reader.line_num
            continue
        last_line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        yield _row_article(row, index, input, start, published)


def _row_article(row: list[str], index: dict[str, int], input: str, line: int,
                 published: str | None) -> Article | Failure:
    def cell(name: str) -> str | None:
        at = index.get(name)
        value = row[at].strip() if at is not None and at < len(row) else ""
        return value or None

    text = cell("text")
    if text is None:
        return Failure(input, "empty text", line=line)
    article = article_from_fields(
        text, id=cell("id"), title=cell("title"), source=cell("source"),
        published=cell("published"), url=cell("url"), origin=f"{input}:{line}",
        published_override=published,
    )
    return check_article(article, input, line)


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    return f"bad CSV ({exc})"
