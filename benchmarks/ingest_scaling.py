"""Ingest throughput: ``eventwire ingest --workers 1`` vs ``--workers 2`` vs bare spaCy, one run.

    .venv/bin/python benchmarks/ingest_scaling.py [--articles 5000] [--keep DIR]

Generates a JSON Lines corpus (the gold and sample texts cycled, each with its own id so
deduplication skips none), then times, each as a fresh process from a cold start (interpreter,
imports and model loading included, as a user meets them):

- ``eventwire ingest CORPUS --db DB --workers 1``
- ``eventwire ingest CORPUS --db DB --workers 2``
- bare ``nlp.pipe(texts, n_process=2)`` with the plain English model over the same cleaned texts.

Prints articles/s for each and the ratios (targets: workers2/workers1 >= 1.6,
workers2/bare >= 0.8). The machine is shared, so the load average is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SCALING, TARGET_BARE = 1.6, 0.8


def raw_texts() -> list[tuple[str, str | None]]:
    """(raw article text, publication date or None) for every gold record and sample .txt file."""
    raws: list[tuple[str, str | None]] = []
    for file in sorted((ROOT / "tests" / "gold").glob("*.jsonl")):
        with file.open(encoding="utf-8") as handle:
            raws += [(r["raw"], r.get("published")) for r in map(json.loads, handle) if r]
    raws += [(file.read_text(encoding="utf-8"), None) for file in sorted((ROOT / "samples").glob("*.txt"))]
    return raws


def write_corpus(path: Path, n: int) -> int:
    """Write ``n`` articles as JSON Lines (body with its dateline, title, source, date, distinct id)."""
    from eventwire.model import Article
    from eventwire.sources import read_text

    records = []
    for raw, date in raw_texts():
        article = read_text(raw, published=date)
        if isinstance(article, Article):
            records.append({"title": article.title, "source": article.source,
                            "published": article.published, "text": _body(raw, article.title)})
    with path.open("w", encoding="utf-8") as out:
        for k, record in enumerate(islice(cycle(records), n)):
            record = {"id": f"bench-{k:06d}", **record}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return n


def _body(raw: str, title: str | None) -> str:
    """The raw text below its title and source/date lines, dateline prefix kept for the reader."""
    from eventwire.sources import parse_date

    lines = raw.split("\n")
    if title and lines[0].strip() == title:
        lines = lines[1:]
    if lines and len(lines[0]) < 80 and parse_date(lines[0]):
        lines = lines[1:]
    return "\n".join(lines)


def ingest_command(corpus: Path, db: Path, workers: int) -> list[str]:
    """The ``eventwire ingest`` command line, run with this interpreter."""
    return [sys.executable, "-m", "eventwire", "ingest", str(corpus), "--db", str(db), "--workers", str(workers)]


def run_ingest(corpus: Path, db: Path, workers: int) -> tuple[float, str]:
    """Wall time of one cold ``eventwire ingest`` into a new database, and its summary line."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    start = time.perf_counter()
    done = subprocess.run(ingest_command(corpus, db, workers), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({done.returncode}):\n{done.stderr}")
    return elapsed, done.stdout.strip()


BARE_SCRIPT = """
import json, sys, importlib
texts = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
nlp = importlib.import_module(sys.argv[2]).load()
n = sum(1 for _doc in nlp.pipe(texts, n_process=2))
print(n)
"""


def run_bare(corpus: Path, directory: Path) -> float:
    """Wall time of a cold process that parses the corpus's cleaned texts with nlp.pipe(n_process=2)."""
    from eventwire.model import Article
    from eventwire.nlp import MAX_CHARS, MODEL_PACKAGE
    from eventwire.sources import read_inputs

    texts = directory / "texts.jsonl"
    with texts.open("w", encoding="utf-8") as out:
        for item in read_inputs([str(corpus)]):
            if isinstance(item, Article):
                out.write(json.dumps(item.text[:MAX_CHARS]) + "\n")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", BARE_SCRIPT, str(texts), MODEL_PACKAGE], check=True,
                   capture_output=True)
    return time.perf_counter() - start


def load_average() -> str:
    """The 1/5/15-minute load averages, for judging how noisy the figures are."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="Corpus size (default 5000).")
    parser.add_argument("--keep", help="Write the corpus and databases here instead of a temp dir.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(args.keep or scratch)
        directory.mkdir(parents=True, exist_ok=True)
        corpus = directory / "corpus.jsonl"
        n = write_corpus(corpus, args.articles)
        print(f"corpus: {n:,} articles ({corpus.stat().st_size / 1e6:.1f} MB), load average {load_average()}",
              flush=True)
        rates = {}
        for workers in (1, 2):
            elapsed, summary = run_ingest(corpus, directory / f"w{workers}.db", workers)
            rates[f"workers{workers}"] = n / elapsed
            print(f"ingest --workers {workers}: {elapsed:7.1f} s  {n / elapsed:6.1f} articles/s  [{summary}]",
                  flush=True)
        elapsed = run_bare(corpus, directory)
        rates["bare"] = n / elapsed
        print(f"bare nlp.pipe(n_process=2): {elapsed:7.1f} s  {n / elapsed:6.1f} articles/s", flush=True)
    scaling, versus_bare = rates["workers2"] / rates["workers1"], rates["workers2"] / rates["bare"]
    print(f"workers2/workers1 = {scaling:.2f} (target >= {TARGET_SCALING})"
          f"{'' if scaling >= TARGET_SCALING else '  MISSED'}")
    print(f"workers2/bare     = {versus_bare:.2f} (target >= {TARGET_BARE})"
          f"{'' if versus_bare >= TARGET_BARE else '  MISSED'}")
    print(f"load average at end: {load_average()}")


if __name__ == "__main__":
    main()
