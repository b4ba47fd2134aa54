"""Throughput of eventwire's coder against bare spaCy parsing of the same texts, same process.

    .venv/bin/python benchmarks/throughput.py [--articles 300] [--rounds 2] [--workers 1]

Prints articles/second for both and the ratio (eventwire / bare). Model loading is excluded from
both; runs alternate (bare, eventwire, bare, eventwire) and the best of each is kept, since
these machines are noisy; the ratio of each back-to-back pair and their median are printed too.
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import time
from itertools import cycle, islice
from pathlib import Path

from eventwire.model import Article
from eventwire.nlp import MODEL_PACKAGE, load_pipeline
from eventwire.pipeline import code_stream
from eventwire.sources import read_text

ROOT = Path(__file__).resolve().parent.parent


def corpus(n: int) -> list[Article]:
    """n articles cycled from the gold set and the samples (distinct ids)."""
    raws = []
    for file in sorted((ROOT / "tests" / "gold").glob("*.jsonl")):
        raws += [(json.loads(line)["raw"], json.loads(line)["published"]) for line in file.open() if line.strip()]
    for file in sorted((ROOT / "samples").glob("*.txt")):
        raws.append((file.read_text(), None))
    articles = [read_text(raw, published=published) for raw, published in raws]
    articles = [a for a in articles if isinstance(a, Article)]
    return [Article(id=f"{a.id}-{k}", text=a.text, published=a.published, dateline=a.dateline)
            for k, a in enumerate(islice(cycle(articles), n))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1, help="processes for both (nlp.pipe n_process)")
    args = parser.parse_args()
    articles = corpus(args.articles)
    words = sum(len(a.text.split()) for a in articles)
    bare = importlib.import_module(MODEL_PACKAGE).load()
    load_pipeline()
    bare_times, ours_times = [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for _doc in bare.pipe((a.text for a in articles), batch_size=16, n_process=args.workers):
            pass
        bare_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for result in code_stream(articles, workers=args.workers):
            result.to_dict()
        ours_times.append(time.perf_counter() - start)
    bare_rate, ours_rate = len(articles) / min(bare_times), len(articles) / min(ours_times)
    print(f"articles: {len(articles)} ({words} words), {args.workers} process(es) each")
    if args.workers > 1:
        print("note: eventwire's time includes starting its worker pool, each worker loading the model;"
              " bare spaCy forks its loaded model. Use enough articles to amortise it.")
    print(f"bare spaCy nlp.pipe : {bare_rate:7.1f} articles/s ({words / min(bare_times):,.0f} words/s)")
    print(f"eventwire code      : {ours_rate:7.1f} articles/s ({words / min(ours_times):,.0f} words/s)")
    print(f"ratio eventwire/bare: {ours_rate / bare_rate:.3f} (best of each)")
    # each round's pair ran back to back, so their ratio shares the machine's state at the time
    paired = sorted(bare / ours for bare, ours in zip(bare_times, ours_times))
    print(f"per-round ratios    : {', '.join(f'{r:.3f}' for r in paired)} (median {statistics.median(paired):.3f})")


if __name__ == "__main__":
    main()
