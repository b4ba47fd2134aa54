"""Where articles come from: files, folders, gzip and standard input, each sent to its reader.

Single-article files (.txt, .html, unknown extensions) are refused above ``max_bytes``; JSON Lines
and CSV files are streamed record by record, so the limit applies to each record instead.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import sys
import zlib
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from eventwire.errors import InputError
from eventwire.model import Article, Failure
from eventwire.sources.checks import check_article, check_published, decode_bytes
from eventwire.sources.html import read_html
from eventwire.sources.jsonl import read_json_document, read_jsonl
from eventwire.sources.tabular import read_csv
from eventwire.sources.text import parse_wire_text

log = logging.getLogger(__name__)

STDIN = "-"
MAX_BYTES = 20_000_000
KINDS = {".txt": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
         ".csv": "csv", ".html": "html", ".htm": "html", ".xhtml": "html"}
_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)

Item = Article | Failure


def read_inputs(
    paths: Iterable[str], published: str | None = None, max_bytes: int = MAX_BYTES,
) -> Iterator[Item]:
    """Articles and Failures from files, folders (recursive, sorted, hidden names skipped) and "-".

    ``published`` (YYYY-MM-DD) overrides every publication date found; a malformed value raises
    InputError at once. Bad inputs never raise: each becomes one Failure.
    """
    override = check_published(published)
    return _read_paths(paths, override, max_bytes)


def read_text(raw: str, origin: str = STDIN, published: str | None = None) -> Item:
    """One wire-text article from a string (the Python API's way in), checked like any input."""
    override = check_published(published)
    return check_article(parse_wire_text(raw, origin, published_override=override), origin)


def walk(folder: Path) -> list[Path]:
    """The files under a folder, recursively, in sorted path order, skipping hidden files and folders."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, name) for name in files if not name.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _read_paths(paths: Iterable[str], published: str | None, max_bytes: int) -> Iterator[Item]:
    for name in paths:
        if name == STDIN:
            yield from _read_stdin(published, max_bytes)
            continue
        path = Path(name)
        if path.is_dir():
            for file in walk(path):
                yield from read_file(file, published, max_bytes)
        elif path.exists():
            yield from read_file(path, published, max_bytes)
        else:
            yield Failure(name, "no such file or folder")


def read_file(path: Path, published: str | None = None, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Everything one file holds, by its extension (``.gz`` appended means gzip)."""
    name = str(path)
    compressed = path.suffix.lower() == ".gz"
    kind = KINDS.get((path.with_suffix("") if compressed else path).suffix.lower(), "other")
    try:
        if not path.is_file():
            yield Failure(name, "not a regular file")
            return
        size = path.stat().st_size
        if kind in ("jsonl", "csv"):
            with _open(path, compressed) as handle:
                yield from _read_records(handle, kind, name, published, max_bytes)
            return
        if size > max_bytes and not compressed:
            yield Failure(name, _too_large(size, max_bytes))
            return
        with _open(path, compressed) as handle:
            data = handle.read(max_bytes + 1)
    except _GZIP_ERRORS as exc:
        yield Failure(name, f"not a valid gzip file ({exc})")
        return
    except OSError as exc:
        yield Failure(name, f"cannot read file ({exc.strerror or exc})")
        return
    if len(data) > max_bytes:
        yield Failure(name, _too_large(len(data), max_bytes, uncompressed=True))
        return
    yield from _read_document(data, kind, name, published)


def _read_records(handle: BinaryIO, kind: str, name: str, published: str | None,
                  max_bytes: int) -> Iterator[Item]:
    if kind == "jsonl":
        yield from read_jsonl(handle, name, published, max_bytes)
        return
    stream = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    yield from read_csv(stream, name, published, max_bytes)


def _read_document(data: bytes, kind: str, name: str, published: str | None) -> Iterator[Item]:
    """The article(s) of one whole file or of standard input, once read into memory."""
    try:
        text = decode_bytes(data)
    except InputError as exc:
        yield Failure(name, str(exc))
        return
    if kind == "json":
        yield from _read_json(text, name, published)
    elif kind == "html" or (kind == "other" and _looks_like_html(text)):
        yield read_html(text, name, published)
    else:
        yield check_article(parse_wire_text(text, name, published_override=published), name)


def _read_json(text: str, name: str, published: str | None) -> Iterator[Item]:
    """A .json file: one JSON document (object or list of objects), or else JSON Lines."""
    try:
        data = json.loads(text)
    except ValueError:
        yield from read_jsonl(text.splitlines(), name, published)
        return
    yield from read_json_document(data, name, published)


def _read_stdin(published: str | None, max_bytes: int) -> Iterator[Item]:
    """Standard input: JSON Lines when it starts with "{", HTML when with a tag, else one text."""
    stream = sys.stdin
    try:
        raw = stream.buffer.read(max_bytes + 1) if hasattr(stream, "buffer") else stream.read(max_bytes + 1)
    except OSError as exc:
        yield Failure(STDIN, f"cannot read standard input ({exc.strerror or exc})")
        return
    if len(raw) > max_bytes:
        yield Failure(STDIN, _too_large(len(raw), max_bytes))
        return
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogateescape")
    try:
        text = decode_bytes(raw)
    except InputError as exc:
        yield Failure(STDIN, str(exc))
        return
    first = text.lstrip()[:1]
    if first == "{":
        yield from read_jsonl(text.splitlines(), STDIN, published, max_bytes)
    else:
        yield from _read_document(raw, "other", STDIN, published)


def _open(path: Path, compressed: bool) -> BinaryIO:
    return gzip.open(path, "rb") if compressed else path.open("rb")  # type: ignore[return-value]


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<head" in head and "<body" in text[:5000].lower())


def _too_large(size: int, limit: int, uncompressed: bool = False) -> str:
    more = "more than " if size == limit + 1 else ""
    what = " uncompressed" if uncompressed else ""
    return f"file too large ({more}{_human(size)}{what} > {_human(limit)} limit)"


def _human(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"
