"""Where eventwire's time goes: each of its pipeline components timed alone over Docs the model
parsed once, against the bare model's own parse of the same texts (same process).

    .venv/bin/python benchmarks/components.py [--articles 200] [--rounds 3]

Prints seconds per component (best of the rounds) and each one's share of a bare parse. The
``eventwire_attribute_lookup`` and ``eventwire_lemma_memo`` rows stand in for the model's own rule
components; the rest is what eventwire adds.
"""

import argparse
import collections
import importlib
import time

from spacy.tokens import Doc

from eventwire.nlp import MODEL_PACKAGE, load_pipeline
from eventwire.nlp.to_result import to_result
from throughput import corpus

MODEL_PARTS = {"tok2vec", "tagger", "parser", "ner", "eventwire_newline_boundaries", "eventwire_names"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    articles = corpus(args.articles)
    bare = importlib.import_module(MODEL_PACKAGE).load()
    nlp = load_pipeline()
    ours = [(name, pipe) for name, pipe in nlp.pipeline if name not in MODEL_PARTS]
    with nlp.select_pipes(enable=[name for name, _ in nlp.pipeline if name in MODEL_PARTS]):
        parsed = [doc.to_bytes(exclude=["user_data"]) for doc in nlp.pipe(a.text for a in articles)]
    times: dict[str, list[float]] = collections.defaultdict(list)
    for _ in range(args.rounds):
        start = time.perf_counter()
        for _doc in bare.pipe((a.text for a in articles), batch_size=16):
            pass
        times["bare parse"].append(time.perf_counter() - start)
        docs = [Doc(nlp.vocab).from_bytes(b, exclude=["user_data"]) for b in parsed]
        for doc, article in zip(docs, articles):
            doc._.ew_published, doc._.ew_dateline = article.published, article.dateline
        for name, pipe in ours:
            start = time.perf_counter()
            for doc in docs:
                pipe(doc)
            times[name].append(time.perf_counter() - start)
        start = time.perf_counter()
        for doc, article in zip(docs, articles):
            to_result(doc, article).to_dict()
        times["to_result"].append(time.perf_counter() - start)
    base = min(times["bare parse"])
    print(f"{len(articles)} articles, best of {args.rounds} rounds")
    for name, values in times.items():
        print(f"{name:30} {min(values):7.3f} s  {min(values) / base:6.1%} of a bare parse")
    added = sum(min(v) for k, v in times.items() if k != "bare parse")
    print(f"{'all of the above but the parse':30} {added:7.3f} s  {added / base:6.1%} of a bare parse")


if __name__ == "__main__":
    main()
