"""JSON Lines input: one article object per line (``text`` required; ``id``, ``title``, ``source``,
``published``, ``url`` optional). A bad line becomes a Failure with its number; the rest go on."""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from eventwire.errors import InputError
from eventwire.model import Article, Failure
from eventwire.sources.checks import check_article, decode_bytes
from eventwire.sources.text import article_from_fields

FIELDS = ("id", "title", "source", "published", "url")


def read_jsonl(
    lines: Iterable[bytes | str], input: str, published: str | None = None,
    max_bytes: int | None = None,
) -> Iterator[Article | Failure]:
    """Articles (or Failures) from the lines of a JSON Lines input named ``input``.

    Blank lines are skipped; a line longer than ``max_bytes`` is refused without being parsed.
    """
    for number, raw in enumerate(lines, start=1):
        if max_bytes is not None and len(raw) > max_bytes:
            yield Failure(input, f"line too large ({len(raw):,} > {max_bytes:,} bytes)", line=number)
            continue
        try:
            line = decode_bytes(raw) if isinstance(raw, bytes) else raw
        except InputError as exc:
            yield Failure(input, str(exc), line=number)
            continue
        if not line.strip():
            continue
        yield record_article(line, input, number, published)


def read_json_document(data: Any, input: str, published: str | None = None) -> Iterator[Article | Failure]:
    """Articles from a parsed JSON document: one article object, or a list of them."""
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records, start=1):
        origin = f"{input}#{index}" if isinstance(data, list) else input
        yield _from_record(record, input, None, origin, published)


def record_article(line: str, input: str, number: int, published: str | None = None) -> Article | Failure:
    """The Article that one JSON line describes, or a Failure saying what is wrong with the line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure(input, f"not valid JSON ({exc.msg} at column {exc.colno})", line=number)
    return _from_record(record, input, number, f"{input}:{number}", published)


def _from_record(record: Any, input: str, number: int | None, origin: str,
                 published: str | None) -> Article | Failure:
    if not isinstance(record, dict):
        return Failure(input, f"not a JSON object (found {type(record).__name__})", line=number)
    text = record.get("text")
    if not isinstance(text, str):
        reason = "JSON object has no 'text'" if text is None else "'text' is not a string"
        return Failure(input, reason, line=number)
    values = {name: _as_text(record.get(name)) for name in FIELDS}
    article = article_from_fields(
        text, id=values["id"], title=values["title"], source=values["source"],
        published=values["published"], url=values["url"], origin=origin,
        published_override=published,
    )
    return check_article(article, input, number)


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None
