"""read_inputs over every input format, folders, gzip and stdin, and one Failure per bad input."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.model import Article, Failure
from eventwire.sources import read_inputs, read_text

BODY = ("Russian forces shelled the port city of Mariupol on Monday, officials said.\n"
        "Two people were killed and the mayor called for a ceasefire.")
WIRE = f"Port city shelled\nReuters, 3 March 2022\n{BODY}\n(Reporting by Jane Doe)"
FRENCH = ("Le président français a rencontré les dirigeants européens à Bruxelles pour discuter "
          "de la guerre et des sanctions contre la Russie.")
PAGE = """<!DOCTYPE html><html><head><title>Port city shelled | Example News</title>
<meta property="og:site_name" content="Example News"><meta name="date" content="2022-03-03">
<link rel="canonical" href="https://example.org/world/1"></head><body>
<nav><a href="/">Home</a> <a href="/world">World news menu link</a></nav>
<article><h1>Port city shelled</h1>
<p>Russian forces shelled the port city of Mariupol on Monday, officials said, in the heaviest attack this week.</p>
<p>Two people were killed and the mayor called for a ceasefire, saying the city could not hold out much longer.</p>
<p>Ukraine's foreign minister urged Western governments to send more air defence systems to protect civilians.</p>
</article><script>var tracking = "do not read me";</script>
<footer>Copyright 2022 Example News. All rights reserved. Footer text here.</footer></body></html>"""
SCRIPTS_ONLY = "<html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    if path.suffix == ".gz":
        content = gzip.compress(content)
    path.write_bytes(content)
    return path


def read(*paths: Path | str, **options) -> list[Article | Failure]:
    return list(read_inputs([str(p) for p in paths], **options))


def one_failure(items: list[Article | Failure]) -> Failure:
    assert len(items) == 1 and isinstance(items[0], Failure), items
    return items[0]


@pytest.mark.parametrize("name", ["a.txt", "a.txt.gz", "a", "a.story", "A.TXT"])
def test_text_file(tmp_path, name):
    path = write(tmp_path / name, WIRE)
    [article] = read(path)
    assert isinstance(article, Article)
    assert (article.title, article.source, article.published) == ("Port city shelled", "Reuters", "2022-03-03")
    assert article.text == BODY
    assert article.origin == str(path)


@pytest.mark.parametrize("name", ["a.jsonl", "a.jsonl.gz", "a.json", "a.ndjson"])
def test_jsonl_file(tmp_path, name):
    lines = [
        json.dumps({"id": "n1", "text": BODY + " Endit", "title": "Shelling", "source": "AFP",
                    "published": "2022-03-03T09:00:00Z", "url": "https://example.org/1"}),
        "",
        "{not json",
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "KYIV, March 4 (Reuters) - " + BODY.replace("Monday", "Tuesday")}),
    ]
    path = write(tmp_path / name, "\n".join(lines) + "\n")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Article"]
    first, bad_json, no_text, last = items
    assert (first.id, first.title, first.source, first.published, first.url) == (
        "n1", "Shelling", "AFP", "2022-03-03", "https://example.org/1")
    assert first.text == BODY and first.origin == f"{path}:1"
    assert (bad_json.line, bad_json.input, bad_json.stage) == (3, str(path), "read")
    assert bad_json.reason.startswith("not valid JSON")
    assert (no_text.line, no_text.reason) == (4, "JSON object has no 'text'")
    assert (last.dateline, last.source, last.origin) == ("Kyiv", "Reuters", f"{path}:5")
    assert last.text.startswith("Russian forces") and last.id == Article.content_id(last.text)


def test_json_document_list(tmp_path):
    records = [{"id": "a", "text": BODY}, {"id": "b", "text": BODY.replace("Two", "Three")}]
    path = write(tmp_path / "list.json", json.dumps(records, indent=2))
    items = read(path)
    assert [(i.id, i.origin) for i in items] == [("a", f"{path}#1"), ("b", f"{path}#2")]


@pytest.mark.parametrize("name", ["a.csv", "a.csv.gz"])
def test_csv_file(tmp_path, name):
    content = (
        "\ufeffID,Title,text,published\n"
        f'c1,Shelling,"{BODY}",2022-03-03\n'
        "c2,Empty,,2022-03-03\n"
        f'c3,Again,"{BODY.replace("Two", "Four")}",not a date\n'
    )
    path = write(tmp_path / name, content)
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article"]
    first, empty, third = items
    assert (first.id, first.title, first.published, first.text) == ("c1", "Shelling", "2022-03-03", BODY)
    assert first.origin == f"{path}:2"  # the row starts on line 2 even though its cell spans two lines
    assert (empty.input, empty.reason, empty.line) == (str(path), "empty text", 4)
    assert (third.id, third.published, third.origin) == ("c3", None, f"{path}:5")


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.html.gz", "page"])
def test_html_file(tmp_path, name):
    path = write(tmp_path / name, PAGE)
    [article] = read(path)
    assert isinstance(article, Article), article
    assert (article.title, article.source, article.published, article.url) == (
        "Port city shelled", "Example News", "2022-03-03", "https://example.org/world/1")
    assert article.text.startswith("Russian forces shelled")
    for unwanted in ("Home", "menu link", "tracking", "Footer", "All rights reserved"):
        assert unwanted not in article.text


def test_folder_is_recursive_sorted_and_skips_hidden(tmp_path):
    write(tmp_path / "b.txt", WIRE.replace("Two", "Three"))
    write(tmp_path / "a" / "z.txt", WIRE.replace("Two", "Four"))
    write(tmp_path / "a" / "c.jsonl", json.dumps({"id": "j", "text": BODY}))
    write(tmp_path / ".hidden.txt", WIRE)
    write(tmp_path / ".git" / "x.txt", WIRE)
    origins = [i.origin for i in read(tmp_path)]
    assert origins == [f"{tmp_path}/a/c.jsonl:1", f"{tmp_path}/a/z.txt", f"{tmp_path}/b.txt"]


@pytest.mark.parametrize("stdin, expected", [
    (WIRE, [("Port city shelled", "-")]),
    ("\n  " + json.dumps({"id": "s1", "text": BODY, "title": "T1"}) + "\n"
     + json.dumps({"id": "s2", "text": BODY, "title": "T2"}), [("T1", "-:2"), ("T2", "-:3")]),
])
@pytest.mark.parametrize("binary", [False, True])
def test_stdin_sniffing(monkeypatch, stdin, expected, binary):
    stream = io.TextIOWrapper(io.BytesIO(stdin.encode())) if binary else io.StringIO(stdin)
    monkeypatch.setattr(sys, "stdin", stream)
    items = read("-")
    assert [(i.title, i.origin) for i in items] == expected


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", "", "empty"),
    ("blank.txt", "\n \n\t\n", "empty"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary content"),
    ("latin1.txt", "Le café à Paris était fermé lundi.".encode("latin-1"),
     "not UTF-8 text (invalid byte at offset 6)"),
    ("scripts.html", SCRIPTS_ONLY, "no article text found in HTML"),
    ("french.txt", FRENCH, "not English (looks like French)"),
    ("short.txt", "Troops moved north.", "too short to be an article"),
    ("bad.txt.gz", b"not gzip at all", None),
])
def test_bad_file_gives_one_failure(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    failure = one_failure(read(path))
    assert (failure.input, failure.stage, failure.line) == (str(path), "read", None)
    if reason is None:
        assert failure.reason.startswith("not a valid gzip file")
    else:
        assert failure.reason == reason


@pytest.mark.parametrize("name", ["big.txt", "big.txt.gz", "big.html"])
def test_oversize_file(tmp_path, name):
    path = write(tmp_path / name, WIRE)
    failure = one_failure(read(path, max_bytes=100))
    assert failure.reason.startswith("file too large (") and failure.reason.endswith("> 100 bytes limit)")


def test_oversize_jsonl_line_is_one_failure(tmp_path):
    small, big = json.dumps({"text": BODY}), json.dumps({"text": BODY + " " + BODY})
    path = write(tmp_path / "a.jsonl", f"{small}\n{big}\n")
    items = read(path, max_bytes=len(small) + 10)
    assert isinstance(items[0], Article)
    assert items[1].line == 2 and items[1].reason.startswith("line too large")


def test_csv_without_text_column(tmp_path):
    path = write(tmp_path / "a.csv", "id,body\n1,Russian forces shelled the port city.\n")
    failure = one_failure(read(path))
    assert failure.reason == "CSV has no 'text' column; columns are: id, body"
    assert failure.line == 1


def test_jsonl_bad_line_among_good_ones(tmp_path):
    good = json.dumps({"text": BODY})
    path = write(tmp_path / "a.jsonl", f"{good}\n[1, 2]\n{good}\n\n{json.dumps({'text': FRENCH})}\n")
    items = read(path)
    failures = [(i.line, i.reason) for i in items if isinstance(i, Failure)]
    assert failures == [(2, "not a JSON object (found list)"), (5, "not English (looks like French)")]
    assert [i.origin for i in items if isinstance(i, Article)] == [f"{path}:1", f"{path}:3"]


def test_missing_path_and_batch_goes_on(tmp_path):
    good = write(tmp_path / "good.txt", WIRE)
    items = read(tmp_path / "missing.txt", good)
    assert isinstance(items[0], Failure) and items[0].reason == "no such file or folder"
    assert isinstance(items[1], Article)


def test_published_override_wins_everywhere(tmp_path):
    write(tmp_path / "a.txt", WIRE)
    write(tmp_path / "b.jsonl", json.dumps({"text": BODY, "published": "2022-03-03"}))
    write(tmp_path / "c.csv", f'text,published\n"{BODY}",2022-03-03\n')
    write(tmp_path / "d.html", PAGE)
    items = read(tmp_path, published="2020-01-02")
    assert len(items) == 4 and {i.published for i in items} == {"2020-01-02"}


def test_bad_published_option_raises_at_once(tmp_path):
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        read_inputs([str(tmp_path)], published="03/03/2022")


@pytest.mark.parametrize("raw, kind", [(WIRE, Article), (FRENCH, Failure), ("", Failure)])
def test_read_text(raw, kind):
    item = read_text(raw, origin="api", published="2022-03-05")
    assert isinstance(item, kind)
    if kind is Article:
        assert (item.published, item.origin, item.text) == ("2022-03-05", "api", BODY)
