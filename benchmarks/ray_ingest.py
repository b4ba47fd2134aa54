"""Throughput of ``ingest --engine ray`` against the local ``ingest --workers N`` on the same corpus.

    unshare -n sh -c 'ip link set lo up && .venv/bin/python benchmarks/ray_ingest.py [--articles 5000] [--workers 2]'

Writes a JSONL corpus of distinct articles (the gold raws and the samples, cycled, each with its own
id) to a temporary folder, then times, in the same run, the local ingest into a fresh SQLite
database and the Ray ingest into a fresh Parquet folder (Ray start-up and model loading included
in both). Prints both throughputs and the ratio Ray / local (the target is >= 0.8) and the load
average, since these machines are shared. Run it inside a loopback-only network namespace.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

from eventwire.distributed import ingest_ray
from eventwire.sources import read_text
from eventwire.store.ingest import ingest_paths

ROOT = Path(__file__).resolve().parent.parent


def write_corpus(folder: Path, n: int) -> Path:
    """n distinct JSONL records cycled from the gold sets and the sample articles."""
    raws = []
    for file in sorted((ROOT / "tests" / "gold").glob("*.jsonl")):
        raws += [(r["raw"], r["published"]) for r in map(json.loads, filter(str.strip, file.open()))]
    raws += [(file.read_text(), None) for file in sorted((ROOT / "samples").glob("*.txt"))]
    items = [read_text(raw, published=published) for raw, published in raws]
    articles = [a for a in items if not hasattr(a, "reason")]
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for k, a in enumerate(islice(cycle(articles), n)):
            handle.write(json.dumps({"id": f"{a.id}-{k}", "title": a.title, "source": a.source,
                                     "published": a.published, "text": a.text}) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    interfaces = [line.split(":")[0].strip() for line in Path("/proc/net/dev").read_text().splitlines()[2:]]
    if interfaces != ["lo"]:
        sys.exit("run inside a loopback-only network namespace: unshare -n sh -c 'ip link set lo up && ...'")
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        corpus = str(write_corpus(Path(tmp), args.articles))
        load_before = os.getloadavg()[0]
        start = time.perf_counter()
        local = ingest_paths([corpus], str(Path(tmp) / "local.db"), workers=args.workers, progress=False)
        local_s = time.perf_counter() - start
        start = time.perf_counter()
        ray = ingest_ray([corpus], str(Path(tmp) / "ray"), workers=args.workers)
        ray_s = time.perf_counter() - start
        load_after = os.getloadavg()[0]
    local_rate, ray_rate = local.articles / local_s, ray.articles / ray_s
    print(f"articles: {args.articles}, workers: {args.workers}, cores: {os.cpu_count()}, "
          f"load average {load_before:.1f} before, {load_after:.1f} after")
    print(f"local ingest --workers {args.workers}: {local_rate:6.1f} articles/s ({local_s:.0f} s, {local.articles:,} articles, {local.events:,} events, {local.failed} failed)")
    print(f"ray ingest, {args.workers} actors   : {ray_rate:6.1f} articles/s ({ray_s:.0f} s, {ray.articles:,} articles, {ray.events:,} events, {ray.failed} failed)")
    print(f"ratio ray/local: {ray_rate / local_rate:.2f} (target >= 0.8)")


if __name__ == "__main__":
    main()
