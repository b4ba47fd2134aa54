"""The SQLite store: schema, batched writes, dedup, failures, FTS, ingest resume, the ingest CLI."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.errors import EventwireError
from eventwire.model import ActorRef, Article, ArticleResult, Count, Entity, Event, Failure, Place, Quote
from eventwire.store import open_store
from eventwire.store.ingest import IngestSummary, ingest_paths
from eventwire.store.migrations import MIGRATIONS


def make_event(src: str = "RUSGOV", tgt: str | None = "FRA", cameo: str = "030", date: str | None = "2015-11-26") -> Event:
    return Event(
        sentence=1, evidence=f"{src} {cameo} {tgt}", source=ActorRef.from_code(src, src),
        target=ActorRef.from_code(tgt, tgt) if tgt else None, cameo=cameo, cameo_root=cameo[:2],
        plover="AGREE", quad_class=1, goldstein=4.0, date=date, location=Place("Moscow", "RUS", 55.75, 37.62),
    )


def make_result(text: str, events: tuple[Event, ...] = (), version: str = "test-1", **extra) -> ArticleResult:
    return ArticleResult(Article(id=Article.content_id(text), text=text, title=f"About {text[:20]}", source="Xinhua"),
                         events=events, pipeline_version=version, **extra)


def dump(path: Path) -> list:
    """Everything in the database except wall-clock timestamps, for exact comparisons."""
    conn = sqlite3.connect(path)
    tables = ("articles", "mentions", "events", "entities", "quotes", "counts", "failures")
    out = []
    for table in tables:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "added_at"]
        out.append((table, conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY 1, 2").fetchall()))
    conn.close()
    return out


@pytest.fixture
def store(tmp_path):
    with open_store(str(tmp_path / "test.db")) as s:
        yield s


def test_new_database_has_latest_schema_in_wal_mode(store):
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == MIGRATIONS[-1][0]
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == [number for number, _, _ in MIGRATIONS]


def test_reopening_applies_no_migration_twice(tmp_path):
    path = str(tmp_path / "twice.db")
    open_store(path).close()
    with open_store(path) as again:
        assert again.conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


@pytest.mark.parametrize("make", ["missing", "not_a_db"])
def test_readonly_open_of_bad_file_is_a_clear_error(tmp_path, make):
    path = tmp_path / "x.db"
    if make == "not_a_db":
        path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(EventwireError, match="x.db"):
        open_store(str(path), readonly=True)


def test_readonly_store_refuses_writes(tmp_path):
    path = str(tmp_path / "ro.db")
    open_store(path).close()
    with open_store(path, readonly=True) as ro, pytest.raises(EventwireError, match="read-only"):
        ro.add_results([make_result("text")])


def test_results_are_stored_with_everything_coded(store):
    result = make_result(
        "Putin met Hollande in Moscow.", (make_event(), make_event(cameo="043")),
        entities=(Entity("Vladimir Putin", "PERSON", "RUSGOV", 2),),
        quotes=(Quote("Putin", "RUSGOV", "We are ready to work together", True),),
        counts=(Count("killed", 130, "claimed 130 lives"),),
    )
    counts = store.add_results([result])
    assert (counts.articles, counts.events, counts.duplicates, counts.failures) == (1, 2, 0, 0)
    conn = store.conn
    assert conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 2
    assert conn.execute("SELECT text, actor, mentions FROM entities").fetchall() == [("Vladimir Putin", "RUSGOV", 2)]
    assert conn.execute("SELECT speaker_actor, direct FROM quotes").fetchall() == [("RUSGOV", 1)]
    assert conn.execute("SELECT kind, number FROM counts").fetchall() == [("killed", 130)]


@pytest.mark.parametrize("version, expected", [("coder-2.1", "coder-2.1"), ("", "0.1.0")])
def test_every_event_records_the_pipeline_version(store, version, expected):
    store.add_results([make_result("Some text.", (make_event(),), version=version)])
    assert store.conn.execute("SELECT DISTINCT pipeline_version FROM mentions").fetchall() == [(expected,)]
    assert store.conn.execute("SELECT pipeline_version FROM events").fetchall() == [(expected,)]


def test_same_content_hash_adds_nothing(store):
    store.add_results([make_result("Same text.", (make_event(),))])
    again = store.add_results([make_result("Same text.", (make_event(), make_event(cameo="043")))])
    assert (again.articles, again.events, again.duplicates) == (0, 0, 1)
    assert store.conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 1


def test_article_without_id_is_keyed_by_sha1_of_text(store):
    result = ArticleResult(Article(id="", text="No id given."), ())
    store.add_results([result])
    assert store.has_article(Article.content_id("No id given."))


def test_failures_are_rows_and_not_repeated(store):
    failure = Failure("bad.jsonl", "line is not JSON", "read", 3)
    counts = store.add_results([failure, make_result("Fine."), failure])
    assert counts.failures == 2 and counts.articles == 1
    rows = store.conn.execute("SELECT input, line, stage, reason FROM failures").fetchall()
    assert rows == [("bad.jsonl", 3, "read", "line is not JSON")]


def test_full_text_search_covers_title_and_text(store):
    store.add_results([make_result("Ceasefire talks resumed in Geneva."), make_result("Floods hit the delta.")])
    hits = store.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'geneva'").fetchall()
    assert len(hits) == 1


def test_interrupted_write_keeps_finished_batches_only(store):
    def results():
        for i in range(5):
            yield make_result(f"Article number {i}.", (make_event(),))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.add_results(results(), batch_size=2)
    assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    assert store.conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 4


# ------------------------------------------------------------------ ingest with stand-in reader/coder

TEXTS = [f"Russia and France agreed on step {i}." for i in range(7)]


def fake_reader(paths, published=None):
    for text in TEXTS:
        yield Article(id=Article.content_id(text), text=text, title=text[:12], source="AFP", published=published)
    yield Failure("corpus/empty.txt", "empty file", "read")


def fake_coder(items, workers=1):
    for item in items:
        if isinstance(item, Failure):
            yield item
        else:
            yield ArticleResult(item, (make_event(date=item.published),), pipeline_version="fake-1")


def interrupting_coder(after: int):
    def coder(items, workers=1):
        for n, result in enumerate(fake_coder(items, workers)):
            if n == after:
                raise KeyboardInterrupt
            yield result
    return coder


def test_ingest_summary_line():
    assert IngestSummary(9987, 31204, 13).line() == "9,987 articles, 31,204 events, 13 failed: see `eventwire failures`"
    assert IngestSummary(2, 3, 0).line() == "2 articles, 3 events, 0 failed"


def test_ingest_stores_and_counts(tmp_path):
    summary = ingest_paths(["corpus"], str(tmp_path / "a.db"), published="2015-11-27", progress=False,
                           reader=fake_reader, coder=fake_coder)
    assert (summary.articles, summary.events, summary.failed, summary.skipped) == (7, 7, 1, 0)
    again = ingest_paths(["corpus"], str(tmp_path / "a.db"), published="2015-11-27", progress=False,
                         reader=fake_reader, coder=fake_coder)
    assert (again.articles, again.events, again.skipped) == (0, 0, 7)


@pytest.mark.parametrize("stop_after", [0, 3, 5])
def test_interrupted_ingest_then_rerun_equals_uninterrupted(tmp_path, stop_after):
    whole, resumed = tmp_path / "whole.db", tmp_path / "resumed.db"
    ingest_paths(["c"], str(whole), progress=False, reader=fake_reader, coder=fake_coder, batch_size=2)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(["c"], str(resumed), progress=False, reader=fake_reader,
                     coder=interrupting_coder(stop_after), batch_size=2)
    ingest_paths(["c"], str(resumed), progress=False, reader=fake_reader, coder=fake_coder, batch_size=2)
    assert dump(resumed) == dump(whole)


KILL_SCRIPT = textwrap.dedent('''
    import sys, time
    sys.path.insert(0, {tests!r})
    from test_store import fake_coder, fake_reader
    from eventwire.store.ingest import ingest_paths

    def slow_coder(items, workers=1):
        for n, result in enumerate(fake_coder(items, workers)):
            if n == 4:
                print("ready", flush=True)
                time.sleep(60)
            yield result

    ingest_paths(["c"], sys.argv[1], progress=False, reader=fake_reader, coder=slow_coder, batch_size=2)
''')


def test_kill_9_then_rerun_equals_uninterrupted(tmp_path):
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    ingest_paths(["c"], str(whole), progress=False, reader=fake_reader, coder=fake_coder, batch_size=2)
    script = KILL_SCRIPT.format(tests=str(Path(__file__).parent))
    proc = subprocess.Popen([sys.executable, "-c", script, str(killed)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with open_store(str(killed), readonly=True) as partial:
        assert partial.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    ingest_paths(["c"], str(killed), progress=False, reader=fake_reader, coder=fake_coder, batch_size=2)
    assert dump(killed) == dump(whole)


def test_ingest_cli_prints_summary_and_exit_code(tmp_path, monkeypatch):
    from eventwire.cli import database, main

    def fake_ingest(paths, db, workers=1, published=None):
        return ingest_paths(paths, db, workers, published, progress=False, reader=fake_reader, coder=fake_coder)

    monkeypatch.setattr(database, "ingest_paths", fake_ingest)
    result = CliRunner().invoke(main, ["ingest", "corpus", "--db", str(tmp_path / "cli.db")])
    assert result.exit_code == 1
    assert "7 articles, 7 events, 1 failed: see `eventwire failures`" in result.output
