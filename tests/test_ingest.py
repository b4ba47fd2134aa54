"""`eventwire ingest` end to end with the real pipeline: bad inputs, kill -9 and rerun, workers.

Each bad input must become exactly one row of `eventwire failures` while every good article is
stored; a run killed with SIGKILL and then rerun must leave the database an uninterrupted run
leaves; two worker processes must code exactly what one does.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from itertools import cycle, islice
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOOD_TXT = ("01_yemen_sanaa_strikes.txt", "03_china_egypt_talks.txt", "05_venezuela_protests.txt")
FEED = [line for line in (SAMPLES / "feed.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]

FRENCH = (
    "PARIS, 12 mars (AFP) - Le gouvernement français a annoncé mercredi qu'il allait rappeler son "
    "ambassadeur pour consultations, après des déclarations jugées inacceptables par le ministère "
    "des Affaires étrangères. Selon un porte-parole, la décision a été prise lors d'une réunion "
    "avec le président et elle sera suivie par d'autres mesures si la situation ne change pas."
)
SCRIPTS_ONLY = (
    "<!doctype html><html><head><title>Loading</title><script>window.dataLayer=[];</script></head>"
    "<body><script>function boot(){document.body.className='ready';}boot();</script>"
    "<script src='/static/app.js'></script></body></html>"
)
ENGLISH_LINE = "Officials said the talks would continue on Thursday in the capital. " * 15 + "\n"
OVERSIZE_BYTES = 50_000_000  # the issue's "50 MB file"; the reader's limit is 20 MB

# Bad input -> (line, stage, words the reason must contain)
BAD = {
    "empty.txt": (None, "read", "empty"),
    "photo.jpg": (None, "read", "binary"),
    "latin1.txt": (None, "read", "UTF-8"),
    "huge.txt": (None, "read", "too large"),
    "scripts.html": (None, "read", "no article text"),
    "french.txt": (None, "read", "not English"),
    "wire.csv": (1, "read", "no 'text' column"),
    "feed.jsonl": (2, "read", "not valid JSON"),
    "broken.txt.gz": (None, "read", "gzip"),
}


def write_fault_folder(folder: Path) -> set[str]:
    """Good and bad inputs side by side; return the origins the good articles must be stored under."""
    folder.mkdir()
    for name in GOOD_TXT:
        shutil.copy(SAMPLES / name, folder / name)
    with gzip.open(folder / "mali.txt.gz", "wb") as handle:
        handle.write((SAMPLES / "02_mali_army_camp_attack.txt").read_bytes())
    (folder / "feed.jsonl").write_text(f"{FEED[0]}\n{{\"id\": \"cut\", \"text\": \"Russia said\n{FEED[1]}\n",
                                       encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes(
        "Café owners in Nîmes said on Monday the police had closed the square after a protest.".encode("latin-1"))
    (folder / "scripts.html").write_text(SCRIPTS_ONLY, encoding="utf-8")
    (folder / "french.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "wire.csv").write_text("id,title,body\nw1,Talks resume,Officials met in Geneva on Monday.\n",
                                     encoding="utf-8")
    (folder / "broken.txt.gz").write_bytes(b"this was never gzip\n")
    with (folder / "huge.txt").open("w", encoding="utf-8") as handle:  # real English text, 50 MB
        for _ in range(OVERSIZE_BYTES // len(ENGLISH_LINE) + 1):
            handle.write(ENGLISH_LINE)
    feed = str(folder / "feed.jsonl")
    return {str(folder / n) for n in GOOD_TXT} | {str(folder / "mali.txt.gz"), f"{feed}:1", f"{feed}:3"}


def invoke(*args: str):
    """Run one `eventwire` command in this process (the model stays loaded between calls)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def failure_rows(db: Path) -> list[tuple[str, str, str, str]]:
    """`eventwire failures` output as (input, line, stage, reason) tuples."""
    out = invoke("failures", "--db", str(db)).stdout
    return [tuple(line.split("\t")) for line in out.splitlines() if line]  # type: ignore[misc]


def stored_articles(db: Path) -> list[dict]:
    out = invoke("articles", "--db", str(db), "--json", "--limit", "1000").stdout
    return [json.loads(line) for line in out.splitlines() if line]


def snapshot(db: Path) -> dict[str, list]:
    """The database's content keyed by content, not by row numbers or timestamps."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    by_article = "JOIN articles a ON a.pk = x.article_pk"
    queries = {
        "articles": "SELECT id, title, source, published, dateline, origin, text, pipeline_version FROM articles",
        "mentions": f"SELECT a.id, x.seq, x.cameo, x.source_code, x.target_code, x.date, x.location_country,"
                    f" x.fatalities, x.negated, x.pipeline_version FROM mentions x {by_article}",
        "events": "SELECT a.id, x.cameo, x.source_code, x.target_code, x.date, x.location_country, x.num_mentions,"
                  " x.num_sources, x.num_articles FROM events x JOIN articles a ON a.pk = x.first_article_pk",
        "links": f"SELECT a.id, x.seq, b.id, e.cameo, e.source_code, e.target_code, e.date FROM mentions x"
                 f" {by_article} JOIN events e ON e.pk = x.event_pk JOIN articles b ON b.pk = e.first_article_pk",
        "entities": f"SELECT a.id, x.seq, x.text, x.kind, x.actor FROM entities x {by_article}",
        "quotes": f"SELECT a.id, x.seq, x.speaker, x.text FROM quotes x {by_article}",
        "counts": f"SELECT a.id, x.seq, x.kind, x.number FROM counts x {by_article}",
        "failures": "SELECT input, line, stage, reason FROM failures",
    }
    try:
        return {name: sorted(conn.execute(sql).fetchall(), key=repr) for name, sql in queries.items()}
    finally:
        conn.close()


# ------------------------------------------------------------------ bad inputs


@pytest.fixture(scope="module")
def faults(tmp_path_factory):
    """Ingest the fault folder twice: folder, db, good origins, first run, content after it, second run."""
    base = tmp_path_factory.mktemp("faults")
    folder = base / "inputs"
    good = write_fault_folder(folder)
    db = base / "faults.db"
    first = invoke("ingest", str(folder), "--db", str(db))
    after_first = snapshot(db)
    second = invoke("ingest", str(folder), "--db", str(db))
    return folder, db, good, first, after_first, second


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_input_is_exactly_one_failure_row(faults, name):
    folder, db, *_ = faults
    line, stage, reason = BAD[name]
    rows = [row for row in failure_rows(db) if row[0] == str(folder / name)]
    assert len(rows) == 1, rows
    _, got_line, got_stage, got_reason = rows[0]
    assert (got_line, got_stage) == ("" if line is None else str(line), stage)
    assert reason.lower() in got_reason.lower()


def test_only_bad_inputs_fail(faults):
    folder, db, *_ = faults
    assert sorted(row[0] for row in failure_rows(db)) == sorted(str(folder / name) for name in BAD)


def test_every_good_article_is_stored_and_coded(faults):
    _, db, good, *_ = faults
    articles = stored_articles(db)
    assert sorted(a["origin"] for a in articles) == sorted(good)
    assert all(a["num_events"] > 0 for a in articles), [(a["origin"], a["num_events"]) for a in articles]


def test_summary_and_exit_code_report_failures(faults):
    *_, first, _, _ = faults
    assert first.exit_code == 1
    assert first.stdout.strip().splitlines()[-1].startswith("6 articles, ")
    assert first.stdout.strip().endswith(f"{len(BAD)} failed: see `eventwire failures`")


def test_rerun_adds_nothing(faults):
    _, db, _, _, after_first, second = faults
    assert snapshot(db) == after_first
    assert "0 articles, 0 events" in second.stdout
    assert "6 already stored" in second.stdout


def test_clean_folder_exits_zero(tmp_path):
    folder = tmp_path / "clean"
    folder.mkdir()
    shutil.copy(SAMPLES / GOOD_TXT[1], folder / GOOD_TXT[1])
    result = invoke("ingest", str(folder), "--db", str(tmp_path / "clean.db"))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("1 articles, ") and "failed: see" not in result.stdout


# ------------------------------------------------------------------ kill -9, resume, workers

CORPUS_SIZE = 96  # three pipeline chunks: the kill lands while later chunks are being coded


def write_corpus(path: Path, n: int = CORPUS_SIZE) -> None:
    """``n`` real articles (gold and sample texts, cycled with distinct ids) plus two bad lines."""
    texts = []
    for file in sorted((ROOT / "tests" / "gold").glob("*.jsonl")):
        texts += [(r["raw"], r["published"]) for r in map(json.loads, file.read_text(encoding="utf-8").splitlines())]
    texts += [(f.read_text(encoding="utf-8"), None) for f in sorted(SAMPLES.glob("*.txt"))]
    lines = [json.dumps({"id": f"k{k:03d}", "text": raw, "published": date})
             for k, (raw, date) in enumerate(islice(cycle(texts), n))]
    lines.insert(10, "{not json")
    lines.insert(n // 2, json.dumps({"id": "fr", "text": FRENCH}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def ingest_command(corpus: Path, db: Path, workers: int) -> list[str]:
    """`eventwire ingest` as its own process: these runs load code and data afresh, side by side."""
    return [sys.executable, "-m", "eventwire", "ingest", str(corpus), "--db", str(db), "--workers", str(workers)]


def run_ingest(corpus: Path, db: Path, workers: int = 1) -> subprocess.CompletedProcess:
    return subprocess.run(ingest_command(corpus, db, workers), capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus file and the database an uninterrupted `--workers 1` run makes of it."""
    base = tmp_path_factory.mktemp("corpus")
    path = base / "corpus.jsonl"
    write_corpus(path)
    whole = base / "whole.db"
    result = run_ingest(path, whole)
    assert result.returncode == 1, result.stderr  # the two bad lines
    return path, whole


def stored_count(db: Path) -> int:
    """Articles committed so far by another process (0 while the database is still being created)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def test_uninterrupted_run_stores_the_whole_corpus(corpus):
    _, whole = corpus
    content = snapshot(whole)
    assert len(content["articles"]) == CORPUS_SIZE
    assert [row[1] for row in content["failures"]] == [11, CORPUS_SIZE // 2 + 1]
    assert len(content["events"]) > CORPUS_SIZE  # merged records exist, repeated texts merged
    assert len(content["events"]) < len(content["mentions"])


def test_kill_9_then_rerun_equals_uninterrupted_run(corpus, tmp_path):
    path, whole = corpus
    killed = tmp_path / "killed.db"
    proc = subprocess.Popen(ingest_command(path, killed, 1), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while stored_count(killed) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL  # it was killed, it did not finish
    partial = stored_count(killed)
    assert 0 < partial < CORPUS_SIZE
    rerun = run_ingest(path, killed)
    assert f"{CORPUS_SIZE - partial} articles" in rerun.stdout and f"{partial} already stored" in rerun.stdout
    assert snapshot(killed) == snapshot(whole)


def test_two_workers_code_exactly_what_one_does(corpus, tmp_path):
    path, whole = corpus
    two = tmp_path / "two.db"
    result = run_ingest(path, two, workers=2)
    assert result.returncode == 1, result.stderr
    assert snapshot(two) == snapshot(whole)
