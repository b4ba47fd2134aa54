"""Ingest throughput: ``eventwire ingest --workers 1`` vs ``--workers 2`` vs bare spaCy, one run.

    .venv/bin/python benchmarks/ingest_scaling.py [--articles 5000] [--keep DIR]

Generates a JSON Lines corpus (the gold and sample texts cycled, each with its own id so
deduplication skips none), then times, each as a fresh process from a cold start (interpreter,
imports and model loading included, as a user meets them):

- ``eventwire ingest CORPUS --db DB --workers 1``
- ``eventwire ingest CORPUS --db DB --workers 2``
- bare ``nlp.pipe(texts, n_process=2)`` with the plain English model over the same cleaned texts.

Prints articles/s for each and the ratios (targets: workers2/workers1 >= 1.6,
workers2/bare >= 0.8). The machine is shared, so the load average is printed too, and the CPU
seconds of each run's whole process tree (sampled from /proc) give the same ratios as two idle
cores would: other users' load stretches wall time but not CPU time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SCALING, TARGET_BARE = 1.6, 0.8
PAGE, TICKS = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")


def children_map() -> dict[int, list[int]]:
    """Parent pid -> child pids, for every process visible in /proc (Linux)."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue  # the process ended while we looked
            tree.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    return tree


def tree_stats(root: int) -> dict[int, tuple[int, float]]:
    """(RSS bytes, CPU seconds so far) of ``root`` and each of its descendants, by pid."""
    tree, stats, todo = children_map(), {}, [root]
    while todo:
        pid = todo.pop()
        try:
            rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            stats[pid] = (rss, (int(fields[11]) + int(fields[12])) / TICKS)  # utime + stime
        except (OSError, IndexError, ValueError):
            continue
        todo.extend(tree.get(pid, ()))
    return stats


class TreeSampler(threading.Thread):
    """Samples a process tree every ``interval`` s until stopped: peak summed RSS, largest process,
    and CPU seconds used by all its processes (each process's last sample; exits between samples
    lose at most ``interval`` of CPU each)."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = self.largest = 0
        self.cpu_by_pid: dict[int, float] = {}
        self.done = threading.Event()

    @property
    def cpu(self) -> float:
        return sum(self.cpu_by_pid.values())

    def run(self) -> None:
        while not self.done.is_set():
            stats = tree_stats(self.pid)
            if stats:
                self.peak = max(self.peak, sum(rss for rss, _ in stats.values()))
                self.largest = max(self.largest, max(rss for rss, _ in stats.values()))
                self.cpu_by_pid.update((pid, cpu) for pid, (_, cpu) in stats.items())
            self.done.wait(self.interval)


def timed(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run a command; return its wall seconds, the CPU seconds of its process tree, and the result."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    return elapsed, sampler.cpu, subprocess.CompletedProcess(command, proc.returncode, out, err)


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


def run_ingest(corpus: Path, db: Path, workers: int) -> tuple[float, float, str]:
    """Wall and CPU seconds of one cold ``eventwire ingest`` into a new database, and its summary."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    elapsed, cpu, done = timed(ingest_command(corpus, db, workers))
    if done.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({done.returncode}):\n{done.stderr}")
    return elapsed, cpu, done.stdout.strip()


BARE_SCRIPT = """
import json, sys, importlib
texts = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
nlp = importlib.import_module(sys.argv[2]).load()
n = sum(1 for _doc in nlp.pipe(texts, n_process=2))
print(n)
"""


def run_bare(corpus: Path, directory: Path) -> tuple[float, float]:
    """Wall and CPU seconds of a cold process parsing the corpus's cleaned texts with n_process=2."""
    from eventwire.model import Article
    from eventwire.nlp import MAX_CHARS, MODEL_PACKAGE
    from eventwire.sources import read_inputs

    texts = directory / "texts.jsonl"
    with texts.open("w", encoding="utf-8") as out:
        for item in read_inputs([str(corpus)]):
            if isinstance(item, Article):
                out.write(json.dumps(item.text[:MAX_CHARS]) + "\n")
    elapsed, cpu, done = timed([sys.executable, "-c", BARE_SCRIPT, str(texts), MODEL_PACKAGE])
    if done.returncode:
        raise SystemExit(f"bare spaCy failed:\n{done.stderr}")
    return elapsed, cpu


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
        rates, cpus = {}, {}
        for workers in (1, 2):
            elapsed, cpu, summary = run_ingest(corpus, directory / f"w{workers}.db", workers)
            rates[f"workers{workers}"], cpus[f"workers{workers}"] = n / elapsed, cpu
            print(f"ingest --workers {workers}    : {elapsed:7.1f} s {n / elapsed:6.1f} articles/s, "
                  f"CPU {cpu:7.1f} s  [{summary}]", flush=True)
        elapsed, cpu = run_bare(corpus, directory)
        rates["bare"], cpus["bare"] = n / elapsed, cpu
        print(f"bare nlp.pipe(n_process=2): {elapsed:7.1f} s {n / elapsed:6.1f} articles/s, CPU {cpu:7.1f} s",
              flush=True)
    report("workers2/workers1", rates["workers2"] / rates["workers1"], TARGET_SCALING)
    report("workers2/bare    ", rates["workers2"] / rates["bare"], TARGET_BARE)
    # On a busy machine wall time measures the other users too; CPU seconds do not. With two idle
    # cores, a run whose processes overlap fully takes about CPU/2 (the parent's share is small).
    print("CPU-based (what two idle cores would give):")
    report("workers2/workers1", cpus["workers1"] / (cpus["workers2"] / 2), TARGET_SCALING)
    report("workers2/bare    ", cpus["bare"] / cpus["workers2"], TARGET_BARE)
    print(f"load average at end: {load_average()}")


def report(name: str, ratio: float, target: float) -> None:
    print(f"  {name} = {ratio:.2f} (target >= {target}){'' if ratio >= target else '  MISSED'}")


if __name__ == "__main__":
    main()
